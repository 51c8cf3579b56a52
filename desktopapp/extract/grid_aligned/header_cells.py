"""Header cells of a table set without vertical rules: the header's bands (between
underlines and gutters), underlined group labels, and the spans no rule marks (labels
centred across bands or over the labels of the band below)."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from desktopapp.extract.geometry import RuleLine, merge_intervals
from desktopapp.extract.grid import GridCell
from desktopapp.extract.grid_aligned.blocks import Block


def header_bands(blocks: list[Block], top: float, bottom: float, rules: list[RuleLine]) -> list[float]:
    cuts = sorted({round(r.pos, 1) for r in rules if top + 1 < r.pos < bottom - 1})
    spans = sorted((b.top, b.bottom) for b in blocks)
    size = statistics.median(b.size for b in blocks) if blocks else 9.0
    # Gutters: vertical gaps between labels that no label crosses (narrower ones are the
    # leading between lines, not a boundary).
    merged = merge_intervals(spans, max(1.0, 0.3 * size))
    mids = [(a_hi + b_lo) / 2 for (_, a_hi), (b_lo, _) in zip(merged, merged[1:])]
    # Without underlines, labels stacked over labels (a group over its parts) mark a band
    # even where a label centred across both bands leaves no gutter.
    for a in blocks if not cuts else []:
        for b in blocks:
            # b right under a: a label two bands higher may graze a lower one's end.
            if a is not b and a.bottom <= b.top + 1 <= a.bottom + 2.5 * size + 1 and min(a.x1, b.x1) - max(a.x0, b.x0) > 0:
                between = any(
                    o is not a and o is not b and o.top >= a.bottom - 1 and o.bottom <= b.top + 1
                    and min(o.x1, a.x1) - max(o.x0, a.x0) > 0
                    for o in blocks
                )
                if not between:
                    mids.append((a.bottom + b.top) / 2)
    for a in blocks if not cuts else []:
        group_foot = groups_pair_below(a, blocks, size)
        if group_foot is not None:
            mids.append((a.bottom + group_foot) / 2)
    # A gutter right beside an underline is the same boundary.
    near = max(3.0, 0.8 * size)
    for mid in sorted(mids):
        if not any(abs(mid - c) < near for c in cuts):
            cuts.append(mid)
    return [top] + sorted(cuts) + [bottom]


def groups_pair_below(label: Block, blocks: list[Block], size: float) -> float | None:
    """Where the labels a group label stands over begin, when no label lies right under
    it: a label set above a pair of one band on both its sides ('栏目' over 科目编码 …
    科目名称, each centred in its own column) groups them. None when it does not."""
    lower = [o for o in blocks if o is not label and 0 <= o.top - label.bottom + 1 <= 3 * size]
    if any(min(o.x1, label.x1) - max(o.x0, label.x0) > 0 for o in lower):
        return None  # labels under it: the stacked-label gutter marks the band
    left = max((o for o in lower if o.x1 <= label.x0), key=lambda o: o.x1, default=None)
    right = min((o for o in lower if o.x0 >= label.x1), key=lambda o: o.x0, default=None)
    if left is None or right is None or not _one_band(left, right, size):
        return None  # the nearest labels on its sides are no pair of one band
    return min(left.top, right.top)


def _one_band(a: Block, b: Block, size: float) -> bool:
    """Two labels set in one band: their tops level (set from the top) or their middles
    (centred: a label of three lines beside one of two)."""
    level_tops = abs(a.top - b.top) <= 0.5 * size
    level_middles = abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 <= 0.5 * size
    return level_tops or level_middles


def band_of(bands: list[float], y: float) -> int:
    for k in range(len(bands) - 1):
        if y < bands[k + 1]:
            return k
    return len(bands) - 2


def split_by_rules(blocks: list[Block], rules: list[RuleLine]) -> list[Block]:
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


def underline_spans(blocks: list[Block], rules: list[RuleLine]) -> dict[int, tuple[float, float]]:
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


def extend_header_cells(cells: list[GridCell], taken: dict, n_head: int, ys: list[float],
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
    # of it that have a label below, and as many to its right as keep it centred. Labels
    # of one band first; then labels reaching up over bands above their own ('基本支出'
    # centred across the '栏目' band), over what the one-band groups left free (a column's
    # label reaching down to the column numbers groups nothing its neighbour heads).
    for tall in (False, True):
        for r in reversed(range(n_head - 1)):

            def child(c: int, r: int = r) -> bool:
                below = taken.get((r + 1, c))
                return below is not None and below.row == r + 1

            groups = sorted(
                (
                    cell for cell in cells
                    if cell.chars and cell.row + cell.row_span - 1 == r and (cell.row_span > 1) == tall
                    and all(child(c) for c in range(cell.col, cell.col + cell.col_span))
                ),
                key=lambda g: g.col,
            )
            for g in groups:
                _spread_group(g, r, child, free, claim, xs, ys, rules, mids)

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


def _spread_group(g: GridCell, r: int, child: Callable[[int], bool], free: Callable[[int, int, int], bool],
                  claim: Callable[[GridCell, int, int, int, int], None], xs: list[float], ys: list[float],
                  rules: list[RuleLine], mids: list[float]) -> None:
    """Group label `g`, lowest in band r, spread over the columns of its parts below."""
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


def _underline_reach(cell: GridCell, y: float, rules: list[RuleLine]) -> tuple[float, float]:
    """How far a group label may reach sideways: the extent of the rule printed under it,
    when there is one (it marks exactly the columns the label heads)."""
    centre = (min(ch.x0 for ch in cell.chars) + max(ch.x1 for ch in cell.chars)) / 2
    for rule in rules:
        if abs(rule.pos - y) < 2 and rule.lo <= centre <= rule.hi:
            return rule.lo - 2, rule.hi + 2
    return float("-inf"), float("inf")


def join_spread_lines(blocks: list[Block]) -> list[Block]:
    """A label spread down its tall cell one character a line ('收' … '入', '项' … '目'):
    no header label is a lone character stacked over another one, so characters standing
    one under the other in one column, nothing between them, are the lines of one label.
    ('类 款 项' stand side by side; a lone '※' or figure numbers a column.)"""
    out: list[Block] = []
    for block in sorted(blocks, key=lambda b: b.top):
        above = _lone_characters(block) and next(
            (o for o in reversed(out) if _lone_characters(o) and _stacked(o, block, blocks)), None
        )
        if above:
            for frag in block.frags:
                above.add(frag)
        else:
            out.append(block)
    return out


def _lone_characters(block: Block) -> bool:
    """Each line of the block is one CJK character (not a label wrapped onto a last
    character of its own, '功能分类科目编' / '码')."""
    texts = [f.text.strip() for f in block.frags]
    return all(len(t) == 1 and "\u4e00" <= t <= "\u9fff" for t in texts)


def _stacked(upper: Block, lower: Block, blocks: list[Block]) -> bool:
    """`lower` right under `upper`, centred alike, within a few lines, nothing between."""
    size = max(upper.size, lower.size)
    centred = abs((upper.x0 + upper.x1) - (lower.x0 + lower.x1)) / 2 <= 0.5 * size
    near = 0 <= lower.top - upper.bottom <= 3 * size
    between = any(
        o is not upper and o is not lower and o.top >= upper.bottom - 1 and o.bottom <= lower.top + 1
        and min(o.x1, upper.x1) - max(o.x0, upper.x0) > 0
        for o in blocks
    )
    return centred and near and not between
