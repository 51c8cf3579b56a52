"""Forms whose cells are prose (绩效目标表) printed without any rule: the label column down
the left edge and the values beside it are read as printed — one row per label, a prose
value wrapped over several lines kept whole in its cell."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

OVERVIEW = (
    "保障社会保险经办业务的各项经费开支；做好社会保险业务的政策宣传、扩面、稽核工作；"
    "做好社区服务管理、退休人员生存年审工作。"
)
TARGET = "推动社会保险征缴扩面一万人次，按时足额拨付养老金和失业保险金，提升社保经办服务水平。"
FORM = TableSpec(
    "项目支出绩效目标表",
    [["项目名称", H("社会保险业务工作经费", colspan=3)]],
    [
        ["主管部门", "某市人力资源和社会保障局", "执行单位", "某市社会保险管理处"],
        ["项目概况", OVERVIEW, "", ""],
        ["年度目标", TARGET, "", ""],
        ["绩效指标", "产出指标", "数量指标", "参保扩面一万人次"],
        ["", "效益指标", "社会效益指标", "综合覆盖率九成以上"],
    ],
    unit=None,
    style="no_rules",
    col_widths=[70.0, 150.0, 110.0, 150.0],
    fill_width=False,
    body_spans={(1, 1): 3, (2, 1): 3},
)


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def test_a_prose_form_without_rules_is_read_row_by_row_with_whole_prose_cells(tmp_path):
    builder = PdfBuilder(tmp_path / "form.pdf")
    printed = builder.table(FORM)
    builder.save()
    document = read_document(tmp_path / "form.pdf")
    [table] = document.tables
    body = _texts(table.body_texts())
    assert body == _texts(printed.body)
    # The prose wrapped over several printed lines is one cell, whole.
    assert normalize(OVERVIEW) in body[1]
    assert normalize(TARGET) in body[2]


def test_a_prose_form_continued_on_the_next_page_under_its_repeated_first_row_is_one_table(tmp_path):
    spec = TableSpec(
        FORM.title, FORM.header, FORM.body, unit=None, style="no_rules", col_widths=FORM.col_widths,
        fill_width=False, body_spans=FORM.body_spans, break_before=(2,),
    )
    builder = PdfBuilder(tmp_path / "form2.pdf")
    printed = builder.table(spec)
    builder.save()
    assert printed.pages == [1, 2]
    document = read_document(tmp_path / "form2.pdf")
    [table] = document.tables
    assert _texts(table.body_texts()) == _texts(printed.body)


# A 部门整体绩效目标表: label rows over an indicator grid (5 columns).
_FORM_WITH_GRID = [
    ["部门联系人", "", "张三", "联系电话", "2267794"],
    ["年度绩效目标", "", TARGET, "", ""],
    ["一级指标", "二级指标", "三级指标", "指标值", "分值权重"],
    ["履职效能", "数量指标", "企业职工基本养老保险参保人数", ">96598人", "10"],
    ["", "质量指标", "社会待遇足额发放率", "=100%", "10"],
]


def test_the_indicator_grid_under_a_prose_form_is_read_with_it(tmp_path):
    # The form's labels are centred in cells two grid columns wide; the indicator grid's
    # rows below them are the form's rows, not dropped.
    spec = TableSpec(
        "部门整体绩效目标表",
        [[H("部门名称（盖章）", colspan=2), H("某市社会保险中心", colspan=3)]],
        _FORM_WITH_GRID,
        unit=None,
        style="no_rules",
        col_widths=[60.0, 60.0, 160.0, 90.0, 60.0],
        fill_width=False,
        body_spans={(0, 0): 2, (1, 0): 2, (1, 2): 3},
    )
    builder = PdfBuilder(tmp_path / "grid.pdf")
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "grid.pdf").tables
    filled = [[t for t in row if t] for row in _texts(table.body_texts())]
    assert filled == [[t for t in row if t] for row in _texts(printed.body)]


def _goal(label: str, text: str) -> list[str]:
    return [label, text, "", "", "", ""]


INDICATOR_HEAD = ["长期绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]


def test_a_form_over_pages_whose_labels_run_into_their_values_keeps_its_label_column(tmp_path):
    # '长期目标1：' is wider than its narrow label cell: printed without rules it runs
    # straight into its value, on every page. The label column stays a column of its own
    # on all pages, and each page (one without a figure-free sentence of its own too) is
    # read as the form's continuation.
    body = [
        ["填报人", "郭萌", "", "联系电话", "65608392", ""],
        ["职能概述", OVERVIEW, "", "", "", ""],
        _goal("长期目标1：", "全面推进全民参保登记计划。"),
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "参保扩面人次", "1.06万/年", "计划标准"],
        ["", "效益指标", "社会效益指标", "综合覆盖率", "90%以上", "计划标准"],
        _goal("长期目标2：", "保障各项社保待遇按时足额支付。"),
        INDICATOR_HEAD,
        ["", "产出指标", "质量指标", "养老金社会化发放率", "100%", "计划标准"],
        ["", "效益指标", "社会效益指标", "养老金资格年审率", "90%以上", "计划标准"],
        _goal("长期目标3：", "优化营商环境。"),
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "走访企业次数", "12次", "计划标准"],
        ["", "效益指标", "社会效益指标", "解决企业社保难题", "50个", "计划标准"],
        _goal("年度目标1：", "推动社会保险征缴扩面。"),
        INDICATOR_HEAD,
        ["", "产出指标", "数量指标", "养老保险扩面人次", "5100", "计划标准"],
        ["", "效益指标", "社会效益指标", "失业保险扩面人次", "4400", "计划标准"],
    ]
    spec = TableSpec(
        "整体支出绩效目标表",
        [["单位名称", H("某市社会保险管理处", colspan=5)]],
        body,
        unit=None,
        style="no_rules",
        col_widths=[49.0, 145.0, 75.0, 110.0, 70.0, 85.0],
        fill_width=False,
        body_spans={(1, 1): 5},
        break_before=(6, 10, 14),
    )
    builder = PdfBuilder(tmp_path / "goals.pdf")
    printed = builder.table(spec)
    builder.save()
    assert printed.pages == [1, 2, 3, 4]
    [table] = read_document(tmp_path / "goals.pdf").tables
    assert table.pages == [1, 2, 3, 4]
    # The labels run into their values are parted from them at the column's edge too.
    assert _texts(table.body_texts()) == _texts(printed.body)


def test_a_caption_alone_in_its_row_over_a_form_makes_no_column(tmp_path):
    # '栏目' centred over the whole form, alone in its row, stands in no column of the
    # form: the form keeps its five columns, each value under its label.
    spec = TableSpec(
        "部门整体绩效目标表",
        [[H("栏目", colspan=5)], [H("部门名称（盖章）", colspan=2), H("某市社会保险中心", colspan=3)]],
        _FORM_WITH_GRID,
        unit=None,
        style="no_rules",
        col_widths=[60.0, 60.0, 160.0, 90.0, 60.0],
        fill_width=False,
        body_spans={(1, 0): 2, (1, 2): 3},
    )
    builder = PdfBuilder(tmp_path / "caption.pdf")
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "caption.pdf").tables
    read = _texts(table.body_texts())
    assert all(len(row) == 5 for row in read)
    assert read[-len(printed.body):] == _texts(printed.body)
