"""Render disclosure-like PDFs with reportlab and return the truth of what was printed.

A test describes pages of running text and tables (`TableSpec`); `PdfBuilder` lays them
out like a 预算/决算 disclosure (number, title, 单位 line, ruled grid, notes, tables
continued over pages) in one of four rule styles, and `save()` returns a
`PrintedDocument`: the header and body grids exactly as printed, the pages each table
occupies and the rectangle of every body cell on the displayed page, so tests compare
the extraction with what was printed instead of hard-coding expectations.

Text uses reportlab's built-in CID font STSong-Light (no font file; pdfplumber and pdfium
both map it back to Unicode). Coordinates in the truth are pdfplumber's: points, origin at
the top-left of the page as displayed (after /Rotate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

FONT = "STSong-Light"
STYLES = ("lines", "wps_rects", "filled_paths", "three_line", "no_rules")

PAGE_MARGIN_X = 42.0
PAGE_MARGIN_TOP = 48.0
PAGE_MARGIN_BOTTOM = 54.0
CELL_PAD_X = 3.0
CELL_PAD_Y = 3.0
RULE_WIDTH = 0.5  # stroked rules (lines style)
RECT_RULE_THICKNESS = 0.6  # filled-rectangle rules (wps_rects style)
TABLE_GAP = 26.0  # space between two tables on one page

_NO_LINE_START = set("，。、；：？！）》」』”’%％)]},.;:")
_AMOUNT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)\.\d+$")


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """Break `text` into lines no wider than `width`, character by character (Chinese wraps anywhere)."""
    if not text:
        return []
    lines: list[str] = []
    current = ""
    for ch in text:
        # Closing punctuation never starts a line (Chinese typesetting); it may overhang instead.
        if current and ch not in _NO_LINE_START and text_width(current + ch, size) > width:
            lines.append(current)
            current = ch
        else:
            current += ch
    lines.append(current)
    return lines


def split_evenly(text: str, count: int) -> list[str]:
    """`text` in up to `count` lines of about equal length, each at least two characters."""
    count = max(1, min(count, len(text) // 2))
    size = max(1, -(-len(text) // count))
    return [text[i : i + size] for i in range(0, len(text), size)] or [text]


# ----------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class H:
    """A header cell, placed like an HTML <th>: left to right, skipping cells covered from above."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class TableSpec:
    title: str
    header: list[list[H | str]]
    body: list[list[str]]
    number: str | None = None  # "表3", printed above the title
    unit: str | None = "万元"  # printed "单位：万元" on the right of the 单位 line
    org: str | None = None  # printed "编制单位：XX" on the left of the same line
    org_label: str = "编制单位："
    notes: list[str] = field(default_factory=list)  # printed under the table
    style: str = "lines"
    col_widths: list[float] | None = None  # points; computed from the content when None
    vertical_header_cols: frozenset[int] = frozenset()  # header text stacked one character per line
    align: str | None = None  # one of l/c/r per column; amounts right, the rest left when None
    continued_title: bool = False  # print "title（续）" on continuation pages
    repeat_header: bool = True  # header repeated on continuation pages
    repeat_body_rows: int = 0  # first body rows (合计) repeated under the header on continuation pages
    break_before: tuple[int, ...] = ()  # start a new page before these body rows
    font_size: float = 9.0
    title_size: float = 16.0
    body_row_height: float = 18.0
    header_row_height: float = 20.0
    number_above_title: bool = True  # else "表3  title" on one line
    fill_width: bool = True  # computed widths are stretched to the page width, as Excel/WPS prints do
    header_fill: float | None = None  # gray level of a shaded header background (big filled rectangles)
    # Body cells merged across columns: (row, col) → colspan; the covered cells' texts are "".
    body_spans: dict[tuple[int, int], int] = field(default_factory=dict)
    # Header texts typed over this many lines (Alt+Enter), each line at least two characters.
    header_line_count: int = 1
    unit_wrapped: bool = False  # "单位：" and the unit printed on two lines, right-aligned

    def body_span(self, r: int, c: int) -> int:
        """0 for a covered body cell, else how many columns the cell spans."""
        for (rr, cc), n in self.body_spans.items():
            if rr == r and cc < c < cc + n:
                return 0
        return self.body_spans.get((r, c), 1)

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown style {self.style!r}")


