"""A 项目支出绩效目标表 printed without rules over three pages, its first row ('项目名称 …
项目编码') repeated atop each page and a row broken by a page ('后勤保' ends a page, '障经费'
and the row's figures top the next). The middle page's lines above its first amount are
rows of the form ('其中：…', the 项目支出明细测算 band), its rows carry a sentence beside
their amounts ('2024 年水费。'): the page is read, it continues the form, and the form's
header is only the line every page repeats. Every row is read as printed, the broken row
once, whole."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER = [[H("项目名称"), H("服务运行经费", colspan=3), H("项目编码"), H("", colspan=2)]]
FIRST_PAGE = [
    ["项目主管部门", "某市人力资源和社会保障局", "", "", "项目执行单位", "某市人力资源和社会保障投诉咨询中心", ""],
    ["项目负责人", "张某", "", "", "联系电话", "85370050", ""],
    ["项目属性", "持续性项目", "", "", "", "", ""],
    ["起始年度", "2024", "", "", "终止年度", "", ""],
]
SECOND_PAGE = [
    ["", "其中：使用上年度财政拨款结转", "", "", "", "", ""],
    ["项目支出明细测算", "项目活动", "活动内容表述", "支出经济分类", "金额", "测算依据及说明", "备注"],
    ["", "后勤保障经费", "支付投诉咨询服务项目所需的人员经费和与之相关的办公经费", "办公费", "37.47",
     "2024 年投诉咨询服务项目办公费用。", ""],
    ["", "水费", "办公地大厦 11 楼水费", "水费", "1.11", "2024 年水费。", ""],
    ["", "电费", "办公地大厦 11 楼电费", "电费", "15.23", "2024 年电费。", ""],
    ["", "后勤保", "", "", "", "", ""],
]
THIRD_PAGE = [
    ["", "障经费", "支付中心投诉咨询服务工作所需打印机", "办公设备购置", "0.6", "A3黑白打印机1台。", ""],
    ["项目采购", "品名", "", "数量", "", "金额", ""],
    ["", "A3黑白打印机", "", "1台", "", "0.6", ""],
]
# A page of sentences with a lone pair of figures at its foot (read as a form of prose).
PROSE_PAGE = [
    ["项目申请理由", "建立全市人力资源和社会保障政策法规信息库，为社会公众提供有关政策法规和业务信息咨询、查询、回复等服务工作。",
     "", "", "", "", ""],
    ["项目实施方案", "以“接听及时、应答准确、服务周到、热情真诚”的服务标准，更好的满足广大市民的服务需求。", "", "", "", "", ""],
    ["项目总预算", "483.41", "", "", "项目当年预算", "483.41", ""],
]
BODY = FIRST_PAGE + SECOND_PAGE + THIRD_PAGE
WIDTHS = [119.0, 36.0, 112.0, 218.0, 82.0, 89.0, 46.0]


# The same header under a grouping band ('栏目' over the label columns) and its labels typed
# over several lines ('项目' | '名称'): the lines every page repeats start with a line of one text.
DEEP_HEADER = [
    [H("栏目", colspan=4), H("", colspan=3)],
    [H("项目名称"), H("服务运行经费", colspan=3), H("项目编码"), H("", colspan=2)],
]


def _printed_form(tmp_path, header=HEADER, line_count=1, pages=(FIRST_PAGE, SECOND_PAGE, THIRD_PAGE)):
    builder = PdfBuilder(tmp_path / "form.pdf")
    breaks = tuple(sum(len(p) for p in pages[:k]) for k in range(1, len(pages)))
    body = [list(r) for p in pages for r in p]
    spec = TableSpec("项目支出绩效目标表", header, body, number="表12", style="no_rules",
                     col_widths=WIDTHS, fill_width=False, break_before=breaks, header_line_count=line_count)
    printed = builder.table(spec, landscape=True)
    builder.save()
    return printed


def test_form_broken_by_pages_without_rules_is_read_whole(tmp_path):
    printed = _printed_form(tmp_path)
    assert len(printed.pages) == 3
    [table] = read_document(tmp_path / "form.pdf").tables
    assert normalize(table.title) == "项目支出绩效目标表"
    assert table.pages == printed.pages
    assert [[normalize(t) for t in row if t] for row in table.header_texts()] == [["项目名称", "服务运行经费", "项目编码"]]
    broken = len(FIRST_PAGE) + len(SECOND_PAGE) - 1
    whole = [list(r) for r in BODY]
    whole[broken : broken + 2] = [[a + b for a, b in zip(BODY[broken], BODY[broken + 1], strict=True)]]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [[normalize(t) for t in row] for row in whole]


def test_form_broken_by_pages_under_a_grouping_band_is_read_whole(tmp_path):
    pages = (FIRST_PAGE, PROSE_PAGE, SECOND_PAGE, THIRD_PAGE)
    printed = _printed_form(tmp_path, DEEP_HEADER, line_count=2, pages=pages)
    assert len(printed.pages) == 4
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == printed.pages
    body = [r for p in pages for r in p]
    broken = len(body) - len(THIRD_PAGE) - 1
    whole = [list(r) for r in body]
    whole[broken : broken + 2] = [[a + b for a, b in zip(body[broken], body[broken + 1], strict=True)]]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [[normalize(t) for t in row] for row in whole]
    header = "".join(normalize(t) for row in table.header_texts() for t in row)
    assert sorted(header) == sorted("栏目项目名称服务运行经费项目编码")
