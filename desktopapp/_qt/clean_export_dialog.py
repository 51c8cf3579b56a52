"""导出干净表格: the officer chooses the tables that go upstream (all checked at first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.labels import table_caption
from desktopapp.core.model import Table


class CleanExportDialog(QDialog):
    def __init__(self, tables: list[Table], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出干净表格")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择要导出的表格（只含表格数字，不含底色、批注、校验结果和修改记录，供上报使用）：", self))
        self.list = QListWidget(self)
        for table in tables:
            pages = f"（第 {table.pages[0]} 页）" if table.pages else ""
            item = QListWidgetItem(f"{table_caption(table) or table.id}{pages}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, table.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        layout.addWidget(self.list)
        choose = QHBoxLayout()
        for text, state in (("全选(&A)", Qt.CheckState.Checked), ("全不选(&N)", Qt.CheckState.Unchecked)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=state: self._check_all(s))
            choose.addWidget(button)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出…")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(self._update_ok)
        self.resize(560, 420)

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))

    def chosen(self) -> list[str]:
        """The ids of the checked tables, in the document's order."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]
