"""One aligned table region → its grid: the region's text sorted into header labels and
body rows (`RegionText`), laid out once its columns are known (`make_grid`; a table
continued over pages shares the columns of all its pages, `shared_columns`)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from desktopapp.extract.grid import Grid, GridCell
from desktopapp.extract.grid_aligned.blocks import (
    CELL_GAP,
    Block,
    is_amountish,
    join_spread_labels,
    split_at_columns,
    split_hung_at_columns,
    stack_blocks,
)
from desktopapp.extract.grid_aligned.columns import (
    body_column_extents,
    column_boundaries,
    column_extents,
    columns_of,
)
from desktopapp.extract.grid_aligned.header_cells import (
    band_of,
    extend_header_cells,
    groups_pair_below,
    header_bands,
    join_spread_lines,
    split_by_rules,
    underline_spans,
)
from desktopapp.extract.grid_aligned.regions import Region
from desktopapp.extract.grid_aligned.rows import body_rows, row_bands
from desktopapp.extract.grid_aligned.sparse_forms import is_measure
from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, cell_text, fragments, group_lines, join_chars


@dataclass
class RegionText:
    """The text of one aligned table region, sorted into header labels and body rows —
    what is needed to lay its grid once its columns are known."""

    region: Region
    head_blocks: list[Block]
    body_blocks: list[Block]
    rows: list[list[Block]]
    band_ys: list[float]
    leaves: list[Block]  # labels of the lowest header band
    size: float

    @property
    def width(self) -> float:
        return self.region.x1 - self.region.x0


def prepare(chars: list[Char], region: Region) -> RegionText | None:
    lines = group_lines(chars)
    frags: list[Fragment] = []
    for i, ln in enumerate(lines):
        # Cells of a table without rules may stand closer than an em apart; text spread
        # wider inside one cell is joined again below (join_spread_labels).
        frags.extend(fragments(ln, i, CELL_GAP))
    if not frags:
        return None
    size = statistics.median(f.size for f in frags)
    if region.header_bottom is not None:
        head_frags = [f for f in frags if f.cy < region.header_bottom]
        body_frags = [f for f in frags if f.cy >= region.header_bottom]
    else:
        head_frags, body_frags = [], frags
    narrow = 0.25 * (region.x1 - region.x0)
    # '收  入  总  计' spread over its cell in a body row: one label, when the columns the
    # other text makes do not part its characters.
    solid = stack_blocks([f for f in body_frags if len(f.text) > 1], 0.45)
    # Header labels of a few characters at least: a spread label's single characters ('收  入')
    # head no column each.
    labels = [(b.x0, b.x1) for b in stack_blocks(head_frags, 0.45) if sum(len(f.text.strip()) for f in b.frags) >= 2]
    body_frags = join_spread_labels(body_frags, body_column_extents([(0, solid, body_rows(solid))], narrow), labels)
    body_blocks = stack_blocks(body_frags, 0.45)
    rows = body_rows(body_blocks)
    body_columns = body_column_extents([(0, body_blocks, rows)], narrow)
    parted = split_hung_at_columns(body_frags, body_columns, is_measure)
    if len(parted) > len(body_frags):
        body_frags = parted
        body_blocks = stack_blocks(body_frags, 0.45)
        rows = body_rows(body_blocks)
        body_columns = body_column_extents([(0, body_blocks, rows)], narrow)
    head_frags = split_at_columns(join_spread_labels(head_frags, body_columns), body_columns)
    head_blocks = join_spread_lines(split_by_rules(stack_blocks(head_frags, 0.45), region.inner_rules))
    if not body_blocks and not head_blocks:
        return None
    head_bottom = region.header_bottom if region.header_bottom is not None else region.top
    band_ys = header_bands(head_blocks, region.top, head_bottom, region.inner_rules)
    leaves = [b for b in head_blocks if b.bottom > band_ys[-2] + 1] if len(band_ys) >= 2 else head_blocks
    # A label centred from an upper band down to the header's foot, with no label under
    # it, heads a column too (a column left empty in the body has only its label).
    leaves += [b for b in head_blocks if b not in leaves and _reaches_foot(b, band_ys, head_blocks)]
    leaves = [b for b in leaves if not _groups_columns(b, head_blocks, body_columns)]
    if _caption_row(leaves, body_blocks, body_columns):
        leaves = [b for b in leaves if _over_body_column(b, body_columns)]
    if not any(is_amountish(b) for b in body_blocks):
        # No figure marks the columns of an empty table, and its bands may be misread
        # (labels centred in deep bands leave no gutter): its header alone makes them.
        first_row = rows[0] if rows else []
        leaves += [
            b for b in head_blocks
            if b not in leaves and _lowest_label(b, head_blocks) and not _heads_row_labels(b, first_row, size)
        ]
    return RegionText(region, head_blocks, body_blocks, rows, band_ys, leaves, size)


def _reaches_foot(label: Block, band_ys: list[float], head: list[Block]) -> bool:
    foot = band_ys[-1]
    middle = (label.top + label.bottom) / 2
    spans = [abs((y + foot) / 2 - middle) for y in band_ys[:-2]]
    centred = any(err <= 0.5 * label.size for err in spans)
    if centred and groups_pair_below(label, head, label.size) is not None:
        # A group label over a pair of lower labels of one band, centred in its own band, may
        # happen to lie near the centre of a span down to the foot as well: it is the group.
        own = min(abs((a + b) / 2 - middle) for a, b in zip(band_ys, band_ys[1:]))
        centred = min(spans) < own
    below = any(
        o is not label and o.top >= label.bottom - 0.2 * label.size and min(o.x1, label.x1) - max(o.x0, label.x0) > 0
        for o in head
    )
    return centred and not below


def _caption_row(leaves: list[Block], body: list[Block], body_columns: list[tuple[float, float]]) -> bool:
    """A form's caption row read as its header ('单位名称' | the unit's name, centred across
    the rest of the row) over a body whose figures make many more columns than it has
    labels: the labels name no columns, and one standing over none of the body's heads no
    column of its own (in small print it falls in the gap between two columns' text)."""
    if not body_columns or not any(is_amountish(b) for b in body) or 2 * len(leaves) >= len(body_columns):
        return False
    first = min(leaves, key=lambda b: b.x0, default=None)
    # The caption heads the row over the body's first column (its labels: 填报人, 总体资金情况;
    # on a continued page that column may be empty, the caption left of all the text);
    # group labels of a deep header read alone ('收入' | '支出') stand further right.
    return first is not None and first.x0 < body_columns[0][1]


def _over_body_column(label: Block, body_columns: list[tuple[float, float]]) -> bool:
    return any(min(b, label.x1) - max(a, label.x0) > 0 for a, b in body_columns)


def _lowest_label(label: Block, head: list[Block]) -> bool:
    """No header label stands under this one, nor lower on both sides of it (a group
    centred over its parts, '项目' over 科目编码 … 合计): it heads a column of its own."""
    lower = [o for o in head if o is not label and o.top >= label.bottom - 0.2 * label.size]
    if any(min(o.x1, label.x1) - max(o.x0, label.x0) > 0 for o in lower):
        return False
    centre = (label.x0 + label.x1) / 2
    return not (any(o.x1 <= centre for o in lower) and any(o.x0 >= centre for o in lower))


def _heads_row_labels(label: Block, row: list[Block], size: float) -> bool:
    """An empty table whose parts' labels are printed in its first row ('本年支出' over
    '合计 基本支出 项目支出' beside the row's '合计'): a label centred in the gap between two
    texts of the row, none under it, groups them and heads no column of its own."""
    if any(min(o.x1, label.x1) - max(o.x0, label.x0) > 0 for o in row):
        return False
    left = max((o for o in row if o.x1 <= label.x0), key=lambda o: o.x1, default=None)
    right = min((o for o in row if o.x0 >= label.x1), key=lambda o: o.x0, default=None)
    if left is None or right is None:
        return False
    return abs((label.x0 + label.x1) - (left.x1 + right.x0)) / 2 <= 0.5 * size


def _groups_columns(label: Block, head: list[Block], body_columns: list[tuple[float, float]]) -> bool:
    """A label centred between two labels printed lower that head neighbouring columns
    ('支出用途' over 项目名称 | 金额): it groups them. It stands over no column of the body
    but theirs ('项目' over 编码 | 科目名称 reaching the long names of the second, its label
    centred right of them on a wide page)."""
    over = {k for k, (a, b) in enumerate(body_columns) if min(b, label.x1) - max(a, label.x0) > 0}
    lower = [o for o in head if o is not label and o.top >= label.bottom - 0.2 * label.size]
    centre = (label.x0 + label.x1) / 2
    left = max((o for o in lower if o.x1 <= centre), key=lambda o: o.x1, default=None)
    right = min((o for o in lower if o.x0 >= centre), key=lambda o: o.x0, default=None)
    if left is None or right is None:
        return False

    def column(block: Block) -> int | None:
        over = next((k for k, (a, b) in enumerate(body_columns) if min(b, block.x1) - max(a, block.x0) > 0), None)
        return over if over is not None else _centred_over(block, body_columns)

    a, b = column(left), column(right)
    return a is not None and b is not None and b == a + 1 and over <= {a, b}


def _centred_over(label: Block, body_columns: list[tuple[float, float]]) -> int | None:
    """The body column a label stands centred over without reaching its text ('项目' over
    short names, '预算数' over narrow figures, on a wide page): the neighbour on its left
    when a cell from that column's left edge centred on the label ends before the next
    column, or the one on its right when a cell back from that column's right edge begins
    after the column before — the one of the two that fits."""
    centre = (label.x0 + label.x1) / 2
    left = max((k for k, (_, b) in enumerate(body_columns) if b <= label.x0), default=None)
    right = min((k for k, (a, _) in enumerate(body_columns) if a >= label.x1), default=None)
    fits = []
    if left is not None:
        next_lo = body_columns[left + 1][0] if left + 1 < len(body_columns) else float("inf")
        if 2 * centre - body_columns[left][0] <= next_lo:
            fits.append(left)
    if right is not None:
        prev_hi = body_columns[right - 1][1] if right > 0 else float("-inf")
        if 2 * centre - body_columns[right][1] >= prev_hi:
            fits.append(right)
    return fits[0] if len(fits) == 1 else None


def shared_columns(texts: list[RegionText]) -> list[tuple[float, float]]:
    """Column extents common to the regions of one table (its pages)."""
    if not texts:
        return []
    narrow = 0.25 * max(t.width for t in texts)
    size = statistics.median(t.size for t in texts)
    body = body_column_extents([(i, t.body_blocks, t.rows) for i, t in enumerate(texts)], narrow)
    # A label of a few characters heads one column, even over a table narrower than four of them.
    label_narrow = max(narrow, 4.5 * size)
    # A header repeated over a continuation page whose body leaves a column empty: its group
    # label there stands over no column and seems to head one; the body of all the pages
    # shows the column it groups.
    leaves = [
        (b.x0, b.x1)
        for t in texts
        for b in t.leaves
        if b.x1 - b.x0 <= label_narrow and (len(texts) == 1 or not _groups_columns(b, t.head_blocks, body))
    ]
    wide = [(b.x0, b.x1) for t in texts for b in t.body_blocks if b.x1 - b.x0 > narrow]
    wide += [(b.x0, b.x1) for t in texts for b in t.leaves if b.x1 - b.x0 > label_narrow]
    if not body and not leaves:
        return []
    blocks = [b for t in texts for b in t.body_blocks]
    text_only = [
        not any(is_amountish(b) for b in blocks if lo <= (b.x0 + b.x1) / 2 <= hi)
        for lo, hi in body
    ]
    frames = [t.region.frame_x1 for t in texts if t.region.frame_x1 is not None]
    return column_extents(body, leaves, wide, size, text_only, max(frames, default=None))


def make_grid(text: RegionText, clusters: list[tuple[float, float]]) -> Grid | None:
    if len(clusters) < 2:
        return None
    region, size = text.region, text.size
    xs = column_boundaries(clusters, region.x0, region.x1)
    head_blocks, band_ys = text.head_blocks, text.band_ys
    head_bottom = region.header_bottom if region.header_bottom is not None else region.top

    cells: list[GridCell] = []
    ys: list[float] = list(band_ys) if head_blocks else [head_bottom]
    n_head = len(ys) - 1 if head_blocks else 0
    taken: dict[tuple[int, int], GridCell] = {}

    underlined = underline_spans(head_blocks, region.inner_rules)
    centres = [(a + b) / 2 for a, b in clusters]
    merged_labels = False

    def place(block: Block, r0: int, r1: int, c0: int | None = None, c1: int | None = None) -> None:
        if c0 is None or c1 is None:
            c0, c1 = columns_of(xs, block.x0, block.x1, centres if r0 < n_head else None)
        span = underlined.get(id(block)) if r0 < n_head else None
        if span is not None:
            c0, c1 = columns_of(xs, *span, centres)
        existing = taken.get((r0, c0))
        if existing is not None:
            if r0 < n_head and side_by_side(existing.chars, block.chars, size):
                nonlocal merged_labels
                merged_labels = True
            existing.chars.extend(block.chars)
            return
        cell = GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1], list(block.chars))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                taken.setdefault((r, c), cell)
        cells.append(cell)

    for b in head_blocks:
        r0 = band_of(band_ys, b.top + 0.3 * size)
        r1 = max(r0, band_of(band_ys, b.bottom - 0.3 * size))
        place(b, r0, r1)
    edges = [(xs[0], xs[0])] + [(a_hi, b_lo) for (_, a_hi), (b_lo, _) in zip(clusters, clusters[1:])] + [(xs[-1], xs[-1])]
    extend_header_cells(cells, taken, n_head, ys, xs, region.inner_rules, [(a + b) / 2 for a, b in edges])

    bands = row_bands(text.rows, head_bottom, region.bottom)
    body_start = len(ys) - 1
    for k in range(len(bands) - 1):
        ys.append((bands[k][1] + bands[k + 1][0]) / 2)
    if bands:
        ys.append(max(region.bottom, bands[-1][1]))
    anchors = _left_anchors(text.body_blocks, xs)
    right_anchors = _right_anchors(text.body_blocks, xs)
    for k, (_, _, printed) in enumerate(bands):
        members = [part for b in printed or [] for part in _parted_at_colon(b, xs)]
        spans = _row_spans(members, xs)
        used = {c for c0, c1 in spans.values() for c in range(c0, c1 + 1)}
        for block in members:
            c0, c1 = spans[id(block)]
            if c0 < c1 and _right_aligned_in(block, c1, right_anchors) and not is_amountish(block):
                c0 = c1  # wider than its column, right-aligned in it: it overhangs to the left
            if c0 != c1 or right_anchors.get(c0) is None or abs(block.x1 - right_anchors[c0]) > 0.6:
                # Not right-aligned like the column's other text: perhaps centred over more.
                c0, c1 = _centred_span(block, c0, c1, used, edges, anchors)
            place(block, body_start + k, body_start + k, c0, c1)

    for cell in cells:
        cell.text = cell_text(cell.chars)
    cells.sort(key=lambda c: (c.row, c.col))
    grid = Grid(xs, ys, _fill_slots(cells, xs, ys), region.kind)
    grid.header_rows_hint = n_head if region.header_bottom is not None else None
    grid.header_labels_merged = merged_labels
    return grid


