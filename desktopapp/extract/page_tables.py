"""One page → its table pieces (grid, caption, notes) and its running text.

This is the unit of work of a reader process: it returns small picklable results only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktopapp.core.model import Box, Cell, Page, TextLine
from desktopapp.core.numbers import normalize
from desktopapp.extract.captions import (
    Caption,
    is_caption_text,
    is_note_start,
    read_caption,
    read_foot_caption,
    read_notes,
)
from desktopapp.extract.grid import Grid, GridCell, bin_chars
from desktopapp.extract.grid_aligned import RegionText, find_aligned_grids, split_tall_rows
from desktopapp.extract.grid_ruled import find_ruled_grids
from desktopapp.extract.layout import Char, Frame, PageLayout
from desktopapp.extract.row_breaks import names_at_edge
from desktopapp.extract.text import Line, group_lines

_UNIT_OR_ORG = re.compile(r"单位[:：]|部门[:：]")
SLIVER = 4.0  # rows / columns thinner than this (points) with no text are drawing artefacts
CAPTION_LINES = 6
CAPTION_REACH = 90.0  # points above a table where its caption may be


@dataclass
class Piece:
    """The part of a table printed on one page."""

    page: int
    # The table's cells, one per slot, as they will be in the Table (assembly completes them).
    rows: list[list[Cell]]
    strategy: str
    caption: Caption
    notes: list[str] = field(default_factory=list)
    header_hint: int | None = None
    header_labels_merged: bool = False  # see Grid.header_labels_merged
    bbox: Box | None = None
    top: float = 0.0  # reading-frame position on the page
    bottom: float = 0.0
    page_height: float = 0.0
    index_on_page: int = 0
    text_above: bool = False  # running text printed above it on the page
    blank: bool = False  # ruled cells with no text: kept only as a continued table's last part
    xs: list[float] = field(default_factory=list)  # column boundaries (reading frame)
    # A table set by alignment keeps its sorted text, so that all its pages can share
    # one set of columns (a column may be empty on one page).
    aligned: RegionText | None = None
    frame: Frame | None = None
    # Cells of the last row whose text runs to the cell's edge (a name the page broke).
    names_at_edge: list[Cell] = field(default_factory=list)

    def row_texts(self) -> list[list[str]]:
        return [["" if c.covered else c.text for c in row] for row in self.rows]


@dataclass
class PageResult:
    page: Page
    pieces: list[Piece]


def analyse_page(layout: PageLayout) -> PageResult:
    chars = layout.chars
    grids, free_hrules = find_ruled_grids(layout.hrules, layout.vrules)
    tables: list[Grid] = []
    blanks: list[Grid] = []
    outside: list[Char] = chars
    for grid in grids:
        rest = bin_chars(grid, outside)
        split_tall_rows(grid)
        rest.extend(_caption_rows_out(grid))
        if _is_table(grid):
            tables.append(grid)
            outside = rest
        else:
            for cell in grid.cells:
                cell.chars.clear()
                cell.text = ""
            if grid.n_cols >= 2 and len(rest) == len(outside):
                blanks.append(grid)
    aligned, outside = find_aligned_grids(outside, free_hrules, tables, layout.width, layout.height)
    texts = {id(grid): text for grid, text in aligned}
    tables.extend(grid for grid, _ in aligned)
    # Empty ruled rows at the top of a page may end a table continued from the page before.
    tables.extend(b for b in blanks if not tables or b.bottom <= min(t.top for t in tables))
    tables.sort(key=lambda g: (g.top, g.x0))
    for grid in tables:
        _drop_slivers(grid)

    outside_lines = group_lines(outside)
    pieces: list[Piece] = []
    used: set[int] = set()  # lines read as a caption or a note
    floor = 0.0  # bottom of what was read so far on the page
    for k, grid in enumerate(tables):
        above = [ln for ln in outside_lines if ln.bottom <= grid.top + 1.0 and ln.top >= floor - 1.0]
        caption_lines, text_above = _caption_zone(above, grid)
        caption = read_caption(caption_lines, grid.x0, grid.x1)
        next_top = tables[k + 1].top if k + 1 < len(tables) else layout.height + 1
        below = [ln for ln in outside_lines if ln.top >= grid.bottom - 1.0 and ln.bottom <= next_top + 1.0]
        notes, notes_bottom = read_notes(below, limit_gap=1.2)
        used.update(id(ln) for ln in caption_lines)
        used.update(id(ln) for ln in below if notes_bottom is not None and ln.bottom <= notes_bottom + 0.5)
        piece = _piece(layout, grid, caption, notes)
        piece.aligned = texts.get(id(grid))
        piece.index_on_page = k
        piece.text_above = text_above or (k > 0)
        piece.blank = not any(cell.text for cell in grid.cells)
        pieces.append(piece)
        floor = max(grid.bottom, notes_bottom or 0.0)
    gridless = _tables_without_grid([ln for ln in outside_lines if id(ln) not in used], layout)
    if gridless:
        pieces = sorted(pieces + gridless, key=lambda p: p.top)
        for k, piece in enumerate(pieces):
            piece.index_on_page = k
            piece.text_above = piece.text_above or k > 0
    foot = _foot_caption([ln for ln in outside_lines if id(ln) not in used], pieces, floor, layout)
    if foot is not None:
        foot.index_on_page = len(pieces)
        pieces.append(foot)
    return PageResult(_page_model(layout), pieces)


def _foot_caption(lines: list[Line], pieces: list[Piece], floor: float, layout: PageLayout) -> Piece | None:
    """A caption alone at the foot of the page (its grid on the next): a blank piece that
    assembly hands to the next page's first grid (extract/assemble.py)."""
    below = max([floor] + [p.bottom for p in pieces])
    caption = read_foot_caption([ln for ln in lines if ln.top >= below - 1.0])
    if caption is None or caption.top is None:
        return None
    return Piece(
        page=layout.number,
        rows=[],
        strategy="foot_caption",
        caption=caption,
        top=caption.top,
        bottom=layout.height,
        page_height=layout.height,
        blank=True,
        frame=layout.frame,
    )


