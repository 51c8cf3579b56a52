"""What a table covers: which funds (all, 财政拨款, 一般公共预算, 政府性基金, 国有资本经营) and
whether it is the whole budget or one part of it (基本支出, 项目支出, “三公”经费, 机关运行经费,
政府采购, 委托业务费), read from its kind, its printed title and, for a summary table, its
content: an income side with lines for money other than 财政拨款 (事业收入, 财政专户管理资金,
其他资金 …) covers all funds whatever the title says; a title naming 财政拨款 over such lines
leaves the scope uncertain.

Figures of two tables are the same fact only when both cover the same funds and the same part
(a 机关运行经费 table's 合计 is not the 支出合计; a 财政拨款 table's 201 is not the all-funds 201).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktopapp.tables.kinds import BASIC_KINDS, PROJECT_KINDS, SUMMARY_KINDS, THREE_PUBLIC_KINDS, TableKind
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


# Parts that make a table a selection across the budget, not a split of it by column:
# its figures compare only with the same part printed elsewhere.
SELECTION_PARTS = (Part.THREE_PUBLIC, Part.RUNNING_COSTS, Part.PROCUREMENT, Part.ENTRUSTED)


@dataclass(frozen=True)
class Scope:
    funds: Funds
    parts: tuple[Part, ...] = ()  # none: the whole budget
    certain: bool = True  # False: title and content disagree on the funds covered
    why: str = ""  # what could not be established, in Chinese (when not certain)

    @property
    def is_whole(self) -> bool:
        return not self.parts

    @property
    def selection(self) -> Part | None:
        """The part (机关运行经费, 政府采购, 三公, 委托业务费) the table selects, if any."""
        return next((p for p in self.parts if p in SELECTION_PARTS), None)


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


# Lines of a summary table's income side for money other than 财政拨款 (non-fiscal funds).
_NON_FISCAL_LINES = (
    "事业收入",
    "经营收入",
    "其他收入",
    "其他资金",
    "财政专户",
    "上级补助",
    "附属单位上缴",
    "单位资金",
    "非财政拨款",
    "事业基金",
)


def lists_non_fiscal_money(labels: Iterable[str]) -> bool:
    return any(word in clean(label) for label in labels for word in _NON_FISCAL_LINES)


def scope_of(kind: str, title: str, labels: Iterable[str] = (), columns: Iterable[str] = ()) -> Scope:
    """The funds and part of the budget a table of `kind` titled `title` covers; `labels` are
    its row labels (read for summary tables: which income lines it has), `columns` its value
    columns' headers (every one naming one part — "机关运行经费支出" — makes the table that part
    even when its title was not read)."""
    text = clean(title)
    named = next((f for word, f in _FUNDS_WORDS if word in text), None)
    funds = named or _FUNDS_OF_KIND.get(kind, Funds.ALL)
    certain, why = True, ""
    if kind in SUMMARY_KINDS and lists_non_fiscal_money(labels):
        if funds is not Funds.ALL:
            certain = False
            why = f"“{title}”的标题为{_FUNDS_NAMES[funds]}口径，表中却列有非财政拨款资金的收入行"
        funds = Funds.ALL
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
    headers = [clean(c) for c in columns if c]
    if headers and not any(p in SELECTION_PARTS for p in parts):
        for word, part in _PART_WORDS:
            if all(word in h for h in headers):
                parts.append(part)
                break
    return Scope(funds, tuple(parts), certain, why)


_FUNDS_NAMES = {
    Funds.ALL: "全部资金",
    Funds.FISCAL: "财政拨款",
    Funds.GENERAL_BUDGET: "一般公共预算",
    Funds.GOV_FUND: "政府性基金预算",
    Funds.STATE_CAPITAL: "国有资本经营预算",
}
