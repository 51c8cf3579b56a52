"""What each table states, as comparable facts: (measure, fund, period, subject) → cells.

"一般公共预算 基本支出 of 208 in any period" printed in the 支出总表 and in the 一般公共预算支出表
is one fact printed twice; the cross-table check compares such prints. Measures: total,
basic, personnel, public, project, operating, upper, subsidiary (expenditure) and income.
Funds: all, fiscal (财政拨款), general (一般公共预算), gov_fund, state_capital, special (财政专户),
unit_funds, business, operating_income, upper_grant, subsidiary_income, other, nonfiscal.
Periods: all, current (本年), carryover (上年结转). Subjects: TOTAL, f:208 (功能分类),
e:301 (经济分类), u:503 (单位), fn:208:行政运行 (codeless rows).

A fact's fund is the table's scope (desktopapp.tables.scope: title and content; a
"财政拨款支出预算表" holds 财政拨款 money even when its layout is that of a 支出总表) unless its
column names another. A table that selects one part of the budget (机关运行经费, 政府采购 …)
states facts of that part only ("running_costs"), never of the whole. A column that is a
part of a total column (column_sums) and reads like its total (合计 | 货物 | 工程 | 服务) has
no meaning of its own: it states nothing. A table whose scope is uncertain states nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.model import Document, Table
from desktopapp.rules.relation import Operand, cell_amount
from desktopapp.rules.summary import Item, outline
from desktopapp.tables.columns import Column
from desktopapp.tables.kinds import (
    BASIC_KINDS,
    FISCAL_SUMMARY_KINDS,
    PERFORMANCE_KINDS,
    PROJECT_KINDS,
    SUMMARY_KINDS,
    THREE_PUBLIC_KINDS,
)
from desktopapp.tables.rows import Row
from desktopapp.tables.scope import Funds
from desktopapp.tables.structure import Segment, Structure, structure_of
from desktopapp.tables.subjects import function_class_code

Key = tuple[str, str, str, str]


@dataclass
class Fact:
    key: Key
    table: Table
    operands: list[Operand]  # one cell, or several printed figures that add up to the fact
    row_label: str
    column_label: str


# The kinds whose figures are facts (their funds: the table's scope).
FACT_KINDS = frozenset(
    {
        "budget_summary",
        "final_summary",
        "fiscal_summary",
        "final_fiscal_summary",
        "income_summary",
        "final_income",
        "expenditure_summary",
        "final_expenditure",
        "general_budget_expenditure",
        "general_budget_expenditure_by_unit",
        "final_general_budget_expenditure",
        "basic_expenditure",
        "final_basic_expenditure",
        "gov_fund_expenditure",
        "final_gov_fund",
        "state_capital_expenditure",
        "final_state_capital",
        "project_expenditure",
    }
)
_SCOPE_FUND = {
    Funds.ALL: "all",
    Funds.FISCAL: "fiscal",
    Funds.GENERAL_BUDGET: "general",
    Funds.GOV_FUND: "gov_fund",
    Funds.STATE_CAPITAL: "state_capital",
}
INCOME_KINDS = {"income_summary", "final_income"}
FUND_BALANCE_KINDS = {"final_gov_fund", "final_state_capital"}

_FUND_WORDS: list[tuple[str, str]] = [
    ("单位资金", "unit_funds"),
    ("财政专户", "special"),
    ("一般公共预算", "general"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("事业单位经营", "operating_income"),
    ("经营收入", "operating_income"),
    ("事业收入", "business"),
    ("上级补助", "upper_grant"),
    ("附属单位上缴", "subsidiary_income"),
    ("其他收入", "other"),
    ("非财政拨款", "nonfiscal"),
    ("财政拨款", "fiscal"),
]


def column_name(col: Column) -> str:
    return col.name


def fund_of(label: str) -> str | None:
    """The fund a label names, "" when it names none, None when it is a transfer line."""
    if "转移支付" in label:
        return None
    for word, fund in _FUND_WORDS:
        if word in label:
            return fund
    return ""


def expense_measure(label: str) -> str:
    if "人员经费" in label:
        return "personnel"
    if "公用经费" in label:
        return "public"
    if "基本支出" in label:
        return "basic"
    if "项目支出" in label:
        return "project"
    if "经营支出" in label:
        return "operating"
    if "上缴上级" in label:
        return "upper"
    if "对附属单位补助" in label:
        return "subsidiary"
    return "total"


def _period(label: str, expense: bool) -> str:
    if "结转" in label or "结余" in label:
        return "carryover"
    if expense:
        return "current" if ("本年预算" in label or "本年拨款" in label) else "all"
    return "current" if ("本年" in label or "当年" in label) else "all"


def _has_period_columns(segment: Segment) -> bool:
    return any(_period(c.label, True) != "all" for c in segment.value_cols)


# ---------------------------------------------------------------- code tables


_OTHER_FIGURES = re.compile(r"上年(?!结转|结余)|上年度|增减|增长|变动|比上年|同比|%|比例|占比|差额|执行数")


def is_other_figure(label: str, year: int | None = None) -> bool:
    """A column of last year's figures, changes or shares: not this year's amounts (a column
    naming a year when the document's year could not be established: unknown, so left out)."""
    if _OTHER_FIGURES.search(label):
        return True
    years = [int(y) for y in re.findall(r"(20\d\d)年", label)]
    # A column naming a year is this year's only when the document's year is established.
    return bool(years) and (year is None or all(y != year for y in years))


def table_fund(layout: Structure) -> str:
    """The funds the whole table covers, as a fact's fund."""
    return _SCOPE_FUND[layout.scope.funds]


def _selected(layout: Structure, meaning: tuple[str, str, str] | None) -> tuple[str, str, str] | None:
    """A meaning within the part of the budget the table selects (机关运行经费 …), if any."""
    part = layout.scope.selection
    if meaning is None or part is None:
        return meaning
    measure, fund, period = meaning
    return (part.value if measure == "total" else f"{part.value}.{measure}", fund, period)


def _meanings(layout: Structure, segment: Segment, meaning_of) -> dict[int, tuple[str, str, str]]:
    """Value column → what its figures are; a part column whose meaning is its total's is left
    out (its meaning is not established), and so are columns sharing their header."""
    ambiguous = segment.ambiguous_cols
    found = {
        c.index: _selected(layout, meaning_of(c)) for c in segment.value_cols if c.index not in ambiguous
    }
    return {
        index: meaning
        for index, meaning in found.items()
        if meaning is not None
        and not any(found.get(t) == meaning for t in layout.columns[index].parts_of)
    }


def _column_meaning(layout: Structure, col: Column, year: int | None = None) -> tuple[str, str, str] | None:
    kind = layout.kind
    label = col.label
    if is_other_figure(label, year):
        return None
    default = table_fund(layout)
    if kind in BASIC_KINDS:
        measure = expense_measure(label)
        return ("basic" if measure == "total" else measure, default, "all")
    if kind in PROJECT_KINDS:
        fund = fund_of(label)
        if fund is None:
            return None
        return ("project", fund or default, _period(label, True))
    if kind in INCOME_KINDS:
        fund = fund_of(label)
        if fund is None:
            return None
        period = _period(label, False)
        if kind == "final_income" and period == "all":
            period = "current"  # 收入决算表 shows the year's income only
        return ("income", fund or default, period)
    if kind in FUND_BALANCE_KINDS:
        if "年末" in label:
            return None
        if "年初" in label:
            return ("income", default, "carryover")
        if "本年收入" in label:
            return ("income", default, "current")
        return (expense_measure(label), default, "all")
    fund = fund_of(label)
    if fund is None:
        return None
    return (_total_measure(layout, col, expense_measure(label)), fund or default, _period(label, True))


def _total_measure(layout: Structure, col: Column, measure: str) -> str:
    """A 合计 whose header parts are 人员经费 and 公用经费 alone is 基本支出, whatever the title (a
    基本支出表 whose title was not read, or a band over 合计 | 人员经费 | 公用经费)."""
    if measure != "total" or not col.is_total:
        return measure
    parts = {expense_measure(c.label) for c in layout.columns if col.index in c.parts_of}
    return "basic" if parts == {"personnel", "public"} else measure


def _code_subject(row: Row) -> str | None:
    if row.code and row.code_kind == "function":
        return f"f:{row.code}"
    if row.code and row.code_kind == "economic":
        return f"e:{row.code}"
    if row.code and row.code_kind == "unit":
        return f"u:{row.code}"
    return None


def _code_table_facts(layout: Structure, segment: Segment, year: int | None) -> list[Fact]:
    table = layout.table
    out: list[Fact] = []
    rows = segment.rows_with_content()
    counts: dict[str, int] = {}
    for r in rows:
        if r.code:
            counts[r.code] = counts.get(r.code, 0) + 1
    repeated = {code for code, n in counts.items() if n > 1}  # per-unit blocks: which 208 is which?
    has_codes = any(r.code and not r.inferred for r in rows)
    current_class = ""
    subjects: list[tuple[Row, str]] = []
    for row in rows:
        if row.total in ("total", "income_total", "expense_total"):
            subjects.append((row, "TOTAL"))
            continue
        if row.total in ("personnel_total", "public_total"):
            subjects.append((row, row.total))
            continue
        subject = _code_subject(row) if row.code not in repeated else None
        if row.inferred and row.code and len(row.code) == 3:
            current_class = row.code
        if (
            subject is None
            and not has_codes
            and current_class
            and row.name
            and layout.kind not in PROJECT_KINDS
        ):
            subject = f"fn:{current_class}:{row.name}"
        if subject:
            subjects.append((row, subject))
    if layout.kind in PROJECT_KINDS:
        subjects = [(r, s) for r, s in subjects if s == "TOTAL"]
        if not subjects:
            first = next((r for r in rows if r.has_values), None)
            if first is not None and not first.label and not first.code:
                subjects = [(first, "TOTAL")]
    subjects = [(r, s, r.display) for r, s in subjects]
    taken: set[tuple[str, str, str]] = set()
    meanings = _meanings(layout, segment, lambda c: _column_meaning(layout, c, year))
    for col in segment.value_cols:
        meaning = meanings.get(col.index)
        if meaning is None or meaning in taken:
            continue  # two columns claiming one meaning: trust the first (the header is unclear)
        taken.add(meaning)
        measure, fund, period = meaning
        label = column_name(col)
        for row, subject, display in subjects:
            if subject in ("personnel_total", "public_total"):
                key_measure = "personnel" if subject == "personnel_total" else "public"
                key: Key = (key_measure, fund, period, "TOTAL")
            else:
                key = (measure, fund, period, subject)
            out.append(Fact(key, table, [Operand(table, row.index, col.index)], display, label))
    return out


def _basic_from_parts(facts: list[Fact]) -> list[Fact]:
    """人员经费 + 公用经费 printed without their 基本支出 (基本支出决算表 halves, a 收支总表 whose
    基本支出 splits into the two): their sum is the basic expenditure, comparable as such."""
    by_key = {f.key: f for f in facts}
    out: list[Fact] = []
    for (measure, fund, period, subject), personnel in by_key.items():
        public = by_key.get(("public", fund, period, subject))
        if measure != "personnel" or public is None or ("basic", fund, period, subject) in by_key:
            continue
        if public.table is not personnel.table:
            continue
        name = "人员经费合计＋公用经费合计" if subject == "TOTAL" else personnel.row_label
        out.append(
            Fact(
                ("basic", fund, period, subject),
                personnel.table,
                [personnel.operands[0], public.operands[0]],
                name,
                "人员经费＋公用经费",
            )
        )
    return out


# ---------------------------------------------------------------- summary tables


def _walk(items: list[Item], ancestors: tuple[Item, ...] = ()):
    for item in items:
        yield item, ancestors
        yield from _walk(item.children, (*ancestors, item))


def _summary_meaning(layout: Structure, col: Column, side: str, year: int | None) -> tuple[str, str, str] | None:
    """(measure, fund, period) of a value column of a summary table's side."""
    label = col.label
    col_fund = fund_of(label)
    if col_fund is None or is_other_figure(label, year):
        return None
    measure = expense_measure(label) if side == "expense" else "income"
    return (measure, col_fund or table_fund(layout), _period(label, side == "expense"))


def _summary_side(layout: Structure, segment: Segment, side: str, year: int | None) -> list[Fact]:
    table = layout.table
    period_columns = _has_period_columns(segment)
    meanings = _meanings(layout, segment, lambda c: _summary_meaning(layout, c, side, year))
    total_kinds = {"expense_total"}
    if side == "expense" and _grand_is_expenditure(table, segment):
        total_kinds.add("expense_grand")
    out: list[Fact] = []
    for item, ancestors in _walk(outline(segment)):
        row = item.row
        names = [a.row.name for a in ancestors] + [row.name]
        carry = False
        if side == "expense":
            if item.anchor and row.total not in total_kinds:
                continue
            if row.total in total_kinds:
                line_fund, subject = "", "TOTAL"
            else:
                code = row.code if row.code and len(row.code) == 3 else function_class_code(row.name)
                if not code:
                    continue
                line_fund, subject = "", f"f:{code}"
            row_period = None
        else:
            if item.qizhong and fund_of(row.name) in ("", "fiscal", None):
                continue  # "其中：一般财力" and the like: a part, not a fund
            carry = any(("结转" in n or "结余" in n) for n in names)
            subject = "TOTAL"
            if row.total == "income_total":
                line_fund, row_period = "", "current"
            elif row.total in ("income_grand", "total"):
                line_fund, row_period = "", "all"
            else:
                fund = fund_of(row.name)
                if fund is None or (fund == "" and not carry):
                    continue
                line_fund, row_period = fund, ("carryover" if carry else "current")
        for col in segment.value_cols:
            meaning = meanings.get(col.index)
            if meaning is None:
                continue
            measure, col_fund, col_period = meaning
            if side == "expense":
                key: Key = (measure, col_fund, col_period, subject)
            else:
                if period_columns:
                    if carry:
                        continue  # the 上年结转 column, not a line, carries the carry-over here
                    period = col_period
                else:
                    period = row_period or "all"
                key = (measure, line_fund or col_fund, period, subject)
            out.append(Fact(key, table, [Operand(table, row.index, col.index)], row.label, column_name(col)))
    return out


def _grand_is_expenditure(table: Table, segment: Segment) -> bool:
    """支出总计 is the year's expenditure when no 本年支出合计 is printed and nothing is carried
    forward (no 结转/结余 line with a figure)."""
    rows = segment.rows_with_content()
    if any(r.total == "expense_total" for r in rows):
        return False
    for r in rows:
        if ("结转" in r.name or "结余" in r.name) and any(
            cell_amount(table.body[r.index][c.index]) for c in segment.value_cols if c.index < len(table.body[r.index])
        ):
            return False
    return True


def _side_of(segment: Segment, index: int) -> str:
    labels = "".join(c.label for c in segment.columns)
    if "支出" in labels and "收入" not in labels:
        return "expense"
    if "收入" in labels and "支出" not in labels:
        return "income"
    return "income" if index == 0 else "expense"


def table_facts(document: Document, table: Table, cache: dict | None) -> list[Fact]:
    if cache is not None:
        store = cache.setdefault("facts", {})
        found = store.get(table.id)
        if found is not None and found[0] is table:
            return found[1]
    facts = _compute(document, table)
    if cache is not None:
        cache.setdefault("facts", {})[table.id] = (table, facts)
    return facts


def _compute(document: Document, table: Table) -> list[Fact]:
    if not table.numeric or not table.body:
        return []
    layout = structure_of(table, document)
    if layout.kind in THREE_PUBLIC_KINDS or layout.kind in PERFORMANCE_KINDS or layout.kind not in FACT_KINDS:
        return []
    if not layout.scope.certain:
        return []  # which money its figures are is not established: compared with nothing
    if layout.header_doubtful:
        return []  # which column is which is not established (as three_public): compared with nothing
    out: list[Fact] = []
    for i, segment in enumerate(layout.segments):
        if layout.kind in SUMMARY_KINDS or layout.kind in FISCAL_SUMMARY_KINDS:
            out.extend(_summary_side(layout, segment, _side_of(segment, i), document.year))
        else:
            out.extend(_code_table_facts(layout, segment, document.year))
    # A figure merged across columns is read for each column it spans: one fact, not one each.
    unique: dict[tuple, Fact] = {}
    for fact in out + _basic_from_parts(out):
        unique.setdefault((fact.key, *(o.ref for o in fact.operands)), fact)
    return list(unique.values())
