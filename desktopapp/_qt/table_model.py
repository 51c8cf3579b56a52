"""The grid of one table: printed text, corrections, and the tint of rows that fail a relation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktopapp.core.edits import EditError
from desktopapp.core.header_spans import column_labels
from desktopapp.core.labels import severity_label
from desktopapp.core.model import Cell, Finding, Severity, Table
from desktopapp.core.numbers import format_amount
from desktopapp.tables.structure import structure_of

from .header_layout import HeaderSpan, header_spans
from .review_state import ReviewState

ERROR_ROW = QColor("#fde4e4")
ERROR_CELL = QColor("#f9b4b4")
WARNING_ROW = QColor("#fff3d1")
WARNING_CELL = QColor("#fcd98a")
INFO_CELL = QColor("#e0e7ff")
CORRECTED = QColor("#d6e6ff")
CORRECTED_TEXT = QColor("#1e3a8a")

SEVERITY_COLORS = {Severity.ERROR: QColor("#dc2626"), Severity.WARNING: QColor("#d97706"), Severity.INFO: QColor("#2563eb")}

OutlineRole = Qt.ItemDataRole.UserRole + 1  # Severity when the cell belongs to the chosen finding
FindingsRole = Qt.ItemDataRole.UserRole + 2  # list[Finding] touching the cell's row


def display_text(cell: Cell, thousands: bool = True) -> str:
    """The printed text, or the correction written the way the table prints its figures."""
    if cell.corrected is None:
        return cell.text
    if cell.value is not None and abs(cell.value) >= 1000:  # the cell itself shows the style
        thousands = "," in cell.text
    decimals = cell.decimals if cell.decimals is not None else 2
    return format_amount(cell.corrected, decimals, thousands=thousands)


def uses_thousands(table: Table) -> bool:
    """Whether the table prints figures with thousands separators (Shanghai's 元 tables do not)."""
    figures = [  # amounts of four digits or more; codes ("2080101") have no decimals and do not count
        c.text for row in table.body for c in row
        if c.value is not None and abs(c.value) >= 1000 and (c.decimals or 0) > 0
    ]
    return not figures or sum("," in t for t in figures) * 2 >= len(figures)


class GridModel(QAbstractTableModel):
    refused = Signal(str)  # an edit that was not a number: the Chinese reason

    def __init__(self, state: ReviewState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.table: Table | None = None
        self.kinds: list[str] = []
        self.labels: list[str] = []
        self.thousands = True
        self.spans: list[HeaderSpan] = []
        self.outlined: dict[tuple[int, int], Severity] = {}
        self.reason_provider: Callable[[], str] = lambda: ""
        self._bold = QFont()
        self._bold.setBold(True)
        state.findings_changed.connect(self._refresh_all)
        state.marks_changed.connect(self._refresh_all)  # a 非问题 mark takes the tint away
        state.document_loaded.connect(lambda: self.set_table(None))

    # -- table -----------------------------------------------------------------------------
    def set_table(self, table_id: str | None) -> None:
        self.beginResetModel()
        self.table = self.state.table(table_id)
        self.kinds = structure_of(self.table).column_kinds if self.table else []
        self.labels = column_labels(self.table) if self.table else []
        self.thousands = uses_thousands(self.table) if self.table else True
        self.spans = header_spans(self.table) if self.table else []
        self.outlined = {}
        self.endResetModel()

    @property
    def table_id(self) -> str | None:
        return self.table.id if self.table else None

    @property
    def header_rows(self) -> int:
        return max((s.row + s.row_span for s in self.spans), default=0)

    def set_outlined(self, cells: dict[tuple[int, int], Severity]) -> None:
        self.outlined = dict(cells)
        self._refresh_all()

    def _refresh_all(self) -> None:
        if self.table is not None and self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.table is None else len(self.table.body)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.table is None else self.table.n_cols

    def cell(self, row: int, col: int) -> Cell | None:
        if self.table is None or not (0 <= row < len(self.table.body)):
            return None
        body_row = self.table.body[row]
        return body_row[col] if 0 <= col < len(body_row) else None

    def column_label(self, col: int) -> str:
        return self.labels[col] if 0 <= col < len(self.labels) and self.labels[col] else f"第{col + 1}列"

    def is_editable(self, col: int) -> bool:
        return 0 <= col < len(self.kinds) and self.kinds[col] == "amount"

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.is_editable(index.column()) and self.cell(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        row, col = index.row(), index.column()
        cell = self.cell(row, col)
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display_text(cell, self.thousands)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.kinds[col] == "amount" and (cell.value is not None or cell.corrected is not None):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col, cell)
        if role == Qt.ItemDataRole.ForegroundRole:
            return CORRECTED_TEXT if cell.is_corrected else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if cell.is_corrected else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, cell)
        if role == OutlineRole:
            return self.outlined.get((row, col))
        if role == FindingsRole:
            return self.state.by_row.get((self.table.id, row), [])
        return None

    def _background(self, row: int, col: int, cell: Cell) -> QColor | None:
        if cell.is_corrected:
            return CORRECTED
        tid = self.table.id
        worst = self.state.worst_severity(self.state.by_cell.get((tid, row, col), []))
        if worst == Severity.ERROR:
            return ERROR_CELL
        if worst == Severity.WARNING:
            return WARNING_CELL
        if worst == Severity.INFO:
            return INFO_CELL
        row_worst = self.state.worst_severity(self.state.by_row.get((tid, row), []))
        if row_worst == Severity.ERROR:
            return ERROR_ROW
        if row_worst == Severity.WARNING:
            return WARNING_ROW
        return None

    def _tooltip(self, row: int, col: int, cell: Cell) -> str | None:
        lines: list[str] = []
        if cell.is_corrected:
            lines.append(f"已修改：印刷值 {cell.text or '（空）'} → {display_text(cell, self.thousands)}")
        elif len(cell.text) > 12:
            lines.append(cell.text)
        findings: list[Finding] = self.state.by_row.get((self.table.id, row), [])
        for finding in findings[:6]:
            mark = "◆" if (self.table.id, row, col) in {(r.table, r.row, r.col) for r in finding.cells} else "·"
            lines.append(f"{mark} {severity_label(finding.severity)}：{finding.message}")
        if len(findings) > 6:
            lines.append(f"……另有 {len(findings) - 6} 条")
        return "\n".join(lines) or None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.table is None:
            return False
        try:
            change = self.state.set_value(self.table.id, index.row(), index.column(), str(value or ""),
                                          reason=self.reason_provider())
        except EditError as exc:
            self.refused.emit(exc.message)
            return False
        if change is not None:
            self.dataChanged.emit(index, index)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
            return self.column_label(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical and self.table:
            findings = self.state.by_row.get((self.table.id, section), [])
            return "\n".join(f"{severity_label(f.severity)}：{f.message}" for f in findings) or None
        return None
