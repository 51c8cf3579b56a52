"""The review in progress: document, checker, findings, edit log — shared by every panel.

One long-lived QObject; panels listen to its signals instead of talking to each other. Every
correction re-runs the checks of the changed table at once and is saved straight away to the
autosave review file, so a crash loses nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktopapp.core.edits import Change, EditLog
from desktopapp.core.errors import UserError
from desktopapp.core.model import Cell, Document, Finding, Severity, Table

from .labels import SEVERITY_RANK, finding_tables

log = logging.getLogger(__name__)


class ReviewState(QObject):
    document_loaded = Signal()  # a new document (or none) is in place
    findings_changed = Signal()  # the findings list was replaced (after any re-check)
    cell_changed = Signal(str, int, int)  # table id, body row, column
    changes_changed = Signal()  # the change log grew (edit, undo, redo, restore)
    autosave_failed = Signal(str)  # Chinese message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.pdf_path: Path | None = None
        self.checker = None
        self.findings: list[Finding] = []
        self.edit_log: EditLog | None = None
        self.by_cell: dict[tuple[str, int, int], list[Finding]] = {}
        self.by_row: dict[tuple[str, int], list[Finding]] = {}
        self.table_counts: dict[str, tuple[int, int]] = {}
        self._rule_names: dict[str, str] | None = None
        self.autosave_enabled = True

    # -- loading ---------------------------------------------------------------------------
    def load(self, document: Document, pdf_path: Path, checker, findings: list[Finding]) -> None:
        self.document = document
        self.pdf_path = Path(pdf_path)
        self.checker = checker
        self.edit_log = EditLog(document)
        self._set_findings(findings, notify=False)
        self.document_loaded.emit()
        self.findings_changed.emit()
        self.changes_changed.emit()

    def clear(self) -> None:
        self.document = None
        self.pdf_path = None
        self.checker = None
        self.edit_log = None
        self._set_findings([], notify=False)
        self.document_loaded.emit()
        self.findings_changed.emit()
        self.changes_changed.emit()

    @property
    def has_document(self) -> bool:
        return self.document is not None

    def table(self, table_id: str | None) -> Table | None:
        return self.document.table(table_id) if self.document and table_id else None

    def cell(self, table_id: str, row: int, col: int) -> Cell | None:
        table = self.table(table_id)
        if table is None or not (0 <= row < len(table.body)) or not (0 <= col < len(table.body[row])):
            return None
        return table.body[row][col]

    # -- findings --------------------------------------------------------------------------
    def _set_findings(self, findings: Iterable[Finding], notify: bool = True) -> None:
        order = {t.id: i for i, t in enumerate(self.document.tables)} if self.document else {}
        self.findings = sorted(findings, key=lambda f: _finding_order(f, order))
        by_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
        by_row: dict[tuple[str, int], list[Finding]] = defaultdict(list)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for finding in self.findings:
            for ref in finding.cells:
                by_cell[(ref.table, ref.row, ref.col)].append(finding)
                row_list = by_row[(ref.table, ref.row)]
                if finding not in row_list:
                    row_list.append(finding)
            for table_id in finding_tables(finding):
                if finding.severity == Severity.ERROR:
                    counts[table_id][0] += 1
                elif finding.severity == Severity.WARNING:
                    counts[table_id][1] += 1
        self.by_cell = dict(by_cell)
        self.by_row = dict(by_row)
        self.table_counts = {k: (v[0], v[1]) for k, v in counts.items()}
        if notify:
            self.findings_changed.emit()

    def totals(self) -> tuple[int, int]:
        errors = sum(1 for f in self.findings if f.severity == Severity.ERROR)
        warnings = sum(1 for f in self.findings if f.severity == Severity.WARNING)
        return errors, warnings

    def worst_severity(self, findings: list[Finding]) -> Severity | None:
        if not findings:
            return None
        return min((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 9))

    def recheck_all(self) -> None:
        if self.checker is not None:
            self._set_findings(self.checker.check_all())

    # -- rules -----------------------------------------------------------------------------
    def rule_name(self, rule_id: str) -> str:
        if self._rule_names is None:
            self._rule_names = {}
            try:
                from desktopapp.rules import load_catalog

                self._rule_names = {info.id: info.name for info in load_catalog()}
            except Exception:  # a broken catalog must not stop the review; ids still show
                log.exception("rule catalog unreadable")
        return self._rule_names.get(rule_id, rule_id)

    @property
    def disabled_rules(self) -> set[str]:
        return set(getattr(self.checker, "disabled", set()) or set())

    def set_disabled_rules(self, disabled: Iterable[str]) -> None:
        if self.checker is None:
            return
        self.checker.disabled = set(disabled)
        self.recheck_all()
        self.autosave()

    # -- corrections -----------------------------------------------------------------------
    def set_value(self, table_id: str, row: int, col: int, text: str, reason: str = "") -> Change | None:
        """Correct one figure; raises EditError (Chinese message) for anything not a number."""
        if self.edit_log is None:
            return None
        change = self.edit_log.set_value(table_id, row, col, text, reason=reason.strip())
        if change is not None:
            self._after_change(change)
        return change

    def undo(self) -> Change | None:
        change = self.edit_log.undo() if self.edit_log else None
        if change is not None:
            self._after_change(change)
        return change

    def redo(self) -> Change | None:
        change = self.edit_log.redo() if self.edit_log else None
        if change is not None:
            self._after_change(change)
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self.edit_log and self.edit_log.can_undo)

    @property
    def can_redo(self) -> bool:
        return bool(self.edit_log and self.edit_log.can_redo)

    @property
    def changes(self) -> list[Change]:
        return self.edit_log.changes if self.edit_log else []

    def _after_change(self, change: Change) -> None:
        if self.checker is not None:
            self._set_findings(self.checker.recheck(change.table), notify=False)
        self.cell_changed.emit(change.table, change.row, change.col)
        self.findings_changed.emit()
        self.changes_changed.emit()
        self.autosave()

    def restore(self, review) -> list[str]:
        """Replace this session's corrections with a saved review; returns why any change was left out."""
        if self.document is None:
            return []
        from desktopapp.session.review import apply_review

        for table in self.document.tables:
            for row in table.body:
                for cell in row:
                    cell.corrected = None
        self.edit_log = EditLog(self.document)
        problems = apply_review(self.edit_log, review)
        if self.checker is not None:
            self.checker.disabled = set(review.disabled_rules)
        self.recheck_all()
        self.document_loaded.emit()
        self.changes_changed.emit()
        self.autosave()
        return problems

    def rule_names(self) -> dict[str, str]:
        self.rule_name("")
        return dict(self._rule_names or {})

    # -- review file -----------------------------------------------------------------------
    def autosave_target(self) -> Path | None:
        if self.document is None or self.pdf_path is None:
            return None
        from desktopapp.session.review import autosave_path

        return Path(autosave_path(self.pdf_path, self.document.sha256))

    def autosave(self) -> None:
        if not self.autosave_enabled or self.document is None:
            return
        try:
            target = self.autosave_target()
            if target is not None:
                self.save_to(target)
        except Exception as exc:  # reported, never fatal: the officer can still save by hand
            self.autosave_failed.emit(message_of(exc, "自动保存审核记录失败"))

    def save_to(self, path: Path) -> None:
        from desktopapp.session.review import save_review

        save_review(path, self.document, list(self.changes), sorted(self.disabled_rules))


def _finding_order(finding: Finding, table_order: dict[str, int]) -> tuple:
    """Tables in document order, then rows and columns, errors before warnings."""
    first = finding.cells[0] if finding.cells else None
    table_id = finding.table or (first.table if first else None)
    return (
        table_order.get(table_id, len(table_order)),
        first.row if first else -1,
        first.col if first else -1,
        SEVERITY_RANK.get(finding.severity, 9),
        finding.page or 0,
    )


def message_of(exc: BaseException, prefix: str) -> str:
    """A Chinese sentence for any exception: the core's own message when it has one."""
    message = exc.message if isinstance(exc, UserError) else None
    if message:
        return f"{prefix}：{message}"
    if isinstance(exc, OSError):
        return f"{prefix}：{exc.strerror or exc}"
    return f"{prefix}（{type(exc).__name__}）"

