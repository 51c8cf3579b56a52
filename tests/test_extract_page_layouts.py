"""Tables laid on the pages the ways other templates print them (the layouts of
benchmarks/holdout_layouts.py): a caption alone at the foot of a page whose title ends in a
qualifier after 表 or is the 决算's 单位构成, a row whose name the page broke in a table with
its code in several columns.

Each fixture is printed with tests/helpers/pdfgen_structure.py; the tests say what the officer
sees: each table under its own title, one row where one was printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Document
from desktopapp.extract import read_document
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, H, PrintedDocument
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec


def _spec(**fields) -> StructureSpec:
    values = dict(title="一般公共预算支出表", header=EXPENDITURE_HEADER, body=EXPENDITURE_ROWS, notes=[])
    values.update(fields)
    return StructureSpec(**values)


def _read(directory: Path, name: str, fill) -> tuple[Document, PrintedDocument]:
    builder = StructureBuilder(directory / f"{name}.pdf")
    fill(builder)
    printed = builder.save()
    return read_document(printed.path), printed


@pytest.mark.parametrize("title", ["一般公共预算支出表（功能科目）", "一般公共预算支出表(分单位)"])
def test_caption_at_the_foot_with_a_qualifier_after_the_title_titles_the_next_grid(tmp_path, title):
    first = _spec(title="财政拨款收支总表", number="表4", body=EXPENDITURE_ROWS[:6])
    second = _spec(title=title, number="表5", body=EXPENDITURE_ROWS[6:])

    def fill(b: StructureBuilder) -> None:
        b.table(first)
        b.table_with_caption_at_foot(second)

    document, _ = _read(tmp_path, "foot-qualified", fill)
    assert [t.title for t in document.tables] == ["财政拨款收支总表", title]
    above, below = document.tables
    assert len(above.body) == 6 and len(below.body) == len(EXPENDITURE_ROWS) - 6
    assert (below.number, below.unit, below.pages) == ("表5", "万元", [2])


def test_unit_composition_caption_at_the_foot_of_a_text_page_titles_the_next_grid(tmp_path):
    rows = [["1", "某某区财政局（本级）", ""], ["2", "某某区财政局财政所", "预算不单列，并入本级"]]
    spec = _spec(title="部门决算单位构成", header=[["序号", "单位名称", "备注"]], body=rows, unit=None)

    def fill(b: StructureBuilder) -> None:
        b.text_page(["以下为部门决算公开表格。"], heading="第二部分 公开表格")
        b.table_with_caption_at_foot(spec)

    document, _ = _read(tmp_path, "foot-composition", fill)
    (table,) = document.tables
    assert (table.title, table.kind, table.pages) == ("部门决算单位构成", "unit_composition", [2])
    assert len(table.body) == len(rows)
