"""A body row broken by a page: "八、社会保障和就" ends one page with no figures, "业支出"
with the figures tops the next. The two parts are one row.

The evidence has to be clear, since a figure-less group row followed by a normal row is
common: the first part's name runs to the right edge of its cell on its last line (it was
wrapping when the page ended; `names_at_edge` is read on the page, where the characters
are; without vertical rules, where another name of the column wrapped or as far right of its
centred header label as the names start left of it) or only the two parts together make a 科目's name (社会保障和就业支出; for tables set
without rules, whose cells have no edge), it has no figures (besides the name only its code,
in one column or in 类/款/项 columns), and the next page's first body row has no code of its
own, does not start an item (一、, （一）, 其中, 合计) and carries the row's figures. So read,
it holds in a 绩效 form as in a table of figures.
"""

from __future__ import annotations

import re

from desktopapp.core.model import Cell
from desktopapp.core.numbers import normalize, parse_amount
from desktopapp.extract.grid import Grid
from desktopapp.tables.subjects import (
    economic_class_code,
    economic_item_code,
    function_class_code,
    split_prefix,
)

_NEW_ITEM = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|其中|合计|总计|小计)"
)
_CODE = re.compile(r"^[0-9A-Za-z]{3,}$")
# A code, or one part of a code printed in several columns (类 | 款 | 项: "208" | "05" | "05").
_CODE_PART = re.compile(r"^([0-9A-Za-z]{3,}|[0-9]{2})$")


def names_at_edge(grid: Grid, last_row: list[Cell], following: Grid | None = None) -> list[Cell]:
    """The cells of the grid's last row whose text reaches the cell's right edge on its last
    line (within about a character and the cell's padding). A grid without vertical rules
    (three-line, aligned) has no printed edge: there the column must show where it wraps —
    another of its names wrapped over lines, ending there — and the text reach it.
    `following` is the table's grid on the next page laid out in the same columns (a table
    set by alignment): its body rows tell the column's alignment and wrapping too."""
    out: list[Cell] = []
    r = len(grid.ys) - 2
    slots = grid.slots()
    more = following.slots()[following.header_rows_hint or 0 :] if following is not None else []
    for c, (cell, origin) in enumerate(slots[r] if r >= 0 else []):
        upright = _upright(cell)
        if not origin or not upright or c >= len(last_row):
            continue
        line = _lines(upright)[-1]
        width = max(ch.x1 - ch.x0 for ch in line)
        tolerance = 1.5 * width + 4.0
        edge = cell.x1 if grid.strategy == "ruled" else (
            _wrap_edge(slots + more, r, c, tolerance, grid.header_rows_hint or 0)
            or _mirrored_edge(grid, slots, c, more)
        )
        if edge is not None and edge - max(ch.x1 for ch in line) <= tolerance:
            out.append(last_row[c])
    return out


def _upright(cell) -> list:
    return [ch for ch in cell.chars if ch.upright and not ch.text.isspace()]


def _lines(chars: list) -> list[list]:
    """The characters of a cell by line, top to bottom."""
    lines: list[list] = []
    for ch in sorted(chars, key=lambda ch: ch.base):
        if lines and abs(ch.base - lines[-1][0].base) < 0.5 * ch.size:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines


def _wrap_edge(slots, r: int, c: int, tolerance: float, head: int = 0) -> float | None:
    """Where column `c` wraps its texts: the end of its widest body text, when another cell of
    the column (not in row `r`) wrapped over lines that end there; else None. A label of the
    header (its first `head` rows) wrapped in the column shows the edge too, but never sets
    it: on one line, or run together with its neighbour's, it may reach beyond the names."""
    widest = None
    wrapped_ends: list[float] = []
    for row, cells in enumerate(slots):
        if c >= len(cells) or not cells[c][1] or cells[c][0].col_span != 1:
            continue
        lines = _lines(_upright(cells[c][0]))
        if not lines:
            continue
        ends = [max(ch.x1 for ch in line) for line in lines]
        if row >= head:
            widest = max([widest or ends[0], *ends])
        if row != r and len(lines) > 1:
            wrapped_ends.append(max(ends[:-1]))
    if widest is None or not any(abs(widest - end) <= tolerance for end in wrapped_ends):
        return None
    return widest


