"""The status bar: a temporary message (a finding's text, "已读取 …") is elided with a gap
before the permanent labels on the right (file, year, counts) instead of being cut against them;
the whole message is in the tooltip and in currentMessage()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QWidget

GAP = 16  # pixels between the message and the first label on its right


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self._full = ""
        self._shown = ""
        self.messageChanged.connect(self._message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def message_room(self) -> int:
        """Width the message may take: up to the first permanent label shown, less a gap."""
        lefts = [w.x() for w in self._permanent if w.isVisible() and w.width() > 0]
        right = min(lefts) if lefts else self.width() - 12
        return max(40, right - 6 - GAP)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802
        self._full = text
        self._shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_room())
        super().showMessage(self._shown, timeout)
        self.setToolTip(text if self._shown != text else "")

    def currentMessage(self) -> str:  # noqa: N802
        shown = super().currentMessage()
        return self._full if shown and shown == self._shown else shown

    def _message_changed(self, text: str) -> None:
        if not text:
            self.setToolTip("")
