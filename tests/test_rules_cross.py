"""Across tables: the same figure wherever printed, 元/万元 converted, funds matched."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.rules_support import EXPENDITURE_HEADER, document, findings, table, touches

SUMMARY_HEADER = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
GENERAL_HEADER = [
    ["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"],
    ["", "", "", "小计", "人员经费", "公用经费", ""],
]
BASIC_HEADER = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]


def summary(line_208="1,608.43"):
    rows = [
        ["一、一般公共预算拨款收入", "1,826.31", "一、社会保障和就业支出", line_208],
        ["二、其他收入", "156.00", "二、卫生健康支出", "190.29"],
        ["", "", "三、住房保障支出", "183.59"],
        ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
        ["收入总计", "1,982.31", "支出总计", "1,982.31"],
    ]
    return table("T1", "收支总表", SUMMARY_HEADER, rows, kind="budget_summary")


def expenditure_summary(rent="20.26", basic_rent="20.26"):
    rows = [
        ["合计", "", "1,982.31", "1,583.46", "398.85"],
        ["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"],
        ["210", "卫生健康支出", "190.29", "190.29", ""],
        ["221", "住房保障支出", "183.59", "183.59", ""],
        ["2210202", "提租补贴", rent, basic_rent, ""],
    ]
    return table("T3", "支出总表", EXPENDITURE_HEADER, rows, kind="expenditure_summary")


def general(rent="20.26"):
    rows = [
        ["", "合计", "1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"],
        ["208", "社会保障和就业支出", "1,452.43", "1,209.58", "993.07", "216.51", "242.85"],
        ["210", "卫生健康支出", "190.29", "190.29", "190.29", "", ""],
        ["221", "住房保障支出", "183.59", "183.59", "183.59", "", ""],
        ["2210202", "提租补贴", rent, rent, rent, "", ""],
    ]
    return table("T5", "一般公共预算支出表", GENERAL_HEADER, rows, kind="general_budget_expenditure")


def cross(doc):
    return findings(doc, "cross_table")


def test_consistent_tables_agree():
    assert cross(document(summary(), expenditure_summary(), general())) == []


def test_summary_class_line_disagreeing_with_the_expenditure_table():
    found = cross(document(summary(line_208="1,600.43"), expenditure_summary(), general()))
    errors = [f for f in found if f.severity.value == "error"]
    assert errors and all(touches(f, "T1", 0, 3) for f in errors)
    assert any(touches(f, "T3", 1) for f in errors)
    assert "1,600.43" in errors[0].message and "1,608.43" in errors[0].message


def test_basic_expenditure_rows_compared_when_all_basic_money_is_general_budget():
    # 基本支出 totals agree (1,583.46) so every row's 基本支出 must agree; 合计 totals differ.
    found = cross(document(summary(), expenditure_summary(), general(rent="20.96")))
    assert found and all(f.severity.value == "error" for f in found)
    assert any(touches(f, "T5", 4, 3) and touches(f, "T3", 4, 3) for f in found)


def test_rows_with_different_funds_are_not_compared():
    # 支出总表 合计 (all funds, 1,982.31) and 一般公共预算 合计 (1,826.31) differ: 208 may differ.
    doc = document(expenditure_summary(), general())
    assert not [f for f in cross(doc) if any(c.row == 1 and c.col == 2 for c in f.cells)]


def test_yuan_and_wanyuan_agree_at_the_coarser_precision():
    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    unit_header = [["单位编码", "单位名称", "合计", "基本支出", "项目支出"]]
    yuan = table(
        "T1",
        "一般公共预算支出表",
        header,
        [["合计", "", "2,132,777.54", "2,132,777.54", ""]],
        unit="元",
        kind="general_budget_expenditure",
    )

    def by_unit(figure):
        return table(
            "T2",
            "一般公共预算支出表(分单位)",
            unit_header,
            [["合计", "", figure, figure, ""]],
            kind="general_budget_expenditure_by_unit",
        )

    assert cross(document(yuan, by_unit("213.28"))) == []
    found = cross(document(yuan, by_unit("213.48")))
    assert found and all(f.severity.value == "error" for f in found)
    assert found[0].difference in ("0.20", "-0.20")
    assert "213.48" in found[0].message and "2,132,777.54" in found[0].message


def test_one_cent_apart_is_a_rounding_warning():
    header = [["科目编码", "科目名称", "合计"]]
    a = table(
        "T1",
        "支出总表",
        header,
        [["合计", "", "100.00"], ["208", "社会保障和就业支出", "326.71"]],
        kind="expenditure_summary",
    )
    b = table(
        "T2",
        "支出决算表",
        header,
        [["合计", "", "100.00"], ["208", "社会保障和就业支出", "326.72"]],
        kind="expenditure_summary",
    )
    [f] = cross(document(a, b))
    assert f.severity.value == "warning" and touches(f, "T1", 1) and touches(f, "T2", 1)


def test_the_odd_table_out_is_blamed_by_majority():
    rows = [["合计", "", "100.00", "100.00", ""], ["208", "社会保障和就业支出", "100.00", "100.00", ""]]
    bad = [["合计", "", "100.00", "100.00", ""], ["208", "社会保障和就业支出", "90.00", "100.00", ""]]
    t1 = table("T1", "支出总表", EXPENDITURE_HEADER, rows, kind="expenditure_summary")
    t2 = table("T2", "一般公共预算支出表", EXPENDITURE_HEADER, bad, kind="general_budget_expenditure")
    t3 = table("T3", "一般公共预算支出表（二）", EXPENDITURE_HEADER, rows, kind="general_budget_expenditure")
    errors = [f for f in cross(document(t1, t2, t3)) if f.severity.value == "error"]
    assert errors and errors[0].table == "T2" and errors[0].cells[0].table == "T2"
    assert errors[0].actual == "90.00" and errors[0].expected == "100.00"


def test_general_budget_basic_expenditure_equals_the_basic_table():
    basic_rows = [
        ["", "合计", "1,583.46", "1,366.95", "216.51"],
        ["301", "工资福利支出", "1,366.95", "1,366.95", ""],
        ["302", "商品和服务支出", "216.51", "", "216.51"],
    ]
    ok = table("T6", "一般公共预算基本支出表", BASIC_HEADER, basic_rows, kind="basic_expenditure")
    assert cross(document(general(), ok)) == []
    basic_rows[0][3] = "1,376.95"
    basic_rows[1][2] = basic_rows[1][3] = "1,376.95"
    basic_rows[0][2] = "1,593.46"
    off = table("T6", "一般公共预算基本支出表", BASIC_HEADER, basic_rows, kind="basic_expenditure")
    found = cross(document(general(), off))
    assert any(touches(f, "T6", 0, 3) and touches(f, "T5", 0, 4) for f in found)
    assert any(touches(f, "T6", 0, 2) and touches(f, "T5", 0, 3) for f in found)


def test_a_total_of_personnel_and_public_is_the_basic_expenditure_whatever_the_title():
    """A 基本支出表 whose title was not read (a header band taken for it: the table is classed as
    a 一般公共预算支出表): its 合计 = 人员经费 + 公用经费 is 基本支出, never the whole 合计."""
    basic_rows = [
        ["", "合计", "1,583.46", "1,366.95", "216.51"],
        ["301", "工资福利支出", "1,366.95", "1,366.95", ""],
        ["302", "商品和服务支出", "216.51", "", "216.51"],
    ]
    untitled = table("T6", "部门预算支出经济分类", BASIC_HEADER, basic_rows, kind="general_budget_expenditure")
    assert cross(document(general(), untitled)) == []
    basic_rows[0][2], basic_rows[0][4] = "1,593.46", "226.51"  # a 基本支出 slip is still caught
    off = table("T6", "部门预算支出经济分类", BASIC_HEADER, basic_rows, kind="general_budget_expenditure")
    found = [f for f in cross(document(general(), off)) if f.severity.value == "error"]
    assert any(touches(f, "T6", 0, 2) and touches(f, "T5", 0, 3) for f in found)


def test_final_accounts_01_totals_against_02_and_03():
    header01 = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]]
    t01 = table(
        "T1",
        "收入支出决算总表",
        header01,
        [
            ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,940.05"],
            ["二、其他收入", "6.20", "", ""],
            ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
            ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
            ["总计", "2,995.39", "总计", "2,995.39"],
        ],
        kind="final_summary",
    )
    header02 = [["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"]]
    t02 = table(
        "T2", "收入决算表", header02, [["合计", "", "2,946.25", "2,940.05", "6.20"]], kind="final_income"
    )
    header03 = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]]
    t03 = table(
        "T3",
        "支出决算表",
        header03,
        [
            ["合计", "", "2,940.05", "2,336.91", "603.14"],
            ["201", "一般公共服务支出", "2,940.05", "2,336.91", "603.14"],
        ],
        kind="final_expenditure",
    )
    assert cross(document(t01, t02, t03, kind=DocKind.DEPT_FINAL)) == []
    t02.body[0][2].value = t02.body[0][2].value - 10  # as if misread
    t02.body[0][2].text = "2,936.25"
    found = cross(document(t01, t02, t03, kind=DocKind.DEPT_FINAL))
    assert found and touches(found[0], "T2", 0, 2) and touches(found[0], "T1", 2, 1)


def test_corrected_value_is_the_one_compared():
    t3 = expenditure_summary()
    t5 = general(rent="20.96")
    doc = document(summary(), t3, t5)
    assert cross(doc)
    from decimal import Decimal

    for c in (3, 4):
        t5.body[4][c].corrected = Decimal("20.26")
    t5.body[4][2].corrected = Decimal("20.26")
    assert cross(doc) == []


def test_last_years_figures_are_not_compared_with_this_years():
    header = [["科目编码", "科目名称", "本年预算数", "上年预算数", "增减%"]]
    this_year = [
        ["合计", "", "100.00", "80.00", "25.00%"],
        ["208", "社会保障和就业支出", "100.00", "80.00", "25.00%"],
    ]
    a = table("T1", "一般公共预算支出表", header, this_year, kind="general_budget_expenditure")
    b = table(
        "T2",
        "一般公共预算支出表(分单位)",
        [["单位编码", "单位名称", "合计"]],
        [["合计", "", "100.00"]],
        kind="general_budget_expenditure_by_unit",
    )
    assert cross(document(a, b)) == []


def test_figures_ten_thousand_apart_suggest_a_unit_slip():
    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    a = table(
        "T1", "一般公共预算支出表", header, [["合计", "", "2,132,777.54", "2,132,777.54", ""]], unit=None
    )
    b = table(
        "T2",
        "一般公共预算支出表(分单位)",
        [["单位编码", "单位名称", "合计", "基本支出", "项目支出"]],
        [["合计", "", "213.28", "213.28", ""]],
    )
    found = cross(document(a, b))
    assert found and all(f.severity.value == "warning" and "单位" in f.message for f in found)


def test_project_table_total_equals_the_project_column_of_the_expenditure_table():
    header = [
        ["项目编码", "项目名称", "项目单位", "合计", "本年拨款", "", "单位资金"],
        ["", "", "", "", "一般公共预算", "政府性基金预算", ""],
    ]

    def projects(total):
        return table(
            "T10",
            "项目支出表",
            header,
            [["", "", "", total, "242.85", "", "156.00"], ["X001", "社会保险业务工作经费", "某中心", total, "242.85", "", "156.00"]],
            kind="project_expenditure",
        )

    assert cross(document(summary(), expenditure_summary(), general(), projects("398.85"))) == []
    found = cross(document(summary(), expenditure_summary(), general(), projects("389.85")))
    assert found and any(touches(f, "T10", 0, 3) and touches(f, "T3", 0, 4) for f in found)
