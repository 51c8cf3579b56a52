"""Text that every writer can store: one sanitiser for the whole application.

Text read from a damaged PDF, typed by the officer or loaded from a review file may hold
characters no file format wants: C0 controls (openpyxl refuses them, XML 1.0 cannot hold them),
DEL and the C1 controls, the non-characters U+FFFE / U+FFFF (an .xlsx holding one is invalid and
Excel or LibreOffice drop rows after it) and lone surrogates (UTF-8 cannot encode them).

`safe_text` is applied where text enters the core model (the dataclasses in core.model and
core.edits) and again by every writer (workbook, JSON), so a string that slips past the model
still cannot break a file. Tab, line feed and carriage return are kept: they are legal
everywhere and mark line breaks in cells and pages. The other controls become a visible mark
(U+FFFD, shown as �) so a damaged figure stays visibly damaged — it is never read as a
different number; non-characters and lone surrogates carry nothing and are dropped.
"""

from __future__ import annotations

import re
from typing import Any

MARK = "\ufffd"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DROPPED = re.compile(r"[\ufffe\uffff\ud800-\udfff]")


def safe_text(text: str) -> str:
    """`text` with controls marked and non-characters / lone surrogates dropped (fast when clean)."""
    if not isinstance(text, str):
        return text
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(MARK, text)
    if _DROPPED.search(text):
        text = _DROPPED.sub("", text)
    return text


def safe_optional(text: str | None) -> str | None:
    return None if text is None else safe_text(text)


def safe_tree(value: Any) -> Any:
    """A copy of a JSON-like tree (dict / list / str / numbers) with every string made safe."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {safe_text(k) if isinstance(k, str) else k: safe_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe_tree(v) for v in value]
    return value


def is_safe(text: str) -> bool:
    return not (_CONTROLS.search(text) or _DROPPED.search(text))
