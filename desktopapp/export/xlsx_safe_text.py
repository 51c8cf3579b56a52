"""Every string openpyxl stores in a cell passes core.safe_text first.

openpyxl refuses C0 controls with IllegalCharacterError (the whole export would fail for one
damaged character) and lets U+FFFE / U+FFFF through into invalid XML (Excel and LibreOffice
then drop rows). The model already holds safe text; this is the writer's own guard for any
string that reaches a cell by another way.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

from desktopapp.core.safe_text import safe_text

_openpyxl_check_string = Cell.check_string


def safe_check_string(self: Cell, value):
    if isinstance(value, str):
        value = safe_text(value)
    return _openpyxl_check_string(self, value)


def install() -> None:
    """Idempotent; affects only what a string cell holds when it would break the file."""
    Cell.check_string = safe_check_string
