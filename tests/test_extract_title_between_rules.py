"""Tables set one after another in the three-line style: the first table's bottom rule and the
next table's top rule have the same extent, and only the next table's title (no number, no
单位 line) is printed between them. That caption alone parts them — two tables, each with
its title — whatever size the title is printed in."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

FIRST = TableSpec(
    "上年结转结余情况明细表",
    [["项目名称", "总计", "财政拨款", "非财政拨款"]],
    [["总计", "5.13", "5.13", ""], ["某某中心", "5.13", "5.13", ""], ["访惠聚驻村工作专项经费", "5.13", "5.13", ""]],
    style="three_line",
)
SECOND_ROWS = [
    ["部门联系人", "马某", "联系电话", "2267794"],
    ["年度预算", "资金来源", "资金总额", "120.00"],
    ["财政资金", "上级安排", "本级安排", "0.00"],
]


@pytest.mark.parametrize("title_size", [16.0, 9.0])
def test_a_title_alone_between_two_tables_rules_parts_them(tmp_path, title_size):
    second = TableSpec("部门整体绩效目标表", [["项目", "内容", "项目", "金额"]], SECOND_ROWS, style="three_line",
                       unit=None, title_size=title_size)
    builder = PdfBuilder(tmp_path / "flowing.pdf")
    printed = [builder.table(FIRST), builder.table(second, new_page=False)]
    builder.save()
    assert printed[0].pages == printed[1].pages == [1]

    tables = read_document(tmp_path / "flowing.pdf").tables
    assert [t.title for t in tables] == ["上年结转结余情况明细表", "部门整体绩效目标表"]
    for table, want in zip(tables, printed):
        assert [[normalize(t) for t in row] for row in table.body_texts()] == [
            [normalize(t) for t in row] for row in want.body
        ]
