"""Grids without vertical rules: three-line tables and tables set by alignment alone.

A three-line table is bounded by a top and a bottom rule of the same width; the first
full-width rule below the top one closes the header; shorter rules inside the header
underline grouped (merged) header cells. Without any rule, a table is a run of lines
whose fragments stand in the same columns, with amounts among them.

Columns come from the fragments of the body and of the lowest header band: overlapping
x-extents form one column; a fragment reaching over several columns is a merged cell.
Body rows are stacks of fragments that overlap vertically (a name wrapped over lines is
one cell, the amounts beside it are centred on it).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from desktopapp.extract.captions import is_note_start, is_page_number
from desktopapp.extract.geometry import RuleLine, merge_intervals
from desktopapp.extract.grid import Grid, GridCell
from desktopapp.extract.header import is_body_row, is_column_number_row, is_data_amount
from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, cell_text, fragments, group_lines

CELL_GAP = 0.6  # ems of blank that separate two cells of a table set without rules
SAME_EXTENT = 4.0  # rules whose ends are this close (points) frame the same table
MIN_RULE = 100.0  # a table rule is at least this long
_UNIT_LINE = re.compile(r"单位[:：]\s*(人民币)?\s*(万元|千元|亿元|元)")


@dataclass
class Block:
    """Fragments stacked in one cell (a label or name wrapped over lines)."""

    frags: list[Fragment]
    x0: float
    top: float
    x1: float
    bottom: float

    @classmethod
    def of(cls, frag: Fragment) -> Block:
        return cls([frag], frag.x0, frag.top, frag.x1, frag.bottom)

    def add(self, frag: Fragment) -> None:
        self.frags.append(frag)
        self.x0, self.x1 = min(self.x0, frag.x0), max(self.x1, frag.x1)
        self.top, self.bottom = min(self.top, frag.top), max(self.bottom, frag.bottom)

    @property
    def chars(self) -> list[Char]:
        return [c for f in self.frags for c in f.chars]

    @property
    def size(self) -> float:
        return max(f.size for f in self.frags)


@dataclass
class Region:
    x0: float
    x1: float
    top: float
    bottom: float
    header_bottom: float | None  # where the header ends (its closing rule), if known
    inner_rules: list[RuleLine] = field(default_factory=list)  # rules inside the header
    kind: str = "hrules"  # "hrules": framed by rules; "aligned": found by alignment alone


# ----------------------------------------------------------------------------- regions


def _three_line_regions(hrules: list[RuleLine], chars: list[Char]) -> list[Region]:
    """Regions framed by long horizontal rules of the same extent."""
    long_rules = sorted((h for h in hrules if h.hi - h.lo >= MIN_RULE), key=lambda h: h.pos)
    used: set[int] = set()
    regions: list[Region] = []
    for i, first in enumerate(long_rules):
        if i in used:
            continue
        chain = [first]
        for j in range(i + 1, len(long_rules)):
            h = long_rules[j]
            if j in used or abs(h.lo - first.lo) > SAME_EXTENT or abs(h.hi - first.hi) > SAME_EXTENT:
                continue
            if _caption_between(chars, chain[-1], h):
                break
            chain.append(h)
            used.add(j)
        if len(chain) < 2:
            continue
        top, bottom = chain[0], chain[-1]
        header_bottom = chain[1].pos if len(chain) >= 3 else None
        if len(chain) >= 4:
            # Rules between all rows: the header ends where the rows start to carry data.
            header_bottom = _header_end(chars, chain)
        if header_bottom is None and not _has_amounts(chars, first, bottom):
            header_bottom = bottom.pos  # an empty table: its header closed by the bottom rule
        inner = [h for h in hrules if top.pos + 1 < h.pos < bottom.pos - 1 and (h not in chain or (
            header_bottom is not None and h.pos < header_bottom - 1))]
        regions.append(
            Region(
                first.lo,
                first.hi,
                top.pos,
                bottom.pos,
                header_bottom,
                [h for h in inner if header_bottom is not None and h.pos < header_bottom - 1],
            )
        )
    return regions


def _header_end(chars: list[Char], chain: list[RuleLine]) -> float | None:
    """Where the header ends in a table ruled between every row: after a column-number row,
    or before the first row that carries data."""
    for upper, lower in zip(chain, chain[1:]):
        inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
        texts = [f.text for i, ln in enumerate(group_lines(inside)) for f in fragments(ln, i, CELL_GAP)]
        if is_column_number_row(texts):
            return lower.pos
        if is_body_row(texts):
            return upper.pos if upper is not chain[0] else None
    return None


def _has_amounts(chars: list[Char], upper: RuleLine, lower: RuleLine) -> bool:
    inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
    return any(is_data_amount(f.text) for i, ln in enumerate(group_lines(inside)) for f in fragments(ln, i))


def _caption_between(chars: list[Char], upper: RuleLine, lower: RuleLine) -> bool:
    """A table's title or 单位 line between two rules: they belong to different tables."""
    inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
    if not inside:
        return False
    lines = group_lines(inside)
    sizes = sorted(ln.size for ln in lines)
    body = statistics.median(sizes)
    return any(_UNIT_LINE.search(ln.text) or ln.size > body * 1.25 for ln in lines)


