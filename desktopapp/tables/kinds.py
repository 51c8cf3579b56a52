"""The standard tables of a disclosure: their kinds, Chinese names and groups, and the one
classifier that tells a table's kind from its printed title (and header).

Titles vary by province and year ("收支总表", "部门财务收支预算总表", "部门收支总体情况表"…),
so the rules below look for the words that carry the meaning, most specific first. When
the title says nothing useful the header words decide. The reader classifies each table once
(`classify`); the rules read that kind (`kind_of`), classifying the same way only tables that
carry none (documents rebuilt from JSON or typed by hand).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from desktopapp.core.model import Document, Table


class TableKind(StrEnum):
    """A table's kind; the values are the ids written to the JSON and the workbook."""

    BUDGET_SUMMARY = "budget_summary"
    INCOME_SUMMARY = "income_summary"
    EXPENDITURE_SUMMARY = "expenditure_summary"
    FISCAL_SUMMARY = "fiscal_summary"
    GENERAL_BUDGET_EXPENDITURE = "general_budget_expenditure"
    GENERAL_BUDGET_EXPENDITURE_BY_UNIT = "general_budget_expenditure_by_unit"
    BASIC_EXPENDITURE = "basic_expenditure"
    THREE_PUBLIC = "three_public"
    GOV_FUND_EXPENDITURE = "gov_fund_expenditure"
    STATE_CAPITAL_EXPENDITURE = "state_capital_expenditure"
    PROJECT_EXPENDITURE = "project_expenditure"
    OVERALL_PERFORMANCE = "overall_performance"
    PROJECT_PERFORMANCE = "project_performance"
    CARRYOVER = "carryover"
    ENTRUSTED_BUSINESS = "entrusted_business"
    FINAL_SUMMARY = "final_summary"
    FINAL_INCOME = "final_income"
    FINAL_EXPENDITURE = "final_expenditure"
    FINAL_FISCAL_SUMMARY = "final_fiscal_summary"
    FINAL_GENERAL_BUDGET_EXPENDITURE = "final_general_budget_expenditure"
    FINAL_BASIC_EXPENDITURE = "final_basic_expenditure"
    FINAL_THREE_PUBLIC = "final_three_public"
    FINAL_GOV_FUND = "final_gov_fund"
    FINAL_STATE_CAPITAL = "final_state_capital"
    UNIT_COMPOSITION = "unit_composition"
    OTHER = "other"

    @property
    def is_final(self) -> bool:
        return self.value.startswith("final_")


_K = TableKind

# kind → Chinese name shown to the officer. Budget kinds first, then final accounts.
KIND_NAMES: dict[str, str] = {
    _K.BUDGET_SUMMARY: "收支总表",
    _K.INCOME_SUMMARY: "收入总表",
    _K.EXPENDITURE_SUMMARY: "支出总表",
    _K.FISCAL_SUMMARY: "财政拨款收支总表",
    _K.GENERAL_BUDGET_EXPENDITURE: "一般公共预算支出表",
    _K.GENERAL_BUDGET_EXPENDITURE_BY_UNIT: "一般公共预算支出表（分单位）",
    _K.BASIC_EXPENDITURE: "一般公共预算基本支出表",
    _K.THREE_PUBLIC: "“三公”经费支出表",
    _K.GOV_FUND_EXPENDITURE: "政府性基金预算支出表",
    _K.STATE_CAPITAL_EXPENDITURE: "国有资本经营预算支出表",
    _K.PROJECT_EXPENDITURE: "项目支出表",
    _K.OVERALL_PERFORMANCE: "整体支出绩效目标表",
    _K.PROJECT_PERFORMANCE: "项目支出绩效目标表",
    _K.CARRYOVER: "上年结转结余情况明细表",
    _K.ENTRUSTED_BUSINESS: "财政拨款委托业务费支出表",
    _K.FINAL_SUMMARY: "收入支出决算总表",
    _K.FINAL_INCOME: "收入决算表",
    _K.FINAL_EXPENDITURE: "支出决算表",
    _K.FINAL_FISCAL_SUMMARY: "财政拨款收入支出决算总表",
    _K.FINAL_GENERAL_BUDGET_EXPENDITURE: "一般公共预算财政拨款支出决算表",
    _K.FINAL_BASIC_EXPENDITURE: "一般公共预算财政拨款基本支出决算表",
    _K.FINAL_THREE_PUBLIC: "财政拨款“三公”经费支出决算表",
    _K.FINAL_GOV_FUND: "政府性基金预算财政拨款收入支出决算表",
    _K.FINAL_STATE_CAPITAL: "国有资本经营预算财政拨款收入支出决算表",
    _K.UNIT_COMPOSITION: "部门决算单位构成",
    _K.OTHER: "其他表格",
}
KIND_LABELS = {k: v for k, v in KIND_NAMES.items() if k != _K.OTHER}

