"""整体支出绩效目标表: 资金情况 blocks (收入构成 / 支出构成).

Within a block each 占比 = 金额 ÷ the block's 合计, and the 合计 row equals the sum of the
block's rows in every amount column (当年金额 and the earlier years). Text tables keep their
cells as text, so the figures are parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from desktopapp.core.model import Cell, CellRef, Document, Finding, Severity, Table
from desktopapp.core.numbers import normalize
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, cell_amount, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.kinds import kind_of

RULE = "performance_share"

_PERCENT = re.compile(r"^([-+]?\d+(?:\.(\d+))?)%$")


def _text(row: list[Cell], col: int) -> str:
    return normalize(row[col].text) if col < len(row) else ""


def _percent(text: str) -> tuple[Decimal, int] | None:
    m = _PERCENT.match(text)
    if not m:
        return None
    return Decimal(m.group(1)), len(m.group(2) or "")


def _blocks(table: Table) -> Iterable[tuple[int, int, list[int]]]:
    """(占比 column, 金额 column, body rows) for each block under a "占比" heading."""
    body = table.body
    for r, row in enumerate(body):
        texts = [normalize(c.text) for c in row]
        if "占比" not in texts:
            continue
        pct_col = texts.index("占比")
        amount_col = next((c for c in range(pct_col - 1, -1, -1) if "金额" in texts[c]), pct_col - 1)
        if amount_col < 0:
            continue
        rows: list[int] = []
        for rr in range(r + 1, len(body)):
            row2 = body[rr]
            first = _text(row2, 0)
            if first and rr > r + 1 and rows:
                break
            if _is_subheading(row2, amount_col):
                continue  # "2023年 | 2022年" under 近两年收支金额
            rows.append(rr)
        yield pct_col, amount_col, rows


def _is_subheading(row: list[Cell], amount_col: int) -> bool:
    for c in range(amount_col, len(row)):
        t = _text(row, c)
        if t and cell_amount(row[c]) is None and _percent(t) is None:
            return True
    return False


def _label(row: list[Cell], amount_col: int) -> str:
    for c in range(amount_col - 1, -1, -1):
        t = _text(row, c)
        if t:
            return t
    return ""


def _amount_columns(table: Table, rows: list[int], amount_col: int, pct_col: int) -> list[int]:
    cols = [amount_col]
    width = max((len(table.body[r]) for r in rows), default=0)
    for c in range(pct_col + 1, width):
        values = [cell_amount(table.body[r][c]) for r in rows if c < len(table.body[r])]
        texts = [_text(table.body[r], c) for r in rows]
        if any(v is not None for v in values) and all(v is not None or not t for v, t in zip(values, texts)):
            cols.append(c)
    return cols


@table_rule(RULE)
def check_shares(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if kind_of(table, document) not in ("overall_performance", "project_performance") and table.numeric:
        return
    for pct_col, amount_col, rows in _blocks(table):
        block: list[int] = []
        for r in rows:
            row = table.body[r]
            if "合计" not in _label(row, amount_col):
                block.append(r)
                continue
            yield from _check_block(
                table, block, r, pct_col, amount_col, _amount_columns(table, [*block, r], amount_col, pct_col)
            )
            block = []


def _check_block(
    table: Table, block: list[int], total_row: int, pct_col: int, amount_col: int, amount_cols: list[int]
) -> Iterable[Finding]:
    if not block:
        return
    total_cell = table.body[total_row][amount_col]
    total = cell_amount(total_cell)
    for c in amount_cols:
        head = Operand(table, total_row, c)
        parts = [Operand(table, r, c, name=_label(table.body[r], amount_col)) for r in block]
        finding = sum_finding(
            RULE, head, parts, subject="资金情况合计", total_name="", parts_name="各项金额之和"
        )
        if finding:
            yield finding
    if not total:
        return
    for r in [*block, total_row]:
        row = table.body[r]
        printed = _percent(_text(row, pct_col))
        amount = cell_amount(row[amount_col]) if amount_col < len(row) else None
        if printed is None or amount is None:
            continue
        value, decimals = printed
        share = amount / total * 100
        unit = Decimal(1).scaleb(-decimals)
        diff = value - share
        if abs(diff) <= unit / 2 + Decimal("0.0001"):
            continue
        severity = Severity.WARNING if abs(diff) <= unit else Severity.ERROR
        label = _label(row, amount_col)
        expected = f"{share.quantize(Decimal('0.01'))}%"
        yield Finding(
            rule=RULE,
            severity=severity,
            message=(
                f"{label}占比印为 {_text(row, pct_col)}，按金额计算应为 {amount} ÷ {total} = {expected}"
                f"（差 {(diff).quantize(Decimal('0.01'))} 个百分点）"
            ),
            cells=[
                CellRef(table.id, r, pct_col),
                CellRef(table.id, r, amount_col),
                CellRef(table.id, total_row, amount_col),
            ],
            expected=expected,
            actual=_text(row, pct_col),
            difference=f"{diff.quantize(Decimal('0.01'))}",
            page=row[pct_col].page or (table.pages[0] if table.pages else None),
            table=table.id,
        )