def _text_regions(chars: list[Char]) -> list[Region]:
    """Tables printed without any rule: runs of lines whose fragments include amounts,
    with the header lines above them (up to the caption) and no paragraph between."""
    lines = group_lines(chars)
    frags = [fragments(ln, i) for i, ln in enumerate(lines)]
    kinds = [_line_kind(ln, fr) for ln, fr in zip(lines, frags)]
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if kinds[i] != "data":
            i += 1
            continue
        first = last = i
        j = i + 1
        # Wrapped cell text gives lines of one fragment ('label') inside the table.
        while j < len(lines) and kinds[j] != "stop" and lines[j].top - lines[j - 1].bottom <= 2.5 * lines[j].size:
            if kinds[j] == "data":
                last = j
            j += 1
        # Trailing rows without amounts ('上年结转结余 | 年终结转结余') and the wrapped end
        # of the last row belong to the table.
        while last + 1 < j and (
            kinds[last + 1] == "row" or lines[last + 1].top - lines[last].bottom <= 0.6 * lines[last].size
        ):
            last += 1
        data_lines = sum(1 for k in range(first, last + 1) if kinds[k] == "data")
        head = first
        while head > 0 and kinds[head - 1] in ("row", "label") and lines[head].top - lines[head - 1].bottom <= 2.5 * lines[head].size:
            head -= 1
        # Rows above the first amount that read as data (a code, '一、…') are body rows.
        body_first = first
        while body_first > head and is_body_row([f.text for f in frags[body_first - 1]]):
            body_first -= 1
        strong = data_lines == 1 and head < first and sum(is_data_amount(f.text) for f in frags[first]) >= 3
        if data_lines >= 2 or strong:
            members = range(head, last + 1)
            x0 = min(lines[k].x0 for k in members)
            x1 = max(lines[k].x1 for k in members)
            header_bottom = None
            if body_first > head:
                header_bottom = (lines[body_first - 1].bottom + lines[body_first].top) / 2
            regions.append(
                Region(x0 - 2, x1 + 2, lines[head].top - 1, lines[last].bottom + 1, header_bottom, [], "aligned")
            )
        i = last + 1
    return regions


def _line_kind(line, frags: list[Fragment]) -> str:
    """data: a table row with amounts; row: several cells; label: a short header line;
    stop: captions, notes, running text."""
    text = line.text
    if _UNIT_LINE.search(text) or is_note_start(text) or is_page_number(text):
        return "stop"
    if len(text) > 30 and any(p in text for p in "，。；"):
        return "stop"
    if len(frags) >= 2 and any(is_data_amount(f.text) for f in frags):
        return "data"
    if len(frags) >= 2:
        return "row"
    return "label" if len(text) <= 20 else "stop"


# ----------------------------------------------------------------------------- blocks


def _stack(frags: list[Fragment], max_gap: float) -> list[Block]:
    """Fragments stacked vertically and overlapping horizontally become one block."""
    blocks: list[Block] = []
    for f in sorted(frags, key=lambda f: (f.top, f.x0)):
        target = None
        for b in reversed(blocks):
            if b.bottom < f.top - max_gap * f.size - 1:
                continue
            gap = f.top - b.bottom
            overlap = min(b.x1, f.x1) - max(b.x0, f.x0)
            if -0.3 * f.size <= gap <= max_gap * f.size and overlap > 0:
                target = b
                break
        if target is None:
            blocks.append(Block.of(f))
        else:
            target.add(f)
    return blocks


def _single(text: str) -> bool:
    return len(text) == 1 and not text.isdigit()


def _last_solid(f: Fragment) -> Char:
    return next(c for c in reversed(f.chars) if not c.text.isspace())


def _vertical_singles(frags: list[Fragment]) -> set[int]:
    """Single characters stacked one per line (a label printed vertically)."""
    singles = [f for f in frags if _single(f.text)]
    out: set[int] = set()
    for a in singles:
        for b in singles:
            if a is b or b.top < a.bottom - 1:
                continue
            if b.top - a.bottom <= 0.6 * a.size and min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * (a.x1 - a.x0):
                out.add(id(a))
                out.add(id(b))
    return out


