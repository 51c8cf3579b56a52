"""A table without rules whose last rows, carried onto the next page under its repeated
header, carry no figure and read as no body row by their words ('上年结转和结余资金 | 小计'):
they start left of every header label (names left-aligned under labels centred over them)
and stay the table's rows."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER: list[list[H | str]] = [[H("项目名称", colspan=2), "金额"]]
BODY = [
    ["收入总计", "", "33,172.15"],
    ["一般公共预算资金", "小计", "33,172.15"],
    ["", "公共财政拨款(补助)资金", "33,172.15"],
    ["其他资金", "小计", ""],
    ["", "事业收入", ""],
    ["上年结转和结余资金", "小计", ""],
    ["", "其中：动用上年结转和结余资金", ""],
]


def test_rows_without_figures_under_the_repeated_header_continue_the_table(tmp_path):
    builder = PdfBuilder(tmp_path / "income.pdf")
    builder.table(TableSpec("收入预算总表", HEADER, BODY, style="no_rules", break_before=(5,)), landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "income.pdf").tables
    assert table.pages == [1, 2]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [[normalize(t) for t in r] for r in BODY]
