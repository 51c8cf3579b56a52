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
from desktopapp.core.net_changes import NetChange, current_reason
from desktopapp.session.findings import FindingsIndex, rule_names, tables_of, worst_severity
from desktopapp.session.marks import FindingMark, Verdict, finding_key
from desktopapp.session.review import Review, Unapplied
from desktopapp.session.review_session import Checker, ReviewLockedError, ReviewSession


class ReviewState(QObject):
    document_loaded = Signal()  # a new document (or none) is in place, or its corrections were replaced
    findings_changed = Signal()  # the findings list was replaced (after any re-check)
    cell_changed = Signal(str, int, int)  # table id, body row, column
    changes_changed = Signal()  # the change log grew (edit, undo, redo, restore)
    autosave_failed = Signal(str)  # Chinese message
    facts_changed = Signal()  # the officer set a fact of the document (year, organisation, kind, level)
    save_location = Signal(str, str)  # the review is saved away from the PDF: why ("" = beside it), the file
    unapplied_changed = Signal()  # the changes kept without being applied changed (restore, discard)
    review_set_aside = Signal(str)  # a damaged review file was renamed aside: Chinese message
    read_only = Signal(str)  # another window writes this PDF's review: Chinese message
    edit_refused = Signal(str)  # an edit refused in a read-only window: Chinese message
    marks_changed = Signal()  # the officer marked a finding or cleared its mark (or a review was restored)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        # finding → its mark key, for the findings on screen: the list asks for marks at every paint
        self._keys: dict[int, tuple[Finding, str]] = {}
        self.findings_changed.connect(self._keys.clear)  # connected first: cleared before panels refresh

    # -- the session -----------------------------------------------------------------------
    def load(self, document: Document, pdf_path: Path, checker: Checker, findings: list[Finding]) -> None:
        session = ReviewSession(document, pdf_path, checker, findings)
        session.on_findings_changed.append(self.findings_changed.emit)
        session.on_edit_applied.append(lambda c: self.cell_changed.emit(c.table, c.row, c.col))
        session.on_log_changed.append(self.changes_changed.emit)
        session.on_restored.append(self.document_loaded.emit)
        session.on_save_failed.append(self.autosave_failed.emit)
        session.on_facts_changed.append(self.facts_changed.emit)
        session.on_save_location.append(self.save_location.emit)
        session.on_unapplied_changed.append(self.unapplied_changed.emit)
        session.on_review_set_aside.append(self.review_set_aside.emit)
        session.on_marks_changed.append(self.marks_changed.emit)
        if self.session is not None:
            self.session.close()  # reopening the same PDF in this window must find its lock free
        holder = session.take_lock()
        self._replace(session)
        if holder is not None:
            self.read_only.emit(f"该文件正在另一个窗口中审核（{holder.describe()}）。\n\n本窗口为只读：修改不会保存。"
                                "如需保留本窗口的审核记录，可用“文件 ▸ 保存审核记录…”另存一份。")

    def release(self) -> None:
        """The window closes: let go of the review file (its lock)."""
        if self.session is not None:
            self.session.close()

    def clear(self) -> None:
        self._replace(None)

    def _replace(self, session: ReviewSession | None) -> None:
        if self.session is not None:
            self.session.close()
        self.session = session
        self.document_loaded.emit()
        self.findings_changed.emit()
        self.changes_changed.emit()
        self.unapplied_changed.emit()
        self.marks_changed.emit()
        self.save_location.emit("", "")

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
        """Per table, (errors, warnings) still open: findings marked 非问题 are not counted."""
        counts = self.index.table_counts
        dismissed = [f for f in self.findings if self.is_dismissed(f)]
        if not dismissed:
            return counts
        open_counts = {table_id: list(pair) for table_id, pair in counts.items()}
        for finding in dismissed:
            slot = {Severity.ERROR: 0, Severity.WARNING: 1}.get(finding.severity)
            for table_id in tables_of(finding):
                if slot is not None and table_id in open_counts:
                    open_counts[table_id][slot] -= 1
        return {table_id: (pair[0], pair[1]) for table_id, pair in open_counts.items()}

    def totals(self) -> tuple[int, int]:
        """(errors, warnings) still open: a finding marked 非问题 is not counted (see dismissed_totals)."""
        errors, warnings = self.index.totals()
        dismissed_errors, dismissed_warnings = self.dismissed_totals()
        return errors - dismissed_errors, warnings - dismissed_warnings

    def dismissed_totals(self) -> tuple[int, int]:
        """(errors, warnings) the officer marked 非问题."""
        dismissed = [f for f in self.findings if self.is_dismissed(f)]
        return (sum(1 for f in dismissed if f.severity == Severity.ERROR),
                sum(1 for f in dismissed if f.severity == Severity.WARNING))

    # -- the officer's judgement of findings ------------------------------------------------
    def mark_of(self, finding: Finding) -> FindingMark | None:
        if self.session is None:
            return None
        known = self._keys.get(id(finding))
        if known is None or known[0] is not finding:
            known = (finding, finding_key(finding))
            self._keys[id(finding)] = known
        return self.session.marks.get(known[1])

    def is_dismissed(self, finding: Finding) -> bool:
        mark = self.mark_of(finding)
        return mark is not None and mark.verdict == Verdict.DISMISSED

    def set_mark(self, finding: Finding, verdict: Verdict | None, note: str = "") -> FindingMark | None:
        """Mark a finding (verdict None clears it); saved at once. Refused in a read-only window."""
        return self._unless_refused(lambda session: session.set_mark(finding, verdict, note))

    def worst_severity(self, findings: list[Finding]) -> Severity | None:
        """The worst severity among findings still open (a 非问题 one no longer tints the grid)."""
        return worst_severity([f for f in findings if not self.is_dismissed(f)])

    def table(self, table_id: str | None) -> Table | None:
        return self.session.table(table_id) if self.session else None

    def cell(self, table_id: str, row: int, col: int) -> Cell | None:
        return self.session.cell(table_id, row, col) if self.session else None

    @property
    def changes(self) -> list[Change]:
        return self.session.changes if self.session else []

    @property
    def unapplied(self) -> list[Unapplied]:
        return list(self.session.unapplied) if self.session else []

    def table_titles(self) -> dict[str, str]:
        return {table.id: table.title for table in self.document.tables} if self.document else {}

    @property
    def is_read_only(self) -> bool:
        return bool(self.session and self.session.read_only)

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

    def set_reason(self, table_id: str, row: int, col: int, reason: str) -> Change | None:
        """Write or change the reason of a corrected cell afterwards; raises EditError when it is not corrected."""
        return self.session.set_reason(table_id, row, col, reason) if self.session else None

    def net_changes(self) -> list[NetChange]:
        return self.session.net_changes() if self.session else []

    def reason_of(self, table_id: str, row: int, col: int) -> str:
        """The reason of the correction in force on a cell ("" when none or not corrected)."""
        return current_reason(self.changes, table_id, row, col)

    def undo(self) -> Change | None:
        return self._unless_refused(lambda session: session.undo())

    def redo(self) -> Change | None:
        return self._unless_refused(lambda session: session.redo())

    def _unless_refused(self, do):
        """Do it in the session; a refusal of a read-only window becomes `edit_refused`."""
        if self.session is None:
            return None
        try:
            return do(self.session)
        except ReviewLockedError as exc:
            self.edit_refused.emit(exc.message)
            return None

    def recheck_all(self) -> None:
        if self.session:
            self.session.recheck_all()

    def facts(self) -> dict[str, dict]:
        return self.session.facts() if self.session else {}

    def set_fact(self, name: str, value: object) -> None:
        self._unless_refused(lambda session: session.set_fact(name, value))

    def set_disabled_rules(self, disabled: Iterable[str]) -> None:
        self._unless_refused(lambda session: session.set_disabled_rules(disabled))

    def discard_unapplied(self) -> None:
        self._unless_refused(lambda session: session.discard_unapplied())

    def restore(self, review: Review) -> list[Unapplied]:
        return self.session.restore(review) if self.session else []

    def keep_aside_before_loading(self, loaded: Path) -> Path | None:
        return self.session.keep_aside_before_loading(loaded) if self.session else None

    def decline(self, review: Review) -> Path | None:
        """The officer does not continue the saved review: it is kept aside, renamed."""
        return self.session.decline(review) if self.session else None

    def autosave_target(self) -> Path | None:
        return self.session.autosave_target() if self.session else None


_NO_FINDINGS = FindingsIndex()
