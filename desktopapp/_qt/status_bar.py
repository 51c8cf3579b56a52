"""The status bar: a temporary message (a finding's text, "已读取 …") is elided with a gap
before the permanent labels on the right (selection sum, file, year, counts) instead of being
cut against them, and elided again when those labels change while it shows; the whole message
is in the tooltip and in currentMessage()."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QStatusBar, QWidget

GAP = 16  # pixels between the message and the first label on its right


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self._full = ""
        self._shown = ""
        self._expiry = QTimer(self, singleShot=True)
        self._expiry.timeout.connect(self.clearMessage)
        self.messageChanged.connect(self._message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802
        self._permanent.append(widget)
        widget.installEventFilter(self)
        super().addPermanentWidget(widget, stretch)

    def message_room(self) -> int:
        """Width the message may take: the bar less the permanent labels as they ask to be, less a gap."""
        spacing = self.layout().spacing() if self.layout() is not None else 6
        taken = sum(w.sizeHint().width() + max(spacing, 0) for w in self._permanent if not w.isHidden())
        return max(40, self.width() - taken - 24 - GAP)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802
        self._full = text
        self._expiry.stop()
        self._show_elided()
        if timeout > 0:
            self._expiry.start(timeout)

    def _show_elided(self) -> None:
        self._shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.message_room())
        super().showMessage(self._shown)
        self.setToolTip(self._full if self._shown != self._full else "")

    def currentMessage(self) -> str:  # noqa: N802
        shown = super().currentMessage()
        return self._full if shown and shown == self._shown else shown

    def _ours(self) -> bool:
        return bool(self._full) and super().currentMessage() == self._shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide) and self._ours():
            self._show_elided()  # a label on the right grew or shrank: the message makes room
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._ours():
            self._show_elided()

    def _message_changed(self, text: str) -> None:
        if not text:
            self._expiry.stop()
            self._full = self._shown = ""
            self.setToolTip("")
