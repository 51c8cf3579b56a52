"""Merged boxes of a table's printed header rows (and of its body), shared by the window, the
workbook and the table's structure (the column header paths the checks read are these spans).

Header spans come from the reader (Cell.row_span / col_span / covered) when it recorded them;
a table rebuilt from JSON has none, so they are inferred the way the eye reads a printed header:
an empty box belongs to the text on its left (within the box above it), and an empty box under
a text belongs to that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktopapp.core.model import Cell, Table


@dataclass(frozen=True)
class Span:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str


def header_spans(table: Table) -> list[Span]:
    n_cols = table.n_cols
    if not table.header or not n_cols:
        return []
    recorded = any(c.covered or c.row_span > 1 or c.col_span > 1 for row in table.header for c in row)
    if recorded:
        return _recorded_spans(table.header, n_cols)
    grid = [[c.text.strip() for c in row] + [""] * (n_cols - len(row)) for row in table.header]
    return _inferred_spans(grid)


def body_spans(table: Table) -> list[Span]:
    """The body's merged boxes as the reader recorded them (a total merged across column groups,
    a label merged down over its sub-rows), clipped so that no two overlap; row and col are
    0-based into the body."""
    n_cols = table.n_cols
    if not any(c.covered or c.row_span > 1 or c.col_span > 1 for row in table.body for c in row):
        return []
    return [s for s in _recorded_spans(table.body, n_cols) if s.row_span > 1 or s.col_span > 1]


def _recorded_spans(header: list[list[Cell]], n_cols: int) -> list[Span]:
    n_rows = len(header)
    taken = [[False] * n_cols for _ in range(n_rows)]
    # A box printed with its own text is never covered by a merge recorded over it (a label
    # recorded three rows deep over the 预算数 | 决算数 row printed beneath it).
    printed = [
        [c < len(row) and not row[c].covered and bool(row[c].text.strip()) for c in range(n_cols)]
        for row in header
    ]
    spans = []
    for r, row in enumerate(header):
        for c, cell in enumerate(row[:n_cols]):
            if cell.covered or taken[r][c]:
                continue
            rs = max(1, min(cell.row_span, n_rows - r))
            cs = max(1, min(cell.col_span, n_cols - c))
            # A span reaching into a box already taken is clipped: overlapping merged ranges make
            # Excel "repair" the workbook on opening.
            while rs > 1 and _any_taken(printed, r + 1, c, rs - 1, cs):
                rs -= 1
            while cs > 1 and _any_taken(printed, r, c + 1, rs, cs - 1):
                cs -= 1
            while cs > 1 and _any_taken(taken, r, c, rs, cs):
                cs -= 1
            while rs > 1 and _any_taken(taken, r, c, rs, cs):
                rs -= 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken[rr][cc] = True
            spans.append(Span(r, c, rs, cs, cell.text.strip()))
    for r in range(n_rows):
        for c in range(n_cols):
            if not taken[r][c]:
                spans.append(Span(r, c, 1, 1, ""))
    return spans


def _any_taken(taken: list[list[bool]], r: int, c: int, rs: int, cs: int) -> bool:
    return any(taken[rr][cc] for rr in range(r, r + rs) for cc in range(c, c + cs))


def _inferred_spans(grid: list[list[str]]) -> list[Span]:
    n_rows, n_cols = len(grid), len(grid[0])
    owner: list[list[int | None]] = [[None] * n_cols for _ in range(n_rows)]
    spans: list[Span] = []

    def parent(r: int, c: int) -> int | None:
        return owner[r - 1][c] if r > 0 else -1

    def printed_below(r: int, c: int) -> bool:
        return any(grid[rr][c] for rr in range(r + 1, n_rows))

    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is not None or not grid[r][c]:
                continue
            # A text with nothing under it is its own column's box merged down (项目名称 beside a
            # 总计 printed a row lower): it is no band over the labels to its right.
            merged_down = not printed_below(r, c)
            cs = 1
            while (
                c + cs < n_cols
                and not grid[r][c + cs]
                and owner[r][c + cs] is None
                and parent(r, c + cs) == parent(r, c)
                and not (merged_down and printed_below(r, c + cs))
            ):
                cs += 1
            rs = 1
            while r + rs < n_rows and all(
                not grid[r + rs][cc] and owner[r + rs][cc] is None for cc in range(c, c + cs)
            ):
                rs += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr][cc] = len(spans)
            spans.append(Span(r, c, rs, cs, grid[r][c]))
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is None:
                owner[r][c] = len(spans)
                spans.append(Span(r, c, 1, 1, ""))
    return spans


def column_paths(
    table: Table, spans: list[Span] | None = None, text: Callable[[Span], str] | None = None
) -> list[list[str]]:
    """Per column, the texts of the header boxes above it, top to bottom (a merged box counts for
    every column it spans, a text repeated down a column counts once). The one reading of a
    column's header path: the window, the change log and the workbook show it as printed; the
    table's structure (tables.columns.header_paths) reads the same spans through `text`, which
    gives each box the text it contributes ("" for none: a 栏次 marker row, a 单位: line)."""
    parts: list[list[str]] = [[] for _ in range(table.n_cols)]
    for span in sorted(header_spans(table) if spans is None else spans, key=lambda s: (s.row, s.col)):
        label = printed_text(span) if text is None else text(span)
        if not label:
            continue
        for c in range(span.col, min(span.col + span.col_span, table.n_cols)):
            if label not in parts[c]:
                parts[c].append(label)
    return parts


def printed_text(span: Span) -> str:
    """A header box's text as one label: "项    目" is spaced out for print, not two words."""
    return re.sub(r"\s+", "", span.text)


def column_labels(table: Table, spans: list[Span] | None = None) -> list[str]:
    """One label per column: its header path joined with "/" ("基本支出/人员经费")."""
    return ["/".join(path) for path in column_paths(table, spans)]
