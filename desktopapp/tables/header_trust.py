"""Whether a header's grouping can be trusted for column sums.

A header read by position alone (no vertical rules: strategy "aligned" / "hrules") has its
spans guessed from where labels stand. When those guesses do not nest — a band reaching over
part of a box above it and part of the next — which column is a total and which are its parts
is not known, and a wrong premise would make every row a false 错误. The column relations
(column_sums) are then left out: the checks abstain rather than guess.
"""

from __future__ import annotations

from desktopapp.core.header_spans import Span, header_spans
from desktopapp.core.model import Table
from desktopapp.tables.column_sums import ColumnRelation

POSITION_READ = ("aligned", "hrules")


def bands_cross(spans: list[Span]) -> bool:
    """A box in a lower band covers part of a box above it and columns outside it."""
    for upper in spans:
        if not upper.text.strip():
            continue
        lo, hi = upper.col, upper.col + upper.col_span
        below = upper.row + upper.row_span
        for lower in spans:
            if lower.row < below or not lower.text.strip():
                continue
            a, b = lower.col, lower.col + lower.col_span
            if a < hi and b > lo and (a < lo or b > hi):
                return True
    return False


def header_doubtful(table: Table) -> bool:
    """The header's bands cross each other, or, read by position, one of its cells holds two
    columns' labels side by side: its grouping was not read as printed. (Ruled tables are
    left out: their cells are drawn, and "栏目" beside "项目名称" in a diagonal cell is one cell.)"""
    if table.strategy in POSITION_READ and table.header_labels_merged:
        return True
    return bands_cross(header_spans(table))


def trusted_relations(table: Table, relations: list[ColumnRelation]) -> list[ColumnRelation]:
    """The relations a header read by position alone can bear: a total over a single part column
    there means its other parts were not told apart (labels run together), not an identity."""
    if table.strategy not in POSITION_READ:
        return relations
    return [r for r in relations if len(r.parts) >= 2]
