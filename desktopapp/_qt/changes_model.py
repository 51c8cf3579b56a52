"""The change-log panel: the net change per corrected cell (printed → value in force, its reason,
when last changed), or — with 显示全部历史 — every correction, undo, redo and reason as it happened.

In the net view the 原因 column can be edited: the reason is written or changed afterwards for that
cell (ReviewState.set_reason: a history entry of its own, saved at once).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from desktopapp.core.edits import Change, EditError
from desktopapp.core.header_spans import column_labels
from desktopapp.core.net_changes import NetChange
from desktopapp.core.numbers import format_amount

from .labels import table_caption
from .review_state import ReviewState
from .table_model import uses_thousands

ChangeRole = Qt.ItemDataRole.UserRole + 1  # the Change, or the NetChange in the net view

NET_COLUMNS = ["最后修改", "表格", "行", "列", "印刷值", "现值", "原因"]
HISTORY_COLUMNS = ["时间", "表格", "行", "列", "印刷值", "修改前", "修改后", "操作", "原因"]  # reason last: it stretches
NET_REASON_COL = 6
ACTION_LABELS = {"edit": "修改", "undo": "撤销", "redo": "重做", "reason": "填写原因"}


def _amount_text(value: str | None, decimals: int | None, thousands: bool, before: bool) -> str:
    if value is None:
        return "印刷值" if before else "恢复印刷值"
    return format_amount(Decimal(value), decimals if decimals is not None else 2, thousands=thousands)


class ChangesModel(QAbstractTableModel):
    refused = Signal(str)  # a reason that could not be recorded: Chinese message

    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.show_history = False
        self.rows: list[Change] | list[NetChange] = []
        state.changes_changed.connect(self.refresh)

    @property
    def changes(self) -> list:
        return self.rows

    def set_show_history(self, show: bool) -> None:
        self.show_history = show
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = list(self.state.changes) if self.show_history else self.state.net_changes()
        self.endResetModel()

    @property
    def columns(self) -> list[str]:
        return HISTORY_COLUMNS if self.show_history else NET_COLUMNS

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        if role == Qt.ItemDataRole.ToolTipRole and not self.show_history and section == NET_REASON_COL:
            return "双击可填写或修改这处修改的原因"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and not self.show_history and index.column() == NET_REASON_COL and not self.state.is_read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        net: NetChange = self.rows[index.row()]  # type: ignore[assignment]
        try:
            self.state.set_reason(net.table, net.row, net.col, str(value or ""))
        except EditError as exc:
            self.refused.emit(exc.message)
            return False
        return True

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        item = self.rows[index.row()]
        if role == ChangeRole:
            return item
        amount_cols = (2, 4, 5, 6) if self.show_history else (2, 4, 5)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in amount_cols:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.EditRole and not self.show_history and index.column() == NET_REASON_COL:
            return item.reason
        if role == Qt.ItemDataRole.ToolTipRole and not self.show_history:
            return self._history_tooltip(item)  # type: ignore[arg-type]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._text(item, index.column(), role)

    def _text(self, item: Change | NetChange, col: int, role) -> str:
        table = self.state.table(item.table)
        cell = self.state.cell(item.table, item.row, item.col)
        decimals = cell.decimals if cell is not None else None
        thousands = uses_thousands(table) if table is not None else True
        if col == 0:
            return item.time.replace("T", " ")[-8:] if role == Qt.ItemDataRole.DisplayRole else item.time
        if col == 1:
            return table_caption(table) if table else item.table
        if col == 2:
            return str(item.row + 1)
        if col == 3:
            label = column_labels(table)[item.col] if table and item.col < table.n_cols else ""
            return f"{item.col + 1} {label}".strip()
        if col == 4:
            return item.printed or "（空）"
        if isinstance(item, NetChange):
            return _amount_text(item.value, decimals, thousands, before=False) if col == 5 else item.reason
        if col == 5:
            return _amount_text(item.old, decimals, thousands, before=True)
        if col == 6:
            return _amount_text(item.new, decimals, thousands, before=False)
        if col == 7:
            return ACTION_LABELS.get(item.action, item.action)
        return item.reason

    def _history_tooltip(self, net: NetChange) -> str:
        cell = self.state.cell(net.table, net.row, net.col)
        table = self.state.table(net.table)
        decimals = cell.decimals if cell is not None else None
        thousands = uses_thousands(table) if table is not None else True
        lines = [f"这处单元格的 {len(net.history)} 条记录："]
        for change in net.history[-12:]:
            new = _amount_text(change.new, decimals, thousands, before=False)
            reason = f"（{change.reason}）" if change.reason and change.action != "undo" else ""
            lines.append(f"{change.time.replace('T', ' ')}  {ACTION_LABELS.get(change.action, change.action)} → {new}{reason}")
        if len(net.history) > 12:
            lines.insert(1, "……")
        lines.append("双击“原因”可填写或修改原因；勾选“显示全部历史”查看每一步")
        return "\n".join(lines)
