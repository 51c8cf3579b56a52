"""How a table's grid is laid out in a worksheet: merged header boxes, column labels, and which
body cells are figures.

Header spans: desktopapp.core.header_spans (shared with the window); which columns hold codes:
the table's structure (desktopapp.tables.structure).
"""

from __future__ import annotations

import re

from desktopapp.core.model import Cell

# Excel keeps 15 significant digits; longer digit strings are identifiers, not amounts.
EXCEL_DIGITS = 15
_DIGITS = re.compile(r"^\d+$")


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
