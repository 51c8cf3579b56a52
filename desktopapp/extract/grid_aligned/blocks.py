"""Blocks: the fragments of text stacked in one cell (a label or name wrapped over lines),
and header labels printed as characters spread over their cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, join_chars

CELL_GAP = 0.6  # ems of blank that separate two cells of a table set without rules
_HUNG = "，。、；"  # full-width marks inked in the left half of their box, hung at a line's end


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


def stack_blocks(frags: list[Fragment], max_gap: float) -> list[Block]:
    """Fragments stacked vertically and overlapping horizontally become one block."""
    blocks: list[Block] = []
    ordered = sorted(frags, key=lambda f: (f.top, f.x0))
    lines: dict[int, list[Fragment]] = {}
    for f in ordered:
        lines.setdefault(f.line, []).append(f)
    for line in lines.values():
        # Two fragments of one line under one block: the line carries on only the text
        # it is aligned with (a name wrapped in its cell, not the short text beside it).
        chosen: dict[int, tuple[float, Fragment]] = {}
        targets = {id(f): _stack_target(blocks, f, max_gap) for f in line}
        for f in line:
            target = targets[id(f)]
            if target is not None:
                offset = min(abs(f.x0 - target.x0), abs((f.x0 + f.x1) - (target.x0 + target.x1)) / 2)
                if id(target) not in chosen or offset < chosen[id(target)][0]:
                    chosen[id(target)] = (offset, f)
        winners = {id(f) for _, f in chosen.values()}
        for f in line:
            target = targets[id(f)]
            if target is None or id(f) not in winners:
                blocks.append(Block.of(f))
            else:
                target.add(f)
    return blocks


def _stack_target(blocks: list[Block], f: Fragment, max_gap: float) -> Block | None:
    target = None
    best = 0.0
    for b in reversed(blocks):
        if b.bottom < f.top - max_gap * f.size - 1:
            continue
        gap = f.top - b.bottom
        # Judged against the block's last line, not its whole width: lines centred in
        # narrow neighbouring cells overlap the union of a neighbour's lines.
        last = b.frags[-1]
        overlap = min(last.x1, f.x1) - max(last.x0, f.x0)
        if -0.3 * f.size <= gap <= max_gap * f.size and overlap > 0:
            share = overlap / max(1e-6, min(last.x1 - last.x0, f.x1 - f.x0))
            if share > best:
                target, best = b, share
    return target


def _single(text: str) -> bool:
    return len(text) == 1 and not text.isdigit()


def _last_solid(f: Fragment) -> Char:
    return next(c for c in reversed(f.chars) if not c.text.isspace())


def _vertical_singles(frags: list[Fragment]) -> set[int]:
    """Single characters in a stack of lines: a label printed vertically, or one line of a
    label wrapped in a narrow cell ('政府' | '性' | '基金' …) — never a spread label's part."""
    singles = [f for f in frags if _single(f.text)]
    out: set[int] = set()
    for a in singles:
        for b in frags:
            if a is b:
                continue
            upper, lower = (a, b) if a.top <= b.top else (b, a)
            if lower.top < upper.bottom - 1 or lower.top - upper.bottom > 0.6 * a.size:
                continue
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * (a.x1 - a.x0):
                out.add(id(a))
                if _single(b.text):
                    out.add(id(b))
    return out


def _code_parts(left: str, right: str) -> bool:
    """'类' '款' '项' in this order: the labels of a 科目编码's parts, each heading its column,
    not one label spread over a cell (also in a table with no code under them)."""
    return left in _CODE_PARTS and right in _CODE_PARTS and _CODE_PARTS.index(left) < _CODE_PARTS.index(right)


_CODE_PARTS = "类款项"


def join_spread_labels(
    frags: list[Fragment], body_columns: list[tuple[float, float]], labels: list[tuple[float, float]] = ()
) -> list[Fragment]:
    """'收      入' printed as single characters spread over a cell: one label — unless the
    characters head different columns of the body ('类 款 项'), or stand under two header
    labels of their own ('是' '是' under 是否政府购买服务 | 是否政府采购, narrow columns)."""

    def column(x: float) -> int | None:
        return next((k for k, (a, b) in enumerate(body_columns) if a - 1 <= x <= b + 1), None)

    def label(x: float) -> tuple[float, float] | None:
        """The narrowest header label over x."""
        over = [(a, b) for a, b in labels if a - 1 <= x <= b + 1]
        return min(over, key=lambda ab: ab[1] - ab[0], default=None)

    def own_labels(a: float, b: float) -> bool:
        la, lb = label(a), label(b)
        return la is not None and lb is not None and (la[1] < lb[0] or lb[1] < la[0])

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
            and not own_labels(_last_solid(prev).cx, f.cx)
            and not _code_parts(_last_solid(prev).text, f.text)
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


