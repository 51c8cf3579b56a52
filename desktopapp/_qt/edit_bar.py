"""Above the grid: which table this is, and the selected cell with a field to correct it (and why)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktopapp.core.model import Cell, Table

from .labels import pages_label, table_caption, table_kind_label
from .table_model import display_text


class EditBar(QWidget):
    apply_requested = Signal(str, str)  # new figure as typed, reason
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("", self)
        font = self.caption.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.caption.setFont(font)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel("", self)
        self.details.setStyleSheet("color: #475569;")
        self._location_text = "未选择单元格"
        self.location = QLabel(self._location_text, self)
        self.location.setMinimumWidth(60)
        self.location.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText("新数值")
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_edit.setFixedWidth(self.value_edit.fontMetrics().horizontalAdvance("000,000,000.00") + 16)
        self.value_edit.setToolTip("输入正确的金额（可带千分位逗号），回车确认；留空并确认则恢复印刷值")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("修改原因（可选）")
        self.reason_edit.setToolTip("记入修改记录；也用于在表格中直接输入的修改")
        self.reason_edit.setMaximumWidth(220)
        self.apply_button = QPushButton("修改", self)
        self.restore_button = QPushButton("恢复印刷值", self)
        self.value_edit.returnPressed.connect(self._apply)
        self.reason_edit.returnPressed.connect(self._apply)
        self.apply_button.clicked.connect(self._apply)
        self.restore_button.clicked.connect(self.restore_requested)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption)
        top.addWidget(self.details, 1)
        edit = QHBoxLayout()
        edit.setContentsMargins(0, 0, 0, 0)
        edit.addWidget(self.location, 3)
        edit.addWidget(self.value_edit)
        edit.addWidget(self.reason_edit, 2)
        edit.addWidget(self.apply_button)
        edit.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(edit)
        self.set_cell(None, -1, -1, "", False)

    def _elide_location(self) -> None:
        width = max(40, self.location.width())
        self.location.setText(self.location.fontMetrics().elidedText(self._location_text, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide_location()

    def _apply(self) -> None:
        if self.apply_button.isEnabled():
            self.apply_requested.emit(self.value_edit.text(), self.reason_edit.text())

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def clear_reason(self) -> None:
        self.reason_edit.clear()

    def set_table(self, table: Table | None) -> None:
        if table is None:
            self.caption.setText("")
            self.details.setText("")
            return
        self.caption.setText(table_caption(table))
        kind = table_kind_label(table)
        parts = [kind] if kind not in table.title else []
        if table.unit:
            parts.append(f"单位：{table.unit}")
        if table.pages:
            parts.append(pages_label(table.pages))
        if table.organization_line:
            parts.append(table.organization_line)
        self.details.setText("  ·  ".join(parts))
        self.details.setToolTip("\n".join(table.notes))

    def set_cell(self, cell: Cell | None, row: int, col: int, column_label: str, editable: bool) -> None:
        if cell is None:
            self._location_text = "未选择单元格"
            self.location.setToolTip("")
            self._elide_location()
            self.value_edit.clear()
        else:
            printed = cell.text or "（空）"
            text = f"第 {row + 1} 行 · {column_label} · 印刷值 {printed}"
            if cell.is_corrected:
                text += f" · 已改为 {display_text(cell)}"
            self._location_text = text
            self.location.setToolTip(text)
            self._elide_location()
            self.value_edit.setText(display_text(cell) if editable else "")
        for widget in (self.value_edit, self.apply_button):
            widget.setEnabled(cell is not None and editable)
        self.restore_button.setEnabled(cell is not None and cell.is_corrected)
