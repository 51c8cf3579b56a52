"""What is printed on one page, read with pdfplumber (pdfminer): the same `PageLayout` as
`layout_pdfium.py` gives from pdfium, so the grid strategies do not care which parser read it.

pdfplumber already maps /Rotate into displayed coordinates (but leaves page.width and
page.height unswapped); text drawn turned is brought into the reading frame here.
"""

from __future__ import annotations

from collections import Counter

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect

from desktopapp.core.page_box import ordered, visible_box
from desktopapp.extract.geometry import add_bar, add_segment, quarter_turns
from desktopapp.extract.layout import Char, Frame, HRule, PageLayout, VRule, dedupe_chars


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


def _visible_box(page: pdfplumber.page.Page) -> tuple[float, float, float, float]:
    """The part of the page a viewer shows, CropBox ∩ MediaBox, in pdfminer's device space
    (where its characters are placed: the MediaBox origin moved to 0, /Rotate applied)."""
    obj = page.page_obj
    mx0, my0, mx1, my1 = ordered(obj.mediabox)
    vx0, vy0, vx1, vy1 = visible_box(obj.mediabox, obj.cropbox or None)
    rotation = (obj.rotate or 0) % 360

    def device(x: float, y: float) -> tuple[float, float]:  # pdfminer's PDFPageInterpreter
        if rotation == 90:
            return y - my0, mx1 - x
        if rotation == 180:
            return mx1 - x, my1 - y
        if rotation == 270:
            return my1 - y, x - mx0
        return x - mx0, y - my0

    (ax, ay), (bx, by) = device(vx0, vy0), device(vx1, vy1)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _walk(objs):
    """Layout objects, descending into forms (LTFigure) as pdfplumber does."""
    for obj in objs:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _walk(obj._objs)
        else:
            yield obj


def _read(page: pdfplumber.page.Page, index: int) -> PageLayout:
    """Walk pdfplumber's parsed page (`page.layout`, pdfminer objects) directly: building
    pdfplumber's attribute dicts for every object would cost a quarter of the reading time.
    Coordinates from pdfminer's device space, where the MediaBox's lower-left corner is the
    origin (pdfplumber's `process_object` adds that corner back, which puts a page whose
    MediaBox does not start at 0,0 off the displayed page by that much)."""
    # Measured from the top-left of what a viewer shows (and the page view renders): the
    # CropBox within the MediaBox, in pdfminer's device space (y up).
    vx0, vy0, vx1, vy1 = _visible_box(page)
    w, h = vx1 - vx0, vy1 - vy0
    raw_chars = []
    shapes = []
    for obj in _walk(page.layout._objs):
        if isinstance(obj, LTChar):
            raw_chars.append(obj)
        elif isinstance(obj, LTCurve):
            shapes.append(obj)
    directions: Counter[int] = Counter()
    quarters = []
    for ch in raw_chars:
        q = quarter_turns(ch.matrix[0], -ch.matrix[1])  # pdfminer's matrix is y-up; the display frame is y-down
        quarters.append(q)
        if not ch.get_text().isspace():
            directions[q] += 1
    turn = directions.most_common(1)[0][0] if directions else 0
    frame = Frame(turn, w, h)
    to_frame = frame.point_from_page
    chars: list[Char] = []
    for ch, q in zip(raw_chars, quarters):
        text = ch.get_text()
        if not text or text.isspace() or text == "\x00":
            # pdfminer keeps the space glyphs a layout program appends to figures; a trailing
            # space can reach past the cell's rule (pdfium skips them too): gaps come from positions
            continue
        if not (vx0 - 1 <= (ch.x0 + ch.x1) / 2 <= vx1 + 1 and vy0 - 1 <= (ch.y0 + ch.y1) / 2 <= vy1 + 1):
            continue  # outside the page's visible box: hidden, no content
        x0, x1 = ch.x0 - vx0, ch.x1 - vx0
        top, bottom = vy1 - ch.y1, vy1 - ch.y0
        ax, ay = to_frame(x0, top)
        bx, by = to_frame(x1, bottom)
        origin = to_frame(ch.matrix[4] - vx0, vy1 - ch.matrix[5])
        chars.append(Char(text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), float(ch.size), origin[1], q == turn))
    hrules: list[HRule] = []
    vrules: list[VRule] = []
    for obj in shapes:
        if isinstance(obj, LTRect):
            top, bottom = vy1 - obj.y1, vy1 - obj.y0
            _add_rect(obj, (obj.x0 - vx0, top, obj.x1 - vx0, bottom), frame, hrules, vrules)
        else:
            pts = [to_frame(x - vx0, vy1 - y) for x, y in obj.pts]
            if obj.fill and not _is_white(obj.non_stroking_color) and _is_axis_box(pts):
                # A thin filled four-corner path is a rule like a filled rectangle (Excel's
                # PDF export draws some cell borders so).
                xs, ys = [x for x, _ in pts], [y for _, y in pts]
                add_bar(min(xs), min(ys), max(xs), max(ys), hrules, vrules)
            if obj.stroke and not _is_white(obj.stroking_color):
                for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                    add_segment(ax, ay, bx, by, hrules, vrules)
    rotation = (page.rotation or 0) % 360
    return PageLayout(index + 1, frame, rotation, dedupe_chars(chars), hrules, vrules, len(shapes))


def _is_axis_box(pts: list[tuple[float, float]], tol: float = 0.5) -> bool:
    """Every point lies on a corner of the points' bounding box (a rectangle drawn as a path)."""
    if len(pts) < 4:
        return False
    x0, x1 = min(x for x, _ in pts), max(x for x, _ in pts)
    y0, y1 = min(y for _, y in pts), max(y for _, y in pts)
    return all(
        (abs(x - x0) < tol or abs(x - x1) < tol) and (abs(y - y0) < tol or abs(y - y1) < tol) for x, y in pts
    )


def _add_rect(
    obj: LTRect, box: tuple[float, float, float, float], frame: Frame, hrules: list[HRule], vrules: list[VRule]
) -> None:
    ax, ay = frame.point_from_page(box[0], box[1])
    bx, by = frame.point_from_page(box[2], box[3])
    x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if obj.fill and not _is_white(obj.non_stroking_color):
        add_bar(x0, y0, x1, y1, hrules, vrules)  # WPS draws each rule as a thin filled rectangle
    if obj.stroke and not _is_white(obj.stroking_color):
        for sx0, sy0, sx1, sy1 in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            add_segment(sx0, sy0, sx1, sy1, hrules, vrules)
