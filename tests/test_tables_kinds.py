"""Table kinds from titles as printed by different provinces and years, and from headers."""

from __future__ import annotations

import pytest

from desktopapp.extract.captions import split_number
from desktopapp.tables.kinds import KIND_NAMES, classify

BUDGET_TITLES = [
    ("收支总表", "budget_summary"),
    ("2026年部门财务收支预算总表", "budget_summary"),
    ("部门收支总体情况表", "budget_summary"),
    ("收入总表", "income_summary"),
    ("2026年部门收入预算总表", "income_summary"),
    ("部门支出总体情况表", "expenditure_summary"),
    ("财政拨款收支总表", "fiscal_summary"),
    ("财政拨款收支预算总体情况表", "fiscal_summary"),
    ("一般公共预算支出表(分功能科目)", "general_budget_expenditure"),
    ("一般公共预算拨款支出预算表", "general_budget_expenditure"),
    ("2026年部门一般公共预算支出功能分类预算表", "general_budget_expenditure"),
    ("一般公共预算支出表（分单位）", "general_budget_expenditure_by_unit"),
    ("一般公共预算基本支出表", "basic_expenditure"),
    ("2026年部门一般公共预算基本支出部门预算经济分类预算表", "basic_expenditure"),
    ("一般公共预算“三公”经费支出表", "three_public"),
    ("2026年部门“三公”经费和机关运行经费预算表", "three_public"),
    ("政府性基金预算支出表", "gov_fund_expenditure"),
    ("国有资本经营预算支出情况表", "state_capital_expenditure"),
    ("项目支出情况表", "project_expenditure"),
    ("一般公共预算项目支出情况表", "project_expenditure"),
    ("整体支出绩效目标表", "overall_performance"),
    ("部门整体绩效目标表", "overall_performance"),
    ("项目支出绩效目标表", "project_performance"),
    ("上年结转结余情况明细表", "carryover"),
    ("财政拨款委托业务费支出预算表", "entrusted_business"),
]

FINAL_TITLES = [
    ("收入支出决算总表", "final_summary"),
    ("收入决算表", "final_income"),
    ("支出决算表", "final_expenditure"),
    ("财政拨款收入支出决算总表", "final_fiscal_summary"),
    ("一般公共预算财政拨款支出决算表", "final_general_budget_expenditure"),
    ("一般公共预算财政拨款基本支出决算明细表", "final_basic_expenditure"),
    ("财政拨款“三公”经费支出决算表", "final_three_public"),
    ("政府性基金预算财政拨款收入支出决算表", "final_gov_fund"),
    ("国有资本经营预算财政拨款支出决算表", "final_state_capital"),
    ("部门决算单位构成", "unit_composition"),
    ("2023年度收入支出决算总表", "final_summary"),
    ("2023年度一般公共预算财政拨款基本支出决算明细表", "final_basic_expenditure"),
    ("2023年度国有资本经营预算财政拨款支出决算表", "final_state_capital"),
    ("2023年度某单位整体绩效自评表", "overall_performance"),
    ("2023年度社会保险业务工作经费项目自评表", "project_performance"),
]


@pytest.mark.parametrize(("title", "kind"), BUDGET_TITLES + FINAL_TITLES)
def test_kind_from_title(title, kind):
    assert classify(title) == kind
    assert kind in KIND_NAMES


def test_final_document_titles_without_jue_suan():
    """A 决算 document whose tables omit the word 决算 still gets the final-accounts kinds."""
    assert classify("收入支出总表", final_document=True) == "final_summary"
    assert classify("一般公共预算支出表", final_document=True) == "final_general_budget_expenditure"


def test_kind_from_header_when_the_title_says_nothing():
    header = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
    assert classify("附件", header) == "three_public"
    assert classify(None, ["经济分类科目", "合计", "人员经费", "公用经费"]) == "basic_expenditure"
    assert classify("", ["项目"]) == "other"


def test_every_kind_has_a_chinese_name():
    assert all(name and not name.isascii() for name in KIND_NAMES.values())
    assert "other" in KIND_NAMES


@pytest.mark.parametrize(
    ("printed", "title", "number"),
    [
        ("表3 支出总表", "支出总表", "表3"),
        ("表5-1 一般公共预算支出表(分功能科目)", "一般公共预算支出表(分功能科目)", "表5-1"),
        ("附表5-2 一般公共预算支出表(分单位)", "一般公共预算支出表(分单位)", "附表5-2"),
        ("公开03表 支出决算表", "支出决算表", "公开03表"),
        ("收入决算表", "收入决算表", None),
    ],
)
def test_number_is_kept_apart_from_the_title(printed, title, number):
    assert split_number(printed) == (title, number)
