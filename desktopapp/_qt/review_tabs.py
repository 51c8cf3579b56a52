"""Below the grid: 问题 (the findings panel) and 修改记录 (the net change per cell, the whole history on
demand), with their counts in the tab titles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .changes_model import ChangeRole, ChangesModel
from .findings_panel import FindingsPanel
from .review_state import ReviewState

# Column widths of the change log, from the widest text each column usually holds.
_CHANGE_SAMPLES = ("00:00:00", "表5 一般公共预算支出表", "行数", "12 一般公共预算支出合计",
                   "1,234,567.00", "1,234,567.00", "1,234,567.00", "填写原因")


class ReviewTabs(QTabWidget):
    change_chosen = Signal(str, int, int)  # a change log row was double-clicked: its table, row, column
    message = Signal(str, int)  # status-bar text (marks set, findings copied, a reason refused), milliseconds

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.findings_panel = FindingsPanel(state, self)
        self.changes_model = ChangesModel(state, self)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # the net view's 原因 column is edited by double-click, F2 or typing (the other columns go to the cell)
        self.changes_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed
                                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.changes_view.setAlternatingRowColors(True)
        self.changes_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, sample in enumerate(_CHANGE_SAMPLES):
            self.changes_view.setColumnWidth(col, self.fontMetrics().horizontalAdvance(sample) + 18)
        self.changes_view.doubleClicked.connect(self._change_chosen)
        self.changes_model.refused.connect(lambda text: self.message.emit(text, 10_000))
        self.findings_panel.marks.message.connect(self.message)
        self.history_check = QCheckBox("显示全部历史", self)
        self.history_check.setToolTip("列出每一次修改、撤销、重做和补填的原因；不勾选时每个单元格一行，显示现行数值")
        self.history_check.toggled.connect(self._show_history)
        self.changes_hint = QLabel("", self)
        self.changes_hint.setStyleSheet("color: #475569;")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.changes_hint, 1)
        bar.addWidget(self.history_check)
        changes_box = QWidget(self)
        box_layout = QVBoxLayout(changes_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(0)
        box_layout.addLayout(bar)
        box_layout.addWidget(self.changes_view, 1)
        self.addTab(self.findings_panel, "问题")
        self.addTab(changes_box, "修改记录")
        state.findings_changed.connect(self._findings_changed)
        state.changes_changed.connect(self._changes_changed)

    def focus_findings(self) -> None:
        self.setCurrentWidget(self.findings_panel)
        self.findings_panel.view.setFocus()

    def _findings_changed(self) -> None:
        self.setTabText(0, f"问题（{len(self.state.findings)}）" if self.state.has_document else "问题")

    def _changes_changed(self) -> None:
        corrected = len(self.state.net_changes())
        history = len(self.state.changes)
        self.setTabText(1, f"修改记录（{corrected}）" if corrected else "修改记录")
        self.changes_hint.setText(f"{corrected} 处修改，共 {history} 条历史记录；双击“原因”可补填或修改" if history else "")
        if self.changes_model.rowCount():
            self.changes_view.scrollToBottom()

    def _show_history(self, show: bool) -> None:
        self.changes_model.set_show_history(show)
        self.changes_view.scrollToBottom()

    def _change_chosen(self, index) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            return  # double-clicking the reason edits it

        change = index.data(ChangeRole)
        if change is not None:
            self.change_chosen.emit(change.table, change.row, change.col)
