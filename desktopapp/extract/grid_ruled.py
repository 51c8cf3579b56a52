"""Grids drawn with ruling lines (stroked lines or thin filled rectangles).

Rules are merged into long horizontal and vertical lines, grouped into connected sets
(each set is one table), and the cells are the slots between neighbouring rules; two
slots are one merged cell when no rule separates them.
"""

from __future__ import annotations

import bisect

from desktopapp.extract.geometry import RuleLine, cluster_means, merge_rules
from desktopapp.extract.grid import Grid, GridCell
from desktopapp.extract.layout import HRule, VRule

SNAP = 2.0  # rules this close (points) are the same line
JOIN = 3.0  # collinear pieces with a gap this small are one line
TOUCH = 3.0  # a horizontal and a vertical rule meet when this close


def _components(hs: list[RuleLine], vs: list[RuleLine]) -> list[tuple[list[RuleLine], list[RuleLine]]]:
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vs_sorted = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    v_pos = [vs[j].pos for j in vs_sorted]
    for i, h in enumerate(hs):
        lo = bisect.bisect_left(v_pos, h.lo - TOUCH)
        hi = bisect.bisect_right(v_pos, h.hi + TOUCH)
        for k in range(lo, hi):
            j = vs_sorted[k]
            v = vs[j]
            if v.lo - TOUCH <= h.pos <= v.hi + TOUCH:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[RuleLine], list[RuleLine]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _covered(lines: list[RuleLine], lo: float, hi: float) -> bool:
    """Do these collinear lines cover most of the span lo..hi?"""
    need = (hi - lo) * 0.5
    total = 0.0
    for ln in lines:
        a, b = max(lo, ln.lo), min(hi, ln.hi)
        if b > a:
            total += b - a
    return total >= need


def find_ruled_grids(hrules: list[HRule], vrules: list[VRule]) -> tuple[list[Grid], list[RuleLine]]:
    """Ruled grids on a page, and the horizontal lines that belong to no grid."""
    hs = merge_rules([(r.y, r.x0, r.x1) for r in hrules], SNAP, JOIN)
    vs = merge_rules([(r.x, r.y0, r.y1) for r in vrules], SNAP, JOIN)
    grids: list[Grid] = []
    used_h: set[int] = set()
    for ghs, gvs in _components(hs, vs):
        used_h.update(id(h) for h in ghs)
        grid = _grid_from(ghs, gvs)
        if grid is not None:
            grids.append(grid)
    free_h = [h for h in hs if id(h) not in used_h]
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids, free_h


def _grid_from(hs: list[RuleLine], vs: list[RuleLine]) -> Grid | None:
    xs = cluster_means([v.pos for v in vs], SNAP)
    ys = cluster_means([h.pos for h in hs], SNAP)
    # Open sides: horizontal rules reaching beyond the outermost vertical ones (and the
    # other way round) still bound the table.
    left, right = min(h.lo for h in hs), max(h.hi for h in hs)
    top, bottom = min(v.lo for v in vs), max(v.hi for v in vs)
    if left < xs[0] - 3 * SNAP:
        xs.insert(0, left)
    if right > xs[-1] + 3 * SNAP:
        xs.append(right)
    if top < ys[0] - 3 * SNAP:
        ys.insert(0, top)
    if bottom > ys[-1] + 3 * SNAP:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    h_at: list[list[RuleLine]] = [[] for _ in ys]
    v_at: list[list[RuleLine]] = [[] for _ in xs]
    for h in hs:
        h_at[_nearest(ys, h.pos)].append(h)
    for v in vs:
        v_at[_nearest(xs, v.pos)].append(v)

    # Union slots not separated by a rule.
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(v_at[c + 1], ys[r], ys[r + 1]):
                a, b = find(r * n_cols + c), find(r * n_cols + c + 1)
                if a != b:
                    parent[b] = a
            if r + 1 < n_rows and not _covered(h_at[r + 1], xs[c], xs[c + 1]):
                a, b = find(r * n_cols + c), find((r + 1) * n_cols + c)
                if a != b:
                    parent[b] = a
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for slots in sorted(groups.values(), key=lambda s: min(s)):
        r0 = min(r for r, _ in slots)
        r1 = max(r for r, _ in slots)
        c0 = min(c for _, c in slots)
        c1 = max(c for _, c in slots)
        # A non-rectangular union (a broken rule) is split back into its rows' runs.
        box = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if box != set(slots) or box & taken:
            for r, c in sorted(slots):
                if (r, c) not in taken:
                    taken.add((r, c))
                    cells.append(GridCell(r, c, 1, 1, xs[c], ys[r], xs[c + 1], ys[r + 1]))
            continue
        taken |= box
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(xs, ys, cells, "ruled")


def _nearest(values: list[float], v: float) -> int:
    i = bisect.bisect_left(values, v)
    if i == 0:
        return 0
    if i == len(values):
        return len(values) - 1
    return i if values[i] - v < v - values[i - 1] else i - 1
