"""What is printed on one page, read with pypdfium2 (a `PageLayout`, see `layout.py`).

pdfium parses a page an order of magnitude faster than pdfminer, so every page is looked
at here first.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from desktopapp.core.errors import DamagedPdfError, EncryptedPdfError
from desktopapp.core.page_box import visible_box
from desktopapp.extract.geometry import add_bar, add_segment, quarter_turns
from desktopapp.extract.layout import Char, Frame, HRule, PageLayout, VRule, dedupe_chars

# Text that is not meant to be seen.
_INVISIBLE_RENDER_MODES = {3, 7}
_SHAPES = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM)


def open_pdfium(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError("PDF 已加密（设置了打开密码），无法读取。请取得未加密的文件。", str(exc)) from exc
        raise DamagedPdfError("PDF 文件已损坏，无法解析。", str(exc)) from exc


def count_objects(pdf: pdfium.PdfDocument, index: int) -> tuple[int, int]:
    """(objects, paths and forms) a page draws (without reading them)."""
    page = pdf[index]
    try:
        raw = page.raw
        count = pdfium_c.FPDFPage_CountObjects(raw)
        shapes = sum(1 for i in range(count) if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i)) in _SHAPES)
        return count, shapes
    finally:
        page.close()


class _PageSpace:
    """PDF user space → displayed page coordinates (top-left origin), as pdfplumber does."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = mediabox
        self.rotation = rotation % 360
        w, h = self.x1 - self.x0, self.y1 - self.y0
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.x0, self.y1 - y
        if r == 90:
            return y - self.y0, x - self.x0
        if r == 180:
            return self.x1 - x, y - self.y0
        return self.y1 - y, self.x1 - x

    def vector(self, dx: float, dy: float) -> tuple[float, float]:
        ox, oy = self.point(0.0, 0.0)
        px, py = self.point(dx, dy)
        return px - ox, py - oy


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageLayout:
    page = pdf[index]
    try:
        return _read_page(page, index)
    finally:
        page.close()


def _read_page(page: pdfium.PdfPage, index: int) -> PageLayout:
    rotation = page.get_rotation() % 360
    # Coordinates are measured from the top-left of what a viewer shows (and the page view
    # renders): the CropBox within the MediaBox, not the MediaBox itself.
    space = _PageSpace(_visible_box(page), rotation)
    raw_chars, directions = _read_chars(page, space)
    turn = directions.most_common(1)[0][0] if directions else 0
    frame = Frame(turn, space.width, space.height)
    to_frame = frame.point_from_page
    chars: list[Char] = []
    for text, x0, y0, x1, y1, ox, oy, size, q in raw_chars:
        ax, ay = to_frame(x0, y0)
        bx, by = to_frame(x1, y1)
        base = to_frame(ox, oy)[1]
        chars.append(Char(text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), size, base, q == turn))
    chars = dedupe_chars(chars)
    hrules, vrules, path_count = _read_rules(page, space, frame)
    return PageLayout(index + 1, frame, rotation, chars, hrules, vrules, path_count)


def _read_chars(page: pdfium.PdfPage, space: _PageSpace):
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return [], Counter()
        text = textpage.get_text_range(0, count)
        rect = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        out = []
        directions: Counter[int] = Counter()
        last_obj = None
        last_visible = True
        page_box = (space.x0, space.y0, space.x1, space.y1)
        unclipped = (-1e9, -1e9, 1e9, 1e9)
        upright_page = space.rotation == 0
        mx0, my1 = space.x0, space.y1
        clip = None
        point = (ctypes.c_float(), ctypes.c_float())
        sized_obj = None
        size, q, ox, oy = 0.0, 0, 0.0, 0.0
        for i in range(min(count, len(text))):
            ch = text[i]
            if ch in "\r\n\x00\x02\ufffe":
                continue
            # pdfium inserts spaces between words it sees apart; they were not printed.
            if ch.isspace() and pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            if obj != last_obj:
                last_obj = obj
                last_visible = not obj or (
                    pdfium_c.FPDFTextObj_GetTextRenderMode(obj) not in _INVISIBLE_RENDER_MODES
                )
            if not last_visible:
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            # Text clipped away or placed off the page is not printed.
            cx, cy = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
            # The clip is looked up again only for a character outside the last one seen
            # (clips rarely change, and looking one up for every character is slow).
            if obj and (clip is None or not _inside(clip, cx, cy)):
                clip = _clip_box(obj, point) or unclipped
                if not _inside(clip, cx, cy):
                    continue
            if not (page_box[0] - 1 <= cx <= page_box[2] + 1 and page_box[1] - 1 <= cy <= page_box[3] + 1):
                continue
            if obj != sized_obj or not obj:
                # Size, direction and baseline are the text object's (one font, one
                # matrix, one run of text: its origin lies on the baseline).
                sized_obj = obj
                pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
                # The font size pdfium reports is before the text matrix's scaling.
                size = pdfium_c.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.a, matrix.b)
                q = quarter_turns(*space.vector(matrix.a, matrix.b))
                if obj:
                    ox, oy = space.point(matrix.e, matrix.f)
                else:
                    pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
                    ox, oy = space.point(origin_x.value, origin_y.value)
            if upright_page:  # the common case, without a method call per point
                ax, ay, bx, by = rect.left - mx0, my1 - rect.top, rect.right - mx0, my1 - rect.bottom
            else:
                ax, ay = space.point(rect.left, rect.top)
                bx, by = space.point(rect.right, rect.bottom)
            if not ch.isspace():
                directions[q] += 1
            out.append((ch, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), ox, oy, size, q))
        return out, directions
    finally:
        textpage.close()


