"""Body rows: blocks overlapping vertically form one row; empty rows are restored where the
line pitch leaves a gap; a ruled band holding several rows is split into them."""

from __future__ import annotations

import re
import statistics

from desktopapp.extract.grid import Grid, GridCell
from desktopapp.extract.grid_aligned.blocks import Block, stack_blocks
from desktopapp.extract.layout import Char
from desktopapp.extract.text import cell_text, fragments, group_lines


def body_rows(blocks: list[Block]) -> list[list[Block]]:
    """Blocks overlapping vertically (by a good part of the smaller) form one row."""
    rows: list[tuple[float, float, list[Block]]] = []
    for b in sorted(blocks, key=lambda b: b.top):
        if rows:
            top, bottom, members = rows[-1]
            overlap = min(bottom, b.bottom) - max(top, b.top)
            smaller = min(bottom - top, b.bottom - b.top)
            if overlap > 0.3 * smaller:
                members.append(b)
                rows[-1] = (min(top, b.top), max(bottom, b.bottom), members)
                continue
        rows.append((b.top, b.bottom, [b]))
    return [members for _, _, members in rows]


def row_bands(rows: list[list[Block]], top: float, bottom: float) -> list[tuple[float, float, list[Block] | None]]:
    """Row bands from the table top to bottom; empty rows are restored where the regular
    line pitch leaves a gap of whole rows."""
    spans = [(min(b.top for b in r), max(b.bottom for b in r), r) for r in rows]
    single = [s for s in spans if all(len({f.line for f in b.frags}) == 1 for b in s[2])]
    pitches = [b[0] - a[0] for a, b in zip(single, single[1:]) if b[0] - a[0] > 0]
    # One-line rows next to each other give the pitch; others only when none stand together
    # (rows wrapped over lines between them would stretch it) — and when the rows, nearly all
    # wrapped, stand apart by a regular gap, that gap shows the empty rows instead (a page
    # that carries a table on: its first and last rows on one line, all between wrapped).
    adjacent = _adjacent_single_pitches(spans, single)
    wrapped = {} if adjacent else _missing_between_wrapped(spans)
    pitch = _pitch(adjacent or pitches) if (adjacent or pitches) and not wrapped else None
    if not adjacent and 2 * len(single) < len(spans):
        pitch = None  # one-line rows only apart, across rows wrapped over lines: no pitch
    out: list[tuple[float, float, list[Block] | None]] = []
    for k, (t, b, r) in enumerate(spans):
        out.extend((et, eb, None) for et, eb in wrapped.get(k, []))
        if k > 0 and pitch:
            pt, pb, prow = spans[k - 1]
            prev_single = prow in [s[2] for s in single]
            if prev_single and (pb - pt) < pitch:
                missing = round((t - pt) / pitch) - 1
            elif not prev_single and adjacent:
                # After a row wrapped over lines: its last line stands where a one-line row
                # would, the gap beyond the rows' own gap holds empty rows.
                line = statistics.median(s[1] - s[0] for s in single)
                missing = round((t - pb - (pitch - line)) / pitch)
                pt = pb - line
            else:
                missing = 0
            if missing > 0:
                for m in range(max(0, min(missing, 20))):
                    et = pt + pitch * (m + 1)
                    out.append((et, et + (pb - pt), None))
        out.append((t, b, r))
    return out


def _pitch(steps: list[float]) -> float:
    """The rows' pitch: the usual step — or, when few steps are there, an empty row among
    them ('（三）住房保障支出' | empty | '二、结转下年' | '收入总计'), the smallest, if every
    step is a whole number of it."""
    usual = statistics.median(steps)
    least = min(steps)
    if usual >= 1.5 * least and all(abs(s / least - round(s / least)) <= 0.1 for s in steps):
        return least
    return usual


def _adjacent_single_pitches(spans: list[tuple[float, float, list[Block]]], single: list) -> list[float]:
    ids = {id(s[2]) for s in single}
    return [
        b[0] - a[0]
        for a, b in zip(spans, spans[1:])
        if id(a[2]) in ids and id(b[2]) in ids and b[0] - a[0] > 0
    ]


