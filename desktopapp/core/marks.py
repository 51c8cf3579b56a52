"""The officer's judgement of each finding: 确有问题 / 非问题 / 待确认, with a note (the model:
the session keeps and saves marks, the workbook and the 审核意见 report show them).

A mark is kept in the review file under the finding's key, which names what the finding is
about — the rule, the table, the cells, the page and the quoted text — and never the figures: a
correction re-checks the table and changes expected / actual / difference (or the severity), yet
the officer's judgement of "this row's 合计" still holds. A finding that is no longer raised keeps
its mark in the file (the officer may undo the correction that silenced it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from desktopapp.core.model import Finding
from desktopapp.core.safe_text import safe_text


class Verdict(str, Enum):
    CONFIRMED = "confirmed"  # 确有问题: the department must correct it
    DISMISSED = "dismissed"  # 非问题: the check was wrong here, or the difference is accepted
    PENDING = "pending"  # 待确认: to be asked or looked at again

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {Verdict.CONFIRMED: "确有问题", Verdict.DISMISSED: "非问题", Verdict.PENDING: "待确认"}
UNMARKED_LABEL = "未标记"
MAX_NOTE = 2000  # characters; a note is a sentence or a paragraph, not a document

# figures in a message change with every correction; masked, the message still tells findings apart
_FIGURES = re.compile(r"[-+]?\d[\d,，.]*%?")


@dataclass(frozen=True)
class FindingMark:
    verdict: Verdict
    note: str = ""
    time: str = ""  # ISO 8601, local time, when last set
    # what the finding said when it was marked: lets the file (and the officer) make sense of a mark
    # whose finding is no longer raised
    rule: str = ""
    message: str = ""

    def as_dict(self) -> dict:
        return {"verdict": self.verdict.value, "note": self.note, "time": self.time,
                "rule": self.rule, "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping) -> FindingMark:
        """Read a saved mark; an unknown verdict is kept as 待确认 (the officer looks again), never dropped."""
        raw = data.get("verdict")
        verdict = next((v for v in Verdict if v.value == raw), Verdict.PENDING)
        note = _text(data.get("note"))
        if raw is not None and verdict.value != raw:
            note = f"{note}（原标记：{_text(raw)}）".strip()
        return cls(verdict, note[:MAX_NOTE], _text(data.get("time"))[:40], _text(data.get("rule"))[:80],
                   _text(data.get("message"))[:500])


def finding_key(finding: Finding) -> str:
    """What the finding is about, as a short stable key (same PDF, same reading → same key)."""
    cells = sorted({(c.table, c.row, c.col) for c in finding.cells})
    about: list[object] = [finding.rule, finding.table or "", cells, finding.page, finding.quote or ""]
    if not cells and finding.quote is None:
        # a document-level finding (a table missing, a fact unknown): its words say what it is about
        about.append(_FIGURES.sub("#", finding.message))
    digest = hashlib.sha256(json.dumps(about, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{finding.rule}:{digest[:16]}"


def _text(value: object) -> str:
    return safe_text(value) if isinstance(value, str) else ""