def _join_spread_labels(frags: list[Fragment], body_columns: list[tuple[float, float]]) -> list[Fragment]:
    """'收      入' printed as single characters spread over a cell: one label — unless the
    characters head different columns of the body ('类 款 项')."""

    def column(x: float) -> int | None:
        return next((k for k, (a, b) in enumerate(body_columns) if a - 1 <= x <= b + 1), None)

    stacked = _vertical_singles(frags)
    out: list[Fragment] = []
    spread = False  # the last fragment of `out` is made of single characters only
    for f in sorted(frags, key=lambda f: (f.line, f.x0)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and body_columns
            and prev.line == f.line
            and (spread or _single(prev.text))
            and _single(f.text)
            and id(f) not in stacked
            and (spread or id(prev) not in stacked)
            and f.x0 - prev.x1 <= 4 * f.size
            and column(f.cx) in (None, column(_last_solid(prev).cx))
        ):
            merged = Fragment(prev.chars + f.chars, prev.x0, min(prev.top, f.top), f.x1,
                              max(prev.bottom, f.bottom), max(prev.size, f.size), prev.line)
            merged.text = prev.text + f.text
            out[-1] = merged
            spread = True
        else:
            out.append(f)
            spread = False
    return out


# ----------------------------------------------------------------------------- columns


def _columns(body: list[tuple[float, float]], leaves: list[tuple[float, float]],
             wide: list[tuple[float, float]], size: float) -> list[tuple[float, float]]:
    """Column extents. The body's fragments make the columns (overlapping extents merge);
    each label of the lowest header band then claims the column it stands over — or the
    nearest free one when a centred label and right-aligned amounts do not overlap — or
    is a column of its own (a column with no amounts)."""
    clusters = [list(iv) for iv in merge_intervals(sorted(body), 0.5)]
    claimed: set[int] = set()  # ids of the column lists a label stands over
    pending: list[tuple[float, float]] = []
    for lo, hi in sorted(leaves):
        hits = [k for k, (a, b) in enumerate(clusters) if min(b, hi) - max(a, lo) > 0]
        if len(hits) == 1:
            claimed.add(id(clusters[hits[0]]))
            _grow(clusters, hits[0], lo, hi)
        elif not hits:
            pending.append((lo, hi))
    for lo, hi in pending:
        k = _free_neighbour(clusters, claimed, lo, hi, size)
        if k is not None:
            claimed.add(id(clusters[k]))
            _grow(clusters, k, lo, hi)
        else:
            new = [lo, hi]
            claimed.add(id(new))
            clusters.append(new)
            clusters.sort()
    for lo, hi in sorted(wide, key=lambda iv: iv[1] - iv[0]):
        hits = [k for k, (a, b) in enumerate(clusters) if min(b, hi) - max(a, lo) > 0]
        if not hits:
            clusters.append([lo, hi])
            clusters.sort()
    return [(a, b) for a, b in merge_intervals(sorted((a, b) for a, b in clusters), 0.5)]


def _body_columns(parts: list[tuple[int, list[Block], list[list[Block]]]], narrow: float) -> list[tuple[float, float]]:
    """Columns of the body: overlapping blocks share a column; a column of left-aligned
    text followed by right-aligned amounts that never share a row is one column (a label
    at the left of the cell, amounts at its right). `parts` are (region, blocks, rows)."""
    row_of = {id(b): (i, k) for i, _, rows in parts for k, r in enumerate(rows) for b in r}
    blocks = [b for _, bs, _ in parts for b in bs]
    clusters = _unbridged(_cluster_blocks([b for b in blocks if b.x1 - b.x0 <= narrow]))
    changed = True
    while changed:
        changed = False
        for k in range(len(clusters) - 1):
            a, b = clusters[k], clusters[k + 1]
            if {row_of.get(id(m)) for m in a[2]} & {row_of.get(id(m)) for m in b[2]}:
                continue
            if _left_aligned(a[2]) and _right_aligned(b[2]):
                clusters[k] = [a[0], max(a[1], b[1]), a[2] + b[2]]
                del clusters[k + 1]
                changed = True
                break
    return [(lo, hi) for lo, hi, _ in clusters]


def _cluster_blocks(blocks: list[Block]) -> list[list]:
    """[lo, hi, members] of blocks whose x-extents overlap."""
    clusters: list[list] = []
    for b in sorted(blocks, key=lambda b: b.x0):
        if clusters and b.x0 <= clusters[-1][1] + 0.5:
            clusters[-1][1] = max(clusters[-1][1], b.x1)
            clusters[-1][2].append(b)
        else:
            clusters.append([b.x0, b.x1, [b]])
    return clusters


def _unbridged(clusters: list[list]) -> list[list]:
    """Split clusters joined only by a text reaching over two columns (a merged cell):
    without it, the others fall into separate, well-populated columns."""
    out: list[list] = []
    for cl in clusters:
        members = sorted(cl[2], key=lambda b: b.x1 - b.x0, reverse=True)
        split = None
        for k in range(min(3, len(members) - 1)):
            rest = _cluster_blocks(members[k + 1:])
            if len(rest) >= 2 and all(len(r[2]) >= 2 for r in rest):
                split = rest
                break
        out.extend(_unbridged(split) if split else [cl])
    return out