FINAL_KINDS = tuple(k for k in TableKind if k.is_final)
TEXT_KINDS = frozenset({_K.OVERALL_PERFORMANCE, _K.PROJECT_PERFORMANCE, _K.UNIT_COMPOSITION})
SUMMARY_KINDS = frozenset({_K.BUDGET_SUMMARY, _K.FISCAL_SUMMARY, _K.FINAL_SUMMARY, _K.FINAL_FISCAL_SUMMARY})
FISCAL_SUMMARY_KINDS = frozenset({_K.FISCAL_SUMMARY, _K.FINAL_FISCAL_SUMMARY})
THREE_PUBLIC_KINDS = frozenset({_K.THREE_PUBLIC, _K.FINAL_THREE_PUBLIC})
BASIC_KINDS = frozenset({_K.BASIC_EXPENDITURE, _K.FINAL_BASIC_EXPENDITURE})
PERFORMANCE_KINDS = frozenset({_K.OVERALL_PERFORMANCE, _K.PROJECT_PERFORMANCE})
PROJECT_KINDS = frozenset({_K.PROJECT_EXPENDITURE})

# Tables every disclosure of the kind must print (an empty one with a "无…" note).
REQUIRED_BUDGET = (
    _K.BUDGET_SUMMARY,
    _K.INCOME_SUMMARY,
    _K.EXPENDITURE_SUMMARY,
    _K.FISCAL_SUMMARY,
    _K.GENERAL_BUDGET_EXPENDITURE,
    _K.BASIC_EXPENDITURE,
    _K.THREE_PUBLIC,
    _K.GOV_FUND_EXPENDITURE,
    _K.STATE_CAPITAL_EXPENDITURE,
)
REQUIRED_FINAL = FINAL_KINDS

# Budget kind → the final-accounts kind of the same table (for 决算 documents whose titles
# do not say 决算).
_FINAL_OF = {
    _K.BUDGET_SUMMARY: _K.FINAL_SUMMARY,
    _K.INCOME_SUMMARY: _K.FINAL_INCOME,
    _K.EXPENDITURE_SUMMARY: _K.FINAL_EXPENDITURE,
    _K.FISCAL_SUMMARY: _K.FINAL_FISCAL_SUMMARY,
    _K.GENERAL_BUDGET_EXPENDITURE: _K.FINAL_GENERAL_BUDGET_EXPENDITURE,
    _K.BASIC_EXPENDITURE: _K.FINAL_BASIC_EXPENDITURE,
    _K.THREE_PUBLIC: _K.FINAL_THREE_PUBLIC,
    _K.GOV_FUND_EXPENDITURE: _K.FINAL_GOV_FUND,
    _K.STATE_CAPITAL_EXPENDITURE: _K.FINAL_STATE_CAPITAL,
}


def _norm(text: str | None) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    t = re.sub(r"\s+", "", t)
    return t.replace("“", "").replace("”", "").replace('"', "").replace("‘", "").replace("’", "")


# A table that selects one part of the spending (政府采购, 机关运行经费 …) for which no
# standard kind exists: its title also says 支出 or 一般公共预算, but it is not the 支出总表 or
# the 一般公共预算支出表. Read against the whole title, after the kinds that may name such
# a part ("“三公”经费和机关运行经费预算表" is the 三公 table).
_SELECTION_WORDS = ("政府采购", "机关运行经费", "政府购买服务", "新增资产", "资产配置", "国有资产", "财政专户")


def _selects_a_part(t: str) -> bool:
    return any(w in t for w in _SELECTION_WORDS)


def _final_kind(t: str) -> TableKind | None:
    if "单位构成" in t:
        return _K.UNIT_COMPOSITION
    if "三公" in t:
        return _K.FINAL_THREE_PUBLIC
    if _selects_a_part(t):
        return _K.OTHER
    if "政府性基金" in t:
        return _K.FINAL_GOV_FUND
    if "国有资本" in t:
        return _K.FINAL_STATE_CAPITAL
    if "基本支出" in t:
        return _K.FINAL_BASIC_EXPENDITURE
    if "一般公共预算" in t:
        return _K.FINAL_GENERAL_BUDGET_EXPENDITURE
    if "财政拨款收入支出" in t or "财政拨款收支" in t:
        return _K.FINAL_FISCAL_SUMMARY
    if "收入支出" in t or "收支" in t:
        return _K.FINAL_SUMMARY
    if "收入" in t:
        return _K.FINAL_INCOME
    if "支出" in t:
        return _K.FINAL_EXPENDITURE
    return None


