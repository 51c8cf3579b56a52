"""Merged spans of a table's printed header rows, for drawing them as printed.

When the reader recorded spans (Cell.row_span / col_span / covered) they are used as they are.
Otherwise (a document rebuilt from JSON, or a reader that left merged cells as "") spans are
inferred the way the eye reads a printed header: an empty cell belongs to the text on its left
in the same row (within the span above it), and an empty column under a text cell belongs to
that text.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktopapp.core.model import Table


@dataclass(frozen=True)
class HeaderSpan:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str


def header_spans(table: Table) -> list[HeaderSpan]:
    n_cols = table.n_cols
    if not table.header or not n_cols:
        return []
    if _has_recorded_spans(table):
        return _recorded(table, n_cols)
    return _inferred([[c.text.strip() for c in row] + [""] * (n_cols - len(row)) for row in table.header])


def _has_recorded_spans(table: Table) -> bool:
    return any(c.covered or c.row_span > 1 or c.col_span > 1 for row in table.header for c in row)


def _recorded(table: Table, n_cols: int) -> list[HeaderSpan]:
    n_rows = len(table.header)
    taken = [[False] * n_cols for _ in range(n_rows)]
    spans = []
    for r, row in enumerate(table.header):
        for c, cell in enumerate(row):
            if cell.covered or taken[r][c]:
                continue
            rs = max(1, min(cell.row_span, n_rows - r))
            cs = max(1, min(cell.col_span, n_cols - c))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    taken[rr][cc] = True
            spans.append(HeaderSpan(r, c, rs, cs, cell.text.strip()))
    # cells the header rows never mention (a short row) still get a blank box
    for r in range(n_rows):
        for c in range(n_cols):
            if not taken[r][c]:
                spans.append(HeaderSpan(r, c, 1, 1, ""))
    return spans


def _inferred(grid: list[list[str]]) -> list[HeaderSpan]:
    n_rows, n_cols = len(grid), len(grid[0])
    owner: list[list[int | None]] = [[None] * n_cols for _ in range(n_rows)]
    spans: list[HeaderSpan] = []

    def parent(r: int, c: int) -> int | None:
        return owner[r - 1][c] if r > 0 else -1

    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is not None or not grid[r][c]:
                continue
            cs = 1
            while (
                c + cs < n_cols
                and not grid[r][c + cs]
                and owner[r][c + cs] is None
                and parent(r, c + cs) == parent(r, c)
            ):
                cs += 1
            rs = 1
            while r + rs < n_rows and all(
                not grid[r + rs][cc] and owner[r + rs][cc] is None for cc in range(c, c + cs)
            ):
                rs += 1
            index = len(spans)
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr][cc] = index
            spans.append(HeaderSpan(r, c, rs, cs, grid[r][c]))
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is None:  # a genuinely blank header box
                owner[r][c] = len(spans)
                spans.append(HeaderSpan(r, c, 1, 1, ""))
    return spans