# ----------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class Span:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


@dataclass(frozen=True)
class PrintedCell:
    text: str
    page: int  # 1-based
    box: tuple[float, float, float, float]  # cell rectangle (x0, top, x1, bottom) on the displayed page

    def contains(self, x: float, y: float, tolerance: float = 1.5) -> bool:
        x0, top, x1, bottom = self.box
        return x0 - tolerance <= x <= x1 + tolerance and top - tolerance <= y <= bottom + tolerance


@dataclass
class PrintedTable:
    title: str
    number: str | None
    unit: str | None
    org_line: str | None
    notes: list[str]
    style: str
    pages: list[int]
    header: list[list[str]]  # merged cells: text at the top-left position, "" where covered
    spans: list[Span]  # every header cell as placed (merged or not)
    body: list[list[str]]  # as printed, wrapped text joined without separator
    cells: list[list[PrintedCell]]  # body cells: where each was printed

    @property
    def merged_spans(self) -> list[Span]:
        return [s for s in self.spans if s.rowspan > 1 or s.colspan > 1]

    def column_labels(self) -> list[str]:
        """Header texts of each column, top to bottom, merged texts repeated (like core.header_spans.column_paths)."""
        n = len(self.header[0]) if self.header else 0
        labels = [""] * n
        for span in sorted(self.spans, key=lambda s: (s.row, s.col)):
            for col in range(span.col, span.col + span.colspan):
                if span.text and span.text not in labels[col]:
                    labels[col] += span.text
        return labels


@dataclass
class PrintedPage:
    number: int
    width: float  # as displayed
    height: float
    rotation: int
    lines: list[str] = field(default_factory=list)  # every text line drawn, in drawing order


@dataclass
class PrintedDocument:
    path: Path
    pages: list[PrintedPage]
    tables: list[PrintedTable]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def table(self, title: str) -> PrintedTable:
        return next(t for t in self.tables if t.title == title)


# ----------------------------------------------------------------------------- page surface


