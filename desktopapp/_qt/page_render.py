"""Rendering PDF pages to images with pypdfium2, with a small cache of what was rendered.

PDFium is not thread-safe, so one renderer is used from the UI thread only; rendering an A4
table page at screen resolution takes a few milliseconds, cover pages with photos ~0.1 s.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Collection
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

A4 = (595.0, 842.0)
MAX_PIXELS = 40_000_000  # refuse absurd zoom levels instead of exhausting memory


class PageRenderer:
    def __init__(self, path: Path, cache_size: int = 16, busy: Callable[[], bool] = lambda: False,
                 unreadable: Collection[int] = ()) -> None:
        self.path = Path(path)
        self.busy = busy  # True while another thread drives PDFium: render nothing new then
        # Pages the reader gave up on (over its time or memory budget, in a worker it could kill):
        # drawing them here, on the UI thread, could hang the window — they are shown blank.
        self.unreadable = frozenset(unreadable)
        self._pdf = pdfium.PdfDocument(str(self.path))
        self._count = len(self._pdf)
        self._sizes: dict[int, tuple[float, float]] = {}  # loaded when first needed: pages load lazily
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._cache_size = cache_size

    @property
    def page_count(self) -> int:
        return self._count

    def page_size(self, number: int) -> tuple[float, float]:
        """(width, height) in PDF points of 1-based page `number`, as displayed (rotation applied)."""
        size = self._sizes.get(number)
        if size is None and number in self.unreadable:
            return A4
        if size is None:
            if self._pdf is None or self.busy():
                return A4  # a stand-in until PDFium is free again (not remembered)
            try:
                size = self._sizes[number] = _displayed_size(self._pdf[number - 1])
            except pdfium.PdfiumError:  # a damaged page (the reader reported it): a blank stand-in
                size = self._sizes[number] = A4
        return size

    def render(self, number: int, scale: float) -> QImage | None:
        """1-based page `number` at `scale` pixels per PDF point (cached by scale in 1% steps).

        None when the page is not cached and PDFium is busy in another thread."""
        if number in self.unreadable:
            return None
        key = (number, max(1, round(scale * 100)))
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            return image
        if self.busy():  # the same page at another zoom is better than nothing
            others = [img for (page, _), img in self._cache.items() if page == number]
            return max(others, key=lambda img: img.width()) if others else None
        width, height = self.page_size(number)
        scale = min(key[1] / 100, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
        try:
            bitmap = self._pdf[number - 1].render(scale=scale, prefer_bgrx=True, draw_annots=True)
        except pdfium.PdfiumError:  # a damaged page (the reader reported it): nothing to show
            log.info("page %d cannot be rendered", number)
            return None
        # straight from PDFium's buffer (BGRx = Qt's RGB32 in memory); no numpy import on the UI thread
        data = bytes(bitmap.buffer)
        image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32).copy()
        self._cache[key] = image
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return image

    def close(self) -> None:
        self._cache.clear()
        if self._pdf is None:
            return
        try:
            pdf, self._pdf = self._pdf, None
            pdf.close()
        except Exception:  # closing a half-broken document must not take the window down
            log.exception("closing %s", self.path)


def _displayed_size(page: pdfium.PdfPage) -> tuple[float, float]:
    # PDFium's page size is already the displayed one: the CropBox, /Rotate applied (as the
    # readers measure boxes, extract/layout_*.py); turning it again would shrink a rotated
    # page's image and put every lit box off its cell.
    width, height = page.get_size()
    return width, height
