"""Which standard table a table is: its `kind`, or a guess from its title when unset.

The reader classifies tables (desktopapp.extract.classify); documents rebuilt from JSON or
typed by hand may carry kind "other", so the rules guess from the title the same loose way.
"""

from __future__ import annotations

from desktopapp.core.model import DocKind, Document, Table
from desktopapp.core.numbers import normalize

BUDGET_KINDS = (
    "budget_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "general_budget_expenditure_by_unit",
    "basic_expenditure",
    "three_public",
    "gov_fund_expenditure",
    "state_capital_expenditure",
    "project_expenditure",
    "overall_performance",
    "project_performance",
    "carryover",
    "entrusted_business",
)
FINAL_KINDS = (
    "final_summary",
    "final_income",
    "final_expenditure",
    "final_fiscal_summary",
    "final_general_budget_expenditure",
    "final_basic_expenditure",
    "final_three_public",
    "final_gov_fund",
    "final_state_capital",
)
KNOWN_KINDS = set(BUDGET_KINDS) | set(FINAL_KINDS) | {"unit_composition", "other"}

SUMMARY_KINDS = {"budget_summary", "fiscal_summary", "final_summary", "final_fiscal_summary"}
FISCAL_SUMMARY_KINDS = {"fiscal_summary", "final_fiscal_summary"}
THREE_PUBLIC_KINDS = {"three_public", "final_three_public"}
BASIC_KINDS = {"basic_expenditure", "final_basic_expenditure"}
PERFORMANCE_KINDS = {"overall_performance", "project_performance"}
PROJECT_KINDS = {"project_expenditure"}

# Tables every disclosure of the kind must print (an empty one with a "无…" note).
REQUIRED_BUDGET = (
    "budget_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "basic_expenditure",
    "three_public",
    "gov_fund_expenditure",
    "state_capital_expenditure",
)
REQUIRED_FINAL = FINAL_KINDS

KIND_LABELS = {
    "budget_summary": "收支总表",
    "income_summary": "收入总表",
    "expenditure_summary": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "general_budget_expenditure": "一般公共预算支出表",
    "general_budget_expenditure_by_unit": "一般公共预算支出表（分单位）",
    "basic_expenditure": "一般公共预算基本支出表",
    "three_public": "一般公共预算“三公”经费支出表",
    "gov_fund_expenditure": "政府性基金预算支出表",
    "state_capital_expenditure": "国有资本经营预算支出表",
    "project_expenditure": "项目支出表",
    "overall_performance": "整体支出绩效目标表",
    "project_performance": "项目支出绩效目标表",
    "carryover": "上年结转结余情况明细表",
    "entrusted_business": "财政拨款委托业务费支出表",
    "final_summary": "收入支出决算总表",
    "final_income": "收入决算表",
    "final_expenditure": "支出决算表",
    "final_fiscal_summary": "财政拨款收入支出决算总表",
    "final_general_budget_expenditure": "一般公共预算财政拨款支出决算表",
    "final_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
    "final_three_public": "财政拨款“三公”经费支出决算表",
    "final_gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "final_state_capital": "国有资本经营预算财政拨款收入支出决算表",
    "unit_composition": "部门决算单位构成",
}


def guess_kind(title: str, final: bool | None = None) -> str:
    """Canonical kind from a printed title ("表3 支出总表", "公开05表 …决算表")."""
    t = normalize(title).replace('"', "").replace("“", "").replace("”", "")
    if not t:
        return "other"
    is_final = "决算" in t if final is None else (final or "决算" in t)
    if "单位构成" in t:
        return "unit_composition"
    if "三公" in t:
        return "final_three_public" if is_final else "three_public"
    if "绩效" in t:
        return "project_performance" if "项目" in t else "overall_performance"
    if "基本支出" in t and "一般公共预算" in t or t.endswith("基本支出表") or "基本支出预算表" in t:
        return "final_basic_expenditure" if is_final else "basic_expenditure"
    if "政府性基金" in t:
        return "final_gov_fund" if is_final else "gov_fund_expenditure"
    if "国有资本经营" in t:
        return "final_state_capital" if is_final else "state_capital_expenditure"
    if "委托业务" in t:
        return "entrusted_business"
    if "结转结余" in t and ("明细" in t or "情况" in t) and "收" not in t:
        return "carryover"
    if "项目支出" in t:
        return "project_expenditure"
    if "财政拨款收" in t:
        return "final_fiscal_summary" if is_final else "fiscal_summary"
    if "收支" in t or "收入支出" in t:
        return "final_summary" if is_final else "budget_summary"
    if "一般公共预算" in t and "支出" in t:
        if "分单位" in t or "按单位" in t:
            return "general_budget_expenditure_by_unit"
        return "final_general_budget_expenditure" if is_final else "general_budget_expenditure"
    if "收入" in t:
        return "final_income" if is_final else "income_summary"
    if "支出" in t:
        return "final_expenditure" if is_final else "expenditure_summary"
    return "other"


def kind_of(table: Table, document: Document | None = None) -> str:
    """The table's kind as classified by the reader, else guessed from its title."""
    if table.kind and table.kind != "other" and table.kind in KNOWN_KINDS:
        return table.kind
    final = None
    if document is not None and document.kind is not DocKind.UNKNOWN:
        final = document.kind.is_final
    return guess_kind(f"{table.number or ''}{table.title}", final)


def is_final_document(document: Document) -> bool:
    if document.kind.is_final:
        return True
    if document.kind.is_budget:
        return False
    return any(kind_of(t, document).startswith("final_") for t in document.tables)
