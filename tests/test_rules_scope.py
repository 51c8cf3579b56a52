"""What may be compared with what (issue 10, classes c–e): figures are the same fact only when
both tables cover the same funds and the same part of the budget and the columns mean the same.

c. a table that is one part of the budget (机关运行经费, 政府采购) is not its whole;
d. an all-funds 收支总表 is not a 财政拨款 table;
e. the parts of a 财务收支预算总表's 预算数 (人员经费 | 公用经费 | 项目支出) are not its 合计.
"""

from __future__ import annotations

from desktopapp.tables.scope import Funds, Part, scope_of
from tests.helpers.rules_support import document, findings, table, touches

CODE_HEADER = [["科目编码", "科目名称", "合计"]]
SUMMARY_HEADER = [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]]


def errors(doc, rule="cross_table"):
    return [f for f in findings(doc, rule) if f.severity.value == "error"]


def general(total="1,826.31", line_208="1,452.43", title="一般公共预算支出预算表", table_id="T8"):
    rows = [
        ["", "合计", total],
        ["208", "社会保障和就业支出", line_208],
        ["210", "卫生健康支出", "190.29"],
        ["221", "住房保障支出", "183.59"],
    ]
    return table(table_id, title, CODE_HEADER, rows, kind="general_budget_expenditure")


# ---------------------------------------------------------------- c. a part is not the whole


def running_costs(total="216.51", office="20.00"):
    rows = [["", "合计", total], ["302", "商品和服务支出", total], ["30201", "办公费", office]]
    header = [["科目编码", "科目名称", "机关运行经费支出"]]
    return table("T10", "一般公共预算机关运行经费支出预算表", header, rows, kind="general_budget_expenditure")


def procurement():
    header = [["采购品目大类", "采购物品名称", "总计"]]
    rows = [["合计", "", "98.00"], ["一、货物", "台式计算机", "98.00"]]
    return table("T12", "政府采购支出预算表", header, rows, kind="expenditure_summary")


def basic(office="35.00"):
    header = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    rows = [
        ["", "合计", "1,583.46", "1,366.95", "216.51"],
        ["301", "工资福利支出", "1,366.95", "1,366.95", ""],
        ["302", "商品和服务支出", "216.51", "", "216.51"],
        ["30201", "办公费", office, "", office],
    ]
    return table("T9", "一般公共预算基本支出预算表", header, rows, kind="basic_expenditure")


def test_running_costs_and_procurement_totals_are_not_the_expenditure_total():
    assert scope_of("general_budget_expenditure", "一般公共预算机关运行经费支出预算表").selection is Part.RUNNING_COSTS
    doc = document(general(), running_costs(), procurement(), basic())
    assert errors(doc) == []


def test_running_costs_rows_are_not_the_basic_tables_rows():
    # 办公费 in the 机关运行经费 table (20.00) is a part of the basic table's 办公费 (35.00).
    assert errors(document(general(), running_costs(office="20.00"), basic(office="35.00"))) == []


def test_two_whole_tables_of_one_fund_that_disagree_are_still_an_error():
    by_unit = general(total="1,836.31", title="一般公共预算支出预算表（分单位）", table_id="T7")
    found = errors(document(general(), by_unit, running_costs()))
    assert found and any(touches(f, "T7", 0, 2) for f in found)
    assert not any(touches(f, "T10", 0) for f in found)  # the 机关运行经费 table stays out


# ---------------------------------------------------------------- d. all funds vs 财政拨款


def all_funds_summary(line_208="1,608.43"):
    rows = [
        ["一、财政拨款", "1,826.31", "一、社会保障和就业支出", line_208],
        ["1.一般公共预算", "1,826.31", "二、卫生健康支出", "190.29"],
        ["二、财政专户管理资金", "156.00", "三、住房保障支出", "183.59"],
        ["三、其他资金", "", "", ""],
        ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
    ]
    return table("T1", "收支预算总表", SUMMARY_HEADER, rows, kind="budget_summary")


def fiscal_expenditure(line_208="1,452.43"):
    rows = [
        ["", "合计", "1,826.31"],
        ["208", "社会保障和就业支出", line_208],
        ["210", "卫生健康支出", "190.29"],
        ["221", "住房保障支出", "183.59"],
    ]
    # Laid out like a 支出总表, titled as 财政拨款 money: the title sets its funds.
    return table("T5", "财政拨款支出预算表", CODE_HEADER, rows, kind="expenditure_summary")


def test_an_all_funds_summary_is_not_compared_with_fiscal_tables():
    # 208 differs by the 156.00 of 财政专户管理资金: not a slip.
    assert scope_of("expenditure_summary", "财政拨款支出预算表").funds is Funds.FISCAL
    assert errors(document(all_funds_summary(), fiscal_expenditure(), general())) == []


def test_two_fiscal_tables_that_disagree_are_an_error():
    found = errors(document(all_funds_summary(), fiscal_expenditure(line_208="1,462.43"), general()))
    assert found and all(touches(f, "T5", 1, 2) for f in found)
    assert not any(touches(f, "T1", 0, 3) for f in found)


