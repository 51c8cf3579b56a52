"""A table without rules in narrow columns whose rows are nearly all names wrapped over two
lines, with empty rows between them (the end of a 收支总表: '（廿四）债务发行费用支出', an empty
row, '二、年终结转结余', an empty row, the 总计 row). No run of one-line rows gives the row pitch,
yet the rows after the empty ones belong to the table, and the empty rows are kept."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["项目", "预算数", "项目", "预算数"]]
BODY = [
    ["一、本年收入", "1,826.31", "（廿一）其他支出", "1,826.31"],
    ["", "", "（廿二）债务还本支出", ""],
    ["", "", "（廿三）债务付息支出", ""],
    ["", "", "（廿四）债务发行费用支出", ""],
    ["", "", "", ""],
    ["", "", "二、年终结转结余", ""],
    ["", "", "", ""],
    ["收入总计", "1,826.31", "支出总计", "1,826.31"],
]


def test_rows_after_empty_rows_between_wrapped_names_stay_in_the_table(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款收支总表", HEADER, BODY, style="no_rules", col_widths=[69.0, 44.0, 69.0, 44.0],
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    body = [[normalize(t) for t in row] for row in table.body_texts()]
    assert body == [[normalize(t) for t in row] for row in printed.body]


def test_empty_row_after_a_wrapped_name_is_kept(tmp_path):
    """One-line rows standing together give the pitch; after a row wrapped over two lines,
    the gap of one more row is an empty row."""
    body = [
        ["一、本年收入", "5,905.48", "一、本年支出", "5,905.48"],
        ["一般公共预算拨款", "5,905.48", "（一）社会保障和就业支出", "5,905.48"],
        ["", "", "", ""],
        ["上年结转结余", "", "年终结转结余", ""],
        ["收入总计", "5,905.48", "支出总计", "5,905.48"],
    ]
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款收支总表", HEADER, body, style="no_rules", col_widths=[71.0, 44.0, 71.0, 44.0],
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
