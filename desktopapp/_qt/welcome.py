"""The page shown while no PDF is open: what the program does, open buttons, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktopapp.export.write_errors import display_path

from . import settings as stored

IDLE_TEXT = "把 PDF 文件拖到这里，或使用 文件 ▸ 打开（Ctrl+O）。"


class WelcomePage(QWidget):
    open_requested = Signal(str)  # a recent file's path
    open_dialog_requested = Signal()
    sample_requested = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(stored.APPLICATION, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(
            "打开部门预算、单位预算或部门决算公开 PDF：读取全部表格，校验勾稽关系，修改数字并导出 Excel。\n\n"
            + IDLE_TEXT,
            self,
        )
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        open_button = QPushButton("打开 PDF…", self)
        open_button.clicked.connect(self.open_dialog_requested)
        sample_button = QPushButton("打开示例", self)
        sample_button.clicked.connect(self.sample_requested)
        buttons.addWidget(open_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        self.recent = QListWidget(self)
        self.recent.setMaximumWidth(560)
        self.recent.setMaximumHeight(150)
        self.recent.setToolTip("双击或回车打开")
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel("最近打开", self)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(18)
        recent = QVBoxLayout()
        recent.addWidget(self.recent_label)
        recent.addWidget(self.recent)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(recent, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent.clear()
        files = [f for f in stored.recent_files(self.settings) if Path(f).exists()][:6]
        for name in files:
            item = QListWidgetItem(f"{display_path(Path(name).name)}    —    {display_path(Path(name).parent)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.recent.addItem(item)
        self.recent.setVisible(bool(files))
        self.recent_label.setVisible(bool(files))

    def show_reading(self, name: str) -> None:
        self.text.setText(f"正在读取 {name} …\n\n可随时在窗口底部点击“取消”。")

    def show_idle(self) -> None:
        self.text.setText(IDLE_TEXT)
