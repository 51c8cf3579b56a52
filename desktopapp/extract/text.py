"""Characters → text lines → fragments (runs of text separated by wide gaps).

A *line* is every character printed on one visual line of the page (across columns); a
*fragment* is a run of a line with no wide gap inside, i.e. what one table cell holds on
that line. Cell text is built from the characters binned into the cell, with its own
lines joined without a separator (a name wrapped over two lines is one name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktopapp.extract.layout import Char

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_DIGITISH = set("0123456789.,%")
# Full-width punctuation whose ink sits in the left half of its em box: the blank after it
# is part of the gap a reader sees (beyond a word space after it).
_LEFT_INKED = set("，。、；：！？")


@dataclass(slots=True)
class Line:
    chars: list[Char]  # sorted left to right, white space included
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    _text: str | None = None

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = join_chars(self.chars)
        return self._text


@dataclass(slots=True)
class Fragment:
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    line: int = 0  # index of its line
    text: str = field(default="")

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _bounds(chars: list[Char]) -> tuple[float, float, float, float, float]:
    x0 = top = 1e9
    x1 = bottom = size = -1e9
    for c in chars:
        if c.text.isspace():
            continue
        if c.x0 < x0:
            x0 = c.x0
        if c.top < top:
            top = c.top
        if c.x1 > x1:
            x1 = c.x1
        if c.bottom > bottom:
            bottom = c.bottom
        if c.size > size:
            size = c.size
    if x1 < x0:  # white space only
        c = chars[0]
        return c.x0, c.top, c.x1, c.bottom, c.size
    return x0, top, x1, bottom, size


def group_lines(chars: list[Char]) -> list[Line]:
    """Visual lines, top to bottom: characters sharing (nearly) the same baseline.
    Spaces join the line they sit on and never start one."""
    groups: list[list[Char]] = []
    bases: list[float] = []
    sizes: list[float] = []
    for c in sorted(chars, key=lambda c: c.base):
        space = c.text.isspace()
        placed = False
        # Only the last few lines can still be within reach (sorted by baseline).
        n = len(groups)
        for k in range(n - 1, n - 5 if n > 4 else -1, -1):
            size = sizes[k] if sizes[k] > c.size else c.size
            if abs(c.base - bases[k]) <= 0.3 * (size if size > 1.0 else 1.0):
                groups[k].append(c)
                if not space and c.size > sizes[k]:
                    sizes[k] = c.size
                placed = True
                break
        if not placed and not space:
            groups.append([c])
            bases.append(c.base)
            sizes.append(c.size)
    lines = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        x0, top, x1, bottom, size = _bounds(g)
        lines.append(Line(g, x0, top, x1, bottom, size))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _is_digitish(c: Char) -> bool:
    return c.text in _DIGITISH


def split_gap(a: Char, b: Char, wide: float = 1.2, spaced: bool = False) -> bool:
    """Does the gap between neighbouring characters a and b separate two cells? `wide`
    is the gap (in ems) that always does; `spaced`: a space character stands between
    them (a word space inside one cell, as in '2024 年')."""
    gap = b.x0 - a.x1
    em = max(a.size, b.size, 1.0)
    if a.text in _LEFT_INKED and gap > 0.4 * em:
        gap += 0.4 * em
    if a.text in _LEFT_INKED and gap < -0.05 * em:
        # Text printed over the blank half of a full stop or comma: the next cell's text
        # where an overflowing sentence ended ('…规范率。' | '≥95%'); one run never overlaps.
        return True
    if gap > wide * em:
        return True
    a_cjk, b_cjk = _CJK.match(a.text) is not None, _CJK.match(b.text) is not None
    if a_cjk != b_cjk:
        # An amount next to CJK text with a visible gap: two cells (an amount ends its
        # cell at the right, the next cell's text starts at its left).
        limit = 0.8 if spaced else (0.3 if a.text.isdigit() else 0.5)
        if gap > limit * em:
            return True
    # Two amounts side by side: even a small gap separates them.
    return gap > 0.35 * em and _is_digitish(a) and b.text[0].isdigit() and a.text != ","


def fragments(line: Line, index: int = 0, wide: float = 1.2) -> list[Fragment]:
    out: list[Fragment] = []
    current: list[Char] = []
    prev: Char | None = None
    spaced = False
    for c in line.chars:
        if c.text.isspace():
            current.append(c)
            spaced = True
            continue
        if prev is not None and split_gap(prev, c, wide, spaced):
            out.append(_make_fragment(current, index))
            current = []
        current.append(c)
        prev = c
        spaced = False
    if current and any(not c.text.isspace() for c in current):
        out.append(_make_fragment(current, index))
    return out


def _make_fragment(chars: list[Char], index: int) -> Fragment:
    x0, top, x1, bottom, size = _bounds(chars)
    return Fragment(chars, x0, top, x1, bottom, size, index, join_chars(chars))


def join_chars(chars: list[Char]) -> str:
    """Text of one line's characters (sorted left to right), spaces as printed, ends stripped."""
    parts: list[str] = []
    prev: Char | None = None
    for c in chars:
        if c.text.isspace():
            parts.append(" ")
            prev = None
            continue
        if prev is not None:
            gap = c.x0 - prev.x1
            em = prev.size if prev.size > c.size else c.size
            # A visible gap between Latin/digit characters is a word space; CJK text is
            # often spread out (justified) and is joined without one.
            if gap > 0.25 * em and not (_CJK.match(prev.text) or _CJK.match(c.text)):
                parts.append(" ")
        parts.append(c.text)
        prev = c
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


def cell_text(chars: list[Char]) -> str:
    """Text of the characters inside one cell: its lines top to bottom, joined without separator."""
    if not chars:
        return ""
    upright = [c for c in chars if c.upright]
    turned = [c for c in chars if not c.upright]
    text = ""
    if upright:
        base = upright[0].base
        if all(abs(c.base - base) < 0.5 for c in upright):  # one line, the common case
            text = join_chars(sorted(upright, key=lambda c: c.x0))
        else:
            text = "".join(ln.text for ln in group_lines(upright))
    if turned:
        # Text drawn across the page's reading direction (e.g. a label turned 90°).
        turned.sort(key=lambda c: (round(c.x0), c.top))
        text += "".join(c.text for c in turned if not c.text.isspace())
    return text
