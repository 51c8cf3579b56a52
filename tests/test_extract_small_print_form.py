"""A 绩效 form printed small without rules (7.5 pt, tight rows): a project's names, wrapped in
their cells, and a line of its goal (a sentence with its full stop) start a line above the
row's centred figures. That line is a line of the row, not running text: the page's form is
read whole, its goal from its first words, and no row after it is lost."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = ["单位名称", "项目名称", "年度资金总额（万元）", "年度绩效目标", "一级指标", "二级指标", "三级指标",
          "指标解释", "指标值", "权重"]
UNIT = "313001-某省社会保险事业管理局(本级)"
GOAL = ("目标 1: 对省级各项社保基金开展一次审计, 对 7 个下级经办机构社保基金开展一次审计。目标 2: 加强社会保险"
        "基金审计监督, 规范社会保险经办机构内部控制。目标 3: 按时完成年度任务。")
BODY = [
    [UNIT, "社会保险审计、评估专项经费(政府采购)", "29.70", GOAL, "成本指标", "经济成本指标", "审计成本",
     "反映通过政府购买服务, 聘请第三方对全系统社保经办机构进行审计的经济成本。", "≤4 万元/家", "20"],
    ["", "", "", "", "产出指标", "数量指标", "审计单位数量", "反映审计单位数量情况", "=9 个", "20"],
    ["", "", "", "", "", "时效指标", "审计工作完成及时率", "反映审计工作完成及时率情况", "12 月底前完成所有审计任务", "20"],
    ["", "", "", "", "效益指标", "社会效益指标", "审计事项标准化",
     "反映审计关注点、审计方法、问题判定标准、审计底稿及审计取证等材料模板和编写标准", "=100%", "30"],
    [UNIT, "系统政治巡察、系统重点工作督察专项经费", "42.28", "目标 1: 系统建设督察 目标 2: 明察暗访 目标 3: 年度考核验收",
     "产出指标", "数量指标", "督查、暗访、年度考核单位数量", "反映督查、暗访、年度考核单位的数量", "=51 个", "35"],
    ["", "", "", "", "", "", "开展巡察单位个数", "反映开展巡察单位个数情况", ">=8 个", "15"],
    ["", "", "", "", "效益指标", "社会效益指标", "政治生态逐年好转", "定性指标, 反映通过巡察工作使全系统政治生态逐年好转。",
     "政治生态好转", "15"],
    ["", "", "", "", "", "", "服务质量提升率", "反映督察工作使各级经办机构服务质量提升率。", "服务质量有所提高", "15"],
]
WIDTHS = [126.0, 108.0, 24.0, 127.0, 27.0, 46.0, 96.0, 127.0, 60.0, 20.0]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def test_a_small_print_form_whose_names_start_above_the_figures_is_read_whole(tmp_path):
    builder = PdfBuilder(tmp_path / "small.pdf")
    printed = builder.table(
        TableSpec("项目支出绩效目标表", [HEADER], BODY, style="no_rules", col_widths=WIDTHS, fill_width=False,
                  font_size=7.5, title_size=13.0, body_row_height=11.0, header_row_height=12.0),
        landscape=True,
    )
    builder.save()
    [table] = read_document(tmp_path / "small.pdf").tables
    assert normalize(table.title) == "项目支出绩效目标表"
    assert _texts(table.body_texts()) == _texts(printed.body)
    # The goal is one cell from its first words, though its middle line stands beside the names.
    assert _texts(table.body_texts())[0][3] == normalize(GOAL)