def side_by_side(placed: list[Char], block: list[Char], size: float) -> bool:
    """Two stacks of label characters standing apart across, at the same height: two columns'
    labels, not one label's lines (which stand one above the other)."""
    if not placed or not block:
        return False
    a0, a1 = min(c.x0 for c in placed), max(c.x1 for c in placed)
    b0, b1 = min(c.x0 for c in block), max(c.x1 for c in block)
    apart = b0 - a1 > 0.3 * size or a0 - b1 > 0.3 * size
    t0, t1 = min(c.top for c in placed), max(c.bottom for c in placed)
    u0, u1 = min(c.top for c in block), max(c.bottom for c in block)
    level = min(t1, u1) - max(t0, u0) > 0.5 * size
    return apart and level


def build_grid(chars: list[Char], region: Region) -> tuple[Grid, RegionText] | None:
    text = prepare(chars, region)
    if text is None:
        return None
    grid = make_grid(text, shared_columns([text]))
    return (grid, text) if grid is not None else None


def _parted_at_colon(block: Block, xs: list[float]) -> list[Block]:
    """A label that overflows its narrow cell and runs straight into its value ('长期目标1：'
    '全面推进…' with no gap): where a column boundary falls just after the label's colon,
    the label and its value are two cells."""
    first = block.frags[0]
    solid = [c for c in first.chars if not c.text.isspace()]
    for k, ch in enumerate(solid[:-1]):
        if ch.text not in "：:":
            continue
        nxt = solid[k + 1]
        if not any(ch.x0 < x <= nxt.x0 + 1.0 for x in xs[1:-1]):
            return [block]
        parts = []
        for chars in (solid[: k + 1], solid[k + 1 :]):
            frag = Fragment(chars, chars[0].x0, min(c.top for c in chars), chars[-1].x1,
                            max(c.bottom for c in chars), first.size, first.line)
            frag.text = join_chars(chars)
            parts.append(frag)
        label, value = Block.of(parts[0]), Block.of(parts[1])
        for frag in block.frags[1:]:
            value.add(frag)  # the value's wrapped lines
        return [label, value]
    return [block]


