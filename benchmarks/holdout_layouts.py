"""Extraction on page layouts the corpus does not have, from the corpus's own tables.

holdout_styles.py varies the print style and starts every table on its own page; this one
keeps the corpus's ruled style (unless --style) and varies how the tables sit on the pages, the ways other
templates print them. Every table of the corpus truth files is re-rendered with
tests/helpers/pdfgen.py (and pdfgen_structure.py) in each layout, one PDF per source document
and layout, its truth.json (pages, header and body exactly as printed) beside it; `python -m
desktopapp check` reads them, the corpus scorer prints one TOTAL line per layout, and a
`captions` line counts the tables read with the printed title, unit and number.

Layouts (each deterministic):
  flowing       tables one after another on the pages (no page break between them), so
                titles land anywhere and tables split across pages: "（续）" titles on every
                other table, the header repeated on two tables of three
  labels        a small "公开表N" label above each title, titles without their year prefix,
                the 单位 line over two lines ("单位：" | "万元") with a 编制单位 line beside it
  small_font    7.5 pt text in tight rows (11 pt body rows)
  title_orphan  each title printed alone at the foot of the page the table before ends on,
                its grid on the next page
  row_break     in each table a row whose name wraps across a page break: the name's first
                part ends the page with no figures, the rest and the figures top the next page

    python3 benchmarks/holdout_layouts.py [--layouts a,b] [--style lines] [--keep DIR] [-v]

`--style` prints the layouts in another of pdfgen's rule styles (three_line, no_rules …) or of
holdout_styles.py's print styles (header_bands, three_line_deep, no_rules_deep, narrow_wrap),
the two held-back dimensions together.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.holdout_styles import STYLES as PRINT_STYLES  # noqa: E402
from benchmarks.holdout_styles import (  # noqa: E402
    Style,
    check_and_score,
    is_amount,
    source_truths,
    styled_spec,
    truth_entry,
    write_truth,
)
from tests.helpers.pdfgen import (  # noqa: E402
    CELL_PAD_X,
    PAGE_MARGIN_X,
    STYLES,
    PrintedTable,
    _layout,
    text_width,
    wrap_text,
)
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec  # noqa: E402

YEAR_PREFIX = re.compile(r"^\d{4}年度?")
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = A4
ORG = "某某单位"  # the 编制单位 printed in `labels`


def base_spec(table: dict, style: str) -> StructureSpec | None:
    """The table printed in `style`: one of holdout_styles' print styles (header_bands,
    three_line_deep …) or, for any other name, pdfgen's rule style of that name."""
    spec = styled_spec(table, PRINT_STYLES.get(style, Style(style)), StructureSpec)
    assert spec is None or isinstance(spec, StructureSpec)
    return spec


def is_wide(spec: StructureSpec) -> bool:
    return len(spec.body[0]) >= 8


def is_code(text: str) -> bool:
    return text.strip().isdigit() and not is_amount(text)


def name_column(row: list[str]) -> int | None:
    """The row's first text cell that is neither a code nor a figure."""
    return next((c for c, text in enumerate(row) if text.strip() and not is_amount(text) and not is_code(text)), None)