def _is_amountish(block: Block) -> bool:
    text = "".join(f.text for f in block.frags).replace(" ", "")
    return bool(re.fullmatch(r"[-+]?[\d,]+(\.\d+)?%?", text))


def _left_aligned(members: list[Block]) -> bool:
    texts = [b for b in members if not _is_amountish(b)]
    return bool(texts) and max(b.x0 for b in texts) - min(b.x0 for b in texts) <= 3.0


def _right_aligned(members: list[Block]) -> bool:
    return all(_is_amountish(b) for b in members) and max(b.x1 for b in members) - min(b.x1 for b in members) <= 3.0


def _free_neighbour(clusters: list[list[float]], claimed: set[int], lo: float, hi: float, size: float) -> int | None:
    """The unclaimed column next to a label that stands over no text of the body, when the
    label can be that column's (centred) heading: amounts right-aligned just beside it,
    or text left-aligned in a column the label can be centred over."""
    left = max((k for k, (_, b) in enumerate(clusters) if b <= lo), default=None, key=lambda k: clusters[k][1])
    right = min((k for k, (a, _) in enumerate(clusters) if a >= hi), default=None, key=lambda k: clusters[k][0])
    centre = (lo + hi) / 2
    for k in (right, left):
        if k is None or id(clusters[k]) in claimed:
            continue
        a, b = clusters[k]
        if k == right:
            # Centred over a cell whose amounts are right-aligned: the cell's left edge,
            # mirrored from its right edge, falls in the free space before it.
            prev_hi = clusters[k - 1][1] if k > 0 else -1e9
            left_edge = 2 * centre - (b + 2)
            if a - hi <= 1.5 * size or prev_hi - 2 <= left_edge <= a:
                return k
            continue
        if k == left:
            prev_hi = clusters[k - 1][1] if k > 0 else a - (hi - a)
            next_lo = clusters[k + 1][0] if k + 1 < len(clusters) else hi + (hi - a)
            if (prev_hi + hi) / 2 <= centre <= (a + next_lo) / 2:
                return k
    return None


def _grow(clusters: list[list[float]], k: int, lo: float, hi: float) -> None:
    """Widen column k to cover lo..hi, but never into a neighbour."""
    left = clusters[k - 1][1] + 1 if k > 0 else -1e9
    right = clusters[k + 1][0] - 1 if k + 1 < len(clusters) else 1e9
    clusters[k][0] = max(min(clusters[k][0], lo), left)
    clusters[k][1] = min(max(clusters[k][1], hi), right)


def _boundaries(clusters: list[tuple[float, float]], x0: float, x1: float) -> list[float]:
    """Column boundaries: just before each column's text (the gap's middle when narrow),
    so that a long text wrapped in its column never reaches into the next."""
    xs = [min(x0, clusters[0][0] - 1)]
    for (_, a_hi), (b_lo, _) in zip(clusters, clusters[1:]):
        xs.append(b_lo - min(3.0, (b_lo - a_hi) / 2))
    xs.append(max(x1, clusters[-1][1] + 1))
    return xs


def _cols_of(xs: list[float], lo: float, hi: float, centres: list[float] | None = None) -> tuple[int, int]:
    """First and last column a span covers: the columns whose text it stands over (by the
    centre of their text, when `centres` are given), else those with over a third of
    the span's width, or of the column's, inside it."""
    if centres is not None:
        over = [k for k, x in enumerate(centres) if lo - 0.5 <= x <= hi + 0.5]
        if over:
            return over[0], over[-1]
    cols = []
    for k in range(len(xs) - 1):
        a, b = xs[k], xs[k + 1]
        ov = min(b, hi) - max(a, lo)
        if ov > 0 and (ov >= 0.34 * (hi - lo) or ov >= 0.34 * (b - a)):
            cols.append(k)
    if not cols:
        mid = (lo + hi) / 2
        k = max(0, min(len(xs) - 2, next((i for i in range(len(xs) - 1) if xs[i] <= mid < xs[i + 1]), 0)))
        return k, k
    return cols[0], cols[-1]


# ----------------------------------------------------------------------------- rows


def _body_rows(blocks: list[Block]) -> list[list[Block]]:
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