def _fill_slots(cells: list[GridCell], xs: list[float], ys: list[float]) -> list[GridCell]:
    covered = {(r, c) for cell in cells for r in range(cell.row, cell.row + cell.row_span)
               for c in range(cell.col, cell.col + cell.col_span)}
    out = list(cells)
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if (r, c) not in covered:
                out.append(GridCell(r, c, 1, 1, xs[c], ys[r], xs[c + 1], ys[r + 1]))
    out.sort(key=lambda c: (c.row, c.col))
    return out


def _row_spans(members: list[Block], xs: list[float]) -> dict[int, tuple[int, int]]:
    """Columns each block of a row covers; a block reaching over the next block's column
    stops before it."""
    spans = {id(b): columns_of(xs, b.x0, b.x1) for b in members}
    ordered = sorted(members, key=lambda b: (spans[id(b)][0], b.x0))
    for a, b in zip(ordered, ordered[1:]):
        a0, a1 = spans[id(a)]
        b0, b1 = spans[id(b)]
        if b0 == a0 < b1 and b.x0 >= a.x1:
            # A wide text right-aligned in its cell reaches back into the column of the
            # text on its left: it is the next column's.
            b0 = a0 + 1
            spans[id(b)] = (b0, b1)
        if a1 >= b0 > a0:
            spans[id(a)] = (a0, b0 - 1)
    return spans