def _budget_kind(t: str) -> TableKind | None:
    if "绩效" in t or "自评" in t:  # 绩效目标表, and the 决算's 绩效自评表
        if "整体" in t or "部门绩效" in t or "单位绩效" in t:
            return _K.OVERALL_PERFORMANCE
        if "项目" in t:
            return _K.PROJECT_PERFORMANCE
        return _K.OVERALL_PERFORMANCE
    if "单位构成" in t:
        return _K.UNIT_COMPOSITION
    if "三公" in t:
        return _K.THREE_PUBLIC
    if "委托业务" in t:
        return _K.ENTRUSTED_BUSINESS
    if "结转结余" in t and ("明细" in t or "情况" in t) and "收支" not in t:
        return _K.CARRYOVER
    if _selects_a_part(t):
        return _K.OTHER
    if "政府性基金" in t:
        return _K.GOV_FUND_EXPENDITURE
    if "国有资本" in t:
        return _K.STATE_CAPITAL_EXPENDITURE
    if "项目支出" in t:
        return _K.PROJECT_EXPENDITURE
    if "基本支出" in t:
        return _K.BASIC_EXPENDITURE
    if "一般公共预算" in t and "支出" in t:
        return _K.GENERAL_BUDGET_EXPENDITURE_BY_UNIT if "分单位" in t else _K.GENERAL_BUDGET_EXPENDITURE
    if "财政拨款收支" in t or "财政拨款收入支出" in t:
        return _K.FISCAL_SUMMARY
    if "收支" in t or "收入支出" in t:
        return _K.BUDGET_SUMMARY
    if "收入" in t:
        return _K.INCOME_SUMMARY
    if "支出" in t:
        return _K.EXPENDITURE_SUMMARY
    return None


# The part of a title that names the table: what follows the year ("2024年度") and the
# organisation ("江苏省高级人民法院", "上海市国有资产监督管理委员会") when they are printed.
# An organisation's name may hold words of a table's ("政府采购中心", "国有资本运营公司").
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_ORG_PREFIX = re.compile(
    r"^.{2,40}?(?:委员会|人民法院|检察院|办公室|管理局|局|厅|委|办|中心|院|所|站|队|处|馆|会|社|公司|集团|学校|政府)"
    r"(?=部门|单位|本级|收入|收支|支出|财政|一般公共|政府性|国有资本|项目|三公|整体|预算|决算)"
)


def _name_part(t: str) -> str:
    years = list(_YEAR.finditer(t))
    if years:
        t = t[years[-1].end():]
    m = _ORG_PREFIX.match(t)
    return t[m.end():] if m else t


def classify_title(title: str | None, final_document: bool = False) -> TableKind | None:
    t = _norm(title)
    if not t:
        return None
    name = _name_part(t)
    kind = _title_kind(name, final_document) if name and name != t else None
    return kind or _title_kind(t, final_document)


def _title_kind(t: str, final_document: bool) -> TableKind | None:
    if "决算" in t:
        kind = _final_kind(t)
        if kind:
            return kind
    kind = _budget_kind(t)
    if kind and final_document:
        kind = _FINAL_OF.get(kind, kind)
    return kind


def classify_header(header_texts: list[str], final_document: bool = False) -> TableKind | None:
    """Kind from the words of the header when the title does not tell."""
    words = _norm("".join(header_texts))
    if not words:
        return None
    kind = None
    if "因公出国" in words or "公务接待" in words:
        kind = _K.THREE_PUBLIC
    elif "指标" in words and ("绩效" in words or "一级指标" in words):
        kind = _K.PROJECT_PERFORMANCE if "项目" in words else _K.OVERALL_PERFORMANCE
    elif "人员经费" in words and "公用经费" in words and "经济分类" in words:
        kind = _K.BASIC_EXPENDITURE
    elif "序号" in words and "单位名称" in words:
        kind = _K.UNIT_COMPOSITION
    elif "事业收入" in words and ("财政拨款" in words or "一般公共预算" in words) and "支出" not in words:
        kind = _K.INCOME_SUMMARY
    elif "基本支出" in words and "项目支出" in words and "项目" in words and "收入" not in words:
        kind = _K.EXPENDITURE_SUMMARY
    elif "收入" in words and "支出" in words and ("预算数" in words or "决算数" in words):
        kind = _K.BUDGET_SUMMARY
    if kind and final_document:
        kind = _FINAL_OF.get(kind, kind)
    return kind


def classify(title: str | None, header_texts: list[str] | None = None, final_document: bool = False) -> TableKind:
    """The kind from the printed title ("表3 支出总表", "公开05表 …决算表"), else the header words."""
    return classify_title(title, final_document) or classify_header(header_texts or [], final_document) or _K.OTHER


def is_text_kind(kind: str) -> bool:
    return kind in TEXT_KINDS


def kind_of(table: Table, document: Document | None = None) -> TableKind:
    """The table's kind as the reader classified it; a table without one (rebuilt from JSON,
    typed by hand) is classified the reader's way from its number and title."""
    if table.kind in KIND_NAMES and table.kind != _K.OTHER:
        return TableKind(table.kind)
    final = document is not None and document.kind.is_final
    return classify(f"{table.number or ''}{table.title}", None, final)


def is_final_document(document: Document) -> bool:
    if document.kind.is_final:
        return True
    if document.kind.is_budget:
        return False
    return any(kind_of(t, document).is_final for t in document.tables)
