"""Merged spans of a table's printed header rows, for drawing them as printed (see core.header_spans)."""

from __future__ import annotations

from desktopapp.core.header_spans import Span as HeaderSpan
from desktopapp.core.header_spans import header_spans

__all__ = ["HeaderSpan", "header_spans"]