def _row_bands(rows: list[list[Block]], top: float, bottom: float) -> list[tuple[float, float, list[Block] | None]]:
    """Row bands from the table top to bottom; empty rows are restored where the regular
    line pitch leaves a gap of whole rows."""
    spans = [(min(b.top for b in r), max(b.bottom for b in r), r) for r in rows]
    single = [s for s in spans if all(len({f.line for f in b.frags}) == 1 for b in s[2])]
    pitches = [b[0] - a[0] for a, b in zip(single, single[1:]) if b[0] - a[0] > 0]
    pitch = statistics.median(pitches) if pitches else None
    out: list[tuple[float, float, list[Block] | None]] = []
    for k, (t, b, r) in enumerate(spans):
        if k > 0 and pitch:
            pt, pb, prow = spans[k - 1]
            prev_single = prow in [s[2] for s in single]
            if prev_single and (pb - pt) < pitch:
                missing = round((t - pt) / pitch) - 1
                for m in range(max(0, min(missing, 20))):
                    et = pt + pitch * (m + 1)
                    out.append((et, et + (pb - pt), None))
        out.append((t, b, r))
    return out


# ----------------------------------------------------------------------------- grid


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
        # wider inside one cell is joined again below (_join_spread_labels).
        frags.extend(fragments(ln, i, CELL_GAP))
    if not frags:
        return None
    size = statistics.median(f.size for f in frags)
    if region.header_bottom is not None:
        head_frags = [f for f in frags if f.cy < region.header_bottom]
        body_frags = [f for f in frags if f.cy >= region.header_bottom]
    else:
        head_frags, body_frags = [], frags
    body_blocks = _stack(body_frags, 0.45)
    rows = _body_rows(body_blocks)
    narrow = 0.25 * (region.x1 - region.x0)
    body_columns = _body_columns([(0, body_blocks, rows)], narrow)
    head_frags = _join_spread_labels(head_frags, body_columns)
    head_blocks = _split_by_rules(_stack(head_frags, 0.45), region.inner_rules)
    if not body_blocks and not head_blocks:
        return None
    head_bottom = region.header_bottom if region.header_bottom is not None else region.top
    band_ys = _header_bands(head_blocks, region.top, head_bottom, region.inner_rules)
    leaves = [b for b in head_blocks if b.bottom > band_ys[-2] + 1] if len(band_ys) >= 2 else head_blocks
    return RegionText(region, head_blocks, body_blocks, rows, band_ys, leaves, size)


def shared_columns(texts: list[RegionText]) -> list[tuple[float, float]]:
    """Column extents common to the regions of one table (its pages)."""
    if not texts:
        return []
    narrow = 0.25 * max(t.width for t in texts)
    size = statistics.median(t.size for t in texts)
    body = _body_columns([(i, t.body_blocks, t.rows) for i, t in enumerate(texts)], narrow)
    leaves = [(b.x0, b.x1) for t in texts for b in t.leaves if b.x1 - b.x0 <= narrow]
    wide = [(b.x0, b.x1) for t in texts for b in t.body_blocks + t.leaves if b.x1 - b.x0 > narrow]
    if not body and not leaves:
        return []
    return _columns(body, leaves, wide, size)


def make_grid(text: RegionText, clusters: list[tuple[float, float]]) -> Grid | None:
    if len(clusters) < 2:
        return None
    region, size = text.region, text.size
    xs = _boundaries(clusters, region.x0, region.x1)
    head_blocks, band_ys = text.head_blocks, text.band_ys
    head_bottom = region.header_bottom if region.header_bottom is not None else region.top

    cells: list[GridCell] = []
    ys: list[float] = list(band_ys) if head_blocks else [head_bottom]
    n_head = len(ys) - 1 if head_blocks else 0
    taken: dict[tuple[int, int], GridCell] = {}

    underlined = _underline_spans(head_blocks, region.inner_rules)
    centres = [(a + b) / 2 for a, b in clusters]

    def place(block: Block, r0: int, r1: int, c0: int | None = None, c1: int | None = None) -> None:
        if c0 is None or c1 is None:
            c0, c1 = _cols_of(xs, block.x0, block.x1, centres if r0 < n_head else None)
        span = underlined.get(id(block)) if r0 < n_head else None
        if span is not None:
            c0, c1 = _cols_of(xs, *span, centres)
        existing = taken.get((r0, c0))
        if existing is not None:
            existing.chars.extend(block.chars)
            return
        cell = GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1], list(block.chars))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                taken.setdefault((r, c), cell)
        cells.append(cell)

    for b in head_blocks:
        r0 = _band_of(band_ys, b.top + 0.3 * size)
        r1 = max(r0, _band_of(band_ys, b.bottom - 0.3 * size))
        place(b, r0, r1)
    edges = [(xs[0], xs[0])] + [(a_hi, b_lo) for (_, a_hi), (b_lo, _) in zip(clusters, clusters[1:])] + [(xs[-1], xs[-1])]
    _extend_header_cells(cells, taken, n_head, ys, xs, region.inner_rules, [(a + b) / 2 for a, b in edges])

    bands = _row_bands(text.rows, head_bottom, region.bottom)
    body_start = len(ys) - 1
    for k in range(len(bands) - 1):
        ys.append((bands[k][1] + bands[k + 1][0]) / 2)
    if bands:
        ys.append(max(region.bottom, bands[-1][1]))
    anchors = _left_anchors(text.body_blocks, xs)
    for k, (_, _, members) in enumerate(bands):
        spans = _row_spans(members or [], xs)
        used = {c for c0, c1 in spans.values() for c in range(c0, c1 + 1)}
        for block in members or []:
            c0, c1 = _centred_span(block, *spans[id(block)], used, edges, anchors)
            place(block, body_start + k, body_start + k, c0, c1)

    for cell in cells:
        cell.text = cell_text(cell.chars)
    cells.sort(key=lambda c: (c.row, c.col))
    grid = Grid(xs, ys, _fill_slots(cells, xs, ys), region.kind)
    grid.header_rows_hint = n_head if region.header_bottom is not None else None
    return grid