def split_at_columns(frags: list[Fragment], body_columns: list[tuple[float, float]]) -> list[Fragment]:
    """Labels of narrow neighbouring columns may run together on one line ('…(是/否)' '采购…'
    a third of an em apart): a header fragment is parted where a visible gap holds the
    edge of a body column (just before its text)."""
    edges = [b_lo - min(3.0, (b_lo - a_hi) / 2) for (_, a_hi), (b_lo, _) in zip(body_columns, body_columns[1:])]
    out: list[Fragment] = []
    for f in frags:
        solid = [c for c in f.chars if not c.text.isspace()]
        spaced = {id(b) for a, b in zip(f.chars, f.chars[1:]) if a.text.isspace()}
        # A word space, or a bracket opening a remark ('部门名称 (盖章)'), stays in its label.
        cuts = [
            k for k in range(1, len(solid))
            if solid[k].x0 - solid[k - 1].x1 >= 0.25 * f.size
            and id(solid[k]) not in spaced and solid[k].text not in "(（"
            and any(solid[k - 1].x1 - 0.5 <= e <= solid[k].x0 + 0.5 for e in edges)
        ]
        if not cuts:
            out.append(f)
            continue
        for lo, hi in zip([0, *cuts], [*cuts, len(solid)]):
            part = solid[lo:hi]
            piece = Fragment(part, part[0].x0, min(c.top for c in part), part[-1].x1,
                             max(c.bottom for c in part), f.size, f.line)
            piece.text = join_chars(part)
            out.append(piece)
    return out


def inked_x1(block: Block) -> float:
    """Where the block's ink ends (see ink_x1)."""
    ends = [ink_x1(f) for f in block.frags]
    return min(block.x1, max(ends, default=block.x1))  # a stand-in for a wide text ends first


def ink_x1(frag: Fragment) -> float:
    """Where a fragment's ink ends: a full-width comma or full stop ending a line inks only the
    left half of its em box (punctuation hung past the line's measure reaches no further)."""
    last = next((c for c in reversed(frag.chars) if not c.text.isspace()), None)
    if last is None or last.text not in _HUNG or len(frag.chars) < 2:
        return frag.x1
    return (last.x0 + last.x1) / 2


def split_hung_at_columns(frags: list[Fragment], body_columns: list[tuple[float, float]],
                          is_value: Callable[[str], bool]) -> list[Fragment]:
    """A sentence whose full stop or comma hangs past its cell's edge may touch the next
    cell's value with no gap ('…规范率。' '≥95%'): the ink of the mark leaves the gap a reader
    sees. Where a body column starts right after such a mark and a value (`is_value`) follows
    to the fragment's end, the fragment is parted."""
    starts = [lo for lo, _ in body_columns[1:]]
    out: list[Fragment] = []
    for f in frags:
        solid = [c for c in f.chars if not c.text.isspace()]
        cut = next((
            k for k in range(1, len(solid))
            if solid[k - 1].text in _HUNG
            and any((solid[k - 1].x0 + solid[k - 1].x1) / 2 < x <= solid[k].x0 + 1.0 for x in starts)
            and is_value(join_chars([c for c in f.chars if c.x0 >= solid[k].x0 - 0.1]))
        ), None)
        if cut is None:
            out.append(f)
            continue
        for part in (solid[:cut], solid[cut:]):
            piece = Fragment(part, part[0].x0, min(c.top for c in part), part[-1].x1,
                             max(c.bottom for c in part), f.size, f.line)
            piece.text = join_chars([c for c in f.chars if part[0].x0 - 0.1 <= c.x0 <= part[-1].x0 + 0.1])
            out.append(piece)
    return out


def is_amountish(block: Block) -> bool:
    text = "".join(f.text for f in block.frags).replace(" ", "")
    return bool(re.fullmatch(r"[-+]?[\d,]+(\.\d+)?%?", text))