def break_candidates(spec: StructureSpec) -> list[int]:
    """Rows with figures and a name of six characters or more, those in the second half of
    the body first: the rows the page may break."""
    n = len(spec.body)
    out = []
    for r in [*range(n // 2, n - 1), *range(1, n // 2)]:
        row = spec.body[r]
        c = name_column(row)
        if c is not None and len(row[c].strip()) >= 6 and any(is_amount(t) for t in row):
            out.append(r)
    return out


def plan_break(spec: StructureSpec, page: tuple[float, float]) -> tuple[int, list[float]] | None:
    """The row to break and the column widths that make its name wrap: the table's own widths
    when the name wraps in them, else the name's column narrowed to 0.6 of the name (the
    others widened), as long as no row grows taller than what a page holds."""
    width, height = page
    natural = _layout(spec, width - 2 * PAGE_MARGIN_X).widths
    for r in break_candidates(spec):
        c = name_column(spec.body[r])
        assert c is not None
        need = text_width(spec.body[r][c].strip(), spec.font_size)
        if need > natural[c] - 2 * CELL_PAD_X:
            return r, natural
        narrow = need * 0.6 + 2 * CELL_PAD_X
        rest = sum(natural) - natural[c]
        widths = [narrow if i == c else w * (rest + natural[c] - narrow) / rest for i, w in enumerate(natural)]
        trial = _layout(replace(spec, col_widths=widths, body=[list(row) for row in spec.body]), width)
        if max(trial.body_heights) + trial.header_height < height - 200:
            return r, widths
    return None


def split_for_break(spec: StructureSpec, r: int, widths: list[float]) -> None:
    """Print row `r` as two rows with a page break between them, as a row that was wrapping
    its name when the page ended: the codes and the name's first line (up to its cell's
    edge), then the name's rest and every other cell on the next page."""
    row = spec.body[r]
    c = name_column(row)
    assert c is not None
    name = row[c].strip()
    spec.col_widths = widths
    head = wrap_text(name, widths[c] - 2 * CELL_PAD_X, spec.font_size)[0]
    first = [text if is_code(text) and i < c else "" for i, text in enumerate(row)]
    second = ["" if is_code(text) and i < c else text for i, text in enumerate(row)]
    first[c], second[c] = head, name[len(head) :]
    spec.body[r : r + 1] = [first, second]
    spec.break_before = (r + 1,)


def join_broken(printed: PrintedTable, r: int) -> list[list[str]]:
    """The truth's body: the two printed parts of row `r` are one row."""
    body = [list(row) for row in printed.body]
    body[r : r + 2] = [[a + b for a, b in zip(body[r], body[r + 1], strict=True)]]
    return body


Layout = Callable[[StructureBuilder, list[tuple[dict, StructureSpec]]], list[dict]]


def flowing(builder: StructureBuilder, tables: list[tuple[dict, StructureSpec]]) -> list[dict]:
    landscape = any(is_wide(spec) for _table, spec in tables)  # one orientation for the flow
    out = []
    for i, (table, spec) in enumerate(tables):
        spec.continued_title = i % 2 == 0
        spec.repeat_header = i % 3 != 2
        printed = builder.table(spec, new_page=i == 0, landscape=landscape)
        out.append(truth_entry(table, printed))
    return out


def labels(builder: StructureBuilder, tables: list[tuple[dict, StructureSpec]]) -> list[dict]:
    out = []
    for i, (table, spec) in enumerate(tables):
        spec.title = YEAR_PREFIX.sub("", spec.title)
        spec.label, spec.number = f"公开表{i + 1}", None
        spec.org = ORG
        if spec.unit:
            spec.unit_lines = ("单位：", spec.unit)
        printed = builder.table(spec, landscape=is_wide(spec))
        out.append(truth_entry(table, printed, number=spec.label))
    return out


def small_font(builder: StructureBuilder, tables: list[tuple[dict, StructureSpec]]) -> list[dict]:
    out = []
    for table, spec in tables:
        spec.font_size, spec.title_size = 7.5, 13.0
        spec.body_row_height, spec.header_row_height = 11.0, 12.0
        out.append(truth_entry(table, builder.table(spec, landscape=is_wide(spec))))
    return out


def title_orphan(builder: StructureBuilder, tables: list[tuple[dict, StructureSpec]]) -> list[dict]:
    builder.text_page(["以下为部门预算公开表格。"], heading="第二部分 公开表格")
    out = []
    for table, spec in tables:
        assert builder.surface is not None
        room = builder.bottom_limit - builder.cursor
        if room > builder._title_height(spec) + 24:
            printed = builder.table_with_caption_at_foot(spec, landscape=is_wide(spec))
        else:
            printed = builder.table(spec, landscape=is_wide(spec))
        out.append(truth_entry(table, printed))
    return out


def row_break(builder: StructureBuilder, tables: list[tuple[dict, StructureSpec]]) -> list[dict]:
    out = []
    for table, spec in tables:
        plan = plan_break(spec, (LANDSCAPE_WIDTH, PORTRAIT_WIDTH) if is_wide(spec) else (PORTRAIT_WIDTH, LANDSCAPE_WIDTH))
        r = plan[0] if plan else None
        if plan:
            split_for_break(spec, *plan)
        printed = builder.table(spec, landscape=is_wide(spec))
        out.append(truth_entry(table, printed, body=join_broken(printed, r) if r is not None else printed.body))
    return out


LAYOUTS: dict[str, Layout] = {
    "flowing": flowing,
    "labels": labels,
    "small_font": small_font,
    "title_orphan": title_orphan,
    "row_break": row_break,
}


def render(source: Path, layout_name: str, out_dir: Path, style: str = "lines") -> Path:
    truth = json.loads(source.read_text(encoding="utf-8"))
    stem = source.name[: -len(".truth.json")] + "--" + layout_name
    pdf = out_dir / f"{stem}.pdf"
    builder = StructureBuilder(pdf)
    specs = [(table, spec) for table in truth["tables"] if (spec := base_spec(table, style)) is not None]
    tables = LAYOUTS[layout_name](builder, specs)
    builder.save()
    kept = {table["title"] for table, _spec in specs}
    write_truth(out_dir / f"{stem}.truth.json", pdf, truth, tables, kept)
    return pdf


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def caption_misses(layout_dir: Path, json_dir: Path) -> tuple[int, int, list[str]]:
    """Tables whose printed title, unit and number some read table carries exactly."""
    found = total = 0
    misses = []
    for truth_path in sorted(layout_dir.glob("*.truth.json")):
        pred_path = json_dir / (truth_path.name[: -len(".truth.json")] + ".json")
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {"tables": []}
        read = {(norm(t.get("title")), norm(t.get("unit")), norm(t.get("number"))) for t in pred["tables"]}
        for table in json.loads(truth_path.read_text(encoding="utf-8"))["tables"]:
            total += 1
            key = (norm(table["title"]), norm(table.get("unit")), norm(table.get("number")))
            if key in read:
                found += 1
            else:
                misses.append(f"  caption {truth_path.name[:-11]}: {'/'.join(key)}")
    return found, total, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument(
        "--style",
        default="lines",
        choices=sorted({*STYLES, *PRINT_STYLES}),
        help="pdfgen's rule style or holdout_styles' print style (the corpus's: lines)",
    )
    ap.add_argument("--keep", help="write the PDFs, truths and JSON here (kept)")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-file lines, wrong rows and captions")
    args = ap.parse_args(argv)
    sources = source_truths()
    if not sources:
        print("no corpus truth files with tables (../shared/corpus absent): nothing to measure")
        return 0
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="holdout-layouts-"))
    for name in args.layouts.split(","):
        layout_dir = base / name
        layout_dir.mkdir(parents=True, exist_ok=True)
        pdfs = [render(source, name, layout_dir, args.style) for source in sources]
        for line in check_and_score(pdfs, layout_dir, args.verbose):
            print(f"{name:13} {line}" if line.startswith("TOTAL") else line)
        found, total, misses = caption_misses(layout_dir, layout_dir / "json")
        if args.verbose:
            print("\n".join(misses))
        print(f"{name:13} captions {found}/{total} (title, unit and number as printed)")
    print(f"files in {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
