"""Worksheet names Excel accepts: at most 31 characters, none of []:*?/\\, not starting or ending
with an apostrophe, unique regardless of case, and not the reserved "History"."""

from __future__ import annotations

import re

from desktopapp.core.model import Document, Table
from desktopapp.core.safe_text import safe_text

MAX_LEN = 31
# Full-width look-alikes keep the name readable where a character is forbidden.
_REPLACEMENTS = str.maketrans({"[": "〔", "]": "〕", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})
_YEAR_PREFIX = re.compile(r"^\s*(19|20)\d{2}\s*年(度)?\s*")


def short_title(table: Table, document: Document) -> str:
    """The title without what every table of the document repeats: year and organization."""
    title = re.sub(r"\s+", "", table.title or "")
    organization = re.sub(r"\s+", "", document.organization or "")
    for _ in range(2):  # "XX局2026年…" and "2026年XX局…"
        if organization and title.startswith(organization) and len(title) > len(organization):
            title = title[len(organization) :]
        title = _YEAR_PREFIX.sub("", title)
    return title or table.id


def clean_sheet_name(name: str) -> str:
    name = re.sub(r"\s+", " ", safe_text(name).translate(_REPLACEMENTS)).strip()
    name = name.strip("'").strip()
    return name[:MAX_LEN].rstrip("'").rstrip() or "表"


class SheetNamer:
    """Hands out valid names, never the same twice (Excel compares names case-insensitively)."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self._used = {"history"} | {r.casefold() for r in reserved}

    def name(self, wanted: str) -> str:
        base = clean_sheet_name(wanted)
        candidate, n = base, 1
        while candidate.casefold() in self._used:
            n += 1
            suffix = f"({n})"
            candidate = base[: MAX_LEN - len(suffix)].rstrip() + suffix
        self._used.add(candidate.casefold())
        return candidate


def table_sheet_name(table: Table, index: int, document: Document) -> str:
    """ "表3 支出总表"; a table printed without a number is named by its place in the document."""
    number = re.sub(r"\s+", "", table.number or "") or str(index)
    return f"{number} {short_title(table, document)}"


def sheet_ref(sheet: str, coordinate: str) -> str:
    """An in-workbook reference ('表3 支出总表'!E7), quoting the name as Excel requires."""
    return "'" + sheet.replace("'", "''") + "'!" + coordinate
