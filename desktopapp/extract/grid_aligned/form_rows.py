"""A form's row of one label and one value ('单位名称' | the unit's name centred over the rest
of the row): the value is a cell merged across the row's columns, not a column of its own.

A form printed without rules lays its columns from where its texts stand. The value of such a
row, centred in a cell as wide as the form, falls between the columns of the other rows; were
it a column, every row of the form would gain an empty cell there. It is told by its row: the
value is the only text beside the label column, in a form whose other rows have several cells
(so a two-column list of labels and values keeps its values' column). A sentence wrapped over
several lines in a narrow column right beside its label (a seven-character cell, right-aligned
there), far from the middle of the rest of the row, keeps its column.
"""

from __future__ import annotations

from collections import Counter

from desktopapp.extract.grid_aligned.blocks import Block

RowKey = tuple[int, int]  # (region, row) of a body block
MIN_WRAPPED_LINES = 3  # lines of a sentence wrapped in a narrow column


def values_beside_labels(members: list[Block], labels: list[Block], row_of: dict[int, RowKey],
                         right: float | None = None) -> bool:
    """The members of a column cluster are each a row's only text beside the label column
    (`labels`: the first cluster's members) or alone in their row, in a table with rows of
    three texts or more — unless one is a sentence wrapped aside in a narrow column (`right`:
    the table's right edge, when known)."""
    counts = Counter(row_of.values())
    if not members or not any(n >= 3 for n in counts.values()):
        return False
    if right is not None and labels and _wrapped_aside(members, max(b.x1 for b in labels), right):
        return False
    label_rows = {row_of.get(id(b)) for b in labels}
    beside = 0
    for m in members:
        row = row_of.get(id(m))
        if row is None or row[1] < 0:
            return False
        if counts[row] == 2 and row in label_rows:
            beside += 1
        elif counts[row] != 1:  # alone in its row: a caption over the form ('栏目')
            return False
    return beside > 0


def _wrapped_aside(members: list[Block], left: float, right: float) -> bool:
    """A member wrapped over several lines far from the middle between the label column and
    the table's right edge (more than a third of that span away): a sentence in a narrow
    column of its own, not a value centred over the rest of its row."""
    middle, span = (left + right) / 2, right - left
    return any(len(m.frags) >= MIN_WRAPPED_LINES and abs((m.x0 + m.x1) / 2 - middle) > span / 3 for m in members)
