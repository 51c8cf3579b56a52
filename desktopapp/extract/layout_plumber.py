"""What is printed on one page, read with pdfplumber (pdfminer): the same `PageLayout` as
`layout.py` gives from pdfium, so the grid strategies do not care which parser read it.

pdfplumber already maps /Rotate into displayed coordinates (but leaves page.width and
page.height unswapped); text drawn turned is brought into the reading frame here.
"""

from __future__ import annotations

from collections import Counter

import pdfplumber

from desktopapp.extract.layout import (
    RULE_MAX_THICKNESS,
    RULE_MIN_LENGTH,
    Char,
    Frame,
    HRule,
    PageLayout,
    VRule,
    _add_segment,
    _dedupe,
    _quarter_of,
    _turn_point,
)


def _is_white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (tuple, list)) else (color,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False  # pattern colours and the like: treat as ink
    if len(numbers) == 1:  # gray
        return numbers[0] >= 0.96
    if len(numbers) == 3:  # rgb
        return min(numbers) >= 0.96
    if len(numbers) == 4:  # cmyk
        return max(numbers) <= 0.04
    return False


def read_page_plumber(pdf: pdfplumber.PDF, index: int) -> PageLayout:
    page = pdf.pages[index]
    try:
        return _read(page, index)
    finally:
        page.close()


def _display_size(page: pdfplumber.page.Page) -> tuple[float, float]:
    rotation = (page.rotation or 0) % 360
    w, h = float(page.width), float(page.height)
    return (h, w) if rotation in (90, 270) else (w, h)


def _read(page: pdfplumber.page.Page, index: int) -> PageLayout:
    w, h = _display_size(page)
    raw = page.chars
    directions: Counter[int] = Counter()
    quarters = []
    for ch in raw:
        a, b = ch["matrix"][0], ch["matrix"][1]
        q = _quarter_of(a, -b)  # pdfminer's matrix is y-up; the display frame is y-down
        quarters.append(q)
        if not ch["text"].isspace():
            directions[q] += 1
    turn = directions.most_common(1)[0][0] if directions else 0
    chars: list[Char] = []
    for ch, q in zip(raw, quarters):
        text = ch["text"]
        if text in "\r\n\x00":
            continue
        ax, ay = _turn_point(turn, ch["x0"], ch["top"], w, h)
        bx, by = _turn_point(turn, ch["x1"], ch["bottom"], w, h)
        origin = _turn_point(turn, ch["matrix"][4], h - ch["matrix"][5], w, h)
        chars.append(
            Char(text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), float(ch["size"]), origin[1], q == turn)
        )
    hrules: list[HRule] = []
    vrules: list[VRule] = []
    count = 0
    for obj in page.rects:
        count += 1
        _add_rect(obj, turn, w, h, hrules, vrules)
    for obj in page.lines + page.curves:
        count += 1
        if obj.get("stroke", True) and not _is_white(obj.get("stroking_color")):
            pts = [_turn_point(turn, x, y, w, h) for x, y in obj["pts"]]
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                _add_segment(ax, ay, bx, by, hrules, vrules)
    rotation = (page.rotation or 0) % 360
    return PageLayout(index + 1, Frame(turn, w, h), rotation, _dedupe(chars), hrules, vrules, count)


def _add_rect(obj: dict, turn: int, w: float, h: float, hrules: list[HRule], vrules: list[VRule]) -> None:
    ax, ay = _turn_point(turn, obj["x0"], obj["top"], w, h)
    bx, by = _turn_point(turn, obj["x1"], obj["bottom"], w, h)
    x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    filled = obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
    stroked = obj.get("stroke") and not _is_white(obj.get("stroking_color"))
    wid, hei = x1 - x0, y1 - y0
    if filled:  # WPS draws each rule as a thin filled rectangle
        if hei <= RULE_MAX_THICKNESS and wid >= RULE_MIN_LENGTH and wid > hei:
            hrules.append(HRule((y0 + y1) / 2, x0, x1))
        elif wid <= RULE_MAX_THICKNESS and hei >= RULE_MIN_LENGTH and hei > wid:
            vrules.append(VRule((x0 + x1) / 2, y0, y1))
    if stroked:
        for sx0, sy0, sx1, sy1 in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            _add_segment(sx0, sy0, sx1, sy1, hrules, vrules)