def _tables_without_grid(lines: list[Line], layout: PageLayout) -> list[Piece]:
    """A table printed as its caption and a note only ('表8 政府性基金预算支出表 … 本单位无
    政府性基金预算收支'): an empty table."""
    pieces: list[Piece] = []
    k = 0
    while k < len(lines):
        title = lines[k]
        if not _is_table_title(title.text):
            k += 1
            continue
        j = k + 1
        while j < len(lines) and j <= k + 4 and not is_note_start(lines[j].text) and is_caption_text(lines[j].text):
            j += 1
        if j >= len(lines) or not is_note_start(lines[j].text) or "无" not in lines[j].text:
            k += 1
            continue
        start = k
        while start > 0 and k - start < 2 and is_caption_text(lines[start - 1].text) and not _is_table_title(lines[start - 1].text):
            start -= 1
        x0 = min(ln.x0 for ln in lines[start: j + 1])
        x1 = max(ln.x1 for ln in lines[start: j + 1])
        caption = read_caption(lines[start:j], x0, x1)
        notes, bottom = read_notes(lines[j:], limit_gap=1.2)
        frame = layout.frame
        top = lines[start].top
        end = bottom if bottom is not None else lines[j].bottom
        pieces.append(
            Piece(
                page=layout.number,
                rows=[],
                strategy="caption",
                caption=caption,
                notes=notes,
                bbox=frame.to_page(x0, top, x1, end),
                top=top,
                bottom=end,
                page_height=layout.height,
                frame=frame,
            )
        )
        k = j + max(1, len(notes))
    return pieces


def _is_table_title(text: str) -> bool:
    t = normalize(text)
    return is_caption_text(t) and t.endswith("表") and not _UNIT_OR_ORG.search(t)


def _caption_rows_out(grid: Grid) -> list[Char]:
    """Title, 单位 and 编制单位 lines printed inside the ruled frame, above the header, are
    the caption: take them out of the grid (their characters are returned)."""
    out: list[Char] = []
    while grid.n_rows > 1:
        first = [c for c in grid.cells if c.row == 0]
        filled = [c for c in first if c.text]
        if not filled or len(filled) > 2 or any(c.row_span > 1 for c in filled):
            break
        if sum(c.col_span for c in filled) < max(2, 0.6 * grid.n_cols) and len(filled) == 1:
            break
        if not all(is_caption_text(c.text) for c in filled):
            break
        for c in first:
            out.extend(c.chars)
        _remove_band(grid, 0, "row", keep_boundary="lower")
    return out


def _is_table(grid: Grid) -> bool:
    """A ruled frame is a table when it has at least two columns and two rows of slots with text."""
    if grid.n_cols < 2 or grid.n_rows < 1:
        return False
    filled = [c for c in grid.cells if c.text]
    if not filled:
        return False
    # A box around a paragraph (one cell holds everything) is not a table.
    return not (len(filled) == 1 and len(grid.cells) <= 2)


def _caption_zone(above: list[Line], grid: Grid) -> tuple[list[Line], bool]:
    """The lines right above a table that may be its caption (top to bottom), and whether
    running text (a paragraph) is printed above the table."""
    chosen: list[Line] = []
    limit_top = grid.top - CAPTION_REACH
    width = grid.x1 - grid.x0
    paragraph = False
    for ln in reversed(above):
        if ln.bottom < limit_top or len(chosen) >= CAPTION_LINES:
            break
        if ln.x1 < grid.x0 - 0.2 * width or ln.x0 > grid.x1 + 0.2 * width:
            continue
        if _is_paragraph_line(ln, grid):
            paragraph = True
        chosen.append(ln)
        limit_top = min(limit_top, ln.top - CAPTION_REACH / 2)
    chosen.reverse()
    return chosen, paragraph or any(_is_paragraph_line(ln, grid) for ln in above)


