"""Pairs of cells, one in a table of the document and one in the reference's counterpart, that
print the same subject's figure (rows matched by 科目 code, then name; columns given by the
caller), and the two compared at their printed precision (rules.relation.evaluate)."""

from __future__ import annotations

from dataclasses import dataclass

from desktopapp.compare.matching import column_name, match_row, row_key, segment_of
from desktopapp.core.labels import table_caption
from desktopapp.core.model import CellRef, Document, Table
from desktopapp.rules.relation import Operand, Outcome, cell_amount, evaluate, is_unreadable, not_printed
from desktopapp.tables.rows import RowRole
from desktopapp.tables.structure import Structure, structure_of, value_cell
from desktopapp.tables.text import clean

BLANK_REASON = "一方未印数字（空白不作 0 比较）"


@dataclass
class CellPair:
    table: Table
    row: int
    col: int
    ref_table: Table
    ref_row: int
    ref_col: int
    by_code: bool  # the subject matched by its 科目 code (else by its name)
    total: bool  # the row is the table's (or a side's) total
    subject: str  # how the officer names the row ("2010101 行政运行", "合计")
    column: str  # how the officer names the column

    @property
    def certain(self) -> bool:
        """The subject is established: matched by code, or the total of the same table."""
        return self.by_code or self.total

    def outcome(self) -> Outcome:
        return evaluate(Operand(self.table, self.row, self.col), [Operand(self.ref_table, self.ref_row, self.ref_col)])

    @property
    def ref(self) -> CellRef:
        return Operand(self.table, self.row, self.col).ref

    @property
    def reference_ref(self) -> CellRef:
        return Operand(self.ref_table, self.ref_row, self.ref_col).ref

    @property
    def page(self) -> int | None:
        return value_cell(self.table, self.row, self.col).page or (self.table.pages[0] if self.table.pages else None)

    @property
    def reference_page(self) -> int | None:
        cell = value_cell(self.ref_table, self.ref_row, self.ref_col)
        return cell.page or (self.ref_table.pages[0] if self.ref_table.pages else None)

    @property
    def where(self) -> str:
        return " · ".join(p for p in (table_caption(self.table), self.subject, self.column) if p)

    def readable(self) -> bool:
        """Both cells print a figure (or a blank) that can be read."""
        mine = value_cell(self.table, self.row, self.col)
        theirs = value_cell(self.ref_table, self.ref_row, self.ref_col)
        if is_unreadable(mine) or is_unreadable(theirs):
            return False
        return cell_amount(mine) is not None or cell_amount(theirs) is not None

    def one_blank(self) -> bool:
        """One of the two cells prints nothing: a blank is no 0.00 (it may be a figure printed
        once across columns, or left out), so only a change between versions may name it."""
        mine = value_cell(self.table, self.row, self.col)
        theirs = value_cell(self.ref_table, self.ref_row, self.ref_col)
        return not_printed(mine) or not_printed(theirs)


def same_label_columns(mine: Structure, theirs: Structure) -> dict[int, int]:
    """This table's value columns → the reference table's column printing the same label in the
    same segment, where exactly one does (two of one label leave the column unpaired)."""
    labels: dict[tuple[int, str], list[int]] = {}
    for s, segment in enumerate(theirs.segments):
        for c in segment.value_cols:
            labels.setdefault((s, clean(c.label)), []).append(c.index)
    columns: dict[int, int] = {}
    for s, segment in enumerate(mine.segments):
        for c in segment.value_cols:
            hits = labels.get((s, clean(c.label)), [])
            if len(hits) == 1:
                columns[c.index] = hits[0]
    return columns


def cell_pairs(
    current: Document, table: Table, reference: Document, ref_table: Table, columns: dict[int, int]
) -> tuple[list[CellPair], list[tuple[str, str]]]:
    """The pairs of cells in the columns `columns` (document's → reference's), row by row; and
    the rows with figures the reference's table does not have (what, why)."""
    mine, theirs = structure_of(table, current), structure_of(ref_table, reference)
    pairs: list[CellPair] = []
    unmatched: list[tuple[str, str]] = []
    by_segment: dict[int, list[int]] = {}
    for col in columns:
        segment = segment_of(mine, col)
        if segment is not None and segment == segment_of(theirs, columns[col]):
            by_segment.setdefault(segment, []).append(col)
    for segment, cols in by_segment.items():
        lone = _lone_row(mine, segment), _lone_row(theirs, segment)
        if None not in lone:  # a one-row table without labels (三公): its only row is the subject
            for col in cols:
                pairs.append(CellPair(table, lone[0], col, ref_table, lone[1], columns[col], False, True, "",
                                      column_name(mine.column(col), col)))
            continue
        keys = {row.index: row_key(mine, row.index, segment) for row in mine.segments[segment].rows}
        names = [k.name for k in keys.values() if k is not None]
        for row in mine.segments[segment].rows:
            key = keys[row.index]
            if key is None or not any(cell_amount(value_cell(table, row.index, c)) is not None for c in cols):
                continue
            before = [k.name for i, k in keys.items() if i < row.index and k is not None]
            match = match_row(key, theirs, (before.count(key.name), names.count(key.name)))
            if match is None:
                unmatched.append((f"{table_caption(table)} · {row.display}", "参考文件的对应表格中没有同一科目（按编码、名称均未找到唯一的一行）"))
                continue
            for col in cols:
                column = mine.column(col)
                pairs.append(
                    CellPair(table, row.index, col, ref_table, match.row, columns[col], match.by_code,
                             row.role is RowRole.TOTAL, row.display, column_name(column, col))
                )
    return pairs, unmatched


def _lone_row(structure: Structure, segment: int) -> int | None:
    """The only row with figures of a side that prints no row labels, else None."""
    if segment >= len(structure.segments):
        return None
    side = structure.segments[segment]
    if side.name_col is not None or side.code_cols:
        return None
    rows = [r.index for r in side.rows if r.has_values]
    return rows[0] if len(rows) == 1 else None
