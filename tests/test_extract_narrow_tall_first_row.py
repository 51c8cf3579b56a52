"""A table without rules in narrow columns whose first body row is made tall by a sentence
wrapped over many lines (a 委托事项内容): the row's figures stand centred in it, far below its
first lines. Those lines are the row's, not the header's; and two narrow 是/否 columns side by
side ('是' '是', under 是否政府购买服务 | 是否政府采购) stay two columns."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["项目名称", "委托事项内容", "合计", "是否政府购买服务(是/否)", "是否政府采购(是/否)", "特殊情况说明"]]
BODY = [
    ["社会保险审计、评估专项经费(政府采购)",
     "全省社会保险系统经办审计(根据《社会保险经办审计办法》委托会计师事务所开展经办审计或者协助开展"
     "经办审计,所需经费列入本单位预算;每年对至少20%的下一级经办机构开展一次审计)", "29.70", "是", "是", ""],
    ["社会保险系统培训、印刷、宣传经费", "网络监测服务(为我局提供全省社保系统网络监测服务)。", "15.00", "否", "否", ""],
    ["档案中心运行费", "业务档案托管及数字化。", "5.78", "否", "否", ""],
]
WIDTHS = [69.0, 69.0, 32.0, 26.0, 26.0, 26.0]


def test_tall_first_row_and_narrow_yes_no_columns(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("财政拨款委托业务费支出预算表", HEADER, BODY, style="no_rules", col_widths=WIDTHS,
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert [normalize(c.text) for c in table.header[-1]] == [normalize(t) for t in HEADER[0]]
    body = [[normalize(t) for t in row] for row in table.body_texts()]
    assert body == [[normalize(t) for t in row] for row in printed.body]
    assert body[0][3:5] == ["是", "是"]
