"""A small table printed without rules whose last row the page broke: the 合计 row and the
unit's code and first part of its name end the page, the name's rest and the unit's figures
top the next page under the repeated header (收入总表, 一般公共预算支出表(分单位) of a
department with one unit).

The officer sees the table under its title with every row: the 合计 row, the unit as one row
with its figures, its child unit — not a page of header alone and a table without title."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Table
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, register_fonts, text_width
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec

UNIT_HEADER: list = [
    [H("单位编码", rowspan=2), H("单位名称", rowspan=2), H("合计", rowspan=2), H("基本支出", colspan=3),
     H("项目支出", rowspan=2)],
    ["小计", "人员经费", "公用经费"],
]
UNIT_FIGURES = ["1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"]


def _one_table(directory: Path, spec: StructureSpec) -> Table:
    builder = StructureBuilder(directory / "small.pdf")
    builder.table(spec)
    (table,) = read_document(builder.save().path).tables
    return table


def _name_width(head: str) -> float:
    """A name column that `head` fills: the unit's name wraps right after it."""
    register_fonts()
    return text_width(head, 9.0) + 8


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_unit_row_broken_by_the_page_in_a_small_table_is_one_row_with_its_figures(tmp_path, style):
    rows = [
        ["合计", "", *UNIT_FIGURES],
        ["503", "武汉市人力资源", "", "", "", "", ""],
        ["", "和社会保障局", *UNIT_FIGURES],
        ["503004", "武汉市人力资源和社会保障局江汉社会保险管理处", *UNIT_FIGURES],
    ]
    spec = StructureSpec(
        title="一般公共预算支出表(分单位)",
        number="表5-2",
        header=UNIT_HEADER,
        body=rows,
        style=style,
        col_widths=[70.0, _name_width("武汉市人力资源"), 70.0, 70.0, 70.0, 70.0, 70.0],
        break_before=(2,),
    )
    table = _one_table(tmp_path, spec)
    assert (table.title, table.pages) == ("一般公共预算支出表(分单位)", [1, 2])
    body = [[c.text for c in row] for row in table.body]
    assert body[0] == ["合计", "", *UNIT_FIGURES]
    assert body[1] == ["503", "武汉市人力资源和社会保障局", *UNIT_FIGURES]
    assert len(body) == 3 and body[2][0] == "503004"


def test_small_table_with_amounts_wrapped_in_narrow_columns_keeps_its_first_page(tmp_path):
    """Amounts wrapped in their narrow columns ('1,982.3' | '1') on the page the table starts
    on, the unit's row broken by the page: the first page's rows are read under the title."""
    labels = ["小计", "一般公共预算", "政府性基金", "国有资本经营", "财政专户", "事业收入", "其他收入"]
    header = [[H("部门（单位）代码", rowspan=2), H("部门（单位）名称", rowspan=2), H("合计", rowspan=2),
               H("本年收入", colspan=len(labels))], labels]
    figures = ["1,982.31", "1,982.31", "1,826.31", "", "", "", "", "156.00"]
    rows = [
        ["合计", "", *figures],
        ["503", "武汉市人力资源", *[""] * len(figures)],
        ["", "和社会保障局", *figures],
        ["503004", "武汉市人力资源和社会保障局江汉社会保险管理处", *figures],
    ]
    register_fonts()
    narrow = text_width("1,982.3", 9.0) + 9
    spec = StructureSpec(
        title="收入总表",
        number="表2",
        header=header,
        body=rows,
        style="no_rules",
        col_widths=[60.0, _name_width("武汉市人力资源"), *[narrow] * 3, *[50.0] * 4, 40.0],
        break_before=(2,),
    )
    table = _one_table(tmp_path, spec)
    assert (table.title, table.number, table.pages) == ("收入总表", "表2", [1, 2])
    body = [[c.text for c in row] for row in table.body]
    assert body[0] == ["合计", "", *figures]
    assert body[1] == ["503", "武汉市人力资源和社会保障局", *figures]
    assert len(body) == 3
