"""Printed formula notes, tested literally.

"27行＝（1＋2＋…＋8）行" (row 27 equals rows 1 to 8, in every column), "1栏各行＝（2＋3）栏各行",
"6栏各行＝（1＋2－3）栏各行" (per row, by printed column numbers), "1栏＝（2＋3＋6）栏". Rows are
found by the printed 行次, columns by the printed 栏次 (the header row of column numbers).
A formula that names a row or column the table does not number is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktopapp.core.model import Document, Finding, Severity, Table
from desktopapp.core.numbers import normalize
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.structure import Structure, structure_of

RULE = "formula_note"

_FORMULA = re.compile(
    r"(?:第)?(?P<lhs>\d+)(?P<unit>栏|行)(?:各行|各栏)?=(?:第)?\(?(?P<rhs>\d+(?:(?:[+\-]|[+\-]?(?:…|\.\.\.|……)[+\-]?)\d+)*)\)?(?P=unit)"
)


@dataclass
class Formula:
    text: str
    unit: str  # 栏 (columns, per row) or 行 (rows, per column)
    lhs: int
    terms: list[tuple[int, int]]  # (sign, number)


_EACH_UNIT = re.compile(
    r"(?:第)?(?P<lhs>\d+)(?P<unit>栏|行)(?:各行|各栏)?=(?P<rhs>(?:[+\-]?(?:第)?\d+(?P=unit)(?:各行|各栏)?){2,})"
)


def parse_formulas(text: str) -> list[Formula]:
    t = normalize(text).replace("—", "-").replace("－", "-").replace("–", "-")
    out = []
    taken: list[tuple[int, int]] = []
    for m in _EACH_UNIT.finditer(t):
        terms = [
            (-1 if part.group(1) == "-" else 1, int(part.group(2)))
            for part in re.finditer(r"([+\-]?)(?:第)?(\d+)", m.group("rhs"))
        ]
        out.append(Formula(m.group(0), m.group("unit"), int(m.group("lhs")), terms))
        taken.append(m.span())
    for m in _FORMULA.finditer(t):
        if any(a <= m.start() < b for a, b in taken):
            continue
        rhs = m.group("rhs")
        terms: list[tuple[int, int]] = []
        for part in re.finditer(r"([+\-]?)(…|\.\.\.|……)?([+\-]?)(\d+)", rhs):
            sign = -1 if "-" in (part.group(1) + part.group(3)) else 1
            number = int(part.group(4))
            if part.group(2) and terms:
                last_sign, last = terms[-1]
                terms.extend((last_sign, n) for n in range(last + 1, number))
            terms.append((sign, number))
        out.append(Formula(m.group(0), m.group("unit"), int(m.group("lhs")), terms))
    return out


def table_formulas(table: Table) -> list[Formula]:
    texts = list(table.notes)
    texts += [c.text for row in table.header for c in row if c.text and ("栏" in c.text or "行" in c.text)]
    out: list[Formula] = []
    for text in texts:
        out.extend(parse_formulas(text))
    return out


def _unmapped(table: Table, formula: Formula, what: str) -> Finding:
    return Finding(
        rule=RULE,
        severity=Severity.INFO,
        message=f"表注公式“{formula.text}”无法核对：表中找不到{what}",
        page=table.pages[0] if table.pages else None,
        table=table.id,
    )


def _column_formula(table: Table, layout: Structure, formula: Formula) -> Iterable[Finding]:
    numbers = layout.col_numbers
    needed = [formula.lhs, *(n for _, n in formula.terms)]
    missing = [n for n in needed if n not in numbers]
    if missing:
        yield _unmapped(table, formula, f"第 {missing[0]} 栏")
        return
    for segment in layout.segments:
        for row in segment.rows:
            if row.is_blank or row.header_like:
                continue
            total = Operand(table, row.index, numbers[formula.lhs], name=f"{formula.lhs}栏")
            parts = [Operand(table, row.index, numbers[n], sign=s, name=f"{n}栏") for s, n in formula.terms]
            finding = sum_finding(
                RULE,
                total,
                parts,
                subject=f"{row.display}（表注“{formula.text}”）",
                total_name=f"{formula.lhs}栏",
                parts_name="公式右边",
            )
            if finding:
                yield finding
        break  # column numbers run across the whole table: one pass


def _row_formula(table: Table, layout: Structure, formula: Formula) -> Iterable[Finding]:
    numbers = layout.row_numbers
    needed = [formula.lhs, *(n for _, n in formula.terms)]
    missing = [n for n in needed if n not in numbers]
    if missing:
        yield _unmapped(table, formula, f"第 {missing[0]} 行")
        return
    # Rows are numbered across the sides of a 收支 table; each row's figures are in its side.
    for position in range(len(layout.segments[numbers[formula.lhs][1]].value_cols)):

        def at(number: int, sign: int = 1, position: int = position) -> Operand:
            row, seg = numbers[number]
            cols = layout.segments[seg].value_cols
            col = cols[min(position, len(cols) - 1)]
            return Operand(table, row, col.index, sign=sign, name=f"{number}行")

        total = at(formula.lhs)
        parts = [at(n, s) for s, n in formula.terms]
        label = layout.segments[numbers[formula.lhs][1]].value_cols[position]
        finding = sum_finding(
            RULE,
            total,
            parts,
            subject=f"{label.leaf or label.label}（表注“{formula.text}”）",
            total_name=f"{formula.lhs}行",
            parts_name="公式右边",
        )
        if finding:
            yield finding


@table_rule(RULE)
def check_formula_notes(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    formulas = table_formulas(table)
    if not formulas:
        return
    layout = structure_of(table, document)
    for formula in formulas:
        if formula.unit == "栏":
            yield from _column_formula(table, layout, formula)
        else:
            yield from _row_formula(table, layout, formula)
