"""文件信息: the facts about the document (year, organisation, kind, level) as read, with where
they were read and whether sources agreed; the officer corrects them here and every check re-runs."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.labels import DOC_KIND_LABELS
from desktopapp.core.model import DocKind

from .prompts import make_action
from .review_state import ReviewState

LEVELS = ("", "省级", "市级", "区级", "县级")
STATUS_LABELS = {"established": "已确认", "uncertain": "无法确定", "corrected": "已由审核人员更正"}
FIELD_LABELS = {"year": "年度", "organization": "单位名称", "kind": "文件类型", "level": "级次"}


def describe(entry: dict) -> str:
    """"已确认（来源：封面、表题）" — the status of one fact, where it was read, why it is uncertain."""
    status = entry.get("status", "")
    text = STATUS_LABELS.get(status, "")
    sources = "、".join(entry.get("sources") or [])
    if sources and status != "corrected":
        text += f"（来源：{sources}）"
    return f"{text}：{entry['note']}" if entry.get("note") else text


class FactsDialog(QDialog):
    """One field per fact, prefilled with the value in force; `changed()` gives what the officer altered."""

    def __init__(self, facts: dict[str, dict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("文件信息")
        self.facts = facts
        intro = QLabel("以下信息从封面、表题、编制单位行和正文读出并相互核对。无法确定的项，依赖它的检查不执行；"
                       "更正后立即重新校验，更正随审核记录保存。", self)
        intro.setWordWrap(True)
        self.year = QLineEdit(self)
        self.year.setPlaceholderText("如 2025")
        self.organization = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind, label in DOC_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.level = QComboBox(self)
        for level in LEVELS:
            self.level.addItem(level or "（未确定）", level)
        self.year.setText(str(self._value("year") or ""))
        self.organization.setText(str(self._value("organization") or ""))
        self.kind.setCurrentIndex(max(self.kind.findData(self._value("kind") or DocKind.UNKNOWN.value), 0))
        self.level.setCurrentIndex(max(self.level.findData(self._value("level") or ""), 0))
        form = QFormLayout()
        self.status_labels: dict[str, QLabel] = {}
        for name, widget in (("year", self.year), ("organization", self.organization), ("kind", self.kind),
                             ("level", self.level)):
            label = QLabel(describe(facts.get(name) or {}), self)
            label.setWordWrap(True)
            label.setStyleSheet("color:#b45309" if (facts.get(name) or {}).get("status") == "uncertain" else "color:#555")
            self.status_labels[name] = label
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(label)
            form.addRow(FIELD_LABELS[name], box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color:#b91c1c")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _value(self, name: str) -> object:
        entry = self.facts.get(name) or {}
        return entry.get("value") if entry.get("status") != "uncertain" else None

    def values(self) -> dict[str, object]:
        year = self.year.text().strip()
        return {
            "year": int(year) if year.isdigit() else (year or None),
            "organization": self.organization.text().strip() or None,
            "kind": self.kind.currentData(),
            "level": self.level.currentData() or None,
        }

    def changed(self) -> dict[str, object]:
        """The facts whose field differs from the value in force."""
        return {name: value for name, value in self.values().items() if value != self._value(name)}

    def _accept(self) -> None:
        year = self.values()["year"]
        if year is not None and not (isinstance(year, int) and 1990 <= year <= 2100):
            self.error.setText("年度应为四位数字，如 2025。")
            return
        self.accept()


class DocumentFacts(QObject):
    """The 校验 ▸ 文件信息… action: opens the dialog and applies the officer's corrections."""

    def __init__(self, window: QWidget, state: ReviewState) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.action = make_action(window, "文件信息(&I)…", self.show_dialog)
        state.document_loaded.connect(lambda: self.action.setEnabled(state.has_document))
        self.action.setEnabled(state.has_document)

    def dialog(self) -> FactsDialog:
        return FactsDialog(self.state.facts(), self.window)

    def show_dialog(self) -> None:
        if not self.state.has_document:
            return
        dialog = self.dialog()
        if dialog.exec():
            self.apply(dialog.changed())

    def apply(self, changed: dict[str, object]) -> None:
        for name, value in changed.items():
            self.state.set_fact(name, value)
