"""An empty table (only '合计' under its header) has no figure to mark its columns: set
as a three-line table (no vertical rules) with a deep header whose labels are centred in
their bands, every header label with no label under it heads a column — the columns are
not lost where a band boundary is not seen."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4), H("年初结转和结余", rowspan=4), H("本年收入", rowspan=4),
     H("本年支出", colspan=3, rowspan=2), H("年末结转和结余", rowspan=4)],
    [H("项目", colspan=4)],
    [H("支出功能分类科目编码", colspan=3), H("科目名称", rowspan=2), H("小计", rowspan=2),
     H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
    ["类", "款", "项"],
]
BODY = [["合计", "", "", "", "", "", "", "", "", ""]]
LABELS = ["科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]


def test_empty_three_line_table_keeps_every_column_of_its_deep_header(tmp_path):
    builder = PdfBuilder(tmp_path / "empty.pdf")
    spec = TableSpec("政府性基金预算财政拨款收入支出决算表", HEADER, BODY, style="three_line", header_line_count=2)
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "empty.pdf").tables
    assert table.n_cols == 10
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    header_text = [normalize(c.text) for row in table.header for c in row]
    for label in LABELS:
        assert any(label in t for t in header_text), label
