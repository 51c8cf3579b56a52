"""三公经费, 人员/公用经费 composition, printed formula notes, 绩效表 shares, names."""

from __future__ import annotations

from decimal import Decimal

from desktopapp.core.model import Cell, DocKind
from desktopapp.rules.formulas import parse_formulas
from tests.helpers.rules_support import document, findings, table, touches

WIDE_3PUB = [
    ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
    ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
]
BASIC_HEADER = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]


def basic(reception="0.10", run="1.90", unit="万元"):
    rows = [
        ["", "合计", "1,583.46", "1,366.95", "216.51"],
        ["301", "工资福利支出", "1,341.87", "1,341.87", ""],
        ["302", "商品和服务支出", "216.51", "", "216.51"],
        ["30217", "公务接待费", reception, "", reception],
        ["30231", "公务用车运行维护费", run, "", run],
        ["30299", "其他商品和服务支出", "-", "", "-"],
        ["303", "对个人和家庭的补助", "25.08", "25.08", ""],
    ]
    return table("T6", "一般公共预算基本支出表", BASIC_HEADER, rows, kind="basic_expenditure", unit=unit)


# ---------------------------------------------------------------- 三公


def test_three_public_columns_add_up():
    doc = document(
        table("T7", "一般公共预算“三公”经费支出表", WIDE_3PUB, [["2.00", "", "1.90", "", "1.90", "0.10"]])
    )
    assert findings(doc, "row_sum") == []
    bad = document(
        table("T7", "一般公共预算“三公”经费支出表", WIDE_3PUB, [["2.10", "", "1.90", "", "1.90", "0.10"]])
    )
    [f] = findings(bad, "row_sum")
    assert f.severity.value == "error" and {c.col for c in f.cells} == {0, 1, 2, 5}


def test_three_public_items_as_rows():
    header = [["项目", "2024年预算数"]]
    rows = [
        ["合计", "14.57"],
        ["1、因公出国（境）费用", ""],
        ["2、公务接待费", "2.33"],
        ["3、公务用车费", "12.24"],
        ["其中：（1）公务用车运行维护费", "12.24"],
        ["（2）公务用车购置", ""],
    ]
    doc = document(table("T7", "一般公共预算“三公”经费支出预算表", header, rows))
    assert findings(doc, "three_public_sum") == []
    rows[4][1] = "11.24"
    [f] = findings(
        document(table("T7", "一般公共预算“三公”经费支出预算表", header, rows)), "three_public_sum"
    )
    assert f.cells[0].row == 3 and touches(f, "T7", 4) and touches(f, "T7", 5)


def test_three_public_car_line_without_its_purchase_row_is_not_summed():
    # Only "其中：运行费" is printed under the car line: 购置费 (2.00) is not a row, so the car
    # line is not the sum of what is printed; the 合计 still is the sum of the three items.
    header = [["项目", "2024年预算数"]]
    rows = [
        ["合计", "16.57"],
        ["1、因公出国（境）费用", ""],
        ["2、公务接待费", "2.33"],
        ["3、公务用车购置及运行费", "14.24"],
        ["其中：公务用车运行维护费", "12.24"],
    ]
    doc = document(table("T7", "一般公共预算“三公”经费支出预算表", header, rows))
    assert findings(doc, "three_public_sum") == []
    rows[0][1] = "16.67"
    [f] = findings(document(table("T7", "一般公共预算“三公”经费支出预算表", header, rows)), "three_public_sum")
    assert f.cells[0].row == 0 and f.severity.value == "error"


def test_three_public_items_against_basic_expenditure():
    three = table("T7", "一般公共预算“三公”经费支出表", WIDE_3PUB, [["2.00", "", "1.90", "", "1.90", "0.10"]])
    assert findings(document(three, basic()), "three_public_vs_basic") == []
    # below the basic-expenditure figure: an error
    [below] = findings(document(three, basic(reception="0.30")), "three_public_vs_basic")
    assert below.severity.value == "error" and touches(below, "T7", 0, 5) and touches(below, "T6", 3)
    assert "30217" in below.message
    # above it (project money may pay for it): a warning
    [above] = findings(document(three, basic(run="1.50")), "three_public_vs_basic")
    assert above.severity.value == "warning" and touches(above, "T6", 4)


