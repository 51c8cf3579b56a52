"""A page's displayed coordinates (core.model.Box: origin at the top-left of the page as a viewer
shows it — the CropBox within the MediaBox — /Rotate applied, as extract/layout_pdfium.py
measures) ↔ PDF user space (origin bottom-left, where annotations' /Rect and /QuadPoints live)."""

from __future__ import annotations

from dataclasses import dataclass

from desktopapp.core.model import Box
from desktopapp.core.page_box import visible_box

Point = tuple[float, float]


@dataclass(frozen=True)
class PageSpace:
    mediabox: tuple[float, float, float, float]  # x0, y0, x1, y1 (ordered)
    cropbox: tuple[float, float, float, float]
    rotation: int  # 0, 90, 180, 270

    @property
    def shown(self) -> tuple[float, float, float, float]:
        """What a viewer shows, in user space: CropBox ∩ MediaBox (the MediaBox when they miss)."""
        return visible_box(self.mediabox, self.cropbox)

    def to_user(self, x: float, y: float) -> Point:
        """Displayed point → user space (the inverse of layout_pdfium._PageSpace.point)."""
        mx0, my0, mx1, my1 = self.shown
        r = self.rotation
        if r == 90:
            return y + mx0, x + my0
        if r == 180:
            return mx1 - x, y + my0
        if r == 270:
            return mx1 - y, my1 - x
        return x + mx0, my1 - y

    def to_displayed(self, x: float, y: float) -> Point:
        mx0, my0, mx1, my1 = self.shown
        r = self.rotation
        if r == 90:
            return y - my0, x - mx0
        if r == 180:
            return mx1 - x, y - my0
        if r == 270:
            return my1 - y, mx1 - x
        return x - mx0, my1 - y

    def quad(self, box: Box) -> list[float]:
        """QuadPoints of a displayed box: top-left, top-right, bottom-left, bottom-right as the page
        reads (the order Acrobat writes and pdf.js / poppler expect), in user space."""
        corners = [(box.x0, box.top), (box.x1, box.top), (box.x0, box.bottom), (box.x1, box.bottom)]
        return [v for x, y in corners for v in self.to_user(x, y)]

    def rect(self, box: Box) -> tuple[float, float, float, float]:
        points = self.quad(box)
        xs, ys = points[0::2], points[1::2]
        return min(xs), min(ys), max(xs), max(ys)

    def visible(self) -> Box:
        """What a viewer shows, in displayed coordinates."""
        cx0, cy0, cx1, cy1 = self.shown
        (ax, ay), (bx, by) = self.to_displayed(cx0, cy0), self.to_displayed(cx1, cy1)
        return Box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
