"""绩效 tables printed without rules whose values are measures ('≥40 万元', '>=99%', '70 人')
rather than plain amounts: found and read row by row, their pages without any plain figure
carried on, while running text that quotes such measures stays text."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

# Wrapped twelve characters a line in its column, its first line hangs its comma into the
# gutter before the next column's text.
GOAL = (
    "提升全省社保系统干部职工，业务经办水平加大政策宣传力度，让参保群众广泛了解社会保险相关"
    "民生政策制度，提高社会保险业务经办大厅服务质量，切实提升机关政务运行效率。"
)
HEADER = ["单位名称", "项目名称", "年度资金总额（万元）", "年度绩效目标", "一级指标", "二级指标",
          "三级指标", "指标值", "权重"]
# One plain amount (the project's funds); every other value is a measure or a weight.
PROJECT = [
    ["某市社会保险事业管理局", "社保培训及宣传印刷经费", "107.57", GOAL, "成本指标", "经济成本指标",
     "印制培训材料成本", "≥20 万元", "10"],
    ["", "", "", "", "", "", "会议培训经费支出", "≥40 万元", "10"],
    ["", "", "", "", "产出指标", "数量指标", "印制宣传材料数量", "≥2000 个", "20"],
    ["", "", "", "", "", "质量指标", "材料印制合格率", "≥95%", "20"],
    ["", "", "", "", "效益指标", "社会效益指标", "业务素质提升率", ">=90%", "30"],
]
# Rows of a second page: no plain figure at all.
CONTINUED = [
    ["", "", "", "", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "10"],
    ["", "", "", "", "", "", "经办人员满意度", "=100%", "5"],
    ["", "", "", "", "产出指标", "时效指标", "培训按期完成率", "100%", "5"],
]
WIDTHS = [80.0, 80.0, 40.0, 116.0, 40.0, 60.0, 90.0, 55.0, 28.0]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def _spec(body: list[list[str]], **kw) -> TableSpec:
    return TableSpec("项目支出绩效目标表", [HEADER], body, unit="万元", style="no_rules", col_widths=WIDTHS,
                     fill_width=False, **kw)


def test_a_project_form_with_one_plain_amount_is_read_row_by_row(tmp_path):
    builder = PdfBuilder(tmp_path / "project.pdf")
    printed = builder.table(_spec(PROJECT), landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "project.pdf").tables
    assert table.title == "项目支出绩效目标表"
    assert _texts(table.body_texts()) == _texts(printed.body)
    # The goal wrapped over many lines above and below the row's figures is one cell.
    assert normalize(GOAL) in _texts(table.body_texts())[0]


def test_a_page_of_the_form_without_any_plain_figure_carries_it_on(tmp_path):
    builder = PdfBuilder(tmp_path / "continued.pdf")
    printed = builder.table(_spec(PROJECT + CONTINUED, break_before=(len(PROJECT),)), landscape=True)
    builder.save()
    assert printed.pages == [1, 2]
    [table] = read_document(tmp_path / "continued.pdf").tables
    assert table.pages == [1, 2]
    assert _texts(table.body_texts()) == _texts(printed.body)


def test_a_form_page_under_its_repeated_first_row_with_measures_only_carries_the_form_on(tmp_path):
    # A 整体绩效 form: label rows with prose, then an indicator grid broken over a page. The
    # second page repeats the form's first row ('单位名称'), then its own column labels and
    # rows whose values are all measures ('70 人', '≥80%').
    body = [
        ["年度目标", "推动社会保险征缴扩面一万人次，按时足额拨付养老金，提升社保经办服务水平。", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "上年指标值", "本年指标值", "确定依据"],
        ["产出指标", "数量指标", "服务外包人员人数", "70 人", "90 人", "计划数据"],
        ["", "", "电话咨询服务人数", "70 万人次", "60 万人次", "计划数据"],
        ["", "", "", "上年指标值", "本年指标值", ""],
        ["", "质量指标", "问题处置回告率", "≥80%", "≥85%", "计划数据"],
        ["", "时效指标", "投诉处置回告时间", "≤5个工作日", "≤5个工作日", "计划数据"],
        ["满意度指标", "服务对象满意度指标", "咨询回复满意率", "≥90%", "≥96%", "计划数据"],
    ]
    spec = TableSpec(
        "整体支出绩效目标表",
        [["单位名称", H("某市投诉咨询中心", colspan=5)]],
        body,
        unit=None,
        style="no_rules",
        col_widths=[60.0, 80.0, 120.0, 70.0, 70.0, 60.0],
        fill_width=False,
        body_spans={(0, 1): 5},
        break_before=(4,),
    )
    builder = PdfBuilder(tmp_path / "form.pdf")
    printed = builder.table(spec)
    builder.save()
    assert printed.pages == [1, 2]
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == [1, 2]
    filled = [[t for t in row if t] for row in _texts(table.body_texts())]
    assert filled == [[t for t in row if t] for row in _texts(printed.body)]


def test_running_text_quoting_measures_is_no_table(tmp_path):
    builder = PdfBuilder(tmp_path / "text.pdf")
    builder.text_page(
        [
            "全年服务外包人员 70 人，电话投诉咨询服务 60 万人次，问题处置回告率≥85%，",
            "投诉处置回告时间≤5个工作日，群众满意度≥96%，印制宣传材料≥2000 个。",
            "培训按期完成率 100%，业务素质提升率>=90%，会议培训经费支出≥40 万元。",
            "上述目标 70 人  60 万人次  ≥85%  ≥96% 均按计划数据确定。",
        ],
        heading="二、绩效目标",
    )
    builder.table(_spec(PROJECT), landscape=True)
    builder.save()
    tables = read_document(tmp_path / "text.pdf").tables
    assert [(t.title, t.pages) for t in tables] == [("项目支出绩效目标表", [2])]


def test_a_full_stop_hung_against_the_next_cells_measure_parts_the_two_cells(tmp_path):
    # '反映…规范率。' is one character wider than its cell: its full stop hangs into the
    # gutter and touches '≥95%' with no gap between them, as in every print of such a form.
    rows = [
        ["数字化质检工作规范率", "反映数字化质检工作规范率。", "≥95%", "20"],
        ["档案托管卷数", "反映档案托管卷数情况", "≤1500 卷", "20"],
        ["参保对象满意度", "反映参保对象满意度情况", "≥95%", "10"],
    ]
    spec = TableSpec("项目支出绩效目标表", [["三级指标", "指标解释", "指标值", "权重"]], rows, style="no_rules",
                     col_widths=[100.0, 116.0, 60.0, 30.0], fill_width=False)
    builder = PdfBuilder(tmp_path / "hung.pdf")
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "hung.pdf").tables
    assert _texts(table.body_texts()) == _texts(printed.body)
    assert _texts(table.body_texts())[0][1:3] == ["反映数字化质检工作规范率。", "≥95%"]