def build_grid(chars: list[Char], region: Region) -> tuple[Grid, RegionText] | None:
    text = prepare(chars, region)
    if text is None:
        return None
    grid = make_grid(text, shared_columns([text]))
    return (grid, text) if grid is not None else None


def _row_spans(members: list[Block], xs: list[float]) -> dict[int, tuple[int, int]]:
    """Columns each block of a row covers; a block reaching over the next block's column
    stops before it."""
    spans = {id(b): _cols_of(xs, b.x0, b.x1) for b in members}
    ordered = sorted(members, key=lambda b: spans[id(b)][0])
    for a, b in zip(ordered, ordered[1:]):
        a0, a1 = spans[id(a)]
        b0 = spans[id(b)][0]
        if a1 >= b0 > a0:
            spans[id(a)] = (a0, b0 - 1)
    return spans


def _left_anchors(blocks: list[Block], xs: list[float]) -> dict[int, float]:
    """Per column, the x where its left-aligned text starts (the most common start)."""
    starts: dict[int, list[float]] = {}
    for b in blocks:
        if _is_amountish(b):
            continue
        c0, c1 = _cols_of(xs, b.x0, b.x1)
        if c0 == c1:
            starts.setdefault(c0, []).append(round(b.x0, 1))
    return {c: statistics.mode(v) for c, v in starts.items() if len(v) >= 2}


def _centred_span(block: Block, c0: int, c1: int, used: set[int], edges: list[tuple[float, float]],
                  anchors: dict[int, float]) -> tuple[int, int]:
    """A label centred over its column and empty columns beside it ('合计' over the code
    and name columns) spans them. `edges[k]` is the range where boundary k may lie (the
    gap between the text of columns k-1 and k)."""
    n = len(edges) - 1
    if _is_amountish(block) or ((c0 == 0 or (c0 - 1) in used) and (c1 == n - 1 or (c1 + 1) in used)):
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


