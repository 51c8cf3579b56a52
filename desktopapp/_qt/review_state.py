"""The review in progress as Qt signals: a thin QObject over session.ReviewSession.

One long-lived object shared by every panel; panels listen to its signals instead of talking
to each other. It holds the session of the open document (or none), turns the session's
callbacks into signals and forwards calls; the review logic itself is the session's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktopapp.core.edits import Change
from desktopapp.core.model import Cell, Document, Finding, Severity, Table
from desktopapp.session.findings import FindingsIndex, rule_names, worst_severity
from desktopapp.session.review import Review
from desktopapp.session.review_session import Checker, ReviewSession


class ReviewState(QObject):
    document_loaded = Signal()  # a new document (or none) is in place, or its corrections were replaced
    findings_changed = Signal()  # the findings list was replaced (after any re-check)
    cell_changed = Signal(str, int, int)  # table id, body row, column
    changes_changed = Signal()  # the change log grew (edit, undo, redo, restore)
    autosave_failed = Signal(str)  # Chinese message
    facts_changed = Signal()  # the officer set a fact of the document (year, organisation, kind, level)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None

    # -- the session -----------------------------------------------------------------------
    def load(self, document: Document, pdf_path: Path, checker: Checker, findings: list[Finding]) -> None:
        session = ReviewSession(document, pdf_path, checker, findings)
        session.on_findings_changed.append(self.findings_changed.emit)
        session.on_edit_applied.append(lambda c: self.cell_changed.emit(c.table, c.row, c.col))
        session.on_log_changed.append(self.changes_changed.emit)
        session.on_restored.append(self.document_loaded.emit)
        session.on_save_failed.append(self.autosave_failed.emit)
        session.on_facts_changed.append(self.facts_changed.emit)
        self._replace(session)

    def clear(self) -> None:
        self._replace(None)

    def _replace(self, session: ReviewSession | None) -> None:
        self.session = session
        self.document_loaded.emit()
        self.findings_changed.emit()
        self.changes_changed.emit()

    # -- what panels read (empty when no document is open) ---------------------------------
    @property
    def has_document(self) -> bool:
        return self.session is not None

    @property
    def document(self) -> Document | None:
        return self.session.document if self.session else None

    @property
    def pdf_path(self) -> Path | None:
        return self.session.pdf_path if self.session else None

    @property
    def index(self) -> FindingsIndex:
        return self.session.index if self.session else _NO_FINDINGS

    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    @property
    def by_cell(self) -> dict[tuple[str, int, int], list[Finding]]:
        return self.index.by_cell

    @property
    def by_row(self) -> dict[tuple[str, int], list[Finding]]:
        return self.index.by_row

    @property
    def table_counts(self) -> dict[str, tuple[int, int]]:
        return self.index.table_counts

    def totals(self) -> tuple[int, int]:
        return self.index.totals()

    @staticmethod
    def worst_severity(findings: list[Finding]) -> Severity | None:
        return worst_severity(findings)

    def table(self, table_id: str | None) -> Table | None:
        return self.session.table(table_id) if self.session else None

    def cell(self, table_id: str, row: int, col: int) -> Cell | None:
        return self.session.cell(table_id, row, col) if self.session else None

    @property
    def changes(self) -> list[Change]:
        return self.session.changes if self.session else []

    @property
    def can_undo(self) -> bool:
        return bool(self.session and self.session.can_undo)

    @property
    def can_redo(self) -> bool:
        return bool(self.session and self.session.can_redo)

    @property
    def disabled_rules(self) -> set[str]:
        return self.session.disabled_rules if self.session else set()

    @staticmethod
    def rule_name(rule_id: str) -> str:
        return rule_names().get(rule_id, rule_id)

    @staticmethod
    def rule_names() -> dict[str, str]:
        return dict(rule_names())

    # -- what the officer does (nothing without a document) ---------------------------------
    def set_value(self, table_id: str, row: int, col: int, text: str, reason: str = "") -> Change | None:
        """Correct one figure; raises EditError (Chinese message) for anything not a number."""
        return self.session.set_value(table_id, row, col, text, reason) if self.session else None

    def undo(self) -> Change | None:
        return self.session.undo() if self.session else None

    def redo(self) -> Change | None:
        return self.session.redo() if self.session else None

    def recheck_all(self) -> None:
        if self.session:
            self.session.recheck_all()

    def facts(self) -> dict[str, dict]:
        return self.session.facts() if self.session else {}

    def set_fact(self, name: str, value: object) -> None:
        if self.session:
            self.session.set_fact(name, value)

    def set_disabled_rules(self, disabled: Iterable[str]) -> None:
        if self.session:
            self.session.set_disabled_rules(disabled)

    def restore(self, review: Review) -> list[str]:
        return self.session.restore(review) if self.session else []

    def autosave_target(self) -> Path | None:
        return self.session.autosave_target() if self.session else None


_NO_FINDINGS = FindingsIndex()
