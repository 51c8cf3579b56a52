"""How a table's grid is laid out in a worksheet: merged header boxes, column labels, and which
body cells are figures, codes or text.

Header spans: desktopapp.core.header_spans (shared with the window).
"""

from __future__ import annotations

import re

from desktopapp.core.header_spans import Span
from desktopapp.core.model import Cell, Table

CODE_LABEL_WORDS = ("编码", "代码", "编号")
CODE_LEVEL_LABELS = {"类", "款", "项", "目"}
# Excel keeps 15 significant digits; longer digit strings are identifiers, not amounts.
EXCEL_DIGITS = 15
_DIGITS = re.compile(r"^\d+$")


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
