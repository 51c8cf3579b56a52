"""A header label wrapped in its narrow column in the middle of a year ('202' | '4年' |
'预算数') in a table without rules: its first line is no figure, the header stays a
header and the figure column is not lost."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "一般公共预算“三公”经费支出预算表"
HEADER: list[list[H | str]] = [[H("栏目"), H("2024年预算数", rowspan=2)], ["项目"]]
BODY = [
    ["合计", "14.57"],
    ["1、因公出国（境）费用", ""],
    ["2、公务接待费", "2.33"],
    ["3、公务用车费", "12.24"],
    ["其中：（1）公务用车运行维护费", "12.24"],
    ["（2）公务用车购置", ""],
]


def test_label_wrapped_inside_a_year_is_no_figure(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", header_line_count=3, col_widths=[440.0, 33.0],
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == normalize(TITLE)]
    assert table.n_cols == 2
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert normalize(table.header[0][1].text) == "2024年预算数"
