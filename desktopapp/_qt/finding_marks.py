"""Marking findings in the findings list: keys, context menu, the note dialog and copying.

Ctrl+1 确有问题, Ctrl+2 非问题, Ctrl+3 待确认, Ctrl+0 clears the mark (a note is kept when the
verdict changes); Ctrl+Enter edits the note; Ctrl+C copies the selected findings as tab-separated
lines (severity, rule, table, page, message, mark, note). The keys are taken by the list itself
(ShortcutOverride) while it has the focus, so Ctrl+0 there clears a mark instead of the window's
适合宽度.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.labels import severity_label
from desktopapp.core.model import Finding
from desktopapp.session.marks import MAX_NOTE, FindingMark, Verdict

from .findings_model import FindingRole, FindingsModel
from .review_state import ReviewState

MARK_KEYS: dict[int, Verdict | None] = {
    Qt.Key.Key_1: Verdict.CONFIRMED,
    Qt.Key.Key_2: Verdict.DISMISSED,
    Qt.Key.Key_3: Verdict.PENDING,
    Qt.Key.Key_0: None,
}
KEY_NAMES = {Verdict.CONFIRMED: "Ctrl+1", Verdict.DISMISSED: "Ctrl+2", Verdict.PENDING: "Ctrl+3", None: "Ctrl+0"}
NOTE_KEY = "Ctrl+Enter"


class NoteDialog(QDialog):
    """The mark and note of one finding (or of several selected together)."""

    def __init__(self, parent: QWidget, about: str, mark: FindingMark | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("标记与备注")
        what = QLabel(about, self)
        what.setWordWrap(True)
        what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for verdict in Verdict:
            button = QRadioButton(f"{verdict.label}（{KEY_NAMES[verdict]}）", self)
            self.buttons.addButton(button, list(Verdict).index(verdict))
            row.addWidget(button)
        row.addStretch(1)
        chosen = mark.verdict if mark else Verdict.PENDING  # a note alone marks the finding 待确认
        self.buttons.button(list(Verdict).index(chosen)).setChecked(True)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("备注（可选）：为什么这样判断、向谁核实……")
        self.note.setPlainText(mark.note if mark else "")
        self.note.setTabChangesFocus(True)
        box = QDialogButtonBox(self)
        box.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(row)
        layout.addWidget(self.note, 1)
        layout.addWidget(QLabel("Ctrl+Enter 确定", self))
        layout.addWidget(box)
        self.resize(520, 260)
        self.note.setFocus()  # the officer types the note straight away; Ctrl+1/2/3 do not apply here

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return
        super().keyPressEvent(event)

    def verdict(self) -> Verdict:
        return list(Verdict)[self.buttons.checkedId()]

    def note_text(self) -> str:
        return self.note.toPlainText().strip()[:MAX_NOTE]


def ask_note(parent: QWidget, about: str, mark: FindingMark | None) -> tuple[Verdict, str] | None:
    """The officer's verdict and note, or None when cancelled (tests replace this function)."""
    dialog = NoteDialog(parent, about, mark)
    return (dialog.verdict(), dialog.note_text()) if dialog.exec() == QDialog.DialogCode.Accepted else None


def finding_line(model: FindingsModel, finding: Finding) -> str:
    """One finding as a tab-separated line: severity, rule, table, page, message, mark, note."""
    mark = model.state.mark_of(finding)
    fields = [severity_label(finding.severity), model.state.rule_name(finding.rule), model.table_text(finding),
              model.page_text(model.page_of(finding)), finding.message,
              mark.verdict.label if mark else "", mark.note if mark else ""]
    return "\t".join(" ".join(str(f).split()) for f in fields)  # tabs and line breaks would split the cells


