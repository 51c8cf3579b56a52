"""Finding text in a document (编辑 ▸ 查找, Ctrl+F): table cells and the running text of its pages.

Printed text is compared the way the rules compare it (NFKC, no white space, so "收 入" is found
by "收入"), ignoring case, and figures without their thousands separators ("1826.31" finds
"1,826.31"; a cell's correction is found as it is shown). Hits come in reading order: by page,
then from top to bottom and left to right. A line of running text that lies inside a table's
box on its page is not a hit of its own: that table's cells are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.model import Box, Cell, Document, Page
from desktopapp.core.numbers import format_amount, normalize

_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")


@dataclass(frozen=True)
class Hit:
    """One place the text was found: a table cell (table, row, col) or a line of the page's text."""

    text: str  # the cell's or the line's text as shown
    page: int | None
    box: Box | None
    table: str | None = None  # a cell's table id; None for running text
    row: int = -1  # body row
    col: int = -1

    @property
    def is_cell(self) -> bool:
        return self.table is not None


def search_key(text: str | None) -> str:
    """How a text and a query are compared: as the rules compare printed text, in lower case,
    figures without thousands separators."""
    return _DIGIT_COMMA.sub("", normalize(text)).casefold()


def find_text(document: Document | None, query: str) -> list[Hit]:
    """Every cell and line of running text holding `query`, in reading order."""
    key = search_key(query)
    if document is None or not key:
        return []
    hits = [*_cell_hits(document, key), *_line_hits(document, key)]
    return sorted(hits, key=_reading_order)


def _shown_texts(cell: Cell) -> list[str]:
    texts = [cell.text]
    if cell.corrected is not None:
        texts.append(format_amount(cell.corrected, cell.decimals if cell.decimals is not None else 2))
    return texts


def _cell_hits(document: Document, key: str) -> list[Hit]:
    hits = []
    for table in document.tables:
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                if cell.covered:
                    continue
                if any(key in search_key(text) for text in _shown_texts(cell)):
                    shown = _shown_texts(cell)[-1]
                    hits.append(Hit(shown, cell.page, cell.box, table.id, r, c))
    return hits


def _line_hits(document: Document, key: str) -> list[Hit]:
    boxes_by_page: dict[int, list[Box]] = {}
    for table in document.tables:
        for page, box in table.bbox_by_page.items():
            boxes_by_page.setdefault(page, []).append(box)
    hits = []
    for page in document.pages:
        for line in _running_lines(page, boxes_by_page.get(page.number, [])):
            if key in search_key(line.text):
                hits.append(Hit(line.text, page.number, line.box))
    return hits


def _running_lines(page: Page, table_boxes: list[Box]):
    for line in page.lines:
        x = (line.box.x0 + line.box.x1) / 2
        y = (line.box.top + line.box.bottom) / 2
        if not any(box.contains(x, y) for box in table_boxes):
            yield line


def _reading_order(hit: Hit) -> tuple:
    if hit.page is None or hit.box is None:  # a cell without a place on a page: after all others
        return (1, 0, 0.0, 0.0, hit.row, hit.col)
    return (0, hit.page, round(hit.box.top), hit.box.x0, hit.row, hit.col)
