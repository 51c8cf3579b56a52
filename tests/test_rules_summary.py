"""收支总表 / 财政拨款收支总表: the outline of each side, its totals and the balance."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.rules_support import document, findings, table, touches

HEADER = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]


def budget_summary(income_general="1,826.31", other="156.00", carry="", grand="1,982.31"):
    rows = [
        ["一、一般公共预算拨款收入", income_general, "一、社会保障和就业支出", "1,608.43"],
        ["二、政府性基金预算拨款收入", "", "二、卫生健康支出", "190.29"],
        ["三、其他收入", other, "三、住房保障支出", "183.59"],
        ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
        ["上年结转结余", carry, "年终结转结余", ""],
        ["收入总计", grand, "支出总计", "1,982.31"],
    ]
    return document(table("T1", "收支总表", HEADER, rows, kind="budget_summary"))


def test_consistent_summary_passes():
    assert findings(budget_summary(), "summary_sum") == []
    assert findings(budget_summary(), "summary_balance") == []


def test_income_lines_not_adding_up_to_this_years_total():
    found = findings(budget_summary(other="150.00"), "summary_sum", "error")
    [f] = [f for f in found if f.cells[0].row == 3]
    assert "本年收入合计" in f.message and touches(f, "T1", 2, 1)
    assert {c.row for c in f.cells} == {3, 0, 1, 2}


def test_grand_total_is_this_year_plus_carry_over():
    found = findings(budget_summary(carry="10.00"), "summary_sum", "error")
    [f] = [f for f in found if f.cells[0].row == 5]
    assert f.expected == "1,992.31" and touches(f, "T1", 4, 1)
    # and then the two sides no longer balance
    assert findings(budget_summary(carry="10.00", grand="1,992.31"), "summary_balance", "error")


def test_numbered_items_sum_their_sub_items_and_qizhong_lists():
    header = [["收入", "", "支出", ""], ["项目", "预算数", "支出功能分类", "预算数"]]
    rows = [
        ["一、本年收入", "1,036.02", "208 社会保障和就业支出", "927.19"],
        ["1. 一般公共预算拨款", "1,036.02", "210 卫生健康支出", "50.70"],
        ["其中：一般财力", "1,036.00", "221 住房保障支出", "58.13"],
        ["上级一般公共预算安排转移支付", "", "229 其他支出", "5.13"],
        ["2. 政府性基金预算拨款", "", "", ""],
        ["二、上年结转结余", "5.13", "", ""],
        ["1. 财政拨款结转", "5.13", "", ""],
        ["收入总计", "1,041.15", "支出总计", "1,041.15"],
    ]
    doc = document(
        table("T1", "部门收支总体情况表", header, rows, kind="budget_summary"), kind=DocKind.DEPT_BUDGET
    )
    found = findings(doc, "summary_sum", "error")
    assert len(found) == 1
    assert found[0].cells[0].row == 1 and touches(found[0], "T1", 2, 1) and touches(found[0], "T1", 3, 1)


def test_rounding_tail_in_a_grand_total_is_a_warning():
    header = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows = [
        ["一、本年收入", "1,036.02", "一、本年支出", "1,041.14"],
        ["二、上年结转结余", "5.13", "", ""],
        ["收入总计", "1,041.14", "支出总计", "1,041.14"],
    ]
    doc = document(table("T1", "收支总表", header, rows, kind="budget_summary"))
    [f] = findings(doc, "summary_sum")
    assert f.severity.value == "warning" and f.cells[0].row == 2


def test_final_fiscal_summary_carry_over_lines_and_fund_columns():
    header = [
        ["收入", "", "支出", "", "", "", ""],
        [
            "项目",
            "决算数",
            "项目",
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ],
    ]
    rows = [
        ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,940.05", "2,940.05", "", ""],
        ["二、政府性基金预算财政拨款", "", "", "", "", "", ""],
        ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05", "", ""],
        ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63", "21.63", "", ""],
        ["一、一般公共预算财政拨款", "21.36", "", "", "", "", ""],
        ["总计", "2,961.68", "总计", "2,961.68", "2,961.68", "", ""],
    ]
    doc = document(
        table("T1", "财政拨款收入支出决算总表", header, rows, kind="final_fiscal_summary"),
        kind=DocKind.DEPT_FINAL,
    )
    found = findings(doc, "summary_sum", "error")
    assert len(found) == 1 and found[0].cells[0].row == 3 and touches(found[0], "T1", 4, 1)


def test_a_row_named_as_a_sum_is_no_part_of_the_item_above():
    """"当年收入合计" under "三、其他资金": not its sub-item (which rows it adds is not claimed)."""
    rows = [
        ["一、财政拨款", "1,000.00", "一、一般公共服务支出", "1,000.00"],
        ["二、其他资金", "", "", ""],
        ["当年收入合计", "1,000.00", "当年支出合计", "1,000.00"],
        ["上年结转", "", "结转下年", ""],
        ["收入总计", "1,000.00", "支出总计", "1,000.00"],
    ]
    doc = document(table("T1", "收支总表", HEADER, rows, kind="budget_summary"))
    assert findings(doc, "summary_sum", "error") == []
    rows[4][1] = "1,100.00"  # a slip in the grand total: the two sides no longer balance
    doc = document(table("T1", "收支总表", HEADER, rows, kind="budget_summary"))
    assert findings(doc, "summary_balance", "error")
    assert not [f for f in findings(doc, "summary_sum", "error") if "其他资金" in f.message]


def _with_subtotal(subtotal: str = "1,000.00"):
    rows = [
        ["一、财政拨款收入", "600.00", "一、基本支出", "700.00"],
        ["二、事业收入", "400.00", "二、项目支出", "300.00"],
        ["小计", subtotal, "小计", "1,000.00"],
        ["三、其他收入", "50.00", "三、结转下年", "50.00"],
        ["收入总计", "1,050.00", "支出总计", "1,050.00"],
    ]
    return document(table("T1", "收支总表", HEADER, rows, kind="budget_summary"))


def test_items_after_a_subtotal_are_not_its_parts():
    assert findings(_with_subtotal(), "summary_sum", "error") == []
    found = findings(_with_subtotal("1,100.00"), "summary_sum", "error")
    assert any(f.message.startswith("小计") and "1,000.00" in f.message for f in found)
