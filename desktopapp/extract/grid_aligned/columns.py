"""Columns of a table set without vertical rules: the body's blocks make the columns
(overlapping x-extents merge); the labels of the lowest header band claim the column they
stand over; the boundaries lie just before each column's text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from desktopapp.extract.geometry import merge_intervals
from desktopapp.extract.grid_aligned.blocks import Block, inked_x1, is_amountish
from desktopapp.extract.grid_aligned.form_rows import values_beside_labels


def column_extents(body: list[tuple[float, float]], leaves: list[tuple[float, float]],
             wide: list[tuple[float, float]], size: float,
             text_only: list[bool] | None = None, frame_x1: float | None = None) -> list[tuple[float, float]]:
    """Column extents. The body's fragments make the columns (overlapping extents merge);
    each label of the lowest header band then claims the column it stands over — or the
    nearest free one when a centred label and right-aligned amounts do not overlap — or
    is a column of its own (a column with no amounts). `text_only[k]`: body column k
    holds no amount (its text is left-aligned, never ending under a label on its left);
    `frame_x1`: where the page's text ends on the right."""
    texts = {(lo, hi) for (lo, hi), flag in zip(body, text_only or []) if flag}
    clusters = [list(iv) for iv in merge_intervals(sorted(body), 0.5)]
    no_amounts = {id(c) for c in clusters if all(iv in texts for iv in body if c[0] <= iv[0] and iv[1] <= c[1])}
    claimed: set[int] = set()  # ids of the column lists a label stands over
    pending: list[tuple[float, float]] = []
    for lo, hi in sorted(leaves):
        hits = [k for k, (a, b) in enumerate(clusters) if min(b, hi) - max(a, lo) > 0]
        if len(hits) == 1:
            claimed.add(id(clusters[hits[0]]))
            _grow(clusters, hits[0], lo, hi)
        elif not hits:
            pending.append((lo, hi))
    edge = max([b for _, b in body] + [b for _, b in leaves] + [b for _, b in wide] + [frame_x1 or 0.0])
    for lo, hi in pending:
        k = _free_neighbour(clusters, claimed, lo, hi, size, no_amounts, edge)
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


def body_column_extents(parts: list[tuple[int, list[Block], list[list[Block]]]], narrow: float) -> list[tuple[float, float]]:
    """Columns of the body: overlapping blocks share a column; a column of left-aligned
    text followed by right-aligned amounts that never share a row is one column (a label
    at the left of the cell, amounts at its right). `parts` are (region, blocks, rows)."""
    row_of = {id(b): (i, k) for i, _, rows in parts for k, r in enumerate(rows) for b in r}
    blocks = [b for _, bs, _ in parts for b in bs]
    starts = _aligned_starts(blocks, narrow, row_of)
    clusters = _unbridged(_cluster_blocks([b for b in blocks if b.x1 - b.x0 <= narrow] + starts))
    clusters = [cl for k, cl in enumerate(clusters) if k == 0 or not _alone_in_rows(cl[2], row_of)]
    if clusters:
        right = max(b.x1 for b in blocks)
        clusters = [cl for k, cl in enumerate(clusters)
                    if k == 0 or not values_beside_labels(cl[2], clusters[0][2], row_of, right)]
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


def _alone_in_rows(members: list[Block], row_of: dict[int, tuple[int, int]]) -> bool:
    """Texts each alone in their row, in no column of their own (a caption over the form,
    '栏目', centred in a row that spans all its columns): no column."""
    counts = Counter(row_of.values())
    return all(id(m) in row_of and counts[row_of[id(m)]] == 1 for m in members)


def _aligned_starts(blocks: list[Block], narrow: float, row_of: dict[int, tuple[int, int]]) -> list[Block]:
    """Wide texts (long names in a narrow table) are left out of the clustering, lest one
    reaching over two columns join them; but where three or more start at the same x they
    are a column of left-aligned names: its start stands for them."""
    wide = [b for b in blocks if b.x1 - b.x0 > narrow and not is_amountish(b)]
    starts: dict[float, list[Block]] = {}
    for b in blocks:
        if not is_amountish(b):
            starts.setdefault(round(b.x0), []).append(b)
    out: list[Block] = []
    for b in wide:
        same = [o for key in (round(b.x0) - 1, round(b.x0), round(b.x0) + 1) for o in starts.get(key, [])]
        if len(same) >= 3 and not _right_aligned_alike(same, blocks):
            proxy = Block(b.frags, b.x0, b.top, b.x0 + 1.0, b.bottom)
            row_of[id(proxy)] = row_of.get(id(b), (-1, -1))
            out.append(proxy)
    return out


def _right_aligned_alike(same: list[Block], blocks: list[Block]) -> bool:
    """Texts of one width right-aligned in a column start at one x too: when they also end
    at one x, where other texts of the table end, they are right-aligned, no left edge."""
    end = same[0].x1
    if any(abs(b.x1 - end) > 1.0 for b in same):
        return False
    ids = {id(b) for b in same}
    return any(id(b) not in ids and abs(b.x1 - end) <= 1.5 for b in blocks)