def _left_anchors(blocks: list[Block], xs: list[float]) -> dict[int, float]:
    """Per column, the x where its left-aligned text starts (the most common start)."""
    starts: dict[int, list[float]] = {}
    for b in blocks:
        if is_amountish(b):
            continue
        c0, c1 = columns_of(xs, b.x0, b.x1)
        if c0 == c1:
            starts.setdefault(c0, []).append(round(b.x0, 1))
    return {c: statistics.mode(v) for c, v in starts.items() if len(v) >= 2}


def _right_anchors(blocks: list[Block], xs: list[float]) -> dict[int, float]:
    """Per column whose text is right-aligned (more of its texts end at one x than start at
    one), the x where they end."""
    ends: dict[int, list[tuple[float, float]]] = {}
    for b in blocks:
        if is_amountish(b):
            continue
        c0, c1 = columns_of(xs, b.x0, b.x1)
        if c0 == c1:
            ends.setdefault(c0, []).append((round(b.x0, 1), round(b.x1, 1)))
    out: dict[int, float] = {}
    for c, spans in ends.items():
        (end, n_end), = Counter(x1 for _, x1 in spans).most_common(1)
        (_, n_start), = Counter(x0 for x0, _ in spans).most_common(1)
        if n_end >= 2 and n_end > n_start:
            out[c] = end
    return out


