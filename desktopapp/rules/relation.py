"""Testing one relation "total = Σ ± operands" and turning a failure into a Finding.

Tolerance follows the printed precision: n printed addends may differ from their printed
total by up to 0.5·(n+1) units of the last printed digit — a rounding tail (尾差, warning);
beyond it the figures disagree (error). Across units (元 / 万元) figures are compared at the
coarser precision, so 213.28 万元 and 2,132,777.54 元 agree. Within 元, a figure printed in
whole 元 among figures with 角分 (79,189,400 against 79,189,400.34) was rounded to the 元: its
half 元 joins the tolerance, so a difference it explains is a rounding tail, not an error. A blank part counts as 0
beside printed parts; a cell whose text is not a number also counts as 0, but the finding says so. A blank total,
or parts all blank, is "not printed" (a figure merged across columns and printed once, or simply left out), never
0: the relation is then not checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from desktopapp.core.model import Cell, CellRef, Finding, Severity, Table
from desktopapp.core.numbers import UNIT_FACTORS, format_amount, normalize, parse_amount
from desktopapp.rules.base import count_candidates
from desktopapp.tables.structure import value_cell, value_source

_ALNUM = re.compile(r"[0-9A-Za-z]")
_YEAR_LABEL = re.compile(r"(?:19|20)\d\d年度?(?=\D|$)")  # "2024年预算数": a label naming its year
ZERO = Decimal(0)
HALF = Decimal("0.5")
DEFAULT_DECIMALS = 2

# Texts printed in number columns that mean "nothing here".
PLACEHOLDERS = {"-", "—", "－", "——", "--", "/", "无", "…", "……", "………", "*", "※", "x", "X", "空"}


@lru_cache(maxsize=65536)
def _parsed(text: str) -> tuple[Decimal, int] | None:
    return parse_amount(text)


def cell_amount(cell: Cell) -> Decimal | None:
    """The value in force; text tables are parsed here (their cells keep text only)."""
    if cell.corrected is not None:
        return cell.corrected
    if cell.value is not None:
        return cell.value
    parsed = _parsed(cell.text) if cell.text else None
    return parsed[0] if parsed else None


def cell_decimals(cell: Cell) -> int | None:
    if cell.corrected is not None:
        exponent = cell.corrected.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if cell.value is not None and cell.decimals is not None:
        return cell.decimals
    parsed = _parsed(cell.text) if cell.text else None
    return parsed[1] if parsed else None


def not_printed(cell: Cell) -> bool:
    """No figure at all: a blank cell the officer has not filled. A placeholder ("-", "—") is a
    printed nothing (0); a blank may be a figure printed once across columns, or left out."""
    return cell.corrected is None and cell.value is None and not cell.text.strip()


def is_unreadable(cell: Cell) -> bool:
    """Non-blank text that is not a number nor a placeholder (in a number column)."""
    if cell.corrected is not None or cell.value is not None:
        return False
    if not cell.text or cell.text.isspace():
        return False
    return _unreadable_text(cell.text)


@lru_cache(maxsize=65536)
def _unreadable_text(raw: str) -> bool:
    text = normalize(raw)
    if not text or text in PLACEHOLDERS or parse_amount(text) is not None:
        return False
    # Words (a header leaking into the body, "2024年预算数") are not garbled figures; digits or
    # Latin letters are.
    return bool(_ALNUM.search(_YEAR_LABEL.sub("", text)))


def fmt(value: Decimal, decimals: int = DEFAULT_DECIMALS) -> str:
    return format_amount(value, max(decimals, 0))


def with_printed(cell: Cell, shown: str, printed_unit: str = "") -> str:
    """A figure as a message shows it: `shown` is the value in force; when the officer corrected
    the cell to another figure, the printed one follows ("1,099.62（原印 1,096.62）"), with
    `printed_unit` when `shown` is in another unit."""
    if cell.corrected is None or cell.corrected == cell.value:
        return shown
    unit = f" {printed_unit}" if printed_unit else ""
    return f"{shown}（原印 {cell.text.strip() or '空白'}{unit}）"


def grain_decimals(grain: Decimal) -> int:
    exponent = grain.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class Operand:
    """One cell of a relation: where it is, its sign, and how to name it in a message."""

    table: Table
    row: int
    col: int
    sign: int = 1
    name: str = ""

    @property
    def cell(self) -> Cell:
        return value_cell(self.table, self.row, self.col)  # a merged figure stands for each column

    @property
    def ref(self) -> CellRef:
        return CellRef(self.table.id, *value_source(self.table, self.row, self.col))  # where it is printed


@dataclass
class Outcome:
    """The arithmetic of one relation, in the unit `unit`."""

    actual: Decimal
    expected: Decimal
    difference: Decimal
    tolerance: Decimal
    decimals: int
    unit: str | None
    unreadable: list[Operand]
    values: list[Decimal]  # per operand, converted (same order as the operands)
    terms: int = 1  # printed addends the tolerance allows for

    @property
    def severity(self) -> Severity | None:
        if self.difference == 0:
            return None
        if abs(self.difference) <= self.tolerance:
            return Severity.WARNING
        return Severity.ERROR


def _factor(unit: str | None) -> Decimal | None:
    return UNIT_FACTORS.get(unit or "")


def evaluate(total: Operand, operands: Sequence[Operand], extra_terms: int = 0) -> Outcome:
    """Compare `total` with Σ sign·operand (converted to a common unit when units differ).

    `extra_terms` widens the tolerance when `total` itself stands for a sum of printed figures.
    """
    everyone = [total, *operands]
    units = {o.table.unit for o in everyone if _factor(o.table.unit) is not None}
    target = max(units, key=lambda u: _factor(u)) if units else total.table.unit
    cross_unit = len(units) > 1
    finest_by_unit: dict[str | None, int] = {}
    printed: list[tuple[str | None, int, Decimal]] = []  # (unit, decimals, value) of each figure
    raw: list[Decimal] = []
    unreadable: list[Operand] = []
    for o in everyone:
        cell = o.cell
        value = cell_amount(cell)
        if value is None:
            if is_unreadable(cell):
                unreadable.append(o)
            value = ZERO
        else:
            d = cell_decimals(cell)
            if d is not None:
                unit = o.table.unit if _factor(o.table.unit) is not None else None
                finest_by_unit[unit] = max(finest_by_unit.get(unit, -99), d)
                printed.append((unit, d, value))
        raw.append(value)
    # Grain: the finest printed digit within a unit (an integer among decimals is exact),
    # the coarsest across units.
    grains: list[Decimal] = []
    for unit, d in finest_by_unit.items():
        grain = Decimal(1).scaleb(-d)
        if cross_unit and unit is not None and target is not None:
            grain = grain * _factor(unit) / _factor(target)
        grains.append(grain)
    grain = max(grains) if grains else Decimal(1).scaleb(-DEFAULT_DECIMALS)
    values: list[Decimal] = []
    for o, value in zip(everyone, raw):
        if cross_unit and _factor(o.table.unit) is not None and target is not None:
            value = value * _factor(o.table.unit) / _factor(target)
            value = value.quantize(grain, rounding=ROUND_HALF_UP) if grain >= Decimal("1e-12") else value
        values.append(value)
    actual = values[0] * total.sign
    expected = sum((o.sign * v for o, v in zip(operands, values[1:])), ZERO)
    n = sum(1 for o in operands if not o.cell.is_blank) + extra_terms
    tolerance = HALF * (max(n, 1) + 1) * grain + _whole_yuan_slack(printed, finest_by_unit, grain, target)
    decimals = grain_decimals(grain)
    return Outcome(
        actual=actual,
        expected=expected,
        difference=actual - expected,
        tolerance=tolerance,
        decimals=decimals,
        unit=target,
        unreadable=unreadable,
        values=values[1:],
        terms=max(n, 1),
    )


def _whole_yuan_slack(
    printed: list[tuple[str | None, int, Decimal]],
    finest_by_unit: dict[str | None, int],
    grain: Decimal,
    target: str | None,
) -> Decimal:
    """Half a 元 (in the target unit) for each non-zero figure printed in whole 元 where others
    of its unit print 角分: the 角分 it dropped. In 万元 a whole figure is an exact allocation."""
    slack = ZERO
    for unit, d, value in printed:
        if unit != "元" or value == 0 or d != 0 or finest_by_unit.get(unit, 0) == 0:
            continue
        own = Decimal(1) * _factor(unit) / (_factor(target) or Decimal(1))
        if own > grain:
            slack += HALF * (own - grain)
    return slack


def holds_exactly(total: Operand, operands: Sequence[Operand]) -> bool:
    """The common case, cheaply: one table (one unit) and the figures add up to the cent."""
    table = total.table
    value = cell_amount(total.cell)
    acc = ZERO
    for o in operands:
        if o.table is not table:
            return False
        v = cell_amount(o.cell)
        if v is not None:
            acc += v if o.sign > 0 else -v
    return (value if value is not None else ZERO) * total.sign == acc


def _operand_list(operands: Sequence[Operand], values: Sequence[Decimal], decimals: int) -> str:
    parts = []
    shown = [(o, v) for o, v in zip(operands, values) if not o.cell.is_blank] or list(zip(operands, values))[
        :1
    ]
    for i, (o, v) in enumerate(shown):
        sign = "" if i == 0 and o.sign > 0 else (" + " if o.sign > 0 else " − ")
        if i == 0 and o.sign < 0:
            sign = "−"
        parts.append(f"{sign}{o.name + ' ' if o.name else ''}{with_printed(o.cell, fmt(v, decimals))}")
    return "".join(parts)


def sum_finding(
    rule: str,
    total: Operand,
    operands: Sequence[Operand],
    *,
    subject: str,
    total_name: str,
    parts_name: str,
    cap: Severity = Severity.ERROR,
    extra_terms: int = 0,
) -> Finding | None:
    """A finding when `total` ≠ Σ operands (warning for a rounding tail), else None.

    Message: "{subject}：{total_name} A ≠ {parts_name} B（…；差 D）".
    """
    if not_printed(total.cell) or all(not_printed(o.cell) for o in operands):
        return None  # one side not printed: a blank total is never 0.00 (see not_printed)
    count_candidates(rule)
    if holds_exactly(total, operands):
        return None
    outcome = evaluate(total, operands, extra_terms)
    severity = outcome.severity
    if severity is None:
        return None
    return finding_from_outcome(
        rule, outcome, total, operands, subject=subject, total_name=total_name, parts_name=parts_name, cap=cap
    )


def finding_from_outcome(
    rule: str,
    outcome: Outcome,
    total: Operand,
    operands: Sequence[Operand],
    *,
    subject: str,
    total_name: str,
    parts_name: str,
    cap: Severity = Severity.ERROR,
) -> Finding:
    d = outcome.decimals
    severity = outcome.severity or Severity.WARNING
    if outcome.unreadable and severity == Severity.ERROR:
        severity = Severity.WARNING
    if cap != Severity.ERROR and severity == Severity.ERROR:
        severity = cap
    listing = ""
    if 1 < len(operands) <= 8 and any(o.name for o in operands):
        listing = f"{_operand_list(operands, outcome.values, d)}，"
    tail = (
        f"差 {fmt(outcome.difference, d)}，在 {outcome.terms} 个数四舍五入的尾差范围内"
        if abs(outcome.difference) <= outcome.tolerance
        else f"差 {fmt(outcome.difference, d)}"
    )
    named_total = f"{total_name} " if total_name else ""
    message = (
        f"{subject}：{named_total}{with_printed(total.cell, fmt(outcome.actual, d))} ≠ {parts_name} {fmt(outcome.expected, d)}"
        f"（{listing}{tail}）"
    )
    if outcome.unreadable:
        names = "、".join(f"“{o.cell.text}”" for o in outcome.unreadable[:3])
        message += f"；其中 {names} 无法识别为数字，按 0 计算"
    cells = [total.ref, *(o.ref for o in operands)]
    cell = total.cell
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        cells=cells,
        expected=fmt(outcome.expected, d),
        actual=fmt(outcome.actual, d),
        difference=fmt(outcome.difference, d),
        page=cell.page or (total.table.pages[0] if total.table.pages else None),
        table=total.table.id,
    )