def _visible_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The part of the page a viewer shows (user space): CropBox ∩ MediaBox. Text placed
    outside it is hidden from the reader and is no content."""
    try:
        cropbox = page.get_cropbox()
    except pdfium.PdfiumError:
        cropbox = None
    return visible_box(page.get_mediabox(), cropbox)


def _inside(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _clip_box(obj, point) -> tuple[float, float, float, float] | None:
    """Bounding box (user space) of a text object's clipping rectangles (intersected);
    None when it is not clipped or a clip is not a rectangle (then nothing is dropped)."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    paths = pdfium_c.FPDFClipPath_CountPaths(clip)
    if not 1 <= paths <= 3:
        return None
    x, y = point
    box = None
    for k in range(paths):
        if pdfium_c.FPDFClipPath_CountPathSegments(clip, k) not in (4, 5):
            return None
        corners = []
        for j in (0, 2):
            seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, k, j)
            if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                return None
            corners.append((x.value, y.value))
        (ax, ay), (bx, by) = corners
        part = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        box = part if box is None else (max(box[0], part[0]), max(box[1], part[1]), min(box[2], part[2]), min(box[3], part[3]))
    return box


# ----------------------------------------------------------------------------- rules


def _is_white(r: int, g: int, b: int, a: int) -> bool:
    return a == 0 or (r >= 245 and g >= 245 and b >= 245)


def _color(getter, obj) -> tuple[int, int, int, int]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not getter(obj, r, g, b, a):
        return 0, 0, 0, 255
    return r.value, g.value, b.value, a.value


def _iter_paths(page: pdfium.PdfPage):
    """(path object, matrix to user space) for every path, descending into forms."""
    raw = page.raw
    stack = [(pdfium_c.FPDFPage_GetObject(raw, i), None) for i in range(pdfium_c.FPDFPage_CountObjects(raw))]
    stack.reverse()
    m = pdfium_c.FS_MATRIX()
    while stack:
        obj, parent = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, m)
        own = (m.a, m.b, m.c, m.d, m.e, m.f)
        combined = own if parent is None else _mul(own, parent)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, combined
        else:
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = [(pdfium_c.FPDFFormObj_GetObject(obj, j), combined) for j in range(n)]
            stack.extend(reversed(children))


def _mul(a: tuple, b: tuple) -> tuple:
    """Matrix a then b (PDF row-vector convention)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def _path_subpaths(obj, matrix) -> list[tuple[list[tuple[float, float]], bool]]:
    """Subpaths as lists of user-space points, with their closed flag (curves flattened to ends)."""
    a, b, c, d, e, f = matrix
    n = pdfium_c.FPDFPath_CountSegments(obj)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    closed = False
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(points) > 1:
                subpaths.append((points, closed))
            points, closed = [(px, py)], False
        else:
            points.append((px, py))
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            closed = True
    if len(points) > 1:
        subpaths.append((points, closed))
    return subpaths


def _read_rules(page: pdfium.PdfPage, space: _PageSpace, frame: Frame):
    hrules: list[HRule] = []
    vrules: list[VRule] = []
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    count = 0
    for obj, matrix in _iter_paths(page):
        count += 1
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke):
            continue
        filled = fillmode.value != 0 and not _is_white(*_color(pdfium_c.FPDFPageObj_GetFillColor, obj))
        stroked = bool(stroke.value) and not _is_white(*_color(pdfium_c.FPDFPageObj_GetStrokeColor, obj))
        if not (filled or stroked):
            continue
        for points, closed in _path_subpaths(obj, matrix):
            pts = [frame.point_from_page(*space.point(px, py)) for px, py in points]
            if filled:
                _add_filled(pts, hrules, vrules)
            if stroked:
                if closed and pts[0] != pts[-1]:
                    pts = pts + [pts[0]]
                for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                    add_segment(ax, ay, bx, by, hrules, vrules)
    return hrules, vrules, count


def _add_filled(pts, hrules: list[HRule], vrules: list[VRule]) -> None:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if _is_axis_box(pts, x0, x1, y0, y1):
        add_bar(x0, y0, x1, y1, hrules, vrules)


def _is_axis_box(pts, x0, x1, y0, y1, tol: float = 0.5) -> bool:
    """Every point lies on the box's border corners (a rectangle, not a diagonal shape)."""
    for px, py in pts:
        if not ((abs(px - x0) < tol or abs(px - x1) < tol) and (abs(py - y0) < tol or abs(py - y1) < tol)):
            return False
    return True
