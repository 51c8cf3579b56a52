"""Printed numbers: parse them to `Decimal` with their precision, format them back.

"1,826.31", "1826.31" and "１８２６.３１" are the same amount; "-", "—" and "" are not
amounts (kept as text, and a blank counts as 0 only inside a relation); "0.00" is zero.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

_AMOUNT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_PAREN_NEGATIVE = re.compile(r"^[(](.+)[)]$")


def normalize(text: str | None) -> str:
    """NFKC and no white space: how two printed strings are compared."""
    if not text:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_amount(text: str | None) -> tuple[Decimal, int] | None:
    """(value, decimals) of a printed amount, or None when the text is not an amount."""
    t = normalize(text)
    if not t:
        return None
    negative = False
    m = _PAREN_NEGATIVE.match(t)
    if m:
        t, negative = m.group(1), True
    if not _AMOUNT.match(t):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    return (-value if negative else value), decimals


def to_decimal(text: str | None) -> Decimal | None:
    parsed = parse_amount(text)
    return parsed[0] if parsed else None


def is_amount(text: str | None) -> bool:
    return parse_amount(text) is not None


def format_amount(value: Decimal | None, decimals: int = 2, thousands: bool = True) -> str:
    """"1,234.50" for Decimal("1234.5"); "" for None. Never raises, whatever the magnitude."""
    if value is None:
        return ""
    if not value.is_finite():
        return str(value)
    with localcontext() as ctx:
        # quantize needs every digit of the result within the context's precision (28 by
        # default): a figure of 27+ digits from a damaged file must still be shown
        ctx.prec = max(28, value.adjusted() + decimals + 3)
        quant = Decimal(1).scaleb(-decimals)
        rounded = value.quantize(quant, rounding=ROUND_HALF_UP)
        return f"{rounded:,.{decimals}f}" if thousands else f"{rounded:.{decimals}f}"


MAX_SIGNIFICANT_DIGITS = 15  # what Excel (a double) keeps; far beyond any real budget in 元 and 分


def storable_amount(value: Decimal) -> bool:
    """True for a finite amount of at most 15 digits (integer digits plus decimals)."""
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    decimals = max(-exponent, 0) if isinstance(exponent, int) else 0
    integer_digits = max(value.adjusted() + 1, 1)
    return integer_digits + decimals <= MAX_SIGNIFICANT_DIGITS


UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """Convert an amount between 元 / 万元 (unknown units are left as they are)."""
    if not from_unit or not to_unit or from_unit == to_unit:
        return value
    if from_unit not in UNIT_FACTORS or to_unit not in UNIT_FACTORS:
        return value
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]