def _extend_header_cells(cells: list[GridCell], taken: dict, n_head: int, ys: list[float],
                         xs: list[float], rules: list[RuleLine], mids: list[float]) -> None:
    """Header spans that no rule marks: a label centred across several bands covers them;
    a group label above labels of the band below covers their columns (its slots beside
    it are empty, their slots below are taken); what is still empty belongs to the label
    above or below."""

    def ruled(y: float, c0: int, c1: int) -> bool:
        lo, hi = xs[c0], xs[c1 + 1]
        return any(abs(r.pos - y) < 2 and min(r.hi, hi) - max(r.lo, lo) > 0.3 * (hi - lo) for r in rules)

    def free(r: int, c0: int, c1: int) -> bool:
        return all((r, c) not in taken for c in range(c0, c1 + 1))

    def claim(cell: GridCell, r0: int, r1: int, c0: int, c1: int) -> None:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                taken[(r, c)] = cell
        cell.row, cell.row_span, cell.col, cell.col_span = r0, r1 - r0 + 1, c0, c1 - c0 + 1

    # A: vertical centring.
    for cell in cells:
        if not cell.chars:
            continue
        c0, c1 = cell.col, cell.col + cell.col_span - 1
        centre = (min(ch.top for ch in cell.chars) + max(ch.bottom for ch in cell.chars)) / 2
        r0, r1 = cell.row, cell.row + cell.row_span - 1
        ups = [r0]
        while ups[-1] > 0 and free(ups[-1] - 1, c0, c1) and not ruled(ys[ups[-1]], c0, c1):
            ups.append(ups[-1] - 1)
        downs = [r1]
        while downs[-1] + 1 < n_head and free(downs[-1] + 1, c0, c1) and not ruled(ys[downs[-1] + 1], c0, c1):
            downs.append(downs[-1] + 1)
        best, best_err = (r0, r1), abs(centre - (ys[r0] + ys[r1 + 1]) / 2)
        for a in ups:
            for b in downs:
                err = abs(centre - (ys[a] + ys[b + 1]) / 2)
                if err < best_err - 1.0:
                    best, best_err = (a, b), err
        if best != (r0, r1):
            claim(cell, best[0], best[1], c0, c1)

    # B: group labels over the labels of the band below, lowest band first (a group's
    # parts may be groups themselves), left to right: each covers the free columns left
    # of it that have a label below, and as many to its right as keep it centred.
    for r in reversed(range(n_head - 1)):

        def child(c: int, r: int = r) -> bool:
            below = taken.get((r + 1, c))
            return below is not None and below.row == r + 1

        groups = sorted(
            (
                cell for cell in cells
                if cell.chars and cell.row == r and cell.row_span == 1
                and all(child(c) for c in range(cell.col, cell.col + cell.col_span))
            ),
            key=lambda g: g.col,
        )
        for g in groups:
            c0, c1 = g.col, g.col + g.col_span - 1
            lo, hi = _underline_reach(g, ys[r + 1], rules)
            while c0 > 0 and free(g.row, c0 - 1, c0 - 1) and child(c0 - 1) and lo <= (xs[c0 - 1] + xs[c0]) / 2:
                c0 -= 1
            right = c1
            while (
                right + 1 < len(xs) - 1 and free(g.row, right + 1, right + 1) and child(right + 1)
                and (xs[right + 1] + xs[right + 2]) / 2 <= hi
            ):
                right += 1
            centre = (min(ch.x0 for ch in g.chars) + max(ch.x1 for ch in g.chars)) / 2
            # Column edges are known only to lie in the gaps between texts: use their middles.
            c1 = min(range(c1, right + 1), key=lambda m: abs((mids[c0] + mids[m + 1]) / 2 - centre))
            claim(g, g.row, r, c0, c1)

    # C: what is left empty belongs to the label above or below.
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        c0, c1 = cell.col, cell.col + cell.col_span - 1
        while cell.row > 0 and not ruled(ys[cell.row], c0, c1) and free(cell.row - 1, c0, c1):
            claim(cell, cell.row - 1, cell.row + cell.row_span - 1, c0, c1)
        while cell.row + cell.row_span < n_head and not ruled(ys[cell.row + cell.row_span], c0, c1) and free(
            cell.row + cell.row_span, c0, c1
        ):
            claim(cell, cell.row, cell.row + cell.row_span, c0, c1)

    for cell in cells:
        cell.x0, cell.x1 = xs[cell.col], xs[cell.col + cell.col_span]
        cell.top, cell.bottom = ys[cell.row], ys[cell.row + cell.row_span]


def _underline_reach(cell: GridCell, y: float, rules: list[RuleLine]) -> tuple[float, float]:
    """How far a group label may reach sideways: the extent of the rule printed under it,
    when there is one (it marks exactly the columns the label heads)."""
    centre = (min(ch.x0 for ch in cell.chars) + max(ch.x1 for ch in cell.chars)) / 2
    for rule in rules:
        if abs(rule.pos - y) < 2 and rule.lo <= centre <= rule.hi:
            return rule.lo - 2, rule.hi + 2
    return float("-inf"), float("inf")


def _split_by_rules(blocks: list[Block], rules: list[RuleLine]) -> list[Block]:
    """A stack of header labels crossing an underline is two cells."""
    out: list[Block] = []
    for b in blocks:
        cut = [r for r in rules if b.top < r.pos < b.bottom and r.lo < (b.x0 + b.x1) / 2 < r.hi]
        if not cut:
            out.append(b)
            continue
        y = cut[0].pos
        upper = [f for f in b.frags if f.cy < y]
        lower = [f for f in b.frags if f.cy >= y]
        for part in (upper, lower):
            if part:
                nb = Block.of(part[0])
                for f in part[1:]:
                    nb.add(f)
                out.append(nb)
    return out


def _underline_spans(blocks: list[Block], rules: list[RuleLine]) -> dict[int, tuple[float, float]]:
    """The x-range each underlined header label spans. Underlines of neighbouring groups
    may join into one rule; it is shared out between the labels standing on it."""
    by_rule: dict[int, list[Block]] = {}
    rule_of: dict[int, RuleLine] = {}
    for b in blocks:
        rule = _rule_under(b, rules)
        if rule is not None:
            by_rule.setdefault(id(rule), []).append(b)
            rule_of[id(rule)] = rule
    spans: dict[int, tuple[float, float]] = {}
    for key, labels in by_rule.items():
        rule = rule_of[key]
        labels.sort(key=lambda b: b.x0)
        cuts = [rule.lo] + [(a.x1 + b.x0) / 2 for a, b in zip(labels, labels[1:])] + [rule.hi]
        if len(labels) > 1:
            # Each label is centred on its part: cut halfway between the label centres' mirror points.
            cuts = [rule.lo]
            for a, b in zip(labels, labels[1:]):
                left_end = 2 * (a.x0 + a.x1) / 2 - cuts[-1]
                cuts.append(left_end if a.x1 <= left_end <= b.x0 else (a.x1 + b.x0) / 2)
            cuts.append(rule.hi)
        for b, lo, hi in zip(labels, cuts, cuts[1:]):
            spans[id(b)] = (lo, hi)
    return spans


