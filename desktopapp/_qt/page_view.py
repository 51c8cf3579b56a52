"""The source page beside the grid: rendered page, marks (selected cell, finding cells, quoted line).

The scene is in PDF points with a top-left origin — the same coordinates as the cells' boxes —
so marks are drawn and clicks are mapped without any conversion. The page image is rendered
at the screen's real resolution (zoom × device pixel ratio) and re-rendered after zooming.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.model import Box

from .page_render import PageRenderer

MIN_ZOOM, MAX_ZOOM = 0.25, 6.0

MARK_STYLES = {
    # kind: (outline, fill, outline width in screen pixels)
    "table": (QColor(100, 116, 139, 160), QColor(0, 0, 0, 0), 1.0),
    "quote": (QColor(202, 138, 4, 200), QColor(250, 204, 21, 90), 1.0),
    "warning": (QColor(217, 119, 6), QColor(245, 158, 11, 45), 2.0),
    "error": (QColor(220, 38, 38), QColor(239, 68, 68, 40), 2.0),
    "info": (QColor(37, 99, 235), QColor(59, 130, 246, 30), 2.0),
    "cell": (QColor(29, 78, 216), QColor(59, 130, 246, 55), 2.5),
}


@dataclass(frozen=True)
class Mark:
    page: int
    box: Box
    kind: str  # a key of MARK_STYLES


class PageView(QGraphicsView):
    page_changed = Signal(int)
    zoom_changed = Signal(float)
    clicked = Signal(int, float, float)  # page, x, y in PDF points

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor(225, 228, 232))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.renderer: PageRenderer | None = None
        self.page = 0
        self.zoom = 1.0
        self.fit_mode: str | None = "width"  # "width", "page" or None (zoom set by hand)
        self.marks: list[Mark] = []
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._mark_items: list[QGraphicsRectItem] = []
        self._stale = False
        self._press: QPointF | None = None
        self._panned = False
        self._rerender = QTimer(self, singleShot=True, interval=120)
        self._rerender.timeout.connect(self._render_current)
        self.setToolTip("Ctrl+滚轮缩放；单击表格中的单元格可在左侧表格中选中它")

    # -- document and page -----------------------------------------------------------------
    def set_renderer(self, renderer: PageRenderer | None) -> None:
        if self.renderer is not None and self.renderer is not renderer:
            self.renderer.close()
        self.renderer = renderer
        self.page = 0
        self.marks = []
        self.scene().clear()
        self._pixmap_item = None
        self._mark_items = []

    @property
    def page_count(self) -> int:
        return self.renderer.page_count if self.renderer else 0

    def show_page(self, number: int) -> None:
        if self.renderer is None or not (1 <= number <= self.page_count):
            return
        if number == self.page and self._pixmap_item is not None:
            return
        self.page = number
        width, height = self.renderer.page_size(number)
        self.scene().setSceneRect(QRectF(0, 0, width, height))
        self._apply_fit()
        self._render_current()
        self._draw_marks()
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.page_changed.emit(number)

    def _render_current(self) -> None:
        if self.renderer is None or not self.page:
            return
        scale = self.zoom * self.devicePixelRatioF()
        image = self.renderer.render(self.page, scale)
        self._stale = image is None or abs(image.width() - scale * self.renderer.page_size(self.page)[0]) > 2
        if image is None:  # PDFium busy reading another file: a blank sheet until refresh()
            width, height = self.renderer.page_size(self.page)
            image = QImage(max(1, round(width)), max(1, round(height)), QImage.Format.Format_RGB32)
            image.fill(QColor("white"))
        pixmap = QPixmap.fromImage(image)
        if self._pixmap_item is None:
            self._pixmap_item = self.scene().addPixmap(pixmap)
            self._pixmap_item.setZValue(-1)
            self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        else:
            self._pixmap_item.setPixmap(pixmap)
        width, _ = self.renderer.page_size(self.page)
        self._pixmap_item.setScale(width / max(1, image.width()))

    def refresh(self) -> None:
        """Render again what could not be rendered while PDFium was busy."""
        if self._stale:
            self._render_current()

    # -- marks -----------------------------------------------------------------------------
    def set_marks(self, marks: list[Mark], focus: Mark | None = None) -> None:
        """Draw `marks` (those on the page shown); bring `focus` into view, turning the page if needed."""
        self.marks = list(marks)
        if focus is not None and focus.page != self.page:
            self.show_page(focus.page)  # draws the marks
        else:
            self._draw_marks()
        if focus is not None:
            self.reveal(focus.box)

    def _draw_marks(self) -> None:
        for item in self._mark_items:
            self.scene().removeItem(item)
        self._mark_items = []
        order = list(MARK_STYLES)
        for mark in sorted(self.marks, key=lambda m: order.index(m.kind) if m.kind in order else 0):
            if mark.page != self.page:
                continue
            outline, fill, width = MARK_STYLES.get(mark.kind, MARK_STYLES["cell"])
            pen = QPen(outline, width)
            pen.setCosmetic(True)
            if mark.kind == "table":
                pen.setStyle(Qt.PenStyle.DashLine)
            pad = 1.0 if mark.kind != "table" else 3.0
            rect = QRectF(mark.box.x0 - pad, mark.box.top - pad, mark.box.x1 - mark.box.x0 + 2 * pad,
                          mark.box.bottom - mark.box.top + 2 * pad)
            item = self.scene().addRect(rect, pen, QBrush(fill))
            item.setData(0, mark.kind)
            self._mark_items.append(item)

    def reveal(self, box: Box) -> None:
        rect = QRectF(box.x0, box.top, box.x1 - box.x0, box.bottom - box.top)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not visible.contains(rect):
            self.centerOn(rect.center())

    # -- zoom ------------------------------------------------------------------------------
    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if abs(zoom - self.zoom) < 1e-4:
            return
        scene_anchor = self.mapToScene(anchor.toPoint()) if anchor is not None else None
        self.zoom = zoom
        self.setTransform(self.transform().fromScale(zoom, zoom))
        if scene_anchor is not None:  # keep the point under the mouse where it was
            moved = self.mapFromScene(scene_anchor)
            delta = moved - anchor.toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self._rerender.start()
        self.zoom_changed.emit(zoom)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.fit_mode = None
        self.set_zoom(self.zoom * factor, anchor)

    def fit_width(self) -> None:
        self.fit_mode = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self.fit_mode = "page"
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self.renderer is None or not self.page or self.fit_mode is None:
            return
        width, height = self.renderer.page_size(self.page)
        margin = 8
        avail_w = self.viewport().width() - margin
        if self.fit_mode == "width":
            zoom = avail_w / width
        else:
            zoom = min(avail_w / width, (self.viewport().height() - margin) / height)
        self.set_zoom(zoom)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        handle = self.window().windowHandle()
        if handle is not None and not getattr(self, "_screen_hooked", False):
            # a window moved to a screen of another pixel density: render the page for that density
            handle.screenChanged.connect(lambda _screen: self._rerender.start())
            self._screen_hooked = True

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._apply_fit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # -- clicks and panning ----------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._panned = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if self._panned or abs(delta.x()) + abs(delta.y()) > 4:
                self._panned = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
                self._press = event.position()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton:
            if not self._panned and self.page:
                point = self.mapToScene(event.position().toPoint())
                self.clicked.emit(self.page, point.x(), point.y())
            self._press = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def click_at(self, x: float, y: float) -> None:
        """The same as the officer clicking at (x, y) PDF points on the page shown (tests, keyboard)."""
        if self.page:
            self.clicked.emit(self.page, x, y)


class PagePanel(QWidget):
    """The page view with its own small bar: page number, previous/next, zoom, fit width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PageView(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.setSpacing(2)
        self.prev_button = self._button("◀", "上一页 (PgUp)", lambda: self.view.show_page(self.view.page - 1))
        self.next_button = self._button("▶", "下一页 (PgDn)", lambda: self.view.show_page(self.view.page + 1))
        self.page_spin = QSpinBox(self)
        self.page_spin.setPrefix("第 ")
        self.page_spin.setSuffix(" 页")
        self.page_spin.setMinimum(0)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda n: self.view.show_page(n))
        self.count_label = QLabel("", self)
        self.file_label = QLabel("", self)  # which file the page is from, when several are read together
        zoom_out = self._button("－", "缩小 (Ctrl+-)", lambda: self.view.zoom_by(1 / 1.2))
        zoom_in = self._button("＋", "放大 (Ctrl++)", lambda: self.view.zoom_by(1.2))
        self.zoom_label = QLabel("100%", self)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("1000%"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        fit_width = self._button("适合宽度", "页面宽度适合窗口", self.view.fit_width)
        fit_page = self._button("整页", "整页显示", self.view.fit_page)
        for w in (self.prev_button, self.page_spin, self.count_label, self.next_button, self.file_label):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (zoom_out, self.zoom_label, zoom_in, fit_width, fit_page):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.page_changed.connect(self._on_page)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        for key, step in (("PgUp", -1), ("PgDown", 1)):
            shortcut = QShortcut(QKeySequence(key), self.view, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.setWhatsThis("上一页（页面中）" if step < 0 else "下一页（页面中）")
            shortcut.activated.connect(lambda s=step: self.view.show_page(self.view.page + s))
        self.refresh_count()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def refresh_count(self) -> None:
        count = self.view.page_count
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(count)
        self.page_spin.setMinimum(1 if count else 0)
        self.page_spin.setValue(self.view.page)
        self.page_spin.blockSignals(False)
        self.count_label.setText(f"/ {count}" if count else "")
        self._on_page(self.view.page)

    def _on_page(self, number: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(number)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(number > 1)
        self.next_button.setEnabled(0 < number < self.view.page_count)
        describe = getattr(self.view.renderer, "describe", None)
        self.file_label.setText(describe(number) if describe and number else "")
