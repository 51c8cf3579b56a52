"""Text that crosses a ruled cell's side: whose cell it is.

Characters are binned into cells by their centre (grid.py). Where a line of text crosses the
rule between two cells, its characters left of the rule are not necessarily the left cell's:

- a label wider than its narrow cell ends across the rule ('长期目标1：' — the colon's box
  reaches over it) while the next cell's own text starts where that column's texts start: two
  texts, not one run over an empty neighbour (`starts_own_text`);
- a wrapped line right-aligned in its cell, a character wider than the cell holds, spills its
  first characters over the rule into the cell on its left ('2、做好…' with the '2' left of the
  rule): the line is the right cell's, the left cell's own text stands on other lines
  (`return_spilled_heads`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from desktopapp.extract.layout import Char


class GridCell(Protocol):  # grid.GridCell, which imports this module
    row: int
    col: int
    col_span: int
    x1: float
    chars: list[Char]


class Grid(Protocol):  # grid.Grid
    @property
    def cells(self) -> Sequence[GridCell]: ...

CONTIGUOUS = 0.1  # points: characters of one run stand this close (no gap, no overlap)
ALIGNED = 0.5  # points: texts starting this close start at one column edge


def _same_line(a: Char, b: Char) -> bool:
    return abs(a.base - b.base) < 0.3 * max(a.size, b.size, 1.0)


def starts_own_text(grid: Grid, left_last: Char, right: GridCell, right_first: Char) -> bool:
    """The right cell's text is its own, not the left cell's text run on: it does not carry
    on the left text's run (a gap or an overlap between them) and it starts where another
    row's text in the same column starts."""
    if abs(right_first.x0 - left_last.x1) < CONTIGUOUS:
        return False
    for cell in grid.cells:
        if cell is right or cell.col != right.col or not cell.chars:
            continue
        first = min((c for c in cell.chars if not c.text.isspace()), key=lambda c: c.x0, default=None)
        if first is not None and abs(first.x0 - right_first.x0) <= ALIGNED:
            return True
    return False


def return_spilled_heads(grid: Grid) -> None:
    """Give back to the right cell the head of one of its wrapped lines that spilled over the
    rule into the left cell: the left cell's characters on that line, each touching the next,
    running on without a gap into the right cell's line, while the left cell has text of its
    own elsewhere."""
    by_row: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        if cell.chars:
            by_row.setdefault(cell.row, []).append(cell)
    for cells in by_row.values():
        cells.sort(key=lambda c: c.col)
        for left, right in zip(cells, cells[1:]):
            if right.col != left.col + left.col_span or _one_baseline(right.chars):
                continue  # a one-line neighbour is the overflow's case (grid._rejoin_overflow)
            spilled = [ch for ch in left.chars if _spilled_head(ch, left, right)]
            if not spilled or len(spilled) == len(left.chars):
                continue
            heads = _chains(spilled, left.chars, right.chars, left.x1)
            if heads and len(heads) < len(left.chars):
                moved = {id(ch) for ch in heads}
                left.chars = [ch for ch in left.chars if id(ch) not in moved]
                right.chars.extend(heads)


def _spilled_head(ch: Char, left: GridCell, right: GridCell) -> bool:
    return ch.x1 > left.x1 - 1.5 * ch.size and any(_same_line(ch, o) for o in right.chars)


def _chains(candidates: list[Char], left_chars: list[Char], right_chars: list[Char], edge: float) -> list[Char]:
    """Per line: the left cell's characters that run without a gap up to the right cell's
    first character on that line, the run crossing the rule."""
    out: list[Char] = []
    done: set[int] = set()
    for seed in candidates:
        if id(seed) in done:
            continue
        line = sorted((c for c in left_chars if _same_line(c, seed)), key=lambda c: c.x0)
        done.update(id(c) for c in line)
        ahead = [c for c in right_chars if _same_line(c, seed) and not c.text.isspace()]
        if not ahead or not line:
            continue
        first_right = min(ahead, key=lambda c: c.x0)
        last = line[-1]
        crosses = last.x1 > edge or first_right.x0 < edge  # the run crosses the rule
        if not crosses or abs(first_right.x0 - last.x1) >= CONTIGUOUS:
            continue
        chain = [last]
        for prev in reversed(line[:-1]):
            if abs(chain[-1].x0 - prev.x1) >= CONTIGUOUS:
                break
            chain.append(prev)
        out.extend(chain)
    return out


def _one_baseline(chars: list[Char]) -> bool:
    return all(_same_line(c, chars[0]) for c in chars)