def joins_next_page(first: list[Cell], second: list[Cell], at_edge: list[Cell]) -> bool:
    """Whether `second` (the next page's first body row) carries on `first` (the page's last)."""
    n = broken_name_column(first, second)
    if n is None:
        return False
    name, tail = first[n], normalize(second[n].text)
    # The name was wrapping when the page ended, or only the two parts make a 科目's name.
    head = normalize(name.text)
    return any(_same_cell(name, c) for c in at_edge) or (
        _known_subject(head + tail) and not _known_subject(head) and not _known_subject(tail)
    )


def broken_name_column(first: list[Cell], second: list[Cell]) -> int | None:
    """The column of the name, when the two rows look like one row broken by a page: `first`
    a name without figures (besides it only its code), `second` the row's figures under a name
    that does not start as a name starts (no code of its own, no 一、/（一）/1./合计). Only
    the shape: whether they are one row needs evidence besides (`joins_next_page`)."""
    filled = [(i, c) for i, c in enumerate(first) if c.text and not c.covered]
    if not filled or len(filled) > 4 or len(second) != len(first):
        return None
    n, name = filled[-1]
    if parse_amount(normalize(name.text)) is not None or _CODE.match(normalize(name.text)):
        return None  # a figure or a code, no name
    if not all(_CODE_PART.match(normalize(c.text)) for _, c in filled[:-1]):
        return None  # besides the name only a code (in one column or in 类/款/项 columns)
    rest = second[n]
    tail = normalize(rest.text)
    if rest.covered or not tail or _NEW_ITEM.match(tail) or _CODE.match(tail) or parse_amount(tail) is not None:
        return None
    if any(c.text and not c.covered for c in second[:n]):
        return None  # a code or label of its own left of the name
    if not any(parse_amount(normalize(c.text)) is not None for i, c in enumerate(second) if i != n and not c.covered):
        return None  # the row's figures went on with its name; two rows without figures stay apart
    return n


def _same_cell(a: Cell, b: Cell) -> bool:
    """The same printed cell, also after assembly laid the page's rows out again (columns
    shared with the table's other pages): same page, text and row."""
    if a is b:
        return True
    return a.page == b.page and a.text == b.text and a.box is not None and b.box is not None and abs(a.box.top - b.box.top) < 2.0


def _mirrored_edge(grid: Grid, slots, c: int, more: list | None = None) -> float | None:
    """Where the texts of left-aligned column `c` would end at its right edge: its header
    label is centred in the cell, so the edge lies as far right of the label's centre as the
    names start left of it (names start at one x in two rows or more; `more`: body rows of
    the column on the next page)."""
    head = grid.header_rows_hint
    if not head or head >= len(slots):
        return None
    labels = [
        chars
        for cells in slots[:head]
        if c < len(cells) and cells[c][1] and cells[c][0].col_span == 1 and (chars := _upright(cells[c][0]))
    ]
    starts = [
        min(ch.x0 for ch in chars)
        for cells in slots[head:] + (more or [])
        if c < len(cells) and cells[c][1] and cells[c][0].col_span == 1 and (chars := _upright(cells[c][0]))
    ]
    if not labels or len(starts) < 3:
        return None
    left = min(starts)
    if sum(1 for x in starts if x - left < 1.0) < 2:
        return None  # not a left-aligned column
    label = labels[-1]
    centre = (min(ch.x0 for ch in label) + max(ch.x1 for ch in label)) / 2
    return 2 * centre - left if centre > left else None


def _known_subject(label: str) -> bool:
    _, _, bare = split_prefix(label)
    return bool(function_class_code(bare) or economic_class_code(bare) or economic_item_code(bare))


def join_rows(first: list[Cell], second: list[Cell]) -> list[Cell]:
    """One row: the figures of the second part, the name joined, the code of the first."""
    n = max(i for i, c in enumerate(first) if c.text and not c.covered)
    name, rest = first[n], second[n]
    name.text = name.text + rest.text
    if rest.page is not None and rest.box is not None:
        name.continued.append((rest.page, rest.box))
    row = list(second)
    row[n] = name
    for i in range(n):
        if first[i].text and not first[i].covered:
            row[i] = first[i]
    return row
