"""An empty table without rules in narrow columns ('合计' alone under 功能科目编码 | 功能科目名称
| 金额, each label wrapped over lines): its columns stand closer than an em apart, so the
labels of one line run together at the usual word spacing. Read at the spacing of cells, it
is still found under its caption, with its three columns."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec


def test_empty_table_in_narrow_columns_is_found(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款政府性基金支出预算表", [["功能科目编码", "功能科目名称", "金额"]], [["合计", "", ""]],
                     style="no_rules", col_widths=[26.0, 26.0, 30.0], fill_width=False, header_line_count=3)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert table.n_cols == 3
    assert [normalize(c.text) for c in table.header[-1]] == ["功能科目编码", "功能科目名称", "金额"]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
