"""Extraction on print styles the corpus does not have, from the corpus's own tables.

Every table of the corpus truth files that have tables (../shared/corpus/{real,synthetic,wild})
is re-rendered with tests/helpers/pdfgen.py in held-back print styles, one PDF per source
document and style, each with its truth.json (the corpus format) beside it; `python -m
desktopapp check` reads them and the corpus scorer prints one TOTAL line per style.

Styles (the first, `lines`, is the corpus's ruled style: the reference the others are held to):
  lines            every cell ruled
  no_rules         no rule at all: columns by alignment alone
  header_bands     ruled grid, an extra grouping band above the header, every header text
                   typed over two or three lines
  narrow_wrap      no rules, narrow columns: names wrap inside the body, header names wrap
  three_line_deep  three-line table (top, under the header, bottom) with the deeper header
  no_rules_deep    no rules with the deeper header

    python3 benchmarks/holdout_styles.py [--styles a,b] [--keep DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.pdfgen import (  # noqa: E402
    CELL_PAD_X,
    H,
    PdfBuilder,
    PrintedTable,
    TableSpec,
    text_width,
)

CORPUS = REPO.parent / "shared" / "corpus"
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"
FONT_SIZE = 9.0


@dataclass(frozen=True)
class Style:
    rules: str  # pdfgen rule style
    deep: bool = False  # extra grouping band and header texts over several lines
    narrow: bool = False  # columns as narrow as their figures; names wrap


STYLES = {
    "lines": Style("lines"),  # the reference: the corpus's own ruled style
    "no_rules": Style("no_rules"),
    "header_bands": Style("lines", deep=True),
    "narrow_wrap": Style("no_rules", narrow=True),
    "three_line_deep": Style("three_line", deep=True),
    "no_rules_deep": Style("no_rules", deep=True),
}


def source_truths() -> list[Path]:
    """Truth files with tables; synthetic documents once per seed (their styles share tables)."""
    out: list[Path] = []
    seeds: set[str] = set()
    for kind in ("real", "synthetic", "wild"):
        for path in sorted((CORPUS / kind).glob("*.truth.json")):
            if "planted" in path.name:
                continue
            truth = json.loads(path.read_text(encoding="utf-8"))
            if not truth.get("tables"):
                continue
            if kind == "synthetic":
                seed = path.name.split("-")[0]
                if seed in seeds:
                    continue
                seeds.add(seed)
            out.append(path)
    return out


Cell = list  # [row, col, rowspan, colspan, text]


def header_cells(grid: list[list[str]]) -> list[Cell]:
    """The truth's header grid ("" where merged) as placed cells, merged as an office suite
    would: an empty cell continues the single-column cell above it, else the cell on its left
    begun in the same row."""
    if not grid:
        return []
    rows, cols = len(grid), len(grid[0])
    owner: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    for r in range(rows):
        for c in range(cols):
            text = grid[r][c] if c < len(grid[r]) else ""
            above = owner.get((r - 1, c))
            left = owner.get((r, c - 1))
            if not text and above and above[3] == 1 and above[0] + above[2] == r:
                above[2] += 1
                owner[(r, c)] = above
            elif not text and left and left[0] == r and left[2] == 1 and left[1] + left[3] == c:
                left[3] += 1
                owner[(r, c)] = left
            else:
                cell = [r, c, 1, 1, text]
                cells.append(cell)
                owner[(r, c)] = cell
    return cells


def header_rows(cells: list[Cell]) -> list[list[H | str]]:
    rows = max((cell[0] + cell[2] for cell in cells), default=0)
    placed: list[list[H | str]] = [[] for _ in range(rows)]
    for r, _c, rowspan, colspan, text in sorted(cells, key=lambda cell: (cell[0], cell[1])):
        placed[r].append(H(text, colspan=colspan, rowspan=rowspan))
    return placed


def is_amount(text: str) -> bool:
    t = text.replace(",", "").strip()
    return "." in t and t.lstrip("-").replace(".", "", 1).isdigit()


def is_figure(text: str) -> bool:
    """An amount or a percentage ('92.00%'): what a column of figures must be wide enough for."""
    t = text.strip()
    return is_amount(t[:-1] if t.endswith("%") else t)


def amount_columns(body: list[list[str]], cols: int) -> list[bool]:
    def empty(c: int) -> bool:
        return not any(c < len(row) and row[c].strip() for row in body)

    # A column left empty is an amount column nothing was budgeted in.
    return [empty(c) or any(c < len(row) and is_amount(row[c]) for row in body) for c in range(cols)]


def deepen(cells: list[Cell], body: list[list[str]]) -> list[Cell]:
    """An extra grouping band above the header: a top cell over only amount columns reaches up
    into it; neighbouring top cells over label columns are grouped under one band cell "栏目"."""
    cols = max((cell[1] + cell[3] for cell in cells), default=0)
    amounts = amount_columns(body, cols)
    out: list[Cell] = []
    band: Cell | None = None
    for row, col, rowspan, colspan, text in sorted(cells, key=lambda cell: (cell[0], cell[1])):
        if row > 0:
            out.append([row + 1, col, rowspan, colspan, text])
        elif all(amounts[col : col + colspan]):
            out.append([0, col, rowspan + 1, colspan, text])
            band = None
        else:
            out.append([1, col, rowspan, colspan, text])
            if band is not None and band[1] + band[3] == col:
                band[3] += colspan
            else:
                band = [0, col, 1, colspan, "栏目"]
                out.append(band)
    return out


def narrow_widths(header: list[list[str]], body: list[list[str]], cols: int) -> list[float]:
    """Amount columns as wide as their widest figure, label columns at most seven characters."""
    widths = []
    amounts = amount_columns(body, cols)
    for c in range(cols):
        texts = [row[c] for row in body if c < len(row) and row[c]]
        if amounts[c]:  # as wide as its widest figure (a percentage too, or it would overprint
            # the next column); the column's sentences (a 绩效 form's) wrap
            width = max((text_width(t, FONT_SIZE) for t in texts if is_figure(t)), default=0.0)
        else:
            width = min(max((text_width(t, FONT_SIZE) for t in texts), default=0.0), 7 * FONT_SIZE)
        widths.append(max(width, 2 * FONT_SIZE) + 2 * CELL_PAD_X + 2)
    return widths


def styled_spec(table: dict, style: Style, spec_type: type[TableSpec] = TableSpec) -> TableSpec | None:
    """The truth table as a pdfgen spec printed in `style` (None for a table without a body);
    holdout_layouts.py prints its layouts from the same specs."""
    body = [list(row) for row in table.get("body", [])]
    grid = [list(row) for row in table.get("header", [])]
    cols = len(grid[0]) if grid else len(body[0]) if body else 0
    if not cols or not body:
        return None
    cells = header_cells(grid)
    if style.deep:
        cells = deepen(cells, body)
    return spec_type(
        title=table["title"],
        number=table.get("number"),
        unit=table.get("unit"),
        header=header_rows(cells),
        body=body,
        style=style.rules,
        header_line_count=3 if style.deep else 1,
        col_widths=narrow_widths(grid, body, cols) if style.narrow else None,
        fill_width=not style.narrow,
    )


def render(source: Path, style_name: str, out_dir: Path) -> Path:
    style = STYLES[style_name]
    truth = json.loads(source.read_text(encoding="utf-8"))
    stem = source.name[: -len(".truth.json")] + "--" + style_name
    pdf = out_dir / f"{stem}.pdf"
    builder = PdfBuilder(pdf)
    tables: list[dict] = []
    kept: set[str] = set()
    for table in truth["tables"]:
        spec = styled_spec(table, style)
        if spec is None:
            continue
        printed = builder.table(spec, landscape=len(spec.body[0]) >= 8)
        tables.append(truth_entry(table, printed))
        kept.add(table["title"])
    builder.save()
    write_truth(out_dir / f"{stem}.truth.json", pdf, truth, tables, kept)
    return pdf


def truth_entry(table: dict, printed: PrintedTable, **changes) -> dict:
    """A table of the re-rendered document's truth: as printed (pages, header, body)."""
    entry = {
        "title": printed.title,
        "number": printed.number,
        "unit": printed.unit,
        "pages": printed.pages,
        "numeric": table.get("numeric", True),
        "header": printed.header,
        "body": printed.body,
    }
    entry.update(changes)
    return entry