def _right_aligned_in(block: Block, column: int, right_anchors: dict[int, float]) -> bool:
    anchor = right_anchors.get(column)
    return anchor is not None and abs(block.x1 - anchor) <= 0.6


def _centred_span(block: Block, c0: int, c1: int, used: set[int], edges: list[tuple[float, float]],
                  anchors: dict[int, float]) -> tuple[int, int]:
    """A label centred over its column and empty columns beside it ('合计' over the code
    and name columns) spans them. `edges[k]` is the range where boundary k may lie (the
    gap between the text of columns k-1 and k)."""
    n = len(edges) - 1
    if is_amountish(block) or ((c0 == 0 or (c0 - 1) in used) and (c1 == n - 1 or (c1 + 1) in used)):
        return c0, c1
    anchor = anchors.get(c0)
    if anchor is None or abs(block.x0 - anchor) <= 0.6:
        return c0, c1  # left-aligned like the column's other text
    twice_centre = block.x0 + block.x1

    def error(k: int, m: int) -> float | None:
        """How far the label is from the centre of columns k..m (None: it cannot be centred)."""
        (l_lo, l_hi), (r_lo, r_hi) = edges[k], edges[m + 1]
        if not l_lo + r_lo - 2 <= twice_centre <= l_hi + r_hi + 2:
            return None
        return abs(twice_centre - (l_lo + l_hi + r_lo + r_hi) / 2)

    lefts = [c0]
    while lefts[-1] > 0 and (lefts[-1] - 1) not in used:
        lefts.append(lefts[-1] - 1)
    rights = [c1]
    while rights[-1] < n - 1 and (rights[-1] + 1) not in used:
        rights.append(rights[-1] + 1)
    best, best_err = (c0, c1), error(c0, c1)
    for k in lefts:
        for m in rights:
            err = error(k, m)
            if err is not None and (best_err is None or err < best_err - 0.5):
                best, best_err = (k, m), err
    return best