class _Surface:
    """One page, drawn in top-left coordinates of its upright content (`width` × `height`).

    For ordinary and /Rotate 90 pages these are the coordinates of the page as displayed; a
    `sideways` page is a portrait page whose landscape content is printed turned a quarter
    (text running upwards), and `display_box` maps content boxes onto the displayed page.
    """

    def __init__(
        self, c: rl_canvas.Canvas, number: int, landscape: bool, rotate: int, sideways: bool = False
    ) -> None:
        self.c = c
        self.number = number
        self.sideways = sideways
        portrait_w, portrait_h = A4
        if sideways:
            if rotate:
                raise ValueError("a sideways page has no /Rotate")
            c.setPageSize((portrait_w, portrait_h))
            c.setPageRotation(0)
            c.translate(portrait_w, 0)
            c.rotate(90)
            self.width, self.height = portrait_h, portrait_w
            self.page = PrintedPage(number, portrait_w, portrait_h, 0)
            c.setFont(FONT, 10)
            return
        if rotate == 90:
            # The page is stored portrait with /Rotate 90; content is drawn turned so the
            # displayed (clockwise-rotated) page is an upright landscape page. reportlab takes
            # the displayed size and writes the MediaBox swapped (portrait) for /Rotate 90.
            c.setPageSize((portrait_h, portrait_w))
            c.setPageRotation(90)
            c.translate(portrait_w, 0)
            c.rotate(90)
            self.width, self.height = portrait_h, portrait_w
        elif rotate == 0:
            c.setPageRotation(0)
            self.width, self.height = (portrait_h, portrait_w) if landscape else (portrait_w, portrait_h)
            c.setPageSize((self.width, self.height))
        else:
            raise ValueError("rotate must be 0 or 90")
        self.page = PrintedPage(number, self.width, self.height, rotate)
        c.setFont(FONT, 10)

    def _y(self, top: float) -> float:
        return self.height - top

    def display_box(
        self, x0: float, top: float, x1: float, bottom: float
    ) -> tuple[float, float, float, float]:
        if not self.sideways:
            return (x0, top, x1, bottom)
        return (top, self.page.height - x1, bottom, self.page.height - x0)

    def text(self, x: float, baseline: float, text: str, size: float, align: str = "l") -> None:
        if not text:
            return
        self.c.setFont(FONT, size)
        y = self._y(baseline)
        if align == "r":
            self.c.drawRightString(x, y, text)
        elif align == "c":
            self.c.drawCentredString(x, y, text)
        else:
            self.c.drawString(x, y, text)
        self.page.lines.append(text)

    def hline(self, x0: float, x1: float, top: float, width: float = RULE_WIDTH) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self._y(top), x1, self._y(top))

    def vline(self, x: float, top: float, bottom: float, width: float = RULE_WIDTH) -> None:
        self.c.setLineWidth(width)
        self.c.line(x, self._y(top), x, self._y(bottom))

    def filled_rect(self, x0: float, top: float, x1: float, bottom: float, gray: float = 0.0) -> None:
        self.c.setFillGray(gray)
        self.c.rect(x0, self._y(bottom), x1 - x0, bottom - top, stroke=0, fill=1)
        self.c.setFillGray(0.0)

    def filled_path(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A filled rectangle drawn as a path through its four corners, left open (filling
        closes it; not a `re` operator): pdfminer keeps it as a curve, not a rectangle."""
        path = self.c.beginPath()
        path.moveTo(x0, self._y(top))
        for x, y in ((x1, top), (x1, bottom), (x0, bottom)):
            path.lineTo(x, self._y(y))
        self.c.drawPath(path, stroke=0, fill=1)

    def image(self, path: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.drawImage(path, x0, self._y(bottom), x1 - x0, bottom - top)


# ----------------------------------------------------------------------------- table geometry


def _place_header(rows: list[list[H | str]]) -> tuple[list[Span], int]:
    """Positions of header cells given HTML-like rows; returns spans and the column count."""
    occupied: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            cell = item if isinstance(item, H) else H(item)
            while (r, c) in occupied:
                c += 1
            spans.append(Span(r, c, cell.rowspan, cell.colspan, cell.text))
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    occupied.add((rr, cc))
            c += cell.colspan
    n_cols = max((s.col + s.colspan for s in spans), default=0)
    return spans, n_cols


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip()))


@dataclass
class _Layout:
    spec: TableSpec
    spans: list[Span]
    n_cols: int
    n_header_rows: int
    widths: list[float]
    aligns: str
    header_heights: list[float]
    body_heights: list[float]
    header_lines: dict[tuple[int, int], list[str]]
    body_lines: list[list[list[str]]]

    @property
    def width(self) -> float:
        return sum(self.widths)

    @property
    def header_height(self) -> float:
        return sum(self.header_heights)

    @property
    def leading(self) -> float:
        return self.spec.font_size * 1.25


def _layout(spec: TableSpec, available_width: float) -> _Layout:
    size = spec.font_size
    spans, n_cols = _place_header(spec.header)
    n_header_rows = len(spec.header)
    for row in spec.body:
        if len(row) != n_cols:
            raise ValueError(f"{spec.title}: body row has {len(row)} cells, header has {n_cols} columns")
    aligns = spec.align or "".join(
        "r" if any(_is_amount(row[c]) for row in spec.body) or not any(row[c] for row in spec.body) else "l"
        for c in range(n_cols)
    )
    widths = list(spec.col_widths) if spec.col_widths else _auto_widths(spec, spans, n_cols, available_width)
    if len(widths) != n_cols:
        raise ValueError(f"{spec.title}: {len(widths)} widths for {n_cols} columns")
    leading = size * 1.25

    def span_width(s: Span) -> float:
        return sum(widths[s.col : s.col + s.colspan])

    header_lines: dict[tuple[int, int], list[str]] = {}
    for s in spans:
        if s.colspan == 1 and s.col in spec.vertical_header_cols:
            header_lines[(s.row, s.col)] = [ch for ch in s.text if not ch.isspace()]
        else:
            header_lines[(s.row, s.col)] = [
                line
                for part in split_evenly(s.text, spec.header_line_count)
                for line in wrap_text(part, span_width(s) - 2 * CELL_PAD_X, size)
            ]
    header_heights = [spec.header_row_height] * n_header_rows
    for s in sorted(spans, key=lambda s: s.rowspan):
        need = len(header_lines[(s.row, s.col)]) * leading + 2 * CELL_PAD_Y
        have = sum(header_heights[s.row : s.row + s.rowspan])
        if need > have:
            header_heights[s.row + s.rowspan - 1] += need - have

    body_lines: list[list[list[str]]] = []
    body_heights: list[float] = []
    for r, row in enumerate(spec.body):
        lines = [
            wrap_text(text, sum(widths[c : c + max(spec.body_span(r, c), 1)]) - 2 * CELL_PAD_X, size)
            for c, text in enumerate(row)
        ]
        body_lines.append(lines)
        n = max((len(cell) for cell in lines), default=1)
        body_heights.append(max(spec.body_row_height, n * leading + 2 * CELL_PAD_Y))
    return _Layout(
        spec,
        spans,
        n_cols,
        n_header_rows,
        widths,
        aligns,
        header_heights,
        body_heights,
        header_lines,
        body_lines,
    )


def _auto_widths(spec: TableSpec, spans: list[Span], n_cols: int, available: float) -> list[float]:
    size = spec.font_size
    widths = [28.0] * n_cols
    for row in spec.body:
        for c, text in enumerate(row):
            widths[c] = max(widths[c], min(text_width(text, size), 200.0) + 2 * CELL_PAD_X + 2)
    for s in spans:
        if s.colspan == 1 and s.col not in spec.vertical_header_cols:
            # headers may wrap onto two lines before widening the column
            want = min(text_width(s.text, size) / 2 if len(s.text) > 4 else text_width(s.text, size), 120.0)
            widths[s.col] = max(widths[s.col], want + 2 * CELL_PAD_X + 2)
    total = sum(widths)
    if total > available or spec.fill_width:
        widths = [w * available / total for w in widths]
    return widths


# ----------------------------------------------------------------------------- builder


class PdfBuilder:
    """Lay out text pages and tables page by page; `save()` writes the PDF and returns the truth."""

    def __init__(self, path: str | Path, *, footer: bool = True, encrypt: str | None = None) -> None:
        register_fonts()
        self.path = Path(path)
        self.footer = footer
        # invariant: no creation date or random id, so the same description gives the same bytes
        self.c = rl_canvas.Canvas(
            str(self.path), pagesize=A4, encrypt=encrypt, pageCompression=1, invariant=1
        )
        self.c.setTitle("")
        self.pages: list[PrintedPage] = []
        self.tables: list[PrintedTable] = []
        self.surface: _Surface | None = None
        self.cursor = 0.0  # top of the free space on the current page

    # pages ------------------------------------------------------------------

    def new_page(self, *, landscape: bool = False, rotate: int = 0, sideways: bool = False) -> _Surface:
        self._finish_page()
        self.surface = _Surface(self.c, len(self.pages) + 1, landscape, rotate, sideways)
        self.pages.append(self.surface.page)
        self.cursor = PAGE_MARGIN_TOP
        return self.surface

    def _finish_page(self) -> None:
        if self.surface is None:
            return
        if self.footer:
            s = self.surface
            s.text(s.width / 2, s.height - 28, f"- {s.number} -", 9, "c")
        self.c.showPage()
        self.surface = None

    @property
    def bottom_limit(self) -> float:
        assert self.surface is not None
        return self.surface.height - PAGE_MARGIN_BOTTOM

    def cover(self, lines: Sequence[str], *, size: float = 26.0, date_line: str | None = None) -> None:
        s = self.new_page()
        top = s.height * 0.3
        for line in lines:
            s.text(s.width / 2, top, line, size, "c")
            top += size * 1.8
        if date_line:
            s.text(s.width / 2, s.height * 0.75, date_line, 16, "c")

    def text_page(
        self,
        paragraphs: Sequence[str],
        heading: str | None = None,
        *,
        size: float = 12.0,
        new_page: bool = True,
        landscape: bool = False,
        indent: bool = True,
    ) -> None:
        """Running text: an optional centered heading, then paragraphs wrapped to the page width."""
        if new_page or self.surface is None:
            self.new_page(landscape=landscape)
        assert self.surface is not None
        leading = size * 1.8
        if heading:
            self.surface.text(self.surface.width / 2, self.cursor + 16, heading, 16, "c")
            self.cursor += 40
        width = self.surface.width - 2 * PAGE_MARGIN_X - 30
        for para in paragraphs:
            first = ("\u3000\u3000" if indent else "") + para
            for line in wrap_text(first, width, size) or [""]:
                if self.cursor + leading > self.bottom_limit:
                    self.new_page(landscape=landscape)
                self.surface.text(PAGE_MARGIN_X + 15, self.cursor + size, line, size)
                self.cursor += leading

    # tables -----------------------------------------------------------------

    def table(
        self,
        spec: TableSpec,
        *,
        new_page: bool = True,
        landscape: bool = False,
        rotate: int = 0,
        sideways: bool = False,
    ) -> PrintedTable:
        if new_page or self.surface is None:
            self.new_page(landscape=landscape, rotate=rotate, sideways=sideways)
        else:
            self.cursor += TABLE_GAP
        assert self.surface is not None
        landscape = landscape or (self.surface.width > self.surface.height and rotate == 0 and not sideways)
        layout = _layout(spec, self.surface.width - 2 * PAGE_MARGIN_X)
        first_row_h = layout.body_heights[0] if layout.body_heights else 0.0
        if self.cursor + self._title_height(spec) + layout.header_height + first_row_h > self.bottom_limit:
            self.new_page(landscape=landscape, rotate=rotate, sideways=sideways)

        pages: list[int] = []
        cells: list[list[PrintedCell]] = []
        row = 0
        n_rows = len(spec.body)
        continuation = False
        while True:
            s = self.surface
            assert s is not None
            x0 = (s.width - layout.width) / 2
            self.cursor = self._draw_title(s, spec, x0, layout.width, continuation)
            pages.append(s.number)
            top = self.cursor
            if not continuation or spec.repeat_header:
                self._draw_header(s, layout, x0, top)
                top += layout.header_height
            body_top = top
            drawn: list[tuple[int, float]] = []  # (row index or -1-repeat, top)
            if continuation:
                for r in range(min(spec.repeat_body_rows, n_rows)):
                    self._draw_body_row(s, layout, r, x0, top)
                    drawn.append((-1 - r, top))
                    top += layout.body_heights[r]
            first_on_page = True
            while row < n_rows:
                h = layout.body_heights[row]
                forced = row in spec.break_before and not first_on_page
                if (top + h > self.bottom_limit and not first_on_page) or forced:
                    break
                cells.append(self._draw_body_row(s, layout, row, x0, top))
                drawn.append((row, top))
                top += h
                row += 1
                first_on_page = False
            self._draw_rules(
                s,
                layout,
                x0,
                self.cursor,
                body_top,
                drawn,
                top,
                with_header=not continuation or spec.repeat_header,
            )
            self.cursor = top
            if row >= n_rows:
                break
            self.new_page(landscape=landscape, rotate=rotate, sideways=sideways)
            continuation = True

        note_size = spec.font_size
        x0 = (self.surface.width - layout.width) / 2
        self.cursor += 4
        for note in spec.notes:
            for line in wrap_text(note, max(layout.width, 300.0), note_size):
                if self.cursor + note_size * 1.6 > self.bottom_limit:
                    self.new_page(landscape=landscape, rotate=rotate, sideways=sideways)
                    pages.append(self.surface.number)
                self.surface.text(x0, self.cursor + note_size * 1.2, line, note_size)
                self.cursor += note_size * 1.6

        header_grid = [[""] * layout.n_cols for _ in range(layout.n_header_rows)]
        for sp in layout.spans:
            header_grid[sp.row][sp.col] = sp.text
        printed = PrintedTable(
            title=spec.title,
            number=spec.number,
            unit=spec.unit,
            org_line=f"{spec.org_label}{spec.org}" if spec.org else None,
            notes=list(spec.notes),
            style=spec.style,
            pages=sorted(set(pages)),
            header=header_grid,
            spans=list(layout.spans),
            body=[["".join(lines) for lines in row_lines] for row_lines in layout.body_lines],
            cells=cells,
        )
        self.tables.append(printed)
        return printed

    def two_tables(
        self, first: TableSpec, second: TableSpec, *, landscape: bool = False
    ) -> list[PrintedTable]:
        """Two tables on one page (the second starts below the first)."""
        return [
            self.table(first, landscape=landscape),
            self.table(second, new_page=False, landscape=landscape),
        ]

    def _title_height(self, spec: TableSpec) -> float:
        h = spec.title_size + 18
        if spec.number and spec.number_above_title:
            h += 16
        if spec.unit or spec.org:
            h += 16
        if spec.unit and spec.unit_wrapped:
            h += 12
        return h

    def _draw_title(self, s: _Surface, spec: TableSpec, x0: float, width: float, continuation: bool) -> float:
        """Number, title and 单位 line; returns the top of the table grid."""
        top = self.cursor
        if continuation and not spec.continued_title:
            return top
        title = spec.title + ("（续）" if continuation else "")
        if spec.number and spec.number_above_title:
            s.text(x0, top + 10, spec.number, 11)
            top += 16
        elif spec.number:
            title = f"{spec.number}  {title}"
        s.text(s.width / 2, top + spec.title_size, title, spec.title_size, "c")
        top += spec.title_size + 12
        if spec.unit or spec.org:
            if spec.org:
                s.text(x0, top + 10, f"{spec.org_label}{spec.org}", spec.font_size)
            if spec.unit and spec.unit_wrapped:
                s.text(x0 + width, top + 10, "单位：", spec.font_size, "r")
                top += 12
                s.text(x0 + width, top + 10, spec.unit, spec.font_size, "r")
            elif spec.unit:
                s.text(x0 + width, top + 10, f"单位：{spec.unit}", spec.font_size, "r")
            top += 16
        return top + 4

    def _cell_text(
        self,
        s: _Surface,
        lines: list[str],
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        align: str,
        size: float,
    ) -> None:
        leading = size * 1.25
        block = len(lines) * leading
        for i, line in enumerate(lines):
            center = top + (bottom - top - block) / 2 + (i + 0.5) * leading
            baseline = center + size * 0.36
            if align == "r":
                s.text(x1 - CELL_PAD_X, baseline, line, size, "r")
            elif align == "c":
                s.text((x0 + x1) / 2, baseline, line, size, "c")
            else:
                s.text(x0 + CELL_PAD_X, baseline, line, size)

    def _col_x(self, layout: _Layout, x0: float) -> list[float]:
        xs = [x0]
        for w in layout.widths:
            xs.append(xs[-1] + w)
        return xs

    def _draw_header(self, s: _Surface, layout: _Layout, x0: float, top: float) -> None:
        xs = self._col_x(layout, x0)
        ys = [top]
        for h in layout.header_heights:
            ys.append(ys[-1] + h)
        if layout.spec.header_fill is not None:
            for sp in layout.spans:
                s.filled_rect(
                    xs[sp.col],
                    ys[sp.row],
                    xs[sp.col + sp.colspan],
                    ys[sp.row + sp.rowspan],
                    layout.spec.header_fill,
                )
        for sp in layout.spans:
            self._cell_text(
                s,
                layout.header_lines[(sp.row, sp.col)],
                xs[sp.col],
                ys[sp.row],
                xs[sp.col + sp.colspan],
                ys[sp.row + sp.rowspan],
                "c",
                layout.spec.font_size,
            )

    def _draw_body_row(
        self, s: _Surface, layout: _Layout, r: int, x0: float, top: float
    ) -> list[PrintedCell]:
        xs = self._col_x(layout, x0)
        bottom = top + layout.body_heights[r]
        out = []
        for c, lines in enumerate(layout.body_lines[r]):
            n = layout.spec.body_span(r, c)
            if n == 0:  # covered by a merged cell on its left
                out.append(PrintedCell("", s.number, s.display_box(xs[c], top, xs[c + 1], bottom)))
                continue
            align = "c" if n > 1 else layout.aligns[c]
            self._cell_text(s, lines, xs[c], top, xs[c + n], bottom, align, layout.spec.font_size)
            out.append(PrintedCell("".join(lines), s.number, s.display_box(xs[c], top, xs[c + n], bottom)))
        return out

    def _draw_rules(
        self,
        s: _Surface,
        layout: _Layout,
        x0: float,
        header_top: float,
        body_top: float,
        drawn: list[tuple[int, float]],
        bottom: float,
        with_header: bool,
    ) -> None:
        style = layout.spec.style
        if style == "no_rules":
            return
        x1 = x0 + layout.width
        if style == "three_line":
            s.hline(x0, x1, header_top, 1.5)
            if with_header:
                s.hline(x0, x1, body_top, 0.75)
            s.hline(x0, x1, bottom, 1.5)
            return
        xs = self._col_x(layout, x0)
        segments: set[tuple[float, float, float, float]] = set()

        def box(a: float, t: float, b: float, btm: float) -> None:
            for seg in ((a, t, b, t), (a, btm, b, btm), (a, t, a, btm), (b, t, b, btm)):
                segments.add(tuple(round(v, 2) for v in seg))  # type: ignore[arg-type]

        if with_header:
            ys = [header_top]
            for h in layout.header_heights:
                ys.append(ys[-1] + h)
            for sp in layout.spans:
                box(xs[sp.col], ys[sp.row], xs[sp.col + sp.colspan], ys[sp.row + sp.rowspan])
        for r, top in drawn:
            h = layout.body_heights[r if r >= 0 else -1 - r]
            for c in range(layout.n_cols):
                n = layout.spec.body_span(r if r >= 0 else -1 - r, c)
                if n:
                    box(xs[c], top, xs[c + n], top + h)
        for xa, ta, xb, tb in sorted(segments):
            if style == "lines":
                if ta == tb:
                    s.hline(xa, xb, ta)
                else:
                    s.vline(xa, ta, tb)
            elif style == "filled_paths":  # a thin filled open path through the four corners
                t = RECT_RULE_THICKNESS / 2
                s.filled_path(xa - t, ta - t, xb + t, tb + t)
            else:  # wps_rects: every rule is a thin filled rectangle, nothing stroked
                t = RECT_RULE_THICKNESS / 2
                s.filled_rect(xa - t, ta - t, xb + t, tb + t)

    # output -----------------------------------------------------------------

    def image_page(self, png_path: str | Path) -> None:
        """A page that is only a picture (a scan): no text layer."""
        s = self.new_page()
        s.image(str(png_path), 0, 0, s.width, s.height)

    def save(self) -> PrintedDocument:
        self._finish_page()
        self.c.save()
        return PrintedDocument(self.path, self.pages, self.tables)


# ----------------------------------------------------------------------------- ready-made tables

EXPENDITURE_HEADER: list[list[H | str]] = [
    [
        H("科目编码", rowspan=2),
        H("科目名称", rowspan=2),
        H("合计", rowspan=2),
        H("基本支出", colspan=3),
        H("项目支出", rowspan=2),
    ],
    ["小计", "人员经费", "公用经费"],
]

EXPENDITURE_ROWS: list[list[str]] = [
    ["", "合计", "1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"],
    ["208", "社会保障和就业支出", "1,452.43", "1,209.58", "993.07", "216.51", "242.85"],
    ["20801", "人力资源和社会保障管理事务", "1,342.47", "1,099.62", "894.84", "204.78", "242.85"],
    ["2080101", "行政运行", "1,099.62", "1,099.62", "894.84", "204.78", ""],
    ["2080109", "社会保险经办机构", "242.85", "", "", "", "242.85"],
    ["20805", "行政事业单位养老支出", "108.94", "108.94", "97.21", "11.73", ""],
    ["2080501", "行政单位离退休", "13.95", "13.95", "2.22", "11.73", "-"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "94.99", "94.99", "94.99", "0.00", "-"],
    ["210", "卫生健康支出", "190.28", "190.28", "190.28", "", ""],
    ["21011", "行政事业单位医疗", "190.28", "190.28", "190.28", "", ""],
    ["2101101", "行政单位医疗", "82.30", "82.30", "82.30", "", ""],
    ["2101103", "公务员医疗补助", "107.99", "107.99", "107.99", "", ""],
    ["221", "住房保障支出", "183.59", "183.59", "183.59", "", ""],
    ["22102", "住房改革支出", "183.59", "183.59", "183.59", "", ""],
    ["2210201", "住房公积金", "122.18", "122.18", "122.18", "", ""],
    ["2210202", "提租补贴", "20.26", "20.26", "20.26", "", ""],
    ["2210203", "购房补贴", "41.15", "41.15", "41.15", "", ""],
]


def split_code(code: str) -> list[str]:
    """ "2080101" → ["208", "01", "01"]: the 类/款/项 columns of a 功能分类 code."""
    if not code.isdigit():
        return [code, "", ""]
    return [code[:3], code[3:5], code[5:7]]


def _cents(cents: int) -> str:
    return f"{cents // 100:,}.{cents % 100:02d}"


def generated_rows(n: int, seed: int = 7) -> list[list[str]]:
    """`n` plausible 功能分类 rows (code, name, 合计, 基本, 项目) with varied printed forms."""
    names = ["行政运行", "一般行政管理事务", "机关服务", "事业运行", "其他支出", "信息化建设", "专项业务活动"]
    rows = []
    state = seed
    for i in range(n):
        state = (state * 1103515245 + 12345) % 2**31
        basic = state % 90000000
        project = (state // 7) % 30000000
        code = f"2{(i // 90) % 10}{(i // 9) % 10}{i % 9 + 1:02d}{i % 7 + 1:02d}"
        kind = i % 11
        project_text = {3: "-", 5: "", 7: "0.00"}.get(kind, _cents(project))
        total = basic + (project if kind not in (3, 5, 7) else 0)
        rows.append([code, f"{names[i % len(names)]}{i + 1}", _cents(total), _cents(basic), project_text])
    return rows


def read_labels(table) -> list[str]:
    """A read table's column labels with the header texts joined without separator, as the
    specs' `column_labels` give them."""
    from desktopapp.core.header_spans import column_paths

    return ["".join(path) for path in column_paths(table)]
