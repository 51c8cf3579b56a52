"""What the officer must know about the review file, said where it stays visible.

Permanent status-bar labels: where the review is saved when not beside the PDF (and why), that
this window is read-only (another one writes the review), and how many restored changes did not
fit the document, with 查看 / 丢弃. Message boxes: a damaged review file renamed aside, a window
opened read-only, an edit refused there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from .prompts import Prompts
from .review_state import ReviewState

WARNING_STYLE = "color:#b45309"


class ReviewNotices(QObject):
    def __init__(self, window: QWidget, state: ReviewState, prompts: Prompts) -> None:
        super().__init__(window)
        self.state = state
        self.prompts = prompts
        self.location_label = QLabel("", window)
        self.read_only_label = QLabel("⚠ 只读：另一个窗口正在审核此文件", window)
        self.unapplied_label = QLabel("", window)
        for label in self.widgets():
            label.setStyleSheet(WARNING_STYLE)
            label.hide()
        self.unapplied_label.linkActivated.connect(self._unapplied_link)
        state.save_location.connect(self._show_location)
        state.autosave_failed.connect(lambda message: self._show_location("审核记录未能自动保存", message))
        state.unapplied_changed.connect(self._show_unapplied)
        state.document_loaded.connect(self._document_loaded)
        state.read_only.connect(self._opened_read_only)
        state.review_set_aside.connect(lambda message: self.prompts.inform("审核记录文件已损坏", message))
        state.edit_refused.connect(lambda message: self.prompts.inform("无法修改", message))

    def widgets(self) -> list[QLabel]:
        return [self.read_only_label, self.unapplied_label, self.location_label]

    def _document_loaded(self) -> None:
        self.read_only_label.setVisible(self.state.is_read_only)

    def _opened_read_only(self, message: str) -> None:
        self.read_only_label.setToolTip(message)
        self.read_only_label.show()
        self.prompts.inform("只读打开", message, QMessageBox.Icon.Information)

    def _show_location(self, note: str, detail: str) -> None:
        """Where the review goes when not beside the PDF, or that it could not be saved; "" = beside.
        The label stays short (the status bar must not widen the window); the file is in its tooltip."""
        self.location_label.setText(f"⚠ {note}" if note else "")
        self.location_label.setToolTip(f"{note}：\n{detail}" if note else "")
        self.location_label.setVisible(bool(note))

    def _show_unapplied(self) -> None:
        count = len(self.state.unapplied)
        self.unapplied_label.setText(
            f"⚠ {count} 处修改未能恢复 <a href='view'>查看</a> <a href='discard'>丢弃</a>" if count else ""
        )
        self.unapplied_label.setToolTip("这些修改与当前读取的表格不一致，没有应用；它们保留在审核记录中，直到丢弃。")
        self.unapplied_label.setVisible(bool(count))

    def _unapplied_link(self, link: str) -> None:
        if link == "discard":
            self.discard_unapplied()
        else:
            self.view_unapplied()

    def view_unapplied(self) -> QMessageBox | None:
        kept = self.state.unapplied
        if not kept:
            return None
        titles = self.state.table_titles()
        lines = [item.describe(titles) for item in kept[:20]]
        if len(kept) > 20:
            lines.append(f"……另有 {len(kept) - 20} 处")
        return self.prompts.inform(
            "未能恢复的修改",
            "以下修改与当前读取的表格不一致，没有应用，仍保留在审核记录中：\n\n" + "\n".join(lines),
            QMessageBox.Icon.Information,
        )

    def discard_unapplied(self) -> None:
        count = len(self.state.unapplied)
        if count and self.prompts.ask(
            "丢弃未能恢复的修改", f"丢弃这 {count} 处未能恢复的修改？丢弃后审核记录中不再保留它们。"
        ):
            self.state.discard_unapplied()
