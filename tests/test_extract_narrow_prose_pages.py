"""A 项目支出绩效目标表 printed without rules in narrow columns, its values right-aligned in a
column as narrow as its amounts, so each sentence wraps a couple of characters a line: a page
holding one label beside its sentence (the form's first row repeated above it) and a page
whose sentence starts with a year on a line of its own ('2022' | '年预' …) continue the form
— the label's value is its own column, the year no page number — and every row is read as
printed, in the form's eight columns."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import CELL_PAD_X, H, PdfBuilder, TableSpec, text_width

N = 8
SIZE = 9.0
HEADER = [[H("项目名称"), H("服务运行经费", colspan=3), H("项目编码", colspan=4)]]
FIRST = [
    ["项目总预算", "483.41", "", "", "项目当年预算", "483.41", "", ""],
    ["项目负责人", "王某", "", "", "联系电话", "85370000", "", ""],
    ["项目属性", "持续性项目", "", "", "", "", "", ""],
]
REASON = [
    ["项目申请理由", "建立全市政策法规信息库，为社会公众提供政策法规和业务信息咨询、查询、回复等服务工作。",
     "", "", "", "", "", ""],
]
FUNDS = [
    ["项目前两年预算及当年预算变动情况", "2022年预算安排896万元，2023年预算安排85.41万元，较上年增加398万元。",
     "", "", "", "", "", ""],
    ["项目资金来源", "来源项目", "", "", "金额", "", "", ""],
    ["", "合计", "", "", "483.41", "", "", ""],
    ["", "1.一般公共预算财政拨款", "", "", "483.41", "", "", ""],
    ["项目支出明细测算", "项目活动", "活动内容表述", "支出经济分类", "金额", "测算依据及说明", "备注", "说明"],
    ["", "后勤保障经费", "支付服务项目所需的办公经费", "办公费", "37.47", "年度办公费用。", "", ""],
]
BODY = FIRST + REASON + FUNDS


def _widths() -> list[float]:
    pad = 2 * CELL_PAD_X + 2
    narrow = 7 * SIZE + pad  # label columns at most seven characters wide
    figures = text_width("483.41", SIZE) + pad  # a column holding amounts is as wide as they are
    return [narrow, figures, narrow, narrow, figures, narrow, narrow, narrow]


def test_pages_of_one_label_beside_wrapped_prose_continue_the_form(tmp_path):
    builder = PdfBuilder(tmp_path / "form.pdf")
    spec = TableSpec("项目支出绩效目标表", HEADER, BODY, number="表12", style="no_rules",
                     col_widths=_widths(), fill_width=False,
                     break_before=(len(FIRST), len(FIRST) + len(REASON)))
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 3
    [table] = read_document(tmp_path / "form.pdf").tables
    assert normalize(table.title) == "项目支出绩效目标表"
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