def write_truth(path: Path, pdf: Path, source: dict, tables: list[dict], kept: set[str]) -> None:
    """The truth.json beside a re-rendered PDF, in the corpus format: its tables, and the
    source's known issues on the tables kept (narrative issues stay out: no text is printed)."""
    out_truth = {
        "source": pdf.name,
        "doc_kind": source.get("doc_kind"),
        "tables": tables,
        "planted": [],
        "known_issues": [k for k in source.get("known_issues", []) if k.get("table") in kept],
        "narrative_issues": [],
    }
    path.write_text(json.dumps(out_truth, ensure_ascii=False, indent=1), encoding="utf-8")


def check_and_score(pdfs: list[Path], out_dir: Path, verbose: bool) -> list[str]:
    """`check` the PDFs into out_dir/json and score them against the truths beside them: the
    TOTAL line, or every line of the scorer's verbose output."""
    json_dir = out_dir / "json"
    subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", *map(str, pdfs), "--json", str(json_dir)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    scored = subprocess.run(
        [sys.executable, str(SCORER), "--pred-dir", str(json_dir), "--truth-dir", str(out_dir)]
        + (["--verbose"] if verbose else []),
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return scored.splitlines() if verbose else [ln for ln in scored.splitlines() if ln.startswith("TOTAL")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--keep", help="write the PDFs, truths and JSON here (kept)")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-file lines and wrong rows")
    args = ap.parse_args(argv)
    sources = source_truths()
    if not sources:
        print("no corpus truth files with tables (../shared/corpus absent): nothing to measure")
        return 0
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="holdout-"))
    for name in args.styles.split(","):
        style_dir = base / name
        style_dir.mkdir(parents=True, exist_ok=True)
        pdfs = [render(source, name, style_dir) for source in sources]
        for line in check_and_score(pdfs, style_dir, args.verbose):
            print(f"{name:16} {line}" if line.startswith("TOTAL") else line)
    print(f"files in {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