def test_three_public_in_wanyuan_against_basic_in_yuan():
    three = table("T7", "“三公”经费预算表", WIDE_3PUB, [["10.81", "0", "9.98", "0", "9.98", "0.83"]])
    yuan = basic(reception="8,265.00", run="99,750.00", unit="元")
    assert findings(document(three, yuan), "three_public_vs_basic") == []


# ---------------------------------------------------------------- 人员经费 / 公用经费


def test_personnel_and_public_totals_of_the_final_basic_table():
    header = [["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]]
    rows = [
        ["301", "工资福利支出", "4816.14", "302", "商品和服务支出", "440.90"],
        ["30101", "基本工资", "4816.14", "30201", "办公费", "440.90"],
        ["303", "对个人和家庭的补助", "67.96", "310", "资本性支出", "39.76"],
        ["30302", "退休费", "67.96", "31002", "办公设备购置", "39.76"],
        ["人员经费合计", "", "4884.10", "公用经费合计", "", "480.66"],
    ]
    t = table("T7", "一般公共预算财政拨款基本支出决算表", header, rows, kind="final_basic_expenditure")
    assert findings(document(t, kind=DocKind.DEPT_FINAL), "basic_composition") == []
    rows[4][2] = "4884.09"
    t = table("T7", "一般公共预算财政拨款基本支出决算表", header, rows, kind="final_basic_expenditure")
    [f] = findings(document(t, kind=DocKind.DEPT_FINAL), "basic_composition")
    assert (
        f.severity.value == "warning"
        and f.cells[0].row == 4
        and touches(f, "T7", 0, 2)
        and touches(f, "T7", 2, 2)
    )
    # each half has its own class = Σ 款 check
    rows[1][5] = "430.90"
    t = table("T7", "一般公共预算财政拨款基本支出决算表", header, rows, kind="final_basic_expenditure")
    [g] = findings(document(t, kind=DocKind.DEPT_FINAL), "code_hierarchy_sum", "error")
    assert g.cells[0].row == 0 and g.cells[0].col == 5


def test_personnel_total_in_the_column_layout():
    t = basic()
    assert findings(document(t), "basic_composition") == []
    t.body[0][3].text = "1,376.95"
    t.body[0][3].value = t.body[0][3].value + 10
    found = findings(document(t), "basic_composition", "error")
    assert found and found[0].cells[0].row == 0 and found[0].cells[0].col == 3


def test_a_document_counting_other_classes_as_personnel_is_not_held_to_301_and_303():
    # 302 商品和服务支出 splits 10.00 人员经费 (福利费 counted as such) + 206.51 公用经费: the
    # 301/303 convention is not this document's, so 人员经费合计 1,376.95 is no slip.
    t = basic()
    for row, col, text in ((0, 3, "1,376.95"), (0, 4, "206.51"), (2, 3, "10.00"), (2, 4, "206.51")):
        cell = t.body[row][col]
        cell.text, cell.value, cell.decimals = text, Decimal(text.replace(",", "")), 2
    assert findings(document(t), "basic_composition") == []
    assert findings(document(t), "row_sum", "error") == []


# ---------------------------------------------------------------- formula notes


def test_formula_notes_parse_literally():
    [f] = parse_formulas("注：27行＝（1＋2＋…＋8）行")
    assert f.unit == "行" and f.lhs == 27 and [n for _, n in f.terms] == list(range(1, 9))
    [g] = parse_formulas("6栏各行＝（1＋2－3）栏各行")
    assert g.unit == "栏" and g.terms == [(1, 1), (1, 2), (-1, 3)]
    [h] = parse_formulas("1栏＝（2＋3＋6）栏")
    assert [n for _, n in h.terms] == [2, 3, 6]


def test_column_formula_note_is_tested_on_every_row():
    header = [["项目", "年初结转", "本年收入", "本年支出", "年末结转"], ["栏次", "1", "2", "3", "4"]]
    rows = [
        ["一般公共服务支出", "10.00", "100.00", "90.00", "20.00"],
        ["教育支出", "5.00", "50.00", "40.00", "16.00"],
    ]
    doc = document(table("T1", "某表", header, rows, notes=["注：4栏各行＝（1＋2－3）栏各行"]))
    [f] = findings(doc, "formula_note")
    assert f.severity.value == "error" and f.cells[0].row == 1 and f.cells[0].col == 4 and "4栏" in f.message


def test_row_formula_note_uses_printed_row_numbers():
    header = [["项目", "行次", "金额"]]
    rows = [["甲", "1", "10.00"], ["乙", "2", "20.00"], ["丙", "3", "5.00"], ["合计", "4", "36.00"]]
    doc = document(table("T1", "某表", header, rows, notes=["4行＝（1＋2＋3）行"]))
    [f] = findings(doc, "formula_note")
    assert f.cells[0].row == 3 and {c.row for c in f.cells} == {0, 1, 2, 3} and f.expected == "35.00"


def test_formula_naming_an_unnumbered_column_is_reported():
    doc = document(table("T1", "某表", [["项目", "金额"]], [["甲", "1.00"]], notes=["3栏＝（1＋2）栏"]))
    [f] = findings(doc, "formula_note")
    assert f.severity.value == "info" and "无法核对" in f.message


# ---------------------------------------------------------------- 绩效表


def test_performance_shares_and_totals():
    rows = [
        ["总体资金情况", "", "", "当年金额", "占比", "近两年收支金额", ""],
        ["", "", "", "", "", "2023年", "2022年"],
        ["", "收入构成", "财政拨款", "1,826.31", "92.00%", "1,775.32", "1,805.55"],
        ["", "", "单位资金", "156.00", "7.87%", "460.00", "50.00"],
        ["", "", "合计", "1,982.31", "100.00%", "2,235.32", "1,855.55"],
        ["职能概述", "……", "", "", "", "", ""],
    ]
    doc = document(table("T11", "整体支出绩效目标表", [["单位名称", "某单位"]], rows, numeric=False))
    found = findings(doc, "performance_share")
    assert len(found) == 1
    f = found[0]
    assert (
        f.severity.value == "error" and f.cells[0].row == 2 and f.cells[0].col == 4 and "92.13%" in f.message
    )
    rows[3][5] = "450.00"
    doc = document(table("T11", "整体支出绩效目标表", [["单位名称", "某单位"]], rows, numeric=False))
    sums = [f for f in findings(doc, "performance_share") if f.cells[0].row == 4]
    assert sums and sums[0].cells[0].col == 5


# ---------------------------------------------------------------- names


def test_subject_name_differing_from_the_other_tables():
    header = [["科目编码", "科目名称", "合计"]]
    good = [["20801", "人力资源和社会保障管理事务", "850.36"]]
    bad = [["20801", "人力资源和社会管理事务", "850.36"]]
    doc = document(
        table("T2", "收入总表", header, bad),
        table("T3", "支出总表", header, good),
        table("T5", "一般公共预算支出表", header, good),
    )
    [f] = findings(doc, "subject_name")
    assert f.severity.value == "error" and f.cells[0].table == "T2" and f.cells[0].col == 1
    assert "人力资源和社会保障管理事务" in f.message


def test_outdated_class_name_is_a_warning():
    doc = document(
        table(
            "T3", "支出总表", [["科目编码", "科目名称", "合计"]], [["210", "医疗卫生与计划生育支出", "1.00"]]
        )
    )
    [f] = findings(doc, "subject_name")
    assert f.severity.value == "warning" and "卫生健康支出" in f.message


def test_project_names_must_match_the_project_table():
    projects = table(
        "T10",
        "项目支出预算表",
        [["项目名称", "部门(单位)名称", "合计"]],
        [["社会保险评估、审计专项经费(政府采购)", "某局", "61.70"], ["档案中心运行费", "某中心", "26.97"]],
        kind="project_expenditure",
    )
    entrusted = table(
        "T11",
        "财政拨款委托业务费支出预算表",
        [["部门/单位/项目名称", "委托事项内容", "合计"]],
        [
            ["某局", "", "35.48"],
            ["社会保险审计、评估专项经费(政府采购)", "全省经办审计", "29.70"],
            ["档案中心运行费", "档案数字化", "5.78"],
        ],
        kind="entrusted_business",
    )
    [f] = findings(document(projects, entrusted), "project_name")
    assert f.severity.value == "error" and f.cells[0].table == "T11" and f.cells[0].row == 1
    assert touches(f, "T10", 0)
    # The header repeated in the body (a continued page) names no project.
    entrusted.body.append([Cell.from_text(t) for t in ("部门/单位/项目名称", "委托事项内容", "合计")])
    assert len(findings(document(projects, entrusted), "project_name")) == 1


def test_project_names_under_a_header_line_read_into_the_body_are_checked():
    """The 项目支出绩效目标表's header line ('单位名称 | 项目名称 | … | 权重') read as a body row
    under a band '栏目': the names below it are still compared with the 项目支出表."""
    projects = table(
        "T10",
        "项目支出预算表",
        [["项目名称", "部门(单位)名称", "合计"]],
        [["社会保险评估、审计专项经费(政府采购)", "某局", "29.70"], ["档案中心运行费", "某中心", "5.78"]],
        kind="project_expenditure",
    )
    form = table(
        "T14",
        "项目支出绩效目标表",
        [["栏目", "", "年度资金总额（万元）", "栏目", "", ""]],
        [
            ["单位名称", "项目名称", "", "年度绩效目标", "一级指标", "权重"],
            ["313001-某局", "社会保险审计、评估专项经费(政府采购)", "29.70", "开展审计", "成本指标", "20"],
            ["", "", "", "", "产出指标", "30"],
            ["313002-某中心", "档案中心运行费", "5.78", "保障运行", "产出指标", "50"],
        ],
        kind="project_performance",
    )
    [f] = findings(document(projects, form), "project_name")
    assert f.severity.value == "error" and (f.cells[0].row, f.cells[0].col) == (1, 1)


def test_a_name_read_a_cell_off_beside_a_listed_project_is_no_project():
    """'项目名称 | 来源项目 | 社会保险业务工作经费': a wrapped label read between the form's label
    and the project's name, which the 项目支出表 lists: not a project of its own."""
    projects = table(
        "T10",
        "项目支出预算表",
        [["项目名称", "部门(单位)名称", "合计"]],
        [["社会保险业务工作经费", "某局", "398.85"]],
        kind="project_expenditure",
    )
    form = table(
        "T14",
        "项目支出绩效目标表",
        [["项目名称", "社会保险业务工作经费", "项目编码", "001"]],
        [["项目名称", "来源项目", "社会保险业务工作经费", ""], ["项目名称", "社会保险业务经费", "", ""]],
        kind="project_performance",
    )
    [f] = findings(document(projects, form), "project_name")
    assert f.actual == "社会保险业务经费"  # a name of its own that differs is still found


def test_row_formula_across_the_two_sides_of_a_summary_table():
    header = [["项目", "行次", "金额", "项目", "行次", "金额"], ["栏次", "", "1", "栏次", "", "2"]]
    rows = [
        ["一、财政拨款收入", "1", "90.00", "一、一般公共服务支出", "4", "60.00"],
        ["二、其他收入", "2", "10.00", "二、教育支出", "5", "40.00"],
        ["本年收入合计", "3", "100.00", "本年支出合计", "6", "110.00"],
    ]
    doc = document(
        table("T1", "收入支出决算总表", header, rows, notes=["注：3行＝（1＋2）行；6行＝（4＋5）行"])
    )
    [f] = findings(doc, "formula_note")
    assert (
        f.cells[0].row == 2
        and f.cells[0].col == 5
        and {(c.row, c.col) for c in f.cells[1:]} == {(0, 5), (1, 5)}
    )
