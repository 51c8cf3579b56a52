"""A table's kind read from its whole printed title, whatever comes before the words that
carry the meaning: no prefix, a year, an organisation, a number label ("表3", "公开表3",
"附表3："), 部门 or 单位, 预算 or 决算 — and titles naming a part of the spending that no
standard table covers (政府采购, 机关运行经费) are no standard table."""

from __future__ import annotations

import pytest

from desktopapp.extract.captions import split_number
from desktopapp.tables.kinds import classify

PREFIXES = ["", "2024年", "2024年度", "上海市某某局2024年", "2024年度江苏省某某局", "某某中心"]
LABELS = ["", "表3", "表3 ", "公开表3", "公开03表", "附表3：", "表三、"]

# (title after the prefix with {who} = 部门/单位, budget kind, kind in a 决算 document)
TITLES = [
    ("{who}收支总表", "budget_summary", "final_summary"),
    ("{who}收支预算总表", "budget_summary", "final_summary"),
    ("{who}财务收支预算总表", "budget_summary", "final_summary"),
    ("{who}收入总表", "income_summary", "final_income"),
    ("{who}收入预算表", "income_summary", "final_income"),
    ("{who}支出总表", "expenditure_summary", "final_expenditure"),
    ("{who}支出预算表", "expenditure_summary", "final_expenditure"),
    ("{who}财政拨款收支总表", "fiscal_summary", "final_fiscal_summary"),
    ("{who}一般公共预算支出表", "general_budget_expenditure", "final_general_budget_expenditure"),
    ("{who}一般公共预算基本支出表", "basic_expenditure", "final_basic_expenditure"),
    ("{who}一般公共预算“三公”经费支出表", "three_public", "final_three_public"),
    ("{who}“三公”经费和机关运行经费预算表", "three_public", "final_three_public"),
    ("{who}政府性基金预算支出表", "gov_fund_expenditure", "final_gov_fund"),
    ("{who}国有资本经营预算支出表", "state_capital_expenditure", "final_state_capital"),
    ("{who}项目支出表", "project_expenditure", "project_expenditure"),
    ("{who}政府采购支出预算表", "other", "other"),
    ("{who}政府采购预算表", "other", "other"),
    ("{who}机关运行经费支出预算表", "other", "other"),
    ("{who}一般公共预算机关运行经费支出预算表", "other", "other"),
    ("{who}政府购买服务预算表", "other", "other"),
    ("{who}新增资产配置表", "other", "other"),
]

FINAL_TITLES = [
    ("{who}收入支出决算总表", "final_summary"),
    ("{who}收入决算表", "final_income"),
    ("{who}支出决算表", "final_expenditure"),
    ("{who}财政拨款收入支出决算总表", "final_fiscal_summary"),
    ("{who}一般公共预算财政拨款支出决算表", "final_general_budget_expenditure"),
    ("{who}一般公共预算财政拨款基本支出决算表", "final_basic_expenditure"),
    ("{who}财政拨款“三公”经费支出决算表", "final_three_public"),
    ("{who}政府性基金预算财政拨款收入支出决算表", "final_gov_fund"),
    ("{who}国有资本经营预算财政拨款支出决算表", "final_state_capital"),
    ("{who}政府采购支出决算表", "other"),
    ("{who}机关运行经费支出决算表", "other"),
]


def _printed(label: str, prefix: str, title: str, who: str) -> str:
    return f"{label}{prefix}{title.format(who=who)}"


@pytest.mark.parametrize("who", ["部门", "单位", ""])
@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(("title", "budget", "final"), TITLES)
def test_budget_titles_with_any_prefix(who, prefix, title, budget, final):
    for label in LABELS:
        printed = _printed(label, prefix, title, who)
        assert classify(printed) == budget, printed
        assert classify(printed, final_document=True) == final, printed


@pytest.mark.parametrize("who", ["部门", "单位", ""])
@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(("title", "kind"), FINAL_TITLES)
def test_final_titles_with_any_prefix(who, prefix, title, kind):
    for label in LABELS:
        printed = _printed(label, prefix, title, who)
        assert classify(printed) == kind, printed
        assert classify(printed, final_document=True) == kind, printed


@pytest.mark.parametrize(
    ("printed", "title", "number"),
    [
        ("公开表1 部门收支总表", "部门收支总表", "公开表1"),
        ("公开表 2：部门收入总表", "部门收入总表", "公开表2"),
        ("表一 部门收支总表", "部门收支总表", "表一"),
        ("附表3、政府采购预算表", "政府采购预算表", "附表3"),
    ],
)
def test_number_labels_are_split_from_the_title(printed, title, number):
    assert split_number(printed) == (title, number)


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("上海市国有资产监督管理委员会2024年部门收支总表", "budget_summary"),
        ("某某市政府采购中心2024年部门支出总表", "expenditure_summary"),
        ("2024年度某某市政府采购中心收入预算总表", "income_summary"),
        ("某某国有资本运营中心部门收入总表", "income_summary"),
        ("某某市机关运行保障中心2024年单位项目支出表", "project_expenditure"),
        ("2018年度江苏省高级人民法院一般公共预算机关运行经费支出预算表", "other"),
        ("2019年江苏省高级人民法院政府采购预算表", "other"),
    ],
)
def test_words_of_the_organisation_name_do_not_decide_the_kind(printed, kind):
    assert classify(printed) == kind
