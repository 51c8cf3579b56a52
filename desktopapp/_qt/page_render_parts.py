"""The pages of a disclosure read from several files (Document.parts), numbered through.

Page n of the combined document is drawn from the file it came from, at its page there: the
table and finding marks (which carry combined page numbers) land on the right file's page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage

from desktopapp.core.model import Document
from desktopapp.export.write_errors import display_path

from .page_render import PageRenderer


class PartsRenderer:
    """A PageRenderer over several PDFs; the same interface, pages numbered through."""

    def __init__(self, document: Document, busy: Callable[[], bool] = lambda: False) -> None:
        self.document = document
        self.path = Path(document.parts[0].source)
        self._renderers: list[PageRenderer] = []
        try:
            for part in document.parts:
                unreadable = [part.local_page(n) for n in document.unreadable_pages if document.part_of_page(n) is part]
                self._renderers.append(PageRenderer(Path(part.source), busy=busy, unreadable=unreadable))
        except Exception:
            self.close()
            raise

    @property
    def page_count(self) -> int:
        return sum(part.page_count for part in self.document.parts)

    def _locate(self, number: int) -> tuple[PageRenderer, int]:
        for part, renderer in zip(self.document.parts, self._renderers):
            if part.first_page <= number < part.first_page + part.page_count:
                return renderer, part.local_page(number)
        raise IndexError(number)

    def page_size(self, number: int) -> tuple[float, float]:
        renderer, local = self._locate(number)
        return renderer.page_size(local)

    def render(self, number: int, scale: float) -> QImage | None:
        renderer, local = self._locate(number)
        return renderer.render(local, scale)

    def describe(self, number: int) -> str:
        """Which file and which of its pages: "公开表.pdf 第 3 页"."""
        part = self.document.part_of_page(number)
        return f"{display_path(Path(part.source).name)} 第 {part.local_page(number)} 页" if part else ""

    def close(self) -> None:
        for renderer in self._renderers:
            renderer.close()
