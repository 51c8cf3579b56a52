"""Text helpers shared by the table readers: labels cleaned for comparison, amount-like texts."""

from __future__ import annotations

from functools import lru_cache

from desktopapp.core.numbers import normalize, parse_amount

_QUOTES = str.maketrans("", "", "“”\"'‘’「」")


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    return normalize(text).translate(_QUOTES)


def clean(text: str | None) -> str:
    """A printed text normalized for comparison: width and spaces folded, quotes dropped."""
    return _clean(text) if text else ""


@lru_cache(maxsize=65536)
def is_amount_text(text: str) -> bool:
    return parse_amount(text) is not None
