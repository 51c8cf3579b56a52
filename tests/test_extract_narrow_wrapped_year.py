"""A table without rules in narrow columns where a year label wraps at its space ('2023' |
'年'), its first line level with the label beside it ('2022年'): four digits set among the
lines of the labels around them are no page number, so the table is not cut in two there."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["项目", "当年金额", "占比", "近两年收支金额", ""]]
BODY = [
    ["", "", "", "2023 年", "2022 年"],
    ["财政拨款", "720.94", "100%", "293.67", "1088.21"],
    ["单位资金", "", "", "", "0.23"],
    ["合计", "720.94", "100%", "293.67", "1088.44"],
]


def test_year_label_wrapped_in_a_narrow_column_keeps_the_table_whole(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("整体支出绩效目标表", HEADER, BODY, style="no_rules",
                     col_widths=[50.0, 36.0, 30.0, 30.0, 36.0], fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert normalize(table.title) == "整体支出绩效目标表"
    body = [[normalize(t) for t in row] for row in table.body_texts()]
    assert body[-3:] == [[normalize(t) for t in row] for row in printed.body[1:]]
    # The year labels stay in the table, whole (as header labels or as a row of their own).
    texts = [normalize(c.text) for row in table.header for c in row] + [t for row in body for t in row]
    assert "2023年" in texts and "2022年" in texts