def _is_paragraph_line(line: Line, grid: Grid) -> bool:
    """A line of running text: long, with sentence punctuation."""
    text = line.text
    return len(text) > 24 and any(p in text for p in "，。；") and "单位：" not in text and "单位:" not in text


def _drop_slivers(grid: Grid) -> None:
    """Remove empty rows/columns thinner than SLIVER (double rules) and fix spans."""
    def empty_band(index: int, axis: str) -> bool:
        for cell in grid.cells:
            start = cell.row if axis == "row" else cell.col
            span = cell.row_span if axis == "row" else cell.col_span
            if start <= index < start + span and cell.text:
                if span == 1:
                    return False
                # A merged cell's text belongs to the band holding its centre.
                lo = grid.ys[start] if axis == "row" else grid.xs[start]
                hi = grid.ys[start + span] if axis == "row" else grid.xs[start + span]
                mid = (lo + hi) / 2
                bands = grid.ys if axis == "row" else grid.xs
                if bands[index] <= mid <= bands[index + 1]:
                    return False
        return True

    for axis in ("row", "col"):
        bands = grid.ys if axis == "row" else grid.xs
        i = 0
        while i < len(bands) - 1:
            if len(bands) > 2 and bands[i + 1] - bands[i] < SLIVER and empty_band(i, axis):
                _remove_band(grid, i, axis)
                bands = grid.ys if axis == "row" else grid.xs
            else:
                i += 1


def _remove_band(grid: Grid, index: int, axis: str, keep_boundary: str = "upper") -> None:
    keep: list[GridCell] = []
    for cell in grid.cells:
        start = cell.row if axis == "row" else cell.col
        span = cell.row_span if axis == "row" else cell.col_span
        if start <= index < start + span:
            if span == 1:
                continue
            span -= 1
        elif start > index:
            start -= 1
        if axis == "row":
            cell.row, cell.row_span = start, span
        else:
            cell.col, cell.col_span = start, span
        keep.append(cell)
    grid.cells = keep
    bands = grid.ys if axis == "row" else grid.xs
    if keep_boundary == "lower":  # the band's space leaves the grid
        del bands[index]
    # Give the sliver to its neighbour: the boundary in the middle goes.
    elif index + 1 < len(bands) - 1:
        del bands[index + 1]
    else:
        del bands[index]


def grid_rows(grid: Grid, frame: Frame, page: int) -> list[list[Cell]]:
    """The grid's slots as rows of cells with their boxes on the page (a merged cell's
    other slots are covered)."""
    rows: list[list[Cell]] = []
    for r, row in enumerate(grid.slots()):
        out = []
        for c, (cell, origin) in enumerate(row):
            if origin:
                box = frame.to_page(cell.x0, cell.top, cell.x1, cell.bottom)
                out.append(Cell(cell.text, page, box, row_span=cell.row_span, col_span=cell.col_span))
            else:
                box = frame.to_page(grid.xs[c], grid.ys[r], grid.xs[c + 1], grid.ys[r + 1])
                out.append(Cell("", page, box, covered=True))
        rows.append(out)
    return rows


def _piece(layout: PageLayout, grid: Grid, caption: Caption, notes: list[str]) -> Piece:
    frame = layout.frame
    rows = grid_rows(grid, frame, layout.number)
    return Piece(
        page=layout.number,
        rows=rows,
        names_at_edge=names_at_edge(grid, rows[-1]) if rows else [],
        strategy=grid.strategy,
        caption=caption,
        notes=notes,
        header_hint=grid.header_rows_hint,
        header_labels_merged=grid.header_labels_merged,
        bbox=frame.to_page(grid.x0, grid.top, grid.x1, grid.bottom),
        top=grid.top,
        bottom=grid.bottom,
        page_height=layout.height,
        xs=list(grid.xs),
        frame=frame,
    )


def _page_model(layout: PageLayout) -> Page:
    frame = layout.frame
    lines = group_lines(layout.chars)
    text_lines = [TextLine(ln.text, frame.to_page(ln.x0, ln.top, ln.x1, ln.bottom)) for ln in lines]
    return Page(
        number=layout.number,
        width=frame.page_width,
        height=frame.page_height,
        rotation=layout.rotation,
        text="\n".join(tl.text for tl in text_lines),
        lines=text_lines,
        has_text_layer=bool(layout.chars),
    )
