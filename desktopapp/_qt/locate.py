"""Where things are on a page: the cell under a click, the lines a quoted sentence occupies."""

from __future__ import annotations

from desktopapp.core.model import Box, CellRef, Document, Page
from desktopapp.core.numbers import normalize


def cell_at(document: Document, page: int, x: float, y: float) -> CellRef | None:
    """The body cell printed at (x, y) on `page` (PDF points, top-left origin), if any."""
    best: tuple[float, CellRef] | None = None
    for table in document.tables:
        if page not in table.pages:
            continue
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                # a name the page broke is printed on two pages: either part finds the cell
                placed = [(cell.page, cell.box), *cell.continued]
                for box in (b for p, b in placed if p == page and b is not None and b.contains(x, y)):
                    area = (box.x1 - box.x0) * (box.bottom - box.top)
                    if best is None or area < best[0]:  # the innermost box wins
                        best = (area, CellRef(table.id, r, c))
    return best[1] if best else None


def table_at(document: Document, page: int, x: float, y: float) -> str | None:
    for table in document.tables:
        box = table.bbox_by_page.get(page)
        if box is not None and box.contains(x, y):
            return table.id
    return None


def quote_boxes(page: Page, quote: str | None) -> list[Box]:
    """Boxes of the text lines on `page` that hold `quote` (white space and width ignored)."""
    target = normalize(quote)
    if not target or not page.lines:
        return []
    texts = [normalize(line.text) for line in page.lines]
    joined = "".join(texts)
    start = joined.find(target)
    if start < 0:
        # a quote cut short or rephrased: fall back to its longest leading part that is found
        for length in range(len(target) - 1, max(5, len(target) // 2) - 1, -1):
            start = joined.find(target[:length])
            if start >= 0:
                target = target[:length]
                break
        else:
            return []
    end = start + len(target)
    boxes, offset = [], 0
    for line, text in zip(page.lines, texts, strict=True):
        line_start, line_end = offset, offset + len(text)
        offset = line_end
        if line_end > start and line_start < end:
            boxes.append(line.box)
    return boxes


def page_of(document: Document, number: int | None) -> Page | None:
    if number is None:
        return None
    return next((p for p in document.pages if p.number == number), None)
