"""A 整体支出绩效目标表 printed without rules in narrow columns over several pages, its first
row ('单位名称' and the unit's name) repeated atop each page: a page of prose alone (each
sentence wrapped over many short lines beside its label) and a page whose indicator bands
('年度绩效指标 一级指标 …') recur under each goal continue the form; every row is read as
printed, in the form's eight columns (the last one empty on the first pages)."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import CELL_PAD_X, H, PdfBuilder, TableSpec

N = 8
HEADER = [[H("单位名称"), H("某市某区社会事务服务中心", colspan=N - 1)]]
BAND = [
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"],
    ["", "", "", "", "近两年指标值", "", "预期当年实现值", ""],
    ["", "", "", "", "2022年", "2023年", "", ""],
]
FUNDS = [
    ["填报人", "王某", "", "", "联系电话", "65600000", "", ""],
    ["", "收入构成", "财政拨款", "1,200.50", "80.00%", "1,100.00", "1,050.00", ""],
    ["", "", "单位资金", "300.00", "20.00%", "250.00", "240.00", ""],
    ["", "", "合计", "1,500.50", "100.00%", "1,350.00", "1,290.00", ""],
]
PROSE = [
    ["职能概述", "承担辖区内社会事务的受理和经办服务工作，组织开展政策宣传、业务培训和走访调研，"
     "为辖区居民提供便捷高效的综合服务；承办上级交办的其他事项。", "", "", "", "", "", ""],
    ["年度工作任务", "1：推进服务事项网上办理。2：按时完成年度核查工作。3：开展政策宣传进社区活动。"
     "4：优化窗口服务环境。", "", "", "", "", "", ""],
]
GOAL_1 = [["年度目标1：", "推进服务事项网上办理。", "", "", "", "", "", ""], *BAND,
          ["", "产出指标", "数量指标", "网上办理事项数", "120", "150", "160", "计划标准"],
          ["", "", "质量指标", "办理准确率", "100%", "100%", "100%", "计划标准"]]
GOAL_2 = [["年度目标2：", "开展政策宣传进社区活动。", "", "", "", "", "", ""], *BAND,
          ["", "产出指标", "数量指标", "宣传活动场次", "20次", "24次", "24次", "计划标准"],
          ["", "满意度指标", "服务对象满意度", "居民满意率", "95%", "96%", "96%", "计划标准"]]
BODY = FUNDS + PROSE + GOAL_1 + GOAL_2


def _widths() -> list[float]:
    narrow = 7 * 9.0 + 2 * CELL_PAD_X + 2  # label columns at most seven characters wide
    figure = 40.0 + 2 * CELL_PAD_X + 2  # amount columns as wide as their figures
    return [narrow, narrow, narrow, figure, figure, figure, figure, narrow]


def test_form_pages_of_prose_and_recurring_bands_continue_the_form(tmp_path):
    builder = PdfBuilder(tmp_path / "form.pdf")
    spec = TableSpec("整体支出绩效目标表", HEADER, BODY, number="表11", style="no_rules",
                     col_widths=_widths(), fill_width=False,
                     break_before=(len(FUNDS), len(FUNDS) + len(PROSE)))
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 3
    [table] = read_document(tmp_path / "form.pdf").tables
    assert normalize(table.title) == "整体支出绩效目标表"
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]


TARGETS_FIRST = [
    ["长期绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"],
    ["", "产出指标", "数量指标", "热线电话服务综合接通率", "80%以上", "", "", "计划数据"],
    ["", "", "质量指标", "投诉、疑难问题处置回告率", "≥85%", "", "", "计划数据"],
    ["", "", "时效指标", "受理转办各类投诉问题，5个工作日内处置回告率", "100%", "", "", "计划数据"],
    ["", "满意度指标", "服务对象满意度指标", "服务满意度", "96%", "", "", "计划数据"],
]


def test_continuation_page_opening_with_targets_only_continues_the_form(tmp_path):
    # The page's first rows hold targets ('80%以上', '≥85%') and no plain figure: rows of
    # the form, not a header over the first '100%'.
    builder = PdfBuilder(tmp_path / "form.pdf")
    body = FUNDS + TARGETS_FIRST
    spec = TableSpec("整体支出绩效目标表", HEADER, body, number="表11", style="no_rules",
                     col_widths=_widths(), fill_width=False, break_before=(len(FUNDS) + 1,))
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 2
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
