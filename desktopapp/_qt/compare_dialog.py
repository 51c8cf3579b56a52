"""The relation assumed between the document and its reference, stated, and changeable by the
officer before the comparison runs (文件 ▸ 对比…)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktopapp.compare.relation import RELATION_LABELS, Relation


class RelationDialog(QDialog):
    def __init__(self, parent: QWidget | None, names: str, stated: str, inferred: Relation) -> None:
        super().__init__(parent)
        self.setWindowTitle("对比参考文件")
        self.inferred = inferred
        layout = QVBoxLayout(self)
        intro = QLabel(f"参考文件：{names}", self)
        intro.setWordWrap(True)
        self.stated_label = QLabel(stated, self)
        self.stated_label.setWordWrap(True)
        ask = QLabel("两份文件的关系（如不对，请在此更改）：", self)
        self.relation_combo = QComboBox(self)
        for relation, label in RELATION_LABELS.items():
            self.relation_combo.addItem(label, relation)
        self.relation_combo.setCurrentIndex(self.relation_combo.findData(inferred))
        buttons = QDialogButtonBox(self)
        buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (intro, self.stated_label, ask, self.relation_combo, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)

    @property
    def relation(self) -> Relation:
        return self.relation_combo.currentData()

    @property
    def chosen_by_officer(self) -> bool:
        return self.relation != self.inferred


def ask_relation(parent: QWidget | None, names: str, stated: str, inferred: Relation) -> tuple[Relation, bool] | None:
    """(relation, whether the officer changed it) — None when the officer cancels."""
    dialog = RelationDialog(parent, names, stated, inferred)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.relation, dialog.chosen_by_officer
