"""The sample disclosure printed as two PDFs, as some publishers do: the text (cover, 目录,
概况, 情况说明) in one, the tables in the other — with one figure of the 情况说明 altered.

    text_pdf, tables_pdf = build_split(tmp_path)

The altered figure (`PLANTED`, printed where the tables say `TRUE`) is a 项 amount quoted from
the 一般公共预算支出表: only the tables can show it is wrong (no share or change in its
sentence depends on it beyond the printed precision).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import sample_budget as sample
from tests.helpers.pdfgen import PdfBuilder

TRUE = "1099.62"
PLANTED = "1096.62"


def _explanation() -> list[tuple[str, bool]]:
    out = []
    for text, indented in sample.EXPLANATION:
        if f"(项){TRUE}万元" in text:
            text = text.replace(f"(项){TRUE}万元", f"(项){PLANTED}万元")
        out.append((text, indented))
    assert out != sample.EXPLANATION, "the sample's wording changed: pick another figure"
    return out


def build_text(path: Path) -> Path:
    builder = PdfBuilder(path)
    builder.cover([sample.DEPARTMENT, "江汉社会保险管理处", f"{sample.YEAR}年预算"])
    unit, year = sample.UNIT, sample.YEAR
    builder.text_page(
        [
            f"第一部分 {unit}概况",
            f"第二部分 {unit}{year}年预算表",
            *(f"\u3000\u3000{line}" for line in sample.TABLE_LIST),
            f"第三部分 {unit}{year}年预算情况说明",
        ],
        heading="目    录",
        indent=False,
    )
    sample._paragraphs(builder, f"第一部分 {unit}概况", sample.OVERVIEW)
    sample._paragraphs(builder, f"第三部分 {unit}{year}年预算情况说明", _explanation())
    builder.save()
    return path


def build_tables(path: Path) -> Path:
    builder = PdfBuilder(path)
    for spec, landscape in sample.tables():
        builder.table(spec, landscape=landscape)
    builder.save()
    return path


def build_split(folder: Path) -> tuple[Path, Path]:
    """(text PDF, tables PDF) in `folder`."""
    return build_text(folder / "预算-情况说明.pdf"), build_tables(folder / "预算-公开表.pdf")
