"""A table without rules and without figures (a blank template) continued on the next page
under its repeated header: the continuation has no caption above it, but its page starts
with the header's labels standing in columns over rows that read as body rows — it is the
table carried on, every row kept."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "收入支出决算总表"
HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "决算数", "项目", "决算数"],
]
OUTGOINGS = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
             "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出"]
INCOMES = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入"]
NUMERALS = "一二三四五六七八九十"
BODY = [
    [f"{NUMERALS[k]}、{INCOMES[k]}" if k < len(INCOMES) else "", "", f"{NUMERALS[k]}、{name}", ""]
    for k, name in enumerate(OUTGOINGS)
] + [["本年收入合计", "", "本年支出合计", ""], ["年初结转和结余", "", "年末结转和结余", ""], ["总计", "", "总计", ""]]


def test_blank_table_continued_under_its_repeated_header(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", break_before=(8,), header_line_count=2)
    printed = builder.table(spec)
    builder.save()
    assert len(printed.pages) == 2
    tables = read_document(tmp_path / "t.pdf").tables
    [table] = [t for t in tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
