"""A 整体支出绩效目标表 printed without rules in narrow columns, the page broken inside an
indicator band: the next page opens with the band's lower lines ('近两年指标值' | '2022年')
and indicators whose counts ('42') and measures ('2万笔' beside a name wrapped over lines) come
before any amount or percentage. Lines holding two measures or more are rows of the form, not a
header over its first percentage: the page continues the form and every row is read as
printed."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import CELL_PAD_X, H, PdfBuilder, TableSpec

N = 8
HEADER = [[H("单位名称"), H("某市某区社会事务服务中心", colspan=N - 1)]]
BAND = ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"]
FUNDS = [
    ["填报人", "王某", "", "", "联系电话", "65600000", "", ""],
    ["", "收入构成", "财政拨款", "1,200.50", "80.00%", "1,100.00", "1,050.00", ""],
    ["", "", "单位资金", "300.00", "20.00%", "250.00", "240.00", ""],
    ["", "", "合计", "1,500.50", "100.00%", "1,350.00", "1,290.00", ""],
    ["年度目标1：", "推进服务事项网上办理。", "", "", "", "", "", ""],
    BAND,
    ["", "", "", "", "近两年指标值", "", "预期当年实现值", ""],
    ["", "", "", "", "2022年", "2023年", "", ""],
    ["", "产出指标", "质量指标", "办理准确率", "100%", "100%", "100%", "计划标准"],
    ["年度目标2：", "提升社保管理服务水平。", "", "", "", "", "", ""],
    BAND,
]
CONTINUED = [
    ["", "", "", "", "近两年指标值", "", "预期当年实现值", ""],
    ["", "", "", "", "2022年", "2023年", "", ""],
    ["", "产出指标", "数量指标", "聘用编外人员人数", "42", "41", "41", "计划标准"],
    ["", "", "", "月社会保险业务经办量", "2万笔", "2万笔", "2万笔", "计划标准"],
    ["", "", "", "社会保险政策宣传资料发放量", "2万份", "2万份", "2万份", "计划标准"],
    ["", "", "", "社会保险业务培训人次", "300人次", "300人次", "300人次", "计划标准"],
    ["", "", "质量指标", "编外人员考核合格率", "90%", "90%", "90%", "计划标准"],
]
BODY = FUNDS + CONTINUED


def _widths() -> list[float]:
    narrow = 7 * 9.0 + 2 * CELL_PAD_X + 2  # label columns at most seven characters wide
    figure = 40.0 + 2 * CELL_PAD_X + 2  # amount columns as wide as their figures
    small = 3 * 9.0 + 2 * CELL_PAD_X + 2  # the indicator's name wraps three characters a line
    return [narrow, narrow, narrow, small, figure, figure, figure, narrow]


def test_page_opening_inside_an_indicator_band_continues_the_form(tmp_path):
    builder = PdfBuilder(tmp_path / "form.pdf")
    spec = TableSpec("整体支出绩效目标表", HEADER, BODY, number="表11", style="no_rules",
                     col_widths=_widths(), fill_width=False, break_before=(len(FUNDS),))
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 2
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