def test_funds_read_from_the_content_of_a_summary_table():
    assert scope_of("budget_summary", "收支总表", ["一般公共预算拨款", "事业收入"]).funds is Funds.ALL
    doubtful = scope_of("fiscal_summary", "财政拨款收支总表", ["一般公共预算拨款", "事业收入"])
    assert doubtful.funds is Funds.ALL and not doubtful.certain
    assert scope_of("fiscal_summary", "财政拨款收支总表", ["一般公共预算拨款", "政府性基金预算拨款"]).certain


def test_a_summary_of_uncertain_funds_is_compared_with_nothing_and_said_once():
    rows = [
        ["一般公共预算拨款", "1,826.31", "一、社会保障和就业支出", "1,700.00"],
        ["事业收入", "156.00", "二、卫生健康支出", "190.29"],
        ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
    ]
    doubtful = table("T4", "财政拨款收支预算总表", SUMMARY_HEADER, rows, kind="fiscal_summary")
    found = findings(document(doubtful, fiscal_expenditure(), general()), "cross_table")
    assert [f.severity.value for f in found] == ["warning"]
    assert "资金口径" in found[0].message


# ---------------------------------------------------------------- e. parts of a 预算数 are not its 合计


FINANCE_HEADER = [
    ["本年收入", "", "本年支出", "", "", "", ""],
    ["项目", "预算数", "项目", "预算数", "", "", ""],
    ["", "", "", "合计", "基本支出", "", "项目支出"],
    ["", "", "", "", "人员经费", "公用经费", ""],
]


def finance_summary(total_201="800.00", personnel_total="580.00", public_208="20.00"):
    rows = [
        ["一、财政拨款收入", "1,000.00", "一、一般公共服务支出", total_201, "400.00", "150.00", "250.00"],
        ["1、一般公共预算资金", "1,000.00", "二、社会保障和就业支出", "200.00", "180.00", public_208, ""],
        ["二、事业收入", "", "", "", "", "", ""],
        ["收入总计", "1,000.00", "支出总计", "1,000.00", personnel_total, "170.00", "250.00"],
    ]
    return table("T1", "2025年预算单位财务收支预算总表", FINANCE_HEADER, rows, kind="budget_summary", unit="元")


def unit_expenditure():
    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    rows = [
        ["201", "一般公共服务支出", "800.00", "550.00", "250.00"],
        ["208", "社会保障和就业支出", "200.00", "200.00", ""],
        ["合计", "", "1,000.00", "750.00", "250.00"],
    ]
    return table("T3", "2025年预算单位支出预算总表", header, rows, kind="expenditure_summary", unit="元")


def unit_general():
    rows = [
        ["201", "一般公共服务支出", "800.00"],
        ["208", "社会保障和就业支出", "200.00"],
        ["合计", "", "1,000.00"],
    ]
    title = "2025年预算单位一般公共预算支出功能分类预算表"
    return table("T5", title, CODE_HEADER, rows, kind="general_budget_expenditure", unit="元")


def unit_basic():
    header = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    rows = [
        ["301", "工资福利支出", "580.00", "580.00", ""],
        ["302", "商品和服务支出", "170.00", "", "170.00"],
        ["合计", "", "750.00", "580.00", "170.00"],
    ]
    title = "2025年预算单位一般公共预算基本支出部门预算经济分类预算表"
    return table("T8", title, header, rows, kind="basic_expenditure", unit="元")


def finance_doc(**changes):
    return document(finance_summary(**changes), unit_expenditure(), unit_general(), unit_basic())


def test_parts_of_the_budget_column_are_not_compared_with_the_total():
    doc = finance_doc()
    assert errors(doc) == []
    assert errors(doc, "row_sum") == []


def test_a_wrong_total_of_the_budget_column_is_an_error():
    found = errors(finance_doc(total_201="810.00"), "row_sum")
    assert found and touches(found[0], "T1", 0, 3)
    assert "人员经费" in found[0].message and "项目支出" in found[0].message


def test_personnel_total_differing_from_the_basic_table_is_an_error():
    found = errors(finance_doc(personnel_total="590.00"))
    assert any(touches(f, "T1", 3, 4) and touches(f, "T8", 2, 3) for f in found)


def test_personnel_and_public_of_a_class_make_its_basic_expenditure():
    # 208: 人员经费 180.00 + 公用经费 25.00 ≠ the 支出总表's 基本支出 200.00.
    found = errors(finance_doc(public_208="25.00"))
    assert any(touches(f, "T1", 1, 5) and touches(f, "T3", 1, 3) for f in found)


def test_a_toc_entry_of_one_part_is_matched_with_the_table_of_that_part():
    expenditure = table("T3", "支出预算总表", CODE_HEADER, [["", "合计", "1,826.31"]], kind="expenditure_summary")
    header = [["采购品目大类", "采购物品名称", "总计"]]
    bought = table("T12", "2018年政府采购预算表", header, [["合计", "", "98.00"]], kind="other")
    doc = document(expenditure, bought, toc=["十二、2018年度政府采购支出预算表"])
    [f] = findings(doc, "toc_table_missing")
    assert f.severity.value == "warning" and f.table == "T12"


def test_a_part_is_read_from_the_columns_when_the_title_does_not_say():
    assert scope_of("general_budget_expenditure", "支出预算表", columns=["机关运行经费支出"]).selection is Part.RUNNING_COSTS
    assert scope_of("general_budget_expenditure", "支出预算表", columns=["合计", "机关运行经费"]).selection is None
    untitled = running_costs()
    untitled.title = ""
    assert errors(document(general(), untitled)) == []
