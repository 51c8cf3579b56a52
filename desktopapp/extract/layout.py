"""What is printed on one page: characters and ruling lines, whichever parser read them
(`layout_pdfium.py`, `layout_plumber.py`); everything downstream works on these plain lists.

Coordinates: everything is converted into the page's *reading frame* — origin top-left,
y growing downwards, text running left to right. For an ordinary page this is exactly
pdfplumber's coordinate system; for a page shown rotated (/Rotate) or whose text is drawn
rotated, the frame is the page turned so that its text reads normally. `Frame.to_page`
maps a box back to pdfplumber's (displayed, top-left) coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktopapp.core.model import Box


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    base: float = 0.0  # baseline (y of the glyph origin)
    upright: bool = True  # runs in the page's main reading direction

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class HRule:
    y: float
    x0: float
    x1: float


@dataclass(slots=True)
class VRule:
    x: float
    y0: float
    y1: float


@dataclass
class Frame:
    """Maps reading-frame coordinates back to pdfplumber's displayed page coordinates."""

    turn: int  # quarter turns (clockwise, 0..3) from displayed page to reading frame
    page_width: float  # displayed page size
    page_height: float

    @property
    def width(self) -> float:
        return self.page_height if self.turn % 2 else self.page_width

    @property
    def height(self) -> float:
        return self.page_width if self.turn % 2 else self.page_height

    def point_to_page(self, u: float, v: float) -> tuple[float, float]:
        w, h = self.page_width, self.page_height
        if self.turn == 0:
            return u, v
        if self.turn == 1:  # text ran upwards on the displayed page
            return v, h - u
        if self.turn == 2:
            return w - u, h - v
        return w - v, u

    def point_from_page(self, x: float, y: float) -> tuple[float, float]:
        """Displayed page point → reading frame point (inverse of `point_to_page`)."""
        w, h = self.page_width, self.page_height
        if self.turn == 0:
            return x, y
        if self.turn == 1:
            return h - y, x
        if self.turn == 2:
            return w - x, h - y
        return y, w - x

    def to_page(self, x0: float, top: float, x1: float, bottom: float) -> Box:
        ax, ay = self.point_to_page(x0, top)
        bx, by = self.point_to_page(x1, bottom)
        return Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


@dataclass
class PageLayout:
    number: int  # 1-based
    frame: Frame
    rotation: int  # the page's /Rotate
    chars: list[Char] = field(default_factory=list)
    hrules: list[HRule] = field(default_factory=list)
    vrules: list[VRule] = field(default_factory=list)
    path_count: int = 0

    @property
    def width(self) -> float:
        return self.frame.width

    @property
    def height(self) -> float:
        return self.frame.height


def dedupe_chars(chars: list[Char]) -> list[Char]:
    """Drop characters printed twice at (almost) the same place (fake bold)."""
    out: list[Char] = []
    seen: dict[tuple[str, int, int], Char] = {}
    for c in chars:
        key = (c.text, round(c.x0), round(c.top))
        prev = seen.get(key)
        if prev is not None and abs(prev.x0 - c.x0) < 1.0 and abs(prev.top - c.top) < 1.0:
            continue
        seen[key] = c
        out.append(c)
    return out
