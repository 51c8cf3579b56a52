"""A table grid found on one page, whatever found it (ruling lines or text alignment).

The grid is `n_rows × n_cols` slots between boundaries `ys` and `xs`; a `GridCell` covers
one or more slots (merged cells). Characters are binned into cells by their centre — no
per-cell cropping — and each cell's text is built once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from desktopapp.extract.cell_spill import return_spilled_heads, starts_own_text
from desktopapp.extract.layout import Char
from desktopapp.extract.text import cell_text


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    chars: list[Char] = field(default_factory=list)
    text: str = ""


@dataclass
class Grid:
    xs: list[float]  # column boundaries, n_cols + 1
    ys: list[float]  # row boundaries, n_rows + 1
    cells: list[GridCell]  # one per merged cell, in reading order
    strategy: str  # "ruled", "hrules", "aligned"
    # row index → header/body decision hints filled by the strategy ("rule" = a ruling line
    # closes the header after this row).
    header_rows_hint: int | None = None
    # A header read by position put two side-by-side stacks of label characters into one slot:
    # the labels of two narrow columns run together, so its grouping is not known.
    header_labels_merged: bool = False

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def slots(self) -> list[list[tuple[GridCell, bool]]]:
        """n_rows × n_cols: (the cell covering the slot, whether the slot is its top-left)."""
        table: list[list[tuple[GridCell, bool] | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    table[r][c] = (cell, r == cell.row and c == cell.col)
        out: list[list[tuple[GridCell, bool]]] = []
        for r, row in enumerate(table):
            filled = []
            for c, slot in enumerate(row):
                if slot is None:  # not expected; keep the grid rectangular
                    slot = (GridCell(r, c, x0=self.xs[c], top=self.ys[r], x1=self.xs[c + 1], bottom=self.ys[r + 1]), True)
                filled.append(slot)
            out.append(filled)
        return out

    def texts(self) -> list[list[str]]:
        return [[cell.text if origin else "" for cell, origin in row] for row in self.slots()]


def bin_chars(grid: Grid, chars: list[Char], slack: float = 1.0) -> list[Char]:
    """Put every character inside the grid into its cell; return the characters outside."""
    xs, ys = grid.xs, grid.ys
    lookup: dict[tuple[int, int], GridCell] = {}
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                lookup[(r, c)] = cell
    outside: list[Char] = []
    for ch in chars:
        cx, cy = ch.cx, ch.cy
        if not (xs[0] - slack <= cx <= xs[-1] + slack and ys[0] - slack <= cy <= ys[-1] + slack):
            outside.append(ch)
            continue
        c = min(max(bisect.bisect_right(xs, cx) - 1, 0), len(xs) - 2)
        r = min(max(bisect.bisect_right(ys, cy) - 1, 0), len(ys) - 2)
        cell = lookup.get((r, c))
        if cell is None:
            outside.append(ch)
        else:
            cell.chars.append(ch)
    _rejoin_overflow(grid)
    return_spilled_heads(grid)
    _rejoin_wrapped_line(grid)
    for cell in grid.cells:
        cell.text = cell_text(cell.chars)
    return outside


def _rejoin_overflow(grid: Grid) -> None:
    """Text printed past its cell's right edge into an empty neighbour (Excel does so for
    unwrapped text) runs on without a gap across the rule: it belongs to the first cell."""
    by_row: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        if cell.chars:
            by_row.setdefault(cell.row, []).append(cell)
    for cells in by_row.values():
        if len(cells) < 2:
            continue
        cells.sort(key=lambda c: c.col)
        for left, right in zip(cells, cells[1:]):
            if right.col != left.col + left.col_span or not left.chars or not right.chars:
                continue
            if not _one_line(right.chars):
                continue
            edge = left.x1
            # A character standing across the rule, or text running on with no gap at all.
            straddles = any(c.x0 < edge - 0.5 and c.x1 > edge + 0.5 for c in left.chars + right.chars)
            last = max((c for c in left.chars if not c.text.isspace()), key=lambda c: c.x1, default=None)
            first = min((c for c in right.chars if not c.text.isspace()), key=lambda c: c.x0, default=None)
            if last is None or first is None or abs(first.base - last.base) > 0.3 * max(first.size, 1.0):
                continue
            if starts_own_text(grid, last, right, first):
                continue
            seamless = (
                abs(first.x0 - last.x1) < 0.05 * max(first.size, 1.0)
                and not last.text.isdigit()
                and not first.text.isdigit()
                and abs(first.size - last.size) < 0.1
            )
            if straddles or seamless:
                left.chars.extend(right.chars)
                right.chars = []


def _one_line(chars: list[Char]) -> bool:
    base = chars[0].base
    return all(abs(c.base - base) < 0.3 * max(c.size, 1.0) for c in chars)


def _rejoin_wrapped_line(grid: Grid) -> None:
    """A label wrapped onto one line more than its box holds ("采购组织形" / "式") prints that
    line across the rule below, higher than the row's own text: it belongs to the box above."""
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell)
    above_of: dict[tuple[int, int], GridCell] = {}
    for cell in grid.cells:
        for c in range(cell.col, cell.col + cell.col_span):
            above_of[(cell.row + cell.row_span, c)] = cell
    for r, cells in rows.items():
        edge = grid.ys[r]
        for cell in cells:
            if not cell.chars or cell.row_span != 1:
                continue
            first = min(cell.chars, key=lambda ch: ch.top)
            line = [ch for ch in cell.chars if abs(ch.base - first.base) < 0.3 * max(ch.size, 1.0)]
            size = max(ch.size for ch in line)
            top = min(ch.top for ch in line)
            if not top < edge - 0.1 * size:
                continue
            others = [ch.top for o in cells if o is not cell for ch in o.chars]
            # The row's own text stands inside the row, clearly lower than this line.
            if not others or min(others) < edge or top > min(others) - 0.3 * size:
                continue
            above = above_of.get((r, cell.col))
            if above is None or not above.chars or above.col != cell.col or above.col_span != cell.col_span:
                continue
            last = max(above.chars, key=lambda ch: ch.base)
            pitch = first.base - last.base
            if not 0.8 * size <= pitch <= 1.6 * size or abs(last.size - size) > 0.1 * size:
                continue
            above.chars.extend(line)
            moved = {id(ch) for ch in line}
            cell.chars = [ch for ch in cell.chars if id(ch) not in moved]
