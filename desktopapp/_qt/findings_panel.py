"""The findings panel: filter bar (severity, mark, table, rule, text) above a sortable list.

Marking, notes, copying and the context menu are finding_marks.FindingMarks'.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.labels import SEVERITY_LABELS
from desktopapp.core.model import Finding
from desktopapp.session.compare import is_comparison_rule
from desktopapp.session.marks import UNMARKED_LABEL, Verdict

from .finding_marks import FindingMarks
from .findings_model import COMPARE_FAMILY, UNMARKED, FindingRole, FindingsFilter, FindingsModel
from .labels import table_caption
from .review_state import ReviewState


class FindingsHeader(QHeaderView):
    """The list's header; its saved state (column widths, order) names the column layout it was
    saved with, so a state from before the 标记 column is not applied to the wrong columns."""

    LAYOUT = b"findings-6:"  # the columns of findings_model.COLUMNS

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def saveState(self) -> QByteArray:  # noqa: N802
        return QByteArray(self.LAYOUT + bytes(super().saveState().data()))

    def restoreState(self, state) -> bool:  # noqa: N802
        data = bytes(state.data()) if isinstance(state, QByteArray) else bytes(state or b"")
        if not data.startswith(self.LAYOUT):
            return False  # saved with other columns: the default widths fit better
        return super().restoreState(QByteArray(data[len(self.LAYOUT):]))


class FindingsPanel(QWidget):
    finding_chosen = Signal(object)  # Finding

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = FindingsModel(state, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity_combo = QComboBox(self)
        self.severity_combo.addItem("全部严重程度", None)
        for severity, label in SEVERITY_LABELS.items():
            self.severity_combo.addItem(label, severity)
        self.mark_combo = QComboBox(self)
        self.mark_combo.setToolTip("按审核标记筛选（Ctrl+1 确有问题，Ctrl+2 非问题，Ctrl+3 待确认，Ctrl+0 清除）")
        self.mark_combo.addItem("全部标记", None)
        self.mark_combo.addItem(UNMARKED_LABEL, UNMARKED)
        for verdict in Verdict:
            self.mark_combo.addItem(verdict.label, verdict)
        self.table_combo = QComboBox(self)
        self.table_combo.setMinimumContentsLength(10)
        self.table_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule_combo = QComboBox(self)
        self.rule_combo.setMinimumContentsLength(10)
        self.rule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("查找说明文字")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel("", self)
        self.severity_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(severity=self.severity_combo.currentData())
        )
        self.mark_combo.currentIndexChanged.connect(lambda: self.proxy.set_filter(mark=self.mark_combo.currentData()))
        self.table_combo.currentIndexChanged.connect(lambda: self.proxy.set_filter(table_id=self.table_combo.currentData()))
        self.rule_combo.currentIndexChanged.connect(lambda: self.proxy.set_filter(rule=self.rule_combo.currentData()))
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))

        self.view = QTableView(self)
        self.view.setHorizontalHeader(FindingsHeader(self.view))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # document order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # mark or copy several at once
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.fontMetrics()
        for col, sample in enumerate(("✖ 严重程度", "● 确有问题：备注", "一般公共预算支出合计", "表5 一般公共预算支出表", "页 00")):
            self.view.setColumnWidth(col, fm.horizontalAdvance(sample) + 18)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.clicked.connect(self._clicked)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.marks = FindingMarks(self.view, self.model, state, self._go_to)
        state.marks_changed.connect(self._update_count)

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for widget in (self.severity_combo, self.mark_combo, self.table_combo, self.rule_combo):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        state.findings_changed.connect(self._refill_filters)
        state.document_loaded.connect(self._refill_filters)
        self._refill_filters()

    # -- filters ---------------------------------------------------------------------------
    def _refill_filters(self) -> None:
        self._refill(self.table_combo, "全部表格",
                     [(t.id, table_caption(t)) for t in (self.state.document.tables if self.state.document else [])])
        rules = sorted({f.rule for f in self.state.findings})
        family = [(COMPARE_FAMILY, "对比参考文件（全部）")] if any(is_comparison_rule(r) for r in rules) else []
        self._refill(self.rule_combo, "全部规则", family + [(r, self.state.rule_name(r)) for r in rules])
        self._update_count()

    @staticmethod
    def _refill(combo: QComboBox, all_label: str, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, None)
        for key, label in items:
            combo.addItem(label, key)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if keep is not None and index < 0:
            combo.currentIndexChanged.emit(0)

    def show_table_only(self, table_id: str | None) -> None:
        index = self.table_combo.findData(table_id) if table_id else 0
        self.table_combo.setCurrentIndex(max(0, index))

    def _update_count(self, *_args) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        text = f"共 {total} 条" if shown == total else f"显示 {shown} / {total} 条"
        dismissed = sum(self.state.dismissed_totals())
        if dismissed:
            text += f"（其中 {dismissed} 条已标记为非问题）"
        self.count_label.setText(text)

    def _go_to(self, finding: Finding | None) -> None:
        """转到单元格/页面 from the context menu: the finding becomes the current one and is followed."""
        if finding is not None and not self.select_finding(finding):
            self.finding_chosen.emit(finding)

    # -- choosing --------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.finding_chosen.emit(current.data(FindingRole))

    def _clicked(self, index) -> None:  # re-choosing the current finding still navigates to it
        if index.isValid() and index.row() == self.view.currentIndex().row():
            self.finding_chosen.emit(index.data(FindingRole))

    def current_finding(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FindingRole) if index.isValid() else None

    def select_row(self, row: int) -> Finding | None:
        if not (0 <= row < self.proxy.rowCount()):
            return None
        index = self.proxy.index(row, 0)
        if index == self.view.currentIndex():  # already current: choosing it again still navigates
            self.view.scrollTo(index)
            finding = index.data(FindingRole)
            self.finding_chosen.emit(finding)
            return finding
        self.view.selectionModel().setCurrentIndex(  # a single selection again: F8 walks one at a time
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)
        return index.data(FindingRole)

    def select_finding(self, finding: Finding) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.finding_at(row) is finding:
                self.select_row(row)
                return True
        return False

    def step(self, delta: int) -> Finding | None:
        """F8 / Shift+F8: the next or previous finding in the panel's order, wrapping around."""
        count = self.proxy.rowCount()
        if not count:
            return None
        current = self.view.currentIndex().row()
        row = (0 if delta > 0 else count - 1) if current < 0 else (current + delta) % count
        return self.select_row(row)