class FindingMarks(QObject):
    """What the officer does to the findings selected in `view`: mark, note, copy, go to."""

    message = Signal(str, int)  # status-bar text, milliseconds

    def __init__(self, view: QAbstractItemView, model: FindingsModel, state: ReviewState,
                 go_to: Callable[[Finding], None]) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.state = state
        self.go_to = go_to
        self.ask_note = ask_note
        # Entries other parts add to the context menu: selected findings → (text, slot, enabled) or None.
        self.extra_entries: list[Callable[[list[Finding]], tuple[str, Callable[[], None], bool] | None]] = []
        view.installEventFilter(self)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)

    # -- what is selected ------------------------------------------------------------------
    def selected(self) -> list[Finding]:
        """The selected findings in the list's order (the current one when nothing is selected)."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        proxy = self.view.model()
        return [f for f in (proxy.index(r, 0).data(FindingRole) for r in rows) if f is not None]

    # -- doing -----------------------------------------------------------------------------
    def mark(self, verdict: Verdict | None, findings: list[Finding] | None = None) -> None:
        """Mark the findings (None clears); each keeps its note."""
        findings = self.selected() if findings is None else findings
        for finding in findings:
            old = self.state.mark_of(finding)
            if verdict is None and old is None:
                continue
            self.state.set_mark(finding, verdict, old.note if old else "")
        if findings:
            done = "已清除标记" if verdict is None else f"已标记为“{verdict.label}”"
            self.message.emit(f"{done}（{len(findings)} 条）", 4000)

    def edit_note(self) -> None:
        findings = self.selected()
        if not findings:
            return
        first = findings[0]
        about = first.message if len(findings) == 1 else f"选中的 {len(findings)} 条问题（备注对每一条都适用）"
        answer = self.ask_note(self.view, about, self.state.mark_of(first))
        if answer is not None:
            verdict, note = answer
            for finding in findings:
                self.state.set_mark(finding, verdict, note)

    def copy(self) -> None:
        findings = self.selected()
        if findings:
            QGuiApplication.clipboard().setText("\n".join(finding_line(self.model, f) for f in findings) + "\n")
            self.message.emit(f"已复制 {len(findings)} 条问题", 3000)

    # -- keys and menu ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            handler = self._handler(event)
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)

    def _handler(self, event: QKeyEvent) -> Callable[[], None] | None:
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.ControlModifier:
            return None
        if event.key() in MARK_KEYS:
            verdict = MARK_KEYS[Qt.Key(event.key())]
            return lambda: self.mark(verdict)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.edit_note
        return None

    def build_menu(self) -> QMenu:
        findings = self.selected()
        menu = QMenu(self.view)
        some = bool(findings)
        _add(menu, "复制", self.copy, QKeySequence(QKeySequence.StandardKey.Copy)).setEnabled(some)
        menu.addSeparator()
        current = {self.state.mark_of(f).verdict if self.state.mark_of(f) else None for f in findings}
        for verdict in Verdict:
            action = _add(menu, f"标记为“{verdict.label}”", lambda v=verdict: self.mark(v), KEY_NAMES[verdict])
            action.setCheckable(True)
            action.setChecked(current == {verdict})
            action.setEnabled(some and not self.state.is_read_only)
        clear = _add(menu, "清除标记", lambda: self.mark(None), KEY_NAMES[None])
        clear.setEnabled(some and current != {None} and not self.state.is_read_only)
        note = _add(menu, "编辑备注…", self.edit_note, NOTE_KEY)
        note.setEnabled(some and not self.state.is_read_only)
        menu.addSeparator()
        target = findings[0] if findings else None
        where = "转到页面" if target is not None and not target.cells else "转到单元格"
        _add(menu, where, lambda: self.go_to(target)).setEnabled(target is not None)
        for entry in self.extra_entries:  # other parts' entries: (text, slot, enabled), None: not now
            offered = entry(findings)
            if offered is not None:
                _add(menu, offered[0], offered[1]).setEnabled(offered[2])
        return menu

    def _menu(self, pos) -> None:
        self.build_menu().exec(self.view.viewport().mapToGlobal(pos))


def _add(menu: QMenu, text: str, slot: Callable[[], None], key: QKeySequence | str | None = None) -> QAction:
    """A menu entry showing its key (the key itself is handled by the list, see FindingMarks)."""
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if key is not None:
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown, never fired from the menu's owner
    return action
