"""规则列表: the rule catalog, with a switch per rule for this review session."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.labels import severity_label


class RulesDialog(QDialog):
    COLUMNS = ["启用", "规则", "严重程度", "说明"]

    def __init__(self, catalog: Iterable, disabled: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("规则列表")
        # catalogued rules first (by family), rules without a catalog entry (name = id) last
        self.catalog = sorted(catalog, key=lambda info: (info.name == info.id, getattr(info, "family", ""), info.name))
        # rules switched off in the catalog itself cannot be switched on for a session
        self.locked = {info.id for info in self.catalog if not getattr(info, "enabled", True)}
        intro = QLabel("勾选的规则参与本次审核。关闭规则只影响当前审核，并随审核记录保存；更改后立即重新校验。", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.catalog), len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, info in enumerate(self.catalog):
            check = QTableWidgetItem()
            if info.id in self.locked:
                check.setFlags(Qt.ItemFlag.ItemIsSelectable)
                check.setToolTip("此规则在规则目录中已停用")
            else:
                check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            off = info.id in disabled or info.id in self.locked
            check.setCheckState(Qt.CheckState.Unchecked if off else Qt.CheckState.Checked)
            check.setData(Qt.ItemDataRole.UserRole, info.id)
            self.table.setItem(row, 0, check)
            name = QTableWidgetItem(info.name)
            name.setToolTip(info.id)
            self.table.setItem(row, 1, name)
            self.table.setItem(row, 2, QTableWidgetItem(severity_label(info.severity)))
            explanation = QTableWidgetItem(info.explanation)
            explanation.setToolTip(info.explanation)
            self.table.setItem(row, 3, explanation)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 220)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

        buttons = QDialogButtonBox(self)
        ok = buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        all_on = QPushButton("全部启用", self)
        buttons.addButton(all_on, QDialogButtonBox.ButtonRole.ResetRole)
        all_on.clicked.connect(lambda: self._set_all(set()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the explanation column has its real width only now

    def _set_all(self, disabled: set[str]) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            rule_id = item.data(Qt.ItemDataRole.UserRole)
            if rule_id not in self.locked:
                item.setCheckState(Qt.CheckState.Unchecked if rule_id in disabled else Qt.CheckState.Checked)

    def disabled(self) -> set[str]:
        out = set()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            rule_id = item.data(Qt.ItemDataRole.UserRole)
            if rule_id not in self.locked and item.checkState() != Qt.CheckState.Checked:
                out.add(rule_id)
        return out
