"""Carry-over balance of a fund: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出.

Printed by the 政府性基金 / 国有资本经营预算财政拨款收入支出决算表 (and any table with these four
columns), row by row.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.column_sums import is_total_name
from desktopapp.tables.columns import Column
from desktopapp.tables.structure import Segment, structure_of

RULE = "balance_columns"


def _find(segment: Segment, word: str) -> list[Column]:
    return [c for c in segment.value_cols if word in c.label]


def balance_columns(segment: Segment) -> tuple[Column, Column, Column, Column] | None:
    opening = _find(segment, "年初结转")
    income = _find(segment, "本年收入")
    spending = _find(segment, "本年支出")
    closing = _find(segment, "年末结转")
    if not (len(opening) == 1 and len(closing) == 1 and income and spending):
        return None
    if len(income) > 1:
        income = [c for c in income if is_total_name(c.leaf)] or income[:1]
    if len(spending) > 1:
        spending = [c for c in spending if is_total_name(c.leaf) or c.leaf == "本年支出"][:1]
    if len(income) != 1 or len(spending) != 1:
        return None
    return opening[0], income[0], spending[0], closing[0]


@table_rule(RULE)
def check_balance(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    for segment in layout.segments:
        cols = balance_columns(segment)
        if cols is None:
            continue
        opening, income, spending, closing = cols
        for row in segment.rows:
            if row.is_blank or row.header_like:
                continue
            if any(layout.hidden(row.index, c.index) for c in cols):
                continue  # a box merged over the row's figures: abstain
            total = Operand(table, row.index, closing.index)
            parts = [
                Operand(table, row.index, opening.index, name="年初结转和结余"),
                Operand(table, row.index, income.index, name="本年收入"),
                Operand(table, row.index, spending.index, sign=-1, name="本年支出"),
            ]
            finding = sum_finding(
                RULE,
                total,
                parts,
                subject=row.display,
                total_name="年末结转和结余",
                parts_name="年初结转和结余＋本年收入－本年支出",
            )
            if finding:
                yield finding