def _rule_under(block: Block, rules: list[RuleLine]) -> RuleLine | None:
    """The underline right below a header label (it spans the label's merged columns)."""
    best = None
    for r in rules:
        below = r.pos >= block.bottom - 1 and r.lo - 2 <= block.x0 and block.x1 <= r.hi + 2
        close = r.pos - block.bottom < 2.5 * (block.bottom - block.top) + 6
        if below and close and (best is None or r.pos < best.pos):
            best = r
    return best


def _header_bands(blocks: list[Block], top: float, bottom: float, rules: list[RuleLine]) -> list[float]:
    cuts = sorted({round(r.pos, 1) for r in rules if top + 1 < r.pos < bottom - 1})
    spans = sorted((b.top, b.bottom) for b in blocks)
    size = statistics.median(b.size for b in blocks) if blocks else 9.0
    # Gutters: vertical gaps between labels that no label crosses (narrower ones are the
    # leading between lines, not a boundary).
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + max(1.0, 0.3 * size):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    mids = [(a_hi + b_lo) / 2 for (_, a_hi), (b_lo, _) in zip(merged, merged[1:])]
    # Without underlines, labels stacked over labels (a group over its parts) mark a band
    # even where a label centred across both bands leaves no gutter.
    for a in blocks if not cuts else []:
        for b in blocks:
            if a is not b and a.bottom <= b.top + 1 and min(a.x1, b.x1) - max(a.x0, b.x0) > 0:
                between = any(
                    o is not a and o is not b and o.top >= a.bottom - 1 and o.bottom <= b.top + 1
                    and min(o.x1, a.x1) - max(o.x0, a.x0) > 0
                    for o in blocks
                )
                if not between:
                    mids.append((a.bottom + b.top) / 2)
    # A gutter right beside an underline is the same boundary.
    near = max(3.0, 0.8 * size)
    for mid in sorted(mids):
        if not any(abs(mid - c) < near for c in cuts):
            cuts.append(mid)
    return [top] + sorted(cuts) + [bottom]


def _band_of(bands: list[float], y: float) -> int:
    for k in range(len(bands) - 1):
        if y < bands[k + 1]:
            return k
    return len(bands) - 2


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


# ----------------------------------------------------------------------------- ruled grids


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
            for b in _stack(frags, 0.45):
                blocks.append(b)
                owner[id(b)] = cell
        rows = _body_rows(blocks)
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


# ----------------------------------------------------------------------------- entry


def find_aligned_grids(
    chars: list[Char], free_hrules: list[RuleLine], ruled: list[Grid], width: float, height: float
) -> tuple[list[tuple[Grid, RegionText]], list[Char]]:
    found: list[tuple[Grid, RegionText]] = []
    rest = chars
    for finder in (lambda cs: _three_line_regions(free_hrules, cs), _text_regions):
        if finder is _text_regions and not any(c.text.isdigit() for c in rest):
            break  # a table without rules is found by its figures: none left
        for region in finder(rest):
            if any(_overlaps(region, g) for g in ruled) or any(_overlaps(region, g) for g, _ in found):
                continue
            inside = [c for c in rest if region.top - 1 <= c.cy <= region.bottom + 1 and region.x0 - 3 <= c.cx <= region.x1 + 3]
            built = build_grid(inside, region)
            if built is None or not _valid(built[0]):
                continue
            found.append(built)
            ids = {id(c) for c in inside}
            rest = [c for c in rest if id(c) not in ids]
    return found, rest


def _overlaps(region: Region, grid: Grid) -> bool:
    return not (region.bottom < grid.top or region.top > grid.bottom or region.x1 < grid.x0 or region.x0 > grid.x1)


def _valid(grid: Grid) -> bool:
    """A table has several columns in use, not a paragraph between two rules."""
    if grid.n_cols < 2:
        return False
    texts = grid.texts()
    multi = sum(1 for row in texts if sum(1 for t in row if t) >= 2)
    amounts = sum(1 for row in texts for t in row if is_data_amount(t))
    return multi >= max(1, len(texts) // 4) or amounts > 0


__all__ = ["RegionText", "find_aligned_grids", "make_grid", "shared_columns", "split_tall_rows"]
