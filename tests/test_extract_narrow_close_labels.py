"""A table without rules whose narrow amount columns are headed '预算数 | 决算数' over and over,
each label wrapped ('预算' | '数'): the labels' first lines stand closer than an em apart and
read as one long line ('预算决算预算决算…'). It is a header line of the table, not a line of
text ending the caption: the table is found under its own title, every column in its place."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

GROUPS = ["合计", "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费", "其他"]
HEADER = [[H(g, colspan=2) for g in GROUPS], ["预算数", "决算数"] * len(GROUPS)]
BODY = [["0.95", "", "", "", "", "", "", "", "0.95", "", "", ""]]


def test_wrapped_labels_closer_than_an_em_are_a_header_line(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款“三公”经费支出决算表", HEADER, BODY, style="no_rules",
                     col_widths=[26.0] * 12, fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert normalize(table.title) == normalize("财政拨款“三公”经费支出决算表")
    assert [normalize(c.text) for c in table.header[-1]] == ["预算数", "决算数"] * len(GROUPS)
    assert [[normalize(t) for t in row] for row in table.body_texts()] == printed.body
