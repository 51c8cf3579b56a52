"""An empty table printed without rules whose last column is empty in the body: its label
('年末结转和结余') heads a column of its own, never the column of the text on its left.

Shanghai's 政府性基金预算财政拨款收入支出决算表 prints, when there is nothing to report, one body
row: '合计', and under 本年支出 its parts '合计 | 基本支出 | 项目支出' — the 年末结转和结余 cell
beside them left blank. Without rules, the label of that blank last column stands far right
of '项目支出'; the cell it would be centred over, were it 项目支出's, would end beyond the table.
"""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "政府性基金预算财政拨款收入支出决算表"
HEADER: list[list[H | str]] = [
    [
        H("项目", colspan=2),
        H("年初结转和结余", rowspan=2),
        H("本年收入", rowspan=2),
        H("本年支出", colspan=3),
        H("年末结转和结余", rowspan=2),
    ],
    ["功能分类科目编码", "科目名称", "", "", ""],
]
BODY = [["合计", "", "", "", "合计", "基本支出", "项目支出", ""]]


@pytest.mark.parametrize("style", ["no_rules", "lines"])
def test_blank_last_column_keeps_its_own_label(tmp_path, style):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(
        TITLE,
        HEADER,
        BODY,
        style=style,
        notes=["说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"],
    )
    builder.table(spec, landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == BODY
    assert normalize(table.header[0][-1].text) == "年末结转和结余"


def test_a_label_centred_over_short_names_of_the_last_column_heads_them(tmp_path):
    """单位名称 centred over a wide last column of short left-aligned names, a blank column
    beside it: the names are its column (the cell it is centred over ends within the table)."""
    title = "部门决算单位构成"
    header = [["序号", "单位名称", "单位性质"]]
    body = [["1", "某某局（本级）", ""], ["2", "某某中心", ""], ["3", "。。。", ""]]
    builder = PdfBuilder(tmp_path / "u.pdf")
    builder.table(
        TableSpec(title, header, body, style="no_rules", col_widths=[40.0, 300.0, 80.0], fill_width=False)
    )
    builder.save()
    [table] = [t for t in read_document(tmp_path / "u.pdf").tables if normalize(t.title) == title]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in r] for r in body
    ]
