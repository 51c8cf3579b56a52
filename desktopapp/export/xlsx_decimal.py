"""Write Decimal cell values to the workbook digit for digit.

openpyxl accepts Decimal but serialises every number with "%.16g", i.e. through a float:
623324177.57 lands in the file as "623324177.5700001". Readers round that back to the same
double, yet the file should hold the printed figure exactly, so Decimal values are written
with their own digits; every other value keeps openpyxl's formatting.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.cell import _writer

_openpyxl_safe_string = _writer.safe_string


def exact_safe_string(value):
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    return _openpyxl_safe_string(value)


def install() -> None:
    """Idempotent; affects only how Decimal values are written."""
    _writer.safe_string = exact_safe_string
