"""Canonical kinds of disclosure tables, recognised from the printed title (and header).

Titles vary by province and year ("收支总表", "部门财务收支预算总表", "部门收支总体情况表"…),
so the rules below look for the words that carry the meaning, most specific first. When
the title says nothing useful the header words decide.
"""

from __future__ import annotations

import re
import unicodedata

# kind id → Chinese name shown to the officer. Budget kinds first, then final accounts.
KIND_NAMES: dict[str, str] = {
    "budget_summary": "收支总表",
    "income_summary": "收入总表",
    "expenditure_summary": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "general_budget_expenditure": "一般公共预算支出表",
    "general_budget_expenditure_by_unit": "一般公共预算支出表（分单位）",
    "basic_expenditure": "一般公共预算基本支出表",
    "three_public": "“三公”经费支出表",
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
    "other": "其他表格",
}

BUDGET_KINDS = tuple(k for k in KIND_NAMES if not k.startswith("final_") and k not in ("unit_composition", "other"))
FINAL_KINDS = tuple(k for k in KIND_NAMES if k.startswith("final_")) + ("unit_composition",)
TEXT_KINDS = ("overall_performance", "project_performance", "unit_composition")

# Budget kind → the final-accounts kind of the same table (for 决算 documents whose titles
# do not say 决算).
_FINAL_OF = {
    "budget_summary": "final_summary",
    "income_summary": "final_income",
    "expenditure_summary": "final_expenditure",
    "fiscal_summary": "final_fiscal_summary",
    "general_budget_expenditure": "final_general_budget_expenditure",
    "basic_expenditure": "final_basic_expenditure",
    "three_public": "final_three_public",
    "gov_fund_expenditure": "final_gov_fund",
    "state_capital_expenditure": "final_state_capital",
}


def _norm(text: str | None) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    t = re.sub(r"\s+", "", t)
    return t.replace("“", "").replace("”", "").replace('"', "").replace("‘", "").replace("’", "")


def _final_kind(t: str) -> str | None:
    if "单位构成" in t:
        return "unit_composition"
    if "三公" in t:
        return "final_three_public"
    if "政府性基金" in t:
        return "final_gov_fund"
    if "国有资本" in t:
        return "final_state_capital"
    if "基本支出" in t:
        return "final_basic_expenditure"
    if "一般公共预算" in t:
        return "final_general_budget_expenditure"
    if "财政拨款收入支出" in t or "财政拨款收支" in t:
        return "final_fiscal_summary"
    if "收入支出" in t or "收支" in t:
        return "final_summary"
    if "收入" in t:
        return "final_income"
    if "支出" in t:
        return "final_expenditure"
    return None


def _budget_kind(t: str) -> str | None:
    if "绩效" in t or "自评" in t:  # 绩效目标表, and the 决算's 绩效自评表
        if "整体" in t or "部门绩效" in t or "单位绩效" in t:
            return "overall_performance"
        if "项目" in t:
            return "project_performance"
        return "overall_performance"
    if "单位构成" in t:
        return "unit_composition"
    if "三公" in t:
        return "three_public"
    if "委托业务" in t:
        return "entrusted_business"
    if "结转结余" in t and ("明细" in t or "情况" in t) and "收支" not in t:
        return "carryover"
    if "政府性基金" in t:
        return "gov_fund_expenditure"
    if "国有资本" in t:
        return "state_capital_expenditure"
    if "项目支出" in t:
        return "project_expenditure"
    if "基本支出" in t:
        return "basic_expenditure"
    if "一般公共预算" in t and "支出" in t:
        return "general_budget_expenditure_by_unit" if "分单位" in t else "general_budget_expenditure"
    if "财政拨款收支" in t or "财政拨款收入支出" in t:
        return "fiscal_summary"
    if "收支" in t or "收入支出" in t:
        return "budget_summary"
    if "收入" in t:
        return "income_summary"
    if "支出" in t:
        return "expenditure_summary"
    return None


def classify_title(title: str | None, final_document: bool = False) -> str | None:
    t = _norm(title)
    if not t:
        return None
    if "决算" in t:
        kind = _final_kind(t)
        if kind:
            return kind
    kind = _budget_kind(t)
    if kind and final_document:
        kind = _FINAL_OF.get(kind, kind)
    return kind


def classify_header(header_texts: list[str], final_document: bool = False) -> str | None:
    """Kind from the words of the header when the title does not tell."""
    words = _norm("".join(header_texts))
    if not words:
        return None
    kind = None
    if "因公出国" in words or "公务接待" in words:
        kind = "three_public"
    elif "指标" in words and ("绩效" in words or "一级指标" in words):
        kind = "project_performance" if "项目" in words else "overall_performance"
    elif "人员经费" in words and "公用经费" in words and "经济分类" in words:
        kind = "basic_expenditure"
    elif "序号" in words and "单位名称" in words:
        kind = "unit_composition"
    elif "事业收入" in words and ("财政拨款" in words or "一般公共预算" in words) and "支出" not in words:
        kind = "income_summary"
    elif "基本支出" in words and "项目支出" in words and "项目" in words and "收入" not in words:
        kind = "expenditure_summary"
    elif "收入" in words and "支出" in words and ("预算数" in words or "决算数" in words):
        kind = "budget_summary"
    if kind and final_document:
        kind = _FINAL_OF.get(kind, kind)
    return kind


def classify(title: str | None, header_texts: list[str] | None = None, final_document: bool = False) -> str:
    return classify_title(title, final_document) or classify_header(header_texts or [], final_document) or "other"


def is_text_kind(kind: str) -> bool:
    return kind in TEXT_KINDS
