"""The 上年 columns of the tables (上年预算数, 2024年预算数; in a 决算 the 年初预算数 / 预算数
columns) against the reference's same table, subject and column: last year's disclosure prints
them as its own year's figures, the budget disclosure as its figures."""

from __future__ import annotations

import re

from desktopapp.compare.cells import BLANK_REASON, cell_pairs
from desktopapp.compare.matching import column_key, column_name, counterpart_table, segment_of
from desktopapp.compare.relation import Relation
from desktopapp.compare.tally import Tally
from desktopapp.core.labels import table_caption
from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.relation import fmt
from desktopapp.tables.columns import Column
from desktopapp.tables.structure import Structure, structure_of
from desktopapp.tables.text import clean

RULE = "reference_previous_year_column"

_CARRIED = re.compile(r"上年(?:度)?(?:结转|结余)|年初结转")
_YEARS = re.compile(r"(20\d\d)年")
_BUDGET_COLUMN = re.compile(r"年初预算|预算数|全年预算|调整预算|预算$")


def previous_columns(structure: Structure, year: int | None, relation: Relation) -> list[Column]:
    """The value columns holding the reference's figures."""
    out = []
    for column in structure.value_columns:
        label = _CARRIED.sub("", clean(column.label))
        if relation is Relation.BUDGET_OF_FINAL:
            if _BUDGET_COLUMN.search(label) and "决算" not in label:
                out.append(column)
        elif "上年" in label or (year is not None and any(int(y) == year - 1 for y in _YEARS.findall(label))):
            out.append(column)
    return out


def _their_column(column: Column, mine: Structure, theirs: Structure, reference_year: int | None) -> tuple[int, bool] | None:
    """The reference's column of the same label once the year and version words are out: the
    one naming its own year (or none), equal first (exact), else the one whose label ends the
    other's (not exact: "财政拨款三公经费公务接待费" / "三公经费公务接待费"; never a bare 合计)."""
    segment = segment_of(mine, column.index)
    if segment is None or segment >= len(theirs.segments):
        return None
    key = column_key(column.label)
    candidates = []
    for c in theirs.segments[segment].value_cols:
        label = clean(c.label)
        years = [int(y) for y in _YEARS.findall(label)]
        if "上年" in _CARRIED.sub("", label) or any(y != reference_year for y in years):
            continue
        candidates.append(c)
    equal = [c.index for c in candidates if column_key(c.label) == key]
    if len(equal) == 1:
        return equal[0], True
    if equal:
        return None
    ends = [c.index for c in candidates if (k := column_key(c.label)) and _specific(min(k, key, key=len))
            and (k.endswith(key) or key.endswith(k))]
    if len(ends) == 1:
        return ends[0], False
    if not key and len(candidates) == 1 and len(mine.segments[segment].value_cols) <= 3:
        return candidates[0].index, True  # 上年预算数 | 本年预算数 | 增减 against a table of one figure column
    return None


def _specific(key: str) -> bool:
    """A label that names one subject, not a bare total."""
    return len(key) >= 3 and re.sub(r"(合计|小计|总计)$", "", key) not in ("", "三公经费", "财政拨款")


def compare_previous_columns(current: Document, reference: Document, relation: Relation, established: bool) -> Tally:
    tally = Tally()
    said = "年初预算数" if relation is Relation.BUDGET_OF_FINAL else "上年数"
    for table in current.tables:
        if not table.numeric or not table.body:
            continue
        mine = structure_of(table, current)
        columns = previous_columns(mine, current.year, relation)
        if not columns:
            continue
        ref_table = counterpart_table(table, current, reference, across_versions=relation is Relation.BUDGET_OF_FINAL)
        if ref_table is None or not ref_table.body:
            tally.unmatched.append((f"{table_caption(table)} · {columns[0].name}", "参考文件中没有可对应的同类表格"))
            continue
        if table.unit is None or ref_table.unit is None:
            tally.unmatched.append((f"{table_caption(table)} · {columns[0].name}", "表格未注明单位，无法换算"))
            continue
        theirs = structure_of(ref_table, reference)
        mapping: dict[int, int] = {}
        loose: set[int] = set()  # columns matched by the end of their labels only
        for column in columns:
            found = _their_column(column, mine, theirs, reference.year)
            if found is None:
                tally.unmatched.append((f"{table_caption(table)} · {column_name(column, column.index)}",
                                        f"参考文件的{table_caption(ref_table)}中没有可对应的栏目"))
                continue
            mapping[column.index] = found[0]
            if not found[1]:
                loose.add(column.index)
        pairs, unmatched = cell_pairs(current, table, reference, ref_table, mapping)
        tally.unmatched.extend(unmatched)
        for pair in pairs:
            if not pair.readable():
                continue
            if pair.one_blank():
                tally.unmatched.append((f"{table_caption(table)} · {pair.subject} · {pair.column}", BLANK_REASON))
                continue
            tally.matched += 1
            outcome = pair.outcome()
            if outcome.severity is None:
                continue
            certain = outcome.severity is Severity.ERROR and established and pair.certain and pair.col not in loose
            theirs_shown = fmt(outcome.values[0], outcome.decimals)
            ours_shown = fmt(outcome.actual, outcome.decimals)
            tail = "（末位尾差）" if outcome.severity is Severity.WARNING else ""
            tally.findings.append(Finding(
                RULE, Severity.ERROR if certain else Severity.WARNING,
                f"{said}与参考文件不符：{pair.where} 为 {ours_shown}，参考文件（{table_caption(ref_table)}）"
                f"同一科目为 {theirs_shown}{tail}",
                cells=[pair.ref], expected=theirs_shown, actual=ours_shown,
                difference=fmt(outcome.difference, outcome.decimals), page=pair.page, table=table.id,
                reference_cells=[pair.reference_ref], reference_page=pair.reference_page,
            ))
    return tally
