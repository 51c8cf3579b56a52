"""An empty table without rules in narrow columns: '类' '款' '项' under 功能分类科目编码 stand
a couple of characters apart, as the characters of one label spread over its cell would. They
are the labels of the code's three parts, each heading its column, so '无' and '合计' are read
in a row as wide as the header."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER = [
    [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
     H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
    ["类", "款", "项"],
]
BODY = [["无", "", "", "", "", "", ""], ["合计", "", "", "", "", "", ""]]


def test_code_part_labels_in_narrow_columns_head_three_columns(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("政府性基金预算支出功能分类预算表", HEADER, BODY, style="no_rules",
                     col_widths=[26.0] * 7, fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert table.n_cols == 7
    assert [normalize(c.text) for c in table.header[-1]][:3] == ["类", "款", "项"]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == printed.body
