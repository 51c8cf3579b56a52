"""A table without rules continued on a page that holds none of its figures, under its
deep header repeated with its labels staggered one a line ('栏目' | '金额' centred on two
bands | '项目' | '名称'): the page's rows ('财政专户管理资金 小计', '专户管理教育收费') carry the
table on — its header repeats the one of the table the page before ends with."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "收入预算总表"
HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("金额", rowspan=2)],
    [H("项目名称", colspan=2)],
]
BODY = [
    ["收入总计", "", "27,664.22"],
    ["一般公共预算资金", "小计", "27,664.22"],
    ["", "公共财政拨款(补助)资金", "27,664.22"],
    ["", "专项收入", ""],
    ["政府性基金", "小计", ""],
    ["财政专户管理资金", "小计", ""],
    ["", "专户管理教育收费", ""],
    ["", "其他非税收入", ""],
    ["其他资金", "小计", ""],
    ["", "事业收入", ""],
    ["", "经营收入", ""],
    ["上年结转和结余资金", "小计", ""],
]


def test_rows_without_figures_under_a_staggered_repeated_header_continue_the_table(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", break_before=(5,), header_line_count=2)
    printed = builder.table(spec)
    builder.save()
    assert len(printed.pages) == 2
    tables = read_document(tmp_path / "t.pdf").tables
    [table] = [t for t in tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
