"""Marks in the session and the review file; the model (Verdict, FindingMark, finding_key) is
core.marks, re-exported here for the session's modules."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from desktopapp.core.marks import (  # noqa: F401 (re-exported)
    MAX_NOTE,
    UNMARKED_LABEL,
    VERDICT_LABELS,
    FindingMark,
    Verdict,
    finding_key,
)
from desktopapp.core.model import Finding
from desktopapp.core.safe_text import safe_text


def mark_for(finding: Finding, verdict: Verdict, note: str = "", now: datetime | None = None) -> FindingMark:
    """A new mark for `finding`, stamped with the time."""
    stamp = (now or datetime.now()).isoformat(timespec="seconds")
    return FindingMark(verdict, safe_text(note.strip())[:MAX_NOTE], stamp, finding.rule, finding.message[:500])


def marks_from_data(data: object) -> dict[str, FindingMark]:
    """The `marks` object of a review file; entries that are no mark at all are skipped."""
    if not isinstance(data, dict):
        return {}
    return {str(key)[:120]: FindingMark.from_dict(value) for key, value in data.items() if isinstance(value, dict)}


def marks_data(marks: Mapping[str, FindingMark]) -> dict[str, dict]:
    return {key: mark.as_dict() for key, mark in sorted(marks.items())}
