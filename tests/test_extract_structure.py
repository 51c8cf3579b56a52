"""What lies around the grids and across pages, read for any template: a 单位 line wrapped
over two lines, a label above or beside the title, a caption alone at the foot of a page,
a row or a header continued over a page break, text hidden outside the page's box.

Each fixture is a PDF printed with tests/helpers/pdfgen_structure.py; the tests say what
the officer would see (the unit, the number and title, one row, one table)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktopapp.core.model import Document
from desktopapp.extract import read_document
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PrintedDocument
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec


def _spec(**fields) -> StructureSpec:
    values = dict(
        title="一般公共预算支出表",
        header=EXPENDITURE_HEADER,
        body=EXPENDITURE_ROWS,
        org=None,
        notes=[],
    )
    values.update(fields)
    return StructureSpec(**values)


def _read(directory: Path, name: str, fill) -> tuple[Document, PrintedDocument]:
    builder = StructureBuilder(directory / f"{name}.pdf")
    fill(builder)
    printed = builder.save()
    return read_document(printed.path), printed


@pytest.mark.parametrize(
    ("parts", "unit"),
    [(("单位：", "万元"), "万元"), (("金额单位：万", "元"), "万元"), (("单位：", "元"), "元")],
)
@pytest.mark.parametrize("style", ["lines", "three_line"])
def test_unit_line_wrapped_over_two_lines_keeps_the_unit(tmp_path, parts, unit, style):
    document, _ = _read(
        tmp_path, "unit", lambda b: b.table(_spec(unit=None, unit_lines=parts, style=style, number="表5"))
    )
    (table,) = document.tables
    assert table.unit == unit
    assert table.title == "一般公共预算支出表"
    assert table.body[0][2].value == Decimal("1826.31")


@pytest.mark.parametrize("label", ["公开表1", "附表3", "表一", "公开01表", "表1-2", "附表 5"])
@pytest.mark.parametrize("on_unit_line", [False, True])
def test_small_label_by_the_title_is_the_number_not_the_title(tmp_path, label, on_unit_line):
    document, _ = _read(
        tmp_path,
        "label",
        lambda b: b.table(_spec(title="部门收支总表", label=label, label_on_unit_line=on_unit_line, style="lines")),
    )
    (table,) = document.tables
    assert table.title == "部门收支总表"
    assert table.number == label.replace(" ", "")
    assert table.kind == "budget_summary"
    assert table.unit == "万元"
