"""How a table's grid is laid out in a worksheet: merged header boxes, column labels, and which
body cells are figures, codes or text.

Header spans come from the reader (Cell.row_span / col_span / covered) when it recorded them;
a table rebuilt from JSON has none, so they are inferred the way the eye reads a printed header:
an empty box belongs to the text on its left (within the box above it), and an empty box under
a text belongs to that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.model import Cell, Table

CODE_LABEL_WORDS = ("编码", "代码", "编号")
CODE_LEVEL_LABELS = {"类", "款", "项", "目"}
# Excel keeps 15 significant digits; longer digit strings are identifiers, not amounts.
EXCEL_DIGITS = 15
_DIGITS = re.compile(r"^\d+$")


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


def _recorded_spans(header: list[list[Cell]], n_cols: int) -> list[Span]:
    n_rows = len(header)
    taken = [[False] * n_cols for _ in range(n_rows)]
    spans = []
    for r, row in enumerate(header):
        for c, cell in enumerate(row[:n_cols]):
            if cell.covered or taken[r][c]:
                continue
            rs = max(1, min(cell.row_span, n_rows - r))
            cs = max(1, min(cell.col_span, n_cols - c))
            # A span reaching into a box already taken is clipped: overlapping merged ranges make
            # Excel "repair" the workbook on opening.
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


def column_labels(table: Table, spans: list[Span]) -> list[str]:
    """One label per column: the header boxes above it, top to bottom, joined with "/"."""
    parts: list[list[str]] = [[] for _ in range(table.n_cols)]
    for span in sorted(spans, key=lambda s: (s.row, s.col)):
        text = re.sub(r"\s+", "", span.text)  # "项    目" is spaced out for print, not two words
        if not text:
            continue
        for c in range(span.col, span.col + span.col_span):
            if text not in parts[c]:
                parts[c].append(text)
    return ["/".join(p) for p in parts]


def code_columns(table: Table, labels: list[str]) -> set[int]:
    """Columns holding subject codes (科目编码 "2080101", or 类/款/项 "208" | "01" | "01")."""
    codes = set()
    for c, label in enumerate(labels):
        leaf = label.rsplit("/", 1)[-1]
        if any(word in label for word in CODE_LABEL_WORDS) or leaf in CODE_LEVEL_LABELS:
            codes.add(c)
            continue
        texts = [row[c].text.strip() for row in table.body if c < len(row) and row[c].text.strip()]
        if texts and all(_DIGITS.match(t) for t in texts) and _looks_like_codes(texts):
            codes.add(c)
    return codes


def _looks_like_codes(texts: list[str]) -> bool:
    if any(len(t) > 1 and t.startswith("0") for t in texts):
        return True  # an amount never prints a leading zero
    if not all(len(t) in (3, 5, 7) for t in texts):
        return False
    values = set(texts)
    return any(a != b and b.startswith(a) for a in values for b in values)  # 208 → 20801


def is_figure(cell: Cell) -> bool:
    """A body cell to write as a number: it has an amount Excel can hold exactly."""
    amount = cell.amount
    if amount is None:
        return False
    text = cell.text.strip()
    if len(text) > 1 and _DIGITS.match(text) and text.startswith("0"):
        return False  # "01": a code or a serial number printed in a figure column
    return len(amount.as_tuple().digits) <= EXCEL_DIGITS


def figure_decimals(cell: Cell) -> int:
    """Digits after the point to show: the printed precision, more if a correction needs it."""
    decimals = cell.decimals or 0
    if cell.corrected is not None:
        exponent = cell.corrected.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            decimals = max(decimals, -exponent)
    return decimals


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and other wide characters count double."""
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _is_wide(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1100 <= code <= 0x115F
        or 0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
        or 0x20000 <= code <= 0x3FFFD
    )
