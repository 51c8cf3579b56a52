"""Above the grid: which table this is, and the selected cell with a field to correct it (and why)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktopapp.core.model import Cell, Document, Table

from .labels import pages_label, table_caption, table_kind_label
from .table_model import display_text


class ElidedLabel(QLabel):
    """A one-line label that never asks for more width than it gets: long text is elided, full in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, mode=Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        self._full = text
        self.setToolTip(text if tooltip is None else tooltip)
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, max(20, self.width())))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + 4)
        return hint

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), 40))
        return hint


class EditBar(QWidget):
    apply_requested = Signal(str, str)  # new figure as typed, reason
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = ElidedLabel("", self)
        font = self.caption.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.caption.setFont(font)
        self.details = ElidedLabel("", self)
        self.details.setStyleSheet("color: #475569;")
        self.location = ElidedLabel("未选择单元格", self, Qt.TextElideMode.ElideMiddle)
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText("新数值")
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_edit.setFixedWidth(self.value_edit.fontMetrics().horizontalAdvance("000,000,000.00") + 16)
        self.value_edit.setToolTip("输入正确的金额（可带千分位逗号），回车确认；留空并确认则恢复印刷值")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("修改原因（可选）")
        self.reason_edit.setToolTip("只属于当前单元格：记入这处修改的记录，也用于在表格中直接输入的修改；"
                                    "已修改的单元格在这里补填或改写原因，回车保存")
        self._bound_reason = ""  # the reason in force of the current cell, shown in the box
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
        self.location.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # elided, never gone: a few words of where the edit goes, and of its reason, stay readable
        self.location.setMinimumWidth(self.location.fontMetrics().horizontalAdvance("第 12 行 · 合计…"))
        self.reason_edit.setMinimumWidth(self.reason_edit.fontMetrics().horizontalAdvance("修改原因（可选）"))
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

    def _apply(self) -> None:
        if self.apply_button.isEnabled():
            self.apply_requested.emit(self.value_edit.text(), self.reason_edit.text())

    def reason(self) -> str:
        """A reason the officer typed for the next edit of this cell ("" when the box still shows the
        reason of the correction in force: that one belongs to the earlier edit)."""
        text = self.reason_edit.text().strip()
        return "" if text == self._bound_reason else text

    def typed_reason(self) -> str:
        return self.reason_edit.text().strip()

    def reason_changed(self) -> bool:
        return self.reason_edit.text().strip() != self._bound_reason

    def clear_reason(self) -> None:
        self.bind_reason("", corrected=False)

    def bind_reason(self, reason: str, corrected: bool) -> None:
        """The reason box belongs to the current cell: it shows the reason of its correction (or nothing)."""
        self._bound_reason = reason
        self.reason_edit.setText(reason)
        self.reason_edit.setPlaceholderText("可补填原因，回车保存" if corrected else "修改原因（可选）")

    def set_table(self, table: Table | None, document: Document | None = None) -> None:
        if table is None:
            self.caption.set_full_text("")
            self.details.set_full_text("")
            return
        self.caption.set_full_text(table_caption(table))
        kind = table_kind_label(table)
        parts = [kind] if kind not in table.title else []
        if table.unit:
            parts.append(f"单位：{table.unit}")
        if table.pages:
            parts.append(pages_label(table.pages, document))
        if table.organization_line:
            parts.append(table.organization_line)
        self.details.set_full_text("  ·  ".join(parts), "\n".join(["  ·  ".join(parts), *table.notes]))

    def set_cell(
        self, cell: Cell | None, row: int, col: int, column_label: str, editable: bool, thousands: bool = True
    ) -> None:
        if cell is None:
            self.location.set_full_text("未选择单元格")
            self.value_edit.clear()
        else:
            printed = cell.text or "（空）"
            text = f"第 {row + 1} 行 · {column_label} · 印刷值 {printed}"
            if cell.is_corrected:
                text += f" · 已改为 {display_text(cell, thousands)}"
            self.location.set_full_text(text)
            self.value_edit.setText(display_text(cell, thousands) if editable else "")
        for widget in (self.value_edit, self.apply_button, self.reason_edit):
            widget.setEnabled(cell is not None and editable)
        self.restore_button.setEnabled(cell is not None and cell.is_corrected)