def _missing_between_wrapped(spans: list[tuple[float, float, list[Block]]]) -> dict[int, list[tuple[float, float]]]:
    """Empty rows between rows that are nearly all names wrapped over lines (no run of
    one-line rows gives a pitch): where rows stand apart by a regular gap, a gap wider by a
    one-line row and its gap holds an empty row (as many as fit). Nothing when the gaps are
    not regular."""
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])]
    if len(gaps) < 3:
        return {}
    normal = statistics.median(gaps)
    if sum(1 for g in gaps if abs(g - normal) <= 1.0) * 2 < len(gaps) or normal <= 0:
        return {}
    heights = [f.bottom - f.top for _, _, row in spans for b in row for f in b.frags]
    empty_row = statistics.median(heights) + normal
    out: dict[int, list[tuple[float, float]]] = {}
    for k, gap in enumerate(gaps, start=1):
        extra = gap - normal
        if extra >= 0.75 * empty_row:
            above = spans[k - 1][1]
            tops = [above + normal + m * empty_row for m in range(min(20, round(extra / empty_row)))]
            out[k] = [(t, t + empty_row - normal) for t in tops]
    return out


def split_tall_rows(grid: Grid) -> None:
    """A ruled grid whose body rows are not separated by rules (only the columns are ruled)
    holds several table rows in one band: split such a band where its text lines fall
    into rows, when several of its cells hold more than one amount or code."""
    r = 0
    while r < grid.n_rows:
        band = [c for c in grid.cells if c.row == r and c.row_span == 1 and c.chars]
        crowded = sum(1 for c in band if _stacked_values(c) >= 2)
        if crowded < 2 or len(band) < 2:
            r += 1
            continue
        blocks: list[Block] = []
        owner: dict[int, GridCell] = {}
        for cell in band:
            lines = group_lines(cell.chars)
            frags = [f for i, ln in enumerate(lines) for f in fragments(ln, i)]
            for b in stack_blocks(frags, 0.45):
                blocks.append(b)
                owner[id(b)] = cell
        rows = body_rows(blocks)
        if len(rows) < 2:
            r += 1
            continue
        _replace_band(grid, r, rows, owner)
        r += len(rows)


def _stacked_values(cell: GridCell) -> int:
    """How many amounts or codes are printed one under another in a cell."""
    return sum(1 for ln in group_lines(cell.chars) if _VALUE.fullmatch(ln.text.replace(" ", "")))


_VALUE = re.compile(r"[-+]?[\d,]+(\.\d+)?%?|-|—")


def _replace_band(grid: Grid, r: int, rows: list[list[Block]], owner: dict[int, GridCell]) -> None:
    spans = [(min(b.top for b in row), max(b.bottom for b in row)) for row in rows]
    cuts = [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])]
    n_new = len(rows) - 1
    new_cells: list[GridCell] = []
    for cell in grid.cells:
        if cell.row > r:
            cell.row += n_new
        elif cell.row + cell.row_span - 1 >= r and not (cell.row == r and cell.row_span == 1):
            cell.row_span += n_new  # a cell reaching over the band keeps covering it
        elif cell.row == r and cell.row_span == 1:
            continue
        new_cells.append(cell)
    ys = grid.ys[: r + 1] + cuts + grid.ys[r + 1:]
    for cell in (c for c in grid.cells if c.row == r and c.row_span == 1):
        parts: list[list[Char]] = [[] for _ in rows]
        for k, row in enumerate(rows):
            for b in row:
                if owner.get(id(b)) is cell:
                    parts[k].extend(b.chars)
        for k, chars in enumerate(parts):
            sub = GridCell(r + k, cell.col, 1, cell.col_span, cell.x0, ys[r + k], cell.x1, ys[r + k + 1], chars)
            sub.text = cell_text(chars)
            new_cells.append(sub)
    grid.ys = ys
    grid.cells = sorted(new_cells, key=lambda c: (c.row, c.col))
