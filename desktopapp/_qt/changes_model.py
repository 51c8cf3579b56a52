"""The change-log panel: every correction, undo and redo, in the order they happened."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktopapp.core.edits import Change
from desktopapp.core.header_spans import column_labels
from desktopapp.core.numbers import format_amount

from .labels import table_caption
from .review_state import ReviewState
from .table_model import uses_thousands

ChangeRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = ["时间", "表格", "行", "列", "印刷值", "修改前", "修改后", "原因"]


def _amount_text(value: str | None, decimals: int | None, thousands: bool, before: bool) -> str:
    if value is None:
        return "印刷值" if before else "恢复印刷值"
    return format_amount(Decimal(value), decimals if decimals is not None else 2, thousands=thousands)


class ChangesModel(QAbstractTableModel):
    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.changes: list[Change] = []
        state.changes_changed.connect(self.refresh)

    def refresh(self) -> None:
        self.beginResetModel()
        self.changes = list(self.state.changes)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.changes)):
            return None
        change = self.changes[index.row()]
        if role == ChangeRole:
            return change
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        table = self.state.table(change.table)
        cell = self.state.cell(change.table, change.row, change.col)
        decimals = cell.decimals if cell is not None else None
        thousands = uses_thousands(table) if table is not None else True
        col = index.column()
        if col == 0:
            return change.time.replace("T", " ")[-8:] if role == Qt.ItemDataRole.DisplayRole else change.time
        if col == 1:
            return table_caption(table) if table else change.table
        if col == 2:
            return str(change.row + 1)
        if col == 3:
            label = column_labels(table)[change.col] if table and change.col < table.n_cols else ""
            return f"{change.col + 1} {label}".strip()
        if col == 4:
            return change.printed or "（空）"
        if col == 5:
            return _amount_text(change.old, decimals, thousands, before=True)
        if col == 6:
            return _amount_text(change.new, decimals, thousands, before=False)
        return change.reason
