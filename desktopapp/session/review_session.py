"""One PDF under review: its document, the edit log, the findings, autosave and restore.

Plain Python, no Qt: the window wraps it in a QObject that turns its callbacks into signals.
Every correction re-runs the checks of the changed table at once and is saved straight away to
the autosave review file, so a crash loses nothing.

The review file has one writer: `take_lock()` makes a second session on the same PDF read-only
(nothing saved, every edit refused with ReviewLockedError). When the file cannot be written beside
the PDF, autosave moves to the user data folder for the rest of the session and says where
(`on_save_location`). Changes of a restored review that do not fit the document are kept in the
file (`unapplied`) until `discard_unapplied()`.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from desktopapp.compare.reference import Reference
from desktopapp.core.edits import Change, EditError, EditLog
from desktopapp.core.errors import UserError
from desktopapp.core.model import Cell, Document, Finding, Table
from desktopapp.core.net_changes import NetChange, net_changes
from desktopapp.extract.docinfo import FACT_NAMES, correct_fact

from .compare import ComparingChecker, ReferenceRecord
from .findings import FindingsIndex
from .marks import FindingMark, Verdict, finding_key, mark_for
from .messages import message_of
from .review import (
    SUFFIX,
    Review,
    ReviewFileError,
    ReviewSaveError,
    Unapplied,
    apply_review,
    autosave_path,
    load_review,
    names_fit,
    review_candidates,
    save_review,
    set_aside,
    user_data_review_path,
)
from .review_lock import LockHolder, ReviewLock

READ_ONLY = "该文件正在另一个窗口中审核，本窗口为只读，修改不会保存。如需保留本窗口的审核记录，可用“文件 ▸ 保存审核记录…”另存一份。"


class ReviewLockedError(EditError):
    """An edit in a read-only session (another window writes this review)."""


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
        self.on_save_location: list[Callable[[str, str], None]] = []  # not beside the PDF: why ("" = beside), where
        self.on_unapplied_changed: list[Callable[[], None]] = []  # changes kept without being applied
        self.on_review_set_aside: list[Callable[[str], None]] = []  # a damaged review file was renamed: message
        self.on_marks_changed: list[Callable[[], None]] = []  # the officer marked a finding (or cleared a mark)
        self.on_reference_changed: list[Callable[[], None]] = []  # a reference was set or removed (文件 ▸ 对比…)
        self.marks: dict[str, FindingMark] = {}  # by session.marks.finding_key; kept for findings no longer raised
        self.reference: Reference | None = None  # the document compared with (session.compare)
        self.unapplied: list[Unapplied] = []  # restored changes that do not fit; saved until discarded
        self.holder: LockHolder | None = None  # who writes this review when this session is read-only
        self._lock: ReviewLock | None = None
        self._fallback: Path | None = None  # where autosave went after beside the PDF failed
        self._fallback_reason = ""
        self._location_note = ""
        self._closed = False

    # -- reading ---------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    @property
    def changes(self) -> list[Change]:
        return self.edit_log.changes

    @property
    def can_undo(self) -> bool:
        return self.edit_log.can_undo and not self.read_only

    @property
    def can_redo(self) -> bool:
        return self.edit_log.can_redo and not self.read_only

    @property
    def read_only(self) -> bool:
        return self.holder is not None

    def _writable(self) -> None:
        if self.read_only:
            raise ReviewLockedError(READ_ONLY)

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
        self._writable()
        self.checker.disabled = set(disabled)
        self.recheck_all()
        self.autosave()

    def _set_findings(self, findings: Iterable[Finding]) -> None:
        self.index = FindingsIndex.build(findings, self.document)
        _notify(self.on_findings_changed)

    def set_reference(self, reference: Reference | None) -> None:
        """Compare with `reference` from now on (None: no longer); every check re-runs, and the
        review file remembers it."""
        base = self.checker.inner if isinstance(self.checker, ComparingChecker) else self.checker
        self.reference = reference
        self.checker = ComparingChecker(base, reference) if reference is not None else base
        self.recheck_all()
        _notify(self.on_reference_changed)
        self.autosave()

    # -- facts about the document ----------------------------------------------------------
    def facts(self) -> dict[str, dict]:
        """Each fact's reading: value, status (established / uncertain / corrected), sources, note."""
        return {name: dict(self.document.facts.get(name) or {}) for name in FACT_NAMES}

    def set_fact(self, name: str, value: object) -> None:
        """The officer's reading of a fact (None or "": back to the document's); every check re-runs."""
        self._writable()
        correct_fact(self.document, name, value)
        self.recheck_all()
        _notify(self.on_facts_changed)
        self.autosave()

    # -- the officer's judgement of findings ------------------------------------------------
    def mark_of(self, finding: Finding) -> FindingMark | None:
        return self.marks.get(finding_key(finding))

    def set_mark(self, finding: Finding, verdict: Verdict | None, note: str = "") -> FindingMark | None:
        """Mark a finding 确有问题 / 非问题 / 待确认 with a note (verdict None: the mark is removed); saved at once."""
        self._writable()
        key = finding_key(finding)
        mark = None if verdict is None else mark_for(finding, verdict, note)
        if mark is None:
            self.marks.pop(key, None)
        else:
            self.marks[key] = mark
        _notify(self.on_marks_changed)
        self.autosave()
        return mark

    # -- corrections -----------------------------------------------------------------------
    def set_value(self, table_id: str, row: int, col: int, text: str, reason: str = "") -> Change | None:
        """Correct one figure ("" = back to the printed one); raises EditError (Chinese) for anything not a number."""
        self._writable()
        return self._after(self.edit_log.set_value(table_id, row, col, text, reason=reason.strip()))

    def set_reason(self, table_id: str, row: int, col: int, reason: str) -> Change | None:
        """Write or change afterwards the reason of a corrected cell; kept in the history, saved at once."""
        self._writable()
        change = self.edit_log.set_reason(table_id, row, col, reason)
        if change is not None:
            _notify(self.on_log_changed)
            self.autosave()
        return change

    def net_changes(self) -> list[NetChange]:
        return net_changes(self.changes)

    def undo(self) -> Change | None:
        self._writable()
        return self._after(self.edit_log.undo())

    def redo(self) -> Change | None:
        self._writable()
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
    def take_lock(self) -> LockHolder | None:
        """Become the one writer of this PDF's review; else read-only, and who writes it is returned."""
        if self._lock is None:
            try:
                self._lock = ReviewLock(self.pdf_path, self.document.sha256)
                self.holder = self._lock.acquire()
            except Exception:  # no place for a review at all: autosave will say so
                self._lock = None
        return self.holder

    def close(self) -> None:
        """The window lets go of this PDF: nothing more is saved, the lock is released."""
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def saved_review(self) -> Review | None:
        """The newest autosaved review of exactly this PDF, if any.

        A candidate that cannot be read is renamed aside (never overwritten) and reported through
        `on_review_set_aside`; a read-only session reports it without renaming.
        """
        for candidate in review_candidates(self.pdf_path, self.document.sha256):
            try:
                review = load_review(candidate)
            except ReviewFileError as exc:
                if not candidate.exists():
                    continue
                self._report_damaged(candidate, exc)
                continue
            if review.sha256 == self.document.sha256:
                return review
        return None

    def _report_damaged(self, path: Path, exc: ReviewFileError) -> None:
        if self.read_only or self._closed:
            _notify(self.on_review_set_aside, f"审核记录文件“{path.name}”已损坏，无法恢复其中的修改（{exc.message}）。")
            return
        try:
            aside = set_aside(path, "damaged-")
        except ReviewSaveError as failed:
            self._avoid(path)
            _notify(self.on_review_set_aside, f"审核记录文件“{path.name}”已损坏。{failed.message}")
            return
        _notify(self.on_review_set_aside,
                f"审核记录文件已损坏，已另存为“{aside}”。其中的修改未能恢复，PDF 仍可正常审核。")

    def decline(self, review: Review) -> Path | None:
        """The officer starts afresh: the earlier review is renamed aside (with the time), before any
        new change is saved. Returns its new name (None when read-only or not a file)."""
        if self.read_only or self._closed or review.path is None or not review.path.exists():
            return None
        try:
            return set_aside(review.path, "")
        except ReviewSaveError:
            self._avoid(review.path)
            return None

    def keep_aside_before_loading(self, loaded: Path) -> Path | None:
        """Another review file is about to replace this session's corrections: the autosaved one,
        which holds them, is renamed aside first (returns its new name; None when nothing to keep)."""
        if self.read_only or self._closed or not (self.changes or self.unapplied):
            return None
        target = self.autosave_target()
        try:
            if not target.exists() or target.resolve() == Path(loaded).resolve():
                return None
            return set_aside(target, "")
        except (OSError, ReviewSaveError):
            self._avoid(target)
            return None

    def _avoid(self, path: Path) -> None:
        """A file that could not be renamed aside: new work is saved under another name."""
        if self.autosave_target() == path:
            fallback = user_data_review_path(self.document.sha256)
            self._fallback = fallback if fallback != path else path.with_name(f"{self.document.sha256}.review.json")
            self._fallback_reason = f"“{path.name}”无法改名"

    def restore(self, review: Review) -> list[Unapplied]:
        """Replace this session's corrections with a saved review; returns the changes left out, which
        are kept (and saved) as unapplied until `discard_unapplied`."""
        for table in self.document.tables:
            for row in table.body:
                for cell in row:
                    cell.corrected = None
        self.edit_log = EditLog(self.document)
        left_out = apply_review(self.edit_log, review)
        self.unapplied = [*review.unapplied, *left_out]
        for name in FACT_NAMES:
            correct_fact(self.document, name, review.facts.get(name))
        _notify(self.on_facts_changed)
        self.checker.disabled = set(review.disabled_rules)
        self.marks = dict(review.marks)
        _notify(self.on_marks_changed)
        self.recheck_all()
        _notify(self.on_restored)
        _notify(self.on_log_changed)
        _notify(self.on_unapplied_changed)
        self.autosave()
        return left_out

    def discard_unapplied(self) -> None:
        """The officer lets the changes that could not be restored go."""
        self._writable()
        self.unapplied = []
        _notify(self.on_unapplied_changed)
        self.autosave()

    def autosave_target(self) -> Path:
        return self._fallback or Path(autosave_path(self.pdf_path, self.document.sha256))

    def autosave(self) -> None:
        """Save the review to its autosave file; a failure is reported, never raised.

        When beside the PDF fails for any reason, the user data folder is used from then on (and
        `on_save_location` says so); a read-only session saves nothing.
        """
        if self.read_only or self._closed:
            return
        target: Path | None = None
        try:
            target = self.autosave_target()
            self.save_to(target)
        except Exception as exc:  # the officer can still save by hand
            target = self._fall_back(target, exc)
            if target is None:
                self._location_note = "failed"  # the next save that works says where it went
                _notify(self.on_save_failed, message_of(exc, "自动保存审核记录失败"))
                return
        if self._lock is not None:
            self._lock.refresh()
        self._note_location(target)
        _notify(self.on_saved, target)

    def _fall_back(self, failed: Path | None, exc: Exception) -> Path | None:
        try:
            fallback = user_data_review_path(self.document.sha256)
            if fallback == failed:
                return None
            self.save_to(fallback)
        except Exception:
            return None
        self._fallback = fallback
        self._fallback_reason = _why_not_written(exc)
        return fallback

    def _note_location(self, target: Path) -> None:
        if target.parent == self.pdf_path.parent:
            note = ""
        else:
            note = f"审核记录改存到用户数据文件夹（{self._fallback_reason or self._why_elsewhere()}）"
        if note != self._location_note:
            self._location_note = note
            _notify(self.on_save_location, note, str(target))

    def _why_elsewhere(self) -> str:
        beside = self.pdf_path.with_name(self.pdf_path.stem + SUFFIX)
        return "PDF 的文件名过长" if not names_fit(beside) else "PDF 所在文件夹不可写入"

    def save_to(self, path: Path) -> None:
        """Write the review to `path`; raises ReviewSaveError."""
        if self.read_only and Path(path).resolve() == self.autosave_target().resolve():
            raise ReviewSaveError("这份审核记录正由另一个窗口写入，请换一个文件名另存。")
        reference = ReferenceRecord.of(self.reference).as_dict() if self.reference is not None else None
        save_review(path, self.document, list(self.changes), sorted(self.disabled_rules), self.unapplied, self.marks,
                    reference)


_ERRNO_REASONS = {
    errno.EACCES: "文件夹不可写入",
    errno.EPERM: "文件夹不可写入",
    errno.EROFS: "文件夹只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ENOSPC: "磁盘已满",
}


def _why_not_written(exc: Exception) -> str:
    """In a few Chinese words, why the review could not be written beside the PDF."""
    cause = exc.__cause__ if isinstance(exc, UserError) and exc.__cause__ is not None else exc
    if isinstance(cause, OSError):
        return _ERRNO_REASONS.get(cause.errno or 0, f"无法写入：{cause.strerror or cause}")
    return message_of(exc, "无法写入")


def _notify(callbacks: list, *args: object) -> None:
    for callback in list(callbacks):
        callback(*args)
