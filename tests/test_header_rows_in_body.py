"""A header line read into the body of a table set without rules ("项目 | 2024年预算数 | 本年预算 |
上年结转" under a band row 收入 | 支出) is no item: it makes no sum, while a slip among the items
below it is still caught."""

from __future__ import annotations

from tests.helpers.rules_support import document, findings, table

HEADER = [["收入", "", "", "支出", "", ""]]


def _rows(first_income: str) -> list[list[str]]:
    return [
        ["项目", "2024年预算数", "本年预算", "项目", "2024年预算数", "本年预算"],
        ["一、财政拨款收入", first_income, "900.00", "一、社会保障和就业支出", "800.00", "800.00"],
        ["一般公共预算拨款收入", "1,000.00", "900.00", "二、卫生健康支出", "200.00", "100.00"],
        ["本年收入合计", "1,000.00", "900.00", "本年支出合计", "1,000.00", "900.00"],
    ]


def _summary_errors(first_income: str) -> list[str]:
    t = table("T1", "收支预算总表", HEADER, _rows(first_income), kind="budget_summary")
    t.strategy = "aligned"
    return [f.message for f in findings(document(t), "summary_sum", "error")]


def test_a_header_line_in_the_body_makes_no_sum():
    assert _summary_errors("1,000.00") == []


def test_a_slip_below_the_header_line_is_still_caught():
    found = _summary_errors("1,100.00")
    assert found and all("1,100.00" in m for m in found)


def _expenditure_errors(first_basic: str) -> list[str]:
    header = [["科目名称", "合计", "基本支出", "项目支出"]]
    rows = [
        ["合计", "1,000.00", "600.00", "400.00"],
        ["社会保障和就业支出", "700.00", first_basic, "100.00"],
        ["※", "1", "2", "3"],  # the 栏次 line of the header repeated on the next page
        ["卫生健康支出", "300.00", "0.00", "300.00"],
    ]
    t = table("T1", "支出总表", header, rows, kind="expenditure_summary")
    return [f.message for f in findings(document(t), "row_sum", "error")]


def test_a_column_number_line_in_the_body_makes_no_sum():
    assert _expenditure_errors("600.00") == []


def test_a_slip_beside_a_column_number_line_is_still_caught():
    found = _expenditure_errors("650.00")
    assert len(found) == 1 and "650.00" in found[0]
