"""A table without rules whose 合计 row is carried alone onto the next page under the title
marked continued ('…（续）') and its 单位 line, no header repeated: the row is read and joins
its table, so the total is checked against its parts."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "部门支出预算总表"
HEADER: list[list[H | str]] = [
    [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
     H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
    ["类", "款", "项"],
]
BODY = [
    ["201", "", "", "一般公共服务支出", "300.00", "200.00", "100.00"],
    ["201", "01", "", "人大事务", "300.00", "200.00", "100.00"],
    ["201", "01", "01", "行政运行", "300.00", "200.00", "100.00"],
    ["221", "", "", "住房保障支出", "50.00", "50.00", "0.00"],
    ["221", "02", "", "住房改革支出", "50.00", "50.00", "0.00"],
    ["221", "02", "01", "住房公积金", "50.00", "50.00", "0.00"],
    ["合计", "", "", "", "350.00", "250.00", "100.00"],
]


def test_a_total_alone_under_the_continued_title_joins_its_table(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", continued_title=True, repeat_header=False,
                     break_before=(len(BODY) - 1,))
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 2
    [table] = read_document(tmp_path / "t.pdf").tables
    assert normalize(table.title) == TITLE
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [[normalize(t) for t in r] for r in BODY]
