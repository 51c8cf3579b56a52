"""The page a 收支总表 without rules ends on, in narrow columns: its first row on one line (the
rest of a row the page broke, '保障支出 183.59'), then names wrapped over two lines, empty
rows between them, the 总计 row on one line. The two one-line rows stand apart, across the
wrapped rows: they give no row pitch, and the empty rows are read from the wrapped rows' gaps."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["项目", "预算数", "项目", "预算数"]]
BODY = [
    ["", "", "住房保障", "183.59"],
    ["", "", "（十八）粮油物资储备支出", ""],
    ["", "", "（廿二）债务还本支出", ""],
    ["", "", "（廿三）债务付息支出", ""],
    ["", "", "（廿四）债务发行费用支出", ""],
    ["", "", "", ""],
    ["", "", "二、年终结转结余", ""],
    ["", "", "", ""],
    ["收入总计", "1,826.31", "支出总计", "1,826.31"],
]


def test_empty_rows_between_wrapped_rows_after_a_lone_one_line_row_are_kept(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款收支总表", HEADER, BODY, style="no_rules", col_widths=[69.0, 44.0, 69.0, 44.0],
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
