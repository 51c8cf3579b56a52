"""Below the grid: 问题 (the findings panel) and 修改记录 (the change log), with their counts in the tab titles."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from .changes_model import ChangeRole, ChangesModel
from .findings_panel import FindingsPanel
from .review_state import ReviewState

# Column widths of the change log, from the widest text each column usually holds.
_CHANGE_SAMPLES = ("00:00:00", "表5 一般公共预算支出表", "行数", "12 一般公共预算支出合计",
                   "1,234,567.00", "1,234,567.00", "1,234,567.00")


class ReviewTabs(QTabWidget):
    change_chosen = Signal(str, int, int)  # a change log row was double-clicked: its table, row, column

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.findings_panel = FindingsPanel(state, self)
        self.changes_model = ChangesModel(state, self)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_view.setAlternatingRowColors(True)
        self.changes_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, sample in enumerate(_CHANGE_SAMPLES):
            self.changes_view.setColumnWidth(col, self.fontMetrics().horizontalAdvance(sample) + 18)
        self.changes_view.doubleClicked.connect(self._change_chosen)
        self.addTab(self.findings_panel, "问题")
        self.addTab(self.changes_view, "修改记录")
        state.findings_changed.connect(self._findings_changed)
        state.changes_changed.connect(self._changes_changed)

    def focus_findings(self) -> None:
        self.setCurrentWidget(self.findings_panel)
        self.findings_panel.view.setFocus()

    def _findings_changed(self) -> None:
        self.setTabText(0, f"问题（{len(self.state.findings)}）" if self.state.has_document else "问题")

    def _changes_changed(self) -> None:
        count = len(self.state.changes)
        self.setTabText(1, f"修改记录（{count}）" if count else "修改记录")
        if count:
            self.changes_view.scrollToBottom()

    def _change_chosen(self, index) -> None:
        change = index.data(ChangeRole)
        if change is not None:
            self.change_chosen.emit(change.table, change.row, change.col)
