"""What a table covers: which funds (all, 财政拨款, 一般公共预算, 政府性基金, 国有资本经营) and
whether it is the whole budget or one part of it (基本支出, 项目支出, “三公”经费, 机关运行经费,
政府采购, 委托业务费), read from its kind and printed title."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktopapp.tables.kinds import BASIC_KINDS, PROJECT_KINDS, THREE_PUBLIC_KINDS, TableKind
from desktopapp.tables.text import clean


class Funds(StrEnum):
    ALL = "all"  # every source of funds (收支总表, 收入总表, 支出总表, 项目支出表 …)
    FISCAL = "fiscal"  # 财政拨款
    GENERAL_BUDGET = "general_budget"  # 一般公共预算
    GOV_FUND = "gov_fund"  # 政府性基金预算
    STATE_CAPITAL = "state_capital"  # 国有资本经营预算


class Part(StrEnum):
    BASIC = "basic"  # 基本支出
    PROJECT = "project"  # 项目支出
    THREE_PUBLIC = "three_public"  # “三公”经费
    RUNNING_COSTS = "running_costs"  # 机关运行经费
    PROCUREMENT = "procurement"  # 政府采购
    ENTRUSTED = "entrusted"  # 委托业务费


@dataclass(frozen=True)
class Scope:
    funds: Funds
    parts: tuple[Part, ...] = ()  # none: the whole budget

    @property
    def is_whole(self) -> bool:
        return not self.parts


# Funds a kind covers when its title does not name them.
_FUNDS_OF_KIND = {
    TableKind.FISCAL_SUMMARY: Funds.FISCAL,
    TableKind.FINAL_FISCAL_SUMMARY: Funds.FISCAL,
    TableKind.ENTRUSTED_BUSINESS: Funds.FISCAL,
    TableKind.FINAL_THREE_PUBLIC: Funds.FISCAL,
    TableKind.GENERAL_BUDGET_EXPENDITURE: Funds.GENERAL_BUDGET,
    TableKind.GENERAL_BUDGET_EXPENDITURE_BY_UNIT: Funds.GENERAL_BUDGET,
    TableKind.FINAL_GENERAL_BUDGET_EXPENDITURE: Funds.GENERAL_BUDGET,
    TableKind.BASIC_EXPENDITURE: Funds.GENERAL_BUDGET,
    TableKind.FINAL_BASIC_EXPENDITURE: Funds.GENERAL_BUDGET,
    TableKind.THREE_PUBLIC: Funds.GENERAL_BUDGET,
    TableKind.GOV_FUND_EXPENDITURE: Funds.GOV_FUND,
    TableKind.FINAL_GOV_FUND: Funds.GOV_FUND,
    TableKind.STATE_CAPITAL_EXPENDITURE: Funds.STATE_CAPITAL,
    TableKind.FINAL_STATE_CAPITAL: Funds.STATE_CAPITAL,
}

# Most specific first: "一般公共预算财政拨款…" is 一般公共预算 money.
_FUNDS_WORDS = (
    ("一般公共预算", Funds.GENERAL_BUDGET),
    ("政府性基金", Funds.GOV_FUND),
    ("国有资本", Funds.STATE_CAPITAL),
    ("财政拨款", Funds.FISCAL),
)

_PART_WORDS = (
    ("三公", Part.THREE_PUBLIC),
    ("机关运行经费", Part.RUNNING_COSTS),
    ("政府采购", Part.PROCUREMENT),
    ("委托业务", Part.ENTRUSTED),
)


def scope_of(kind: str, title: str) -> Scope:
    """The funds and part of the budget a table of `kind` titled `title` covers."""
    text = clean(title)
    funds = next((f for word, f in _FUNDS_WORDS if word in text), None) or _FUNDS_OF_KIND.get(kind, Funds.ALL)
    parts: list[Part] = []
    if kind in BASIC_KINDS:
        parts.append(Part.BASIC)
    elif kind in PROJECT_KINDS:
        parts.append(Part.PROJECT)
    if kind in THREE_PUBLIC_KINDS and "三公" not in text:
        parts.append(Part.THREE_PUBLIC)
    if kind == TableKind.ENTRUSTED_BUSINESS and "委托业务" not in text:
        parts.append(Part.ENTRUSTED)
    parts.extend(part for word, part in _PART_WORDS if word in text and part not in parts)
    return Scope(funds, tuple(parts))
