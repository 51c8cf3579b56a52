"""编辑 ▸ 查找 (Ctrl+F): a small bar above the panes that finds a text in the table cells and the
running text (session/search.py), steps through the hits (Enter / F3 next, Shift+Enter /
Shift+F3 previous, Esc closes) and shows each: a cell selected in the grid and lit on its page,
a line of the 正文 lit on its page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QToolBar, QToolButton, QWidget

from desktopapp.session.search import Hit, find_text

from .navigation import Navigator
from .prompts import make_action
from .review_state import ReviewState
from .window_layout import WindowLayout


class FindBar(QToolBar):
    def __init__(self, window: QWidget, state: ReviewState, navigator: Navigator, layout: WindowLayout) -> None:
        super().__init__("查找", window)
        self.setObjectName("find_bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.state = state
        self.navigator = navigator
        self.layout = layout
        self.hits: list[Hit] = []
        self.current = -1
        self._searched: str | None = None  # the query `hits` answer; None: search again

        self.addWidget(QLabel(" 查找：", self))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("表格和正文中的文字或数字")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(320)
        self.edit.setToolTip("回车或 F3：下一处；Shift+回车或 Shift+F3：上一处；Esc：关闭")
        self.edit.returnPressed.connect(lambda: self.step(1))
        self.edit.textChanged.connect(self._query_changed)
        self.edit.installEventFilter(self)
        self.addWidget(self.edit)
        for text, tip, delta in (("▲", "上一处 (Shift+F3)", -1), ("▼", "下一处 (F3)", 1)):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, d=delta: self.step(d))
            self.addWidget(button)
        self.count_label = QLabel("", self)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("第 0000 / 0000 处") + 8)
        self.addWidget(self.count_label)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("关闭查找 (Esc)")
        close.clicked.connect(self.close_bar)
        self.addWidget(close)
        self.hide()

        self.find_action = make_action(window, "查找(&F)…", self.open_bar, QKeySequence.StandardKey.Find,
                                       "在表格和正文中查找文字或数字")
        self.next_action = make_action(window, "查找下一处", lambda: self.step(1), "F3")
        self.prev_action = make_action(window, "查找上一处", lambda: self.step(-1), "Shift+F3")
        state.document_loaded.connect(self._document_changed)
        state.cell_changed.connect(lambda *_: self._forget())
        self._document_changed()

    # -- the bar ---------------------------------------------------------------------------
    def open_bar(self) -> None:
        if not self.state.has_document:
            return
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Esc: the keyboard goes back to where the last hit is (the grid would choose its first
        cell on taking the focus, turning the page away from a hit in the 正文)."""
        last = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        if last is not None and not last.is_cell:  # before hiding, or Qt gives the focus to the next widget
            self.navigator.page_view.setFocus()
        else:
            self.navigator.grid.setFocus()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.step(-1)
                return True
        return super().eventFilter(watched, event)

    def _document_changed(self) -> None:
        has = self.state.has_document
        for action in (self.find_action, self.next_action, self.prev_action):
            action.setEnabled(has)
        self._forget()
        if not has:
            self.hide()

    def _forget(self) -> None:
        self._searched = None

    def _query_changed(self) -> None:
        self._forget()
        self.count_label.setText("")

    # -- hits ------------------------------------------------------------------------------
    def step(self, delta: int) -> Hit | None:
        """Show the next (delta 1) or previous (-1) hit; the first or last after a new query."""
        query = self.edit.text()
        if not self.state.has_document:
            return None
        if not self.isVisible():
            self.open_bar()
        if self._searched != query:
            self.hits = find_text(self.state.document, query)
            self._searched = query
            self.current = -1 if delta > 0 else len(self.hits)
        if not self.hits:
            self.count_label.setText("<span style='color:#b91c1c'>没有找到</span>" if query.strip() else "")
            return None
        self.current = (self.current + delta) % len(self.hits)
        hit = self.hits[self.current]
        self.count_label.setText(f"第 {self.current + 1} / {len(self.hits)} 处")
        self._show(hit)
        return hit

    def _show(self, hit: Hit) -> None:
        if hit.is_cell:
            self.navigator.select_cell(hit.table, hit.row, hit.col)
        elif hit.page is not None:
            self.layout.ensure_page_shown()
            self.navigator.show_text(hit.page, [hit.box] if hit.box is not None else [])
