"""The window's questions and messages to the officer: file dialogs, message boxes, and actions.

One object the window's parts share (passed to them explicitly), so that every message box has
the window as parent and tests can answer questions without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Shortcut = QKeySequence.StandardKey | str | list[str] | None


def make_action(window: QWidget, text: str, slot: Callable, shortcut: Shortcut = None, tip: str = "") -> QAction:
    """An action whose shortcut works wherever the focus is in `window`."""
    action = QAction(text, window)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


class Prompts(QObject):
    def __init__(self, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings

    def inform(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A plain Chinese message that does not block (the window stays usable behind it)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.window)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box

    def ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self.window)
        yes = box.addButton("是", QMessageBox.ButtonRole.YesRole)
        box.addButton("否", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def ask_open_path(self, title: str, filters: str, folder: Path | None = None) -> Path | None:
        """A file to open, starting in `folder` (the open PDF's, for its attachment or review)
        or else where the officer last opened one."""
        start = folder if folder is not None and folder.is_dir() else self.settings.value("last_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(start), filters)
        if not path:
            return None
        self.settings.setValue("last_dir", str(Path(path).parent))
        return Path(path)

    def ask_save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(suggested), filters)
        return Path(path) if path else None