def _cluster_blocks(blocks: list[Block]) -> list[list]:
    """[lo, hi, members] of blocks whose x-extents overlap (by their ink: a line ending in a
    full-width comma or full stop may hang it into the gutter)."""
    clusters: list[list] = []
    for b in sorted(blocks, key=lambda b: b.x0):
        if clusters and b.x0 <= clusters[-1][1] + 0.5:
            clusters[-1][1] = max(clusters[-1][1], inked_x1(b))
            clusters[-1][2].append(b)
        else:
            clusters.append([b.x0, inked_x1(b), [b]])
    return clusters


def _unbridged(clusters: list[list]) -> list[list]:
    """Split clusters joined only by a text reaching over two columns (a merged cell):
    without it, the others fall into separate, well-populated columns. The widest texts are
    left out first; a bridge no wider than the columns' own texts (a label of one width with
    them, centred over two narrow columns, repeated atop each page) is found by leaving out
    the texts of each extent in turn."""
    out: list[list] = []
    for cl in clusters:
        members = sorted(cl[2], key=lambda b: b.x1 - b.x0, reverse=True)
        split = None
        tries = [members[k + 1:] for k in range(min(3, len(members) - 1))]
        if len(members) >= 5:
            tries += [[m for m in members if not _same_extent(m, b)] for b in members]
        for kept in tries:
            rest = _cluster_blocks(kept)
            if len(rest) >= 2 and all(len(r[2]) >= 2 for r in rest):
                split = rest
                break
        if split is None:
            split = _split_at_left_edge(members)
        out.extend(_unbridged(split) if split else [cl])
    return out


def _same_extent(a: Block, b: Block) -> bool:
    return abs(a.x0 - b.x0) <= 1.0 and abs(a.x1 - b.x1) <= 1.0


def _split_at_left_edge(members: list[Block]) -> list[list] | None:
    """A column's left edge inside the cluster — three or more texts start there — crossed
    by a few texts only (a form's labels run into their values, a label overflowing its
    narrow cell, on each page of a long form): the texts on either side are two columns."""
    starts = Counter(round(b.x0) for b in members if not is_amountish(b))
    for x, count in starts.most_common():
        if count < 3:
            break
        left = [b for b in members if b.x1 <= x - 1.5]  # with a gap that keeps them apart
        right = [b for b in members if b.x0 >= x - 1.0]
        crossing = len(members) - len(left) - len(right)
        if len(left) >= 2 and len(right) >= 2 and crossing <= max(3, len(members) // 5):
            return _cluster_blocks(left) + _cluster_blocks(right)
    return None


def _left_aligned(members: list[Block]) -> bool:
    texts = [b for b in members if not is_amountish(b)]
    return bool(texts) and max(b.x0 for b in texts) - min(b.x0 for b in texts) <= 3.0


def _right_aligned(members: list[Block]) -> bool:
    return all(is_amountish(b) for b in members) and max(b.x1 for b in members) - min(b.x1 for b in members) <= 3.0


def _free_neighbour(clusters: list[list[float]], claimed: set[int], lo: float, hi: float, size: float,
                    no_amounts: Collection[int] = (), edge: float | None = None) -> int | None:
    """The unclaimed column next to a label that stands over no text of the body, when the
    label can be that column's (centred) heading: amounts right-aligned just beside it,
    or text left-aligned in a column the label can be centred over (the last column's cell
    ending within the table or the page's text frame: `edge`, the rightmost of them — a
    '备注' centred over a cell reaching the right margin, its remarks left-aligned in it)."""
    left = max((k for k, (_, b) in enumerate(clusters) if b <= lo), default=None, key=lambda k: clusters[k][1])
    right = min((k for k, (a, _) in enumerate(clusters) if a >= hi), default=None, key=lambda k: clusters[k][0])
    centre = (lo + hi) / 2
    for k in (right, left):
        if k is None or id(clusters[k]) in claimed:
            continue
        a, b = clusters[k]
        if k == right:
            if id(clusters[k]) in no_amounts:
                continue  # left-aligned text: a label centred over its column is not left of it
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
            if k + 1 == len(clusters) and edge is not None:
                # The cell the label would be centred over ends at 2·centre − a: beyond the
                # table's last text and the page's text frame, the label heads a column of
                # its own, empty in the body ('年末结转和结余' far right of '项目支出').
                next_lo = min(next_lo, edge + size)
            if (prev_hi + hi) / 2 <= centre <= (a + next_lo) / 2:
                return k
    return None


def _grow(clusters: list[list[float]], k: int, lo: float, hi: float) -> None:
    """Widen column k to cover lo..hi, but never into a neighbour."""
    left = clusters[k - 1][1] + 1 if k > 0 else -1e9
    right = clusters[k + 1][0] - 1 if k + 1 < len(clusters) else 1e9
    clusters[k][0] = max(min(clusters[k][0], lo), left)
    clusters[k][1] = min(max(clusters[k][1], hi), right)


def column_boundaries(clusters: list[tuple[float, float]], x0: float, x1: float) -> list[float]:
    """Column boundaries: just before each column's text (the gap's middle when narrow),
    so that a long text wrapped in its column never reaches into the next."""
    xs = [min(x0, clusters[0][0] - 1)]
    for (_, a_hi), (b_lo, _) in zip(clusters, clusters[1:]):
        xs.append(b_lo - min(3.0, (b_lo - a_hi) / 2))
    xs.append(max(x1, clusters[-1][1] + 1))
    return xs


def columns_of(xs: list[float], lo: float, hi: float, centres: list[float] | None = None) -> tuple[int, int]:
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
