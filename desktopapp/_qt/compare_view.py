"""The reference's page beside the current one (查看 ▸ 对照参考文件): a dock at the window's right
with the reference's page drawn, the cells a finding names lit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktopapp.core.model import Box, CellRef, Document
from desktopapp.export.write_errors import display_path

from .locate import quote_boxes
from .page_render import PageRenderer
from .page_render_parts import PartsRenderer
from .page_view import Mark, PageView


class ReferenceDock(QDockWidget):
    def __init__(self, parent: QWidget, busy: Callable[[], bool]) -> None:
        super().__init__("参考文件", parent)
        self.setObjectName("reference_dock")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.busy = busy
        self.document: Document | None = None
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(2, 2, 2, 2)
        top = QHBoxLayout()
        self.title = QLabel("（未选择参考文件）", box)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page_spin = QSpinBox(box)
        self.page_spin.setPrefix("第 ")
        self.page_spin.setSuffix(" 页")
        self.page_spin.setMinimum(1)
        top.addWidget(self.title, 1)
        top.addWidget(self.page_spin)
        layout.addLayout(top)
        self.view = PageView(box)
        self.view.setToolTip("参考文件的页面（Ctrl+滚轮缩放）")
        layout.addWidget(self.view, 1)
        self.setWidget(box)
        self.page_spin.valueChanged.connect(self.view.show_page)
        self.view.page_changed.connect(self._page_shown)

    def set_document(self, document: Document | None) -> None:
        """Draw pages of `document` (None: no reference)."""
        self.document = document
        renderer = None
        if document is not None:
            try:
                if document.parts:
                    renderer = PartsRenderer(document, busy=self.busy)
                else:
                    renderer = PageRenderer(Path(document.source), busy=self.busy)
            except Exception:  # the findings are still there without the picture
                renderer = None
        self.view.set_renderer(renderer)
        names = " + ".join(display_path(Path(s).name) for s in document.sources()) if document else ""
        self.title.setText(f"参考文件：{names}" if document else "（未选择参考文件）")
        self.title.setToolTip(names)
        self.page_spin.setMaximum(max(1, self.view.page_count))

    def show_where(self, page: int | None, cells: list[CellRef], quote: str | None = None) -> int | None:
        """Show `page` of the reference with `cells` (or the lines of `quote`) lit; the page of the
        first cell when no page is given. Returns the page shown."""
        if self.document is None:
            return None
        marks = [Mark(p, box, "cell") for p, box in self._boxes(cells)]
        if page is None and marks:
            page = marks[0].page
        if page is None:
            return None
        printed = next((p for p in self.document.pages if p.number == page), None)
        if printed is not None and quote:
            marks += [Mark(page, box, "quote") for box in quote_boxes(printed, quote)]
        self.view.show_page(page)
        self.view.set_marks(marks, next((m for m in marks if m.page == page), None))
        return page

    def _boxes(self, cells: list[CellRef]) -> list[tuple[int, Box]]:
        out: list[tuple[int, Box]] = []
        for ref in cells:
            table = self.document.table(ref.table) if self.document else None
            if table is None or not (0 <= ref.row < len(table.body)) or not (0 <= ref.col < len(table.body[ref.row])):
                continue
            cell = table.body[ref.row][ref.col]
            if cell.page is not None and cell.box is not None:
                out.append((cell.page, cell.box))
        return out

    def _page_shown(self, number: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(number)
        self.page_spin.blockSignals(False)
