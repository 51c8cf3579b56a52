"""One PDF under review: its document, the edit log, the findings, autosave and restore.

Plain Python, no Qt: the window wraps it in a QObject that turns its callbacks into signals.
Every correction re-runs the checks of the changed table at once and is saved straight away to
the autosave review file, so a crash loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from desktopapp.core.edits import Change, EditLog
from desktopapp.core.model import Cell, Document, Finding, Table
from desktopapp.extract.docinfo import FACT_NAMES, correct_fact

from .findings import FindingsIndex
from .messages import message_of
from .review import Review, apply_review, autosave_path, find_review, load_review, save_review


class Checker(Protocol):
    """What the session needs of the rules' checker (desktopapp.rules.Checker)."""

    disabled: set[str]

    def check_all(self) -> list[Finding]: ...

    def recheck(self, changed_table_id: str) -> list[Finding]: ...


class ReviewSession:
    """The review of one read PDF. Observers append callbacks to the `on_…` lists."""

    def __init__(self, document: Document, pdf_path: str | Path, checker: Checker, findings: Iterable[Finding]) -> None:
        self.document = document
        self.pdf_path = Path(pdf_path)
        self.checker = checker
        self.edit_log = EditLog(document)
        self.index = FindingsIndex.build(findings, document)
        self.on_findings_changed: list[Callable[[], None]] = []  # after any re-check
        self.on_edit_applied: list[Callable[[Change], None]] = []  # a cell changed: edit, undo or redo
        self.on_log_changed: list[Callable[[], None]] = []  # the change log grew or was replaced
        self.on_restored: list[Callable[[], None]] = []  # a saved review replaced every correction
        self.on_facts_changed: list[Callable[[], None]] = []  # the officer set a fact of the document
        self.on_saved: list[Callable[[Path], None]] = []  # the autosave file was written
        self.on_save_failed: list[Callable[[str], None]] = []  # Chinese message

    # -- reading ---------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    @property
    def changes(self) -> list[Change]:
        return self.edit_log.changes

    @property
    def can_undo(self) -> bool:
        return self.edit_log.can_undo

    @property
    def can_redo(self) -> bool:
        return self.edit_log.can_redo

    @property
    def disabled_rules(self) -> set[str]:
        return set(self.checker.disabled)

    def table(self, table_id: str | None) -> Table | None:
        return self.document.table(table_id) if table_id else None

    def cell(self, table_id: str, row: int, col: int) -> Cell | None:
        table = self.table(table_id)
        if table is None or not (0 <= row < len(table.body)) or not (0 <= col < len(table.body[row])):
            return None
        return table.body[row][col]

    # -- checking --------------------------------------------------------------------------
    def recheck_all(self) -> None:
        self._set_findings(self.checker.check_all())

    def set_disabled_rules(self, disabled: Iterable[str]) -> None:
        self.checker.disabled = set(disabled)
        self.recheck_all()
        self.autosave()

    def _set_findings(self, findings: Iterable[Finding]) -> None:
        self.index = FindingsIndex.build(findings, self.document)
        _notify(self.on_findings_changed)

    # -- facts about the document ----------------------------------------------------------
    def facts(self) -> dict[str, dict]:
        """Each fact's reading: value, status (established / uncertain / corrected), sources, note."""
        return {name: dict(self.document.facts.get(name) or {}) for name in FACT_NAMES}

    def set_fact(self, name: str, value: object) -> None:
        """The officer's reading of a fact (None or "": back to the document's); every check re-runs."""
        correct_fact(self.document, name, value)
        self.recheck_all()
        _notify(self.on_facts_changed)
        self.autosave()

    # -- corrections -----------------------------------------------------------------------
    def set_value(self, table_id: str, row: int, col: int, text: str, reason: str = "") -> Change | None:
        """Correct one figure ("" = back to the printed one); raises EditError (Chinese) for anything not a number."""
        return self._after(self.edit_log.set_value(table_id, row, col, text, reason=reason.strip()))

    def undo(self) -> Change | None:
        return self._after(self.edit_log.undo())

    def redo(self) -> Change | None:
        return self._after(self.edit_log.redo())

    def _after(self, change: Change | None) -> Change | None:
        if change is not None:
            self.index = FindingsIndex.build(self.checker.recheck(change.table), self.document)
            _notify(self.on_edit_applied, change)
            _notify(self.on_findings_changed)
            _notify(self.on_log_changed)
            self.autosave()
        return change

    # -- review files ----------------------------------------------------------------------
    def saved_review(self) -> Review | None:
        """The autosaved review of exactly this PDF, if any; raises ReviewFileError when it is damaged."""
        found = find_review(self.pdf_path, self.document.sha256)
        return load_review(found) if found is not None else None

    def restore(self, review: Review) -> list[str]:
        """Replace this session's corrections with a saved review; returns why any change was left out."""
        for table in self.document.tables:
            for row in table.body:
                for cell in row:
                    cell.corrected = None
        self.edit_log = EditLog(self.document)
        problems = apply_review(self.edit_log, review)
        for name in FACT_NAMES:
            correct_fact(self.document, name, review.facts.get(name))
        _notify(self.on_facts_changed)
        self.checker.disabled = set(review.disabled_rules)
        self.recheck_all()
        _notify(self.on_restored)
        _notify(self.on_log_changed)
        self.autosave()
        return problems

    def autosave_target(self) -> Path:
        return Path(autosave_path(self.pdf_path, self.document.sha256))

    def autosave(self) -> None:
        """Save the review to its autosave file; a failure is reported, never raised."""
        try:
            target = self.autosave_target()
            self.save_to(target)
        except Exception as exc:  # the officer can still save by hand
            _notify(self.on_save_failed, message_of(exc, "自动保存审核记录失败"))
            return
        _notify(self.on_saved, target)

    def save_to(self, path: Path) -> None:
        """Write the review to `path`; raises ReviewSaveError."""
        save_review(path, self.document, list(self.changes), sorted(self.disabled_rules))


def _notify(callbacks: list, *args: object) -> None:
    for callback in list(callbacks):
        callback(*args)
