"""What lies around the grids, printed the ways templates do (an extension of pdfgen.py).

`StructureSpec` adds caption variants to a `TableSpec`: a small label above the title or on
the 单位 line ("公开表1", "附表3"), a 单位 line wrapped over two lines, a caption printed alone
at the foot of a page with its grid on the next. `StructureBuilder` prints them; the truth is
the `PrintedTable` pdfgen returns plus what the test itself asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.helpers.pdfgen import PAGE_MARGIN_X, PdfBuilder, PrintedTable, TableSpec, _layout, _Surface


@dataclass
class StructureSpec(TableSpec):
    label: str | None = None  # small print left above the title ("公开表1")
    label_on_unit_line: bool = False  # the label on the 单位 line, under the title
    unit_lines: tuple[str, ...] = ()  # the 单位 text right-aligned over several lines ("单位：", "万元")
    caption_drawn: bool = False  # set by StructureBuilder when the caption went on the page before


class StructureBuilder(PdfBuilder):
    """PdfBuilder that also prints `StructureSpec` captions."""

    def _title_height(self, spec: TableSpec) -> float:
        if isinstance(spec, StructureSpec) and spec.caption_drawn:
            return 0.0
        label = isinstance(spec, StructureSpec) and spec.label and not spec.number
        return super()._title_height(spec) + (16 if label else 0)

    def _draw_title(self, s: _Surface, spec: TableSpec, x0: float, width: float, continuation: bool) -> float:
        if not isinstance(spec, StructureSpec):
            return super()._draw_title(s, spec, x0, width, continuation)
        top = self.cursor
        if continuation and spec.continued_title and not spec.caption_drawn:
            return super()._draw_title(s, spec, x0, width, continuation)
        if continuation or spec.caption_drawn:
            return top
        label = spec.label or spec.number
        if label and not spec.label_on_unit_line:
            s.text(x0, top + 10, label, spec.font_size)
            top += 16
        s.text(s.width / 2, top + spec.title_size, spec.title, spec.title_size, "c")
        top += spec.title_size + 12
        if label and spec.label_on_unit_line:
            s.text(x0, top + 10, label, spec.font_size)
        elif spec.org:
            s.text(x0, top + 10, f"{spec.org_label}{spec.org}", spec.font_size)
        if spec.unit_lines:
            for i, part in enumerate(spec.unit_lines):
                s.text(x0 + width, top + 10 + i * spec.font_size * 1.3, part, spec.font_size, "r")
            top += 16 + spec.font_size * 1.3 * (len(spec.unit_lines) - 1)
        elif spec.unit:
            s.text(x0 + width, top + 10, f"单位：{spec.unit}", spec.font_size, "r")
            top += 16
        elif (label and spec.label_on_unit_line) or spec.org:
            top += 16
        return top + 4

    def table_with_caption_at_foot(self, spec: StructureSpec, *, landscape: bool = False) -> PrintedTable:
        """The caption printed at the foot of the current page, the grid on the next (a
        landscape page when `landscape`)."""
        assert self.surface is not None
        s = self.surface
        layout = _layout(spec, s.width - 2 * PAGE_MARGIN_X)
        height = self._title_height(spec)
        self.cursor = self.bottom_limit - height
        self._draw_title(s, spec, (s.width - layout.width) / 2, layout.width, False)
        self.new_page(landscape=landscape)
        spec.caption_drawn = True
        return self.table(spec, new_page=False, landscape=landscape)

    def hide_outside_view(self, hidden_top: str, hidden_bottom: str, margin: float = 32.0) -> None:
        """Print two lines in the current page's top and bottom margins and crop the page
        (CropBox) so that a viewer does not show them."""
        s = self.surface
        assert s is not None
        s.text(PAGE_MARGIN_X, 14, hidden_top, 9)
        s.text(PAGE_MARGIN_X, s.height - 8, hidden_bottom, 9)
        if s.page.rotation:
            raise ValueError("only upright pages are cropped here")
        self.c.setCropBox((0, margin, s.width, s.height - margin))

    def new_page(self, **kwargs) -> _Surface:
        surface = super().new_page(**kwargs)
        self.c.setCropBox(None)  # reportlab keeps a crop box for the pages that follow
        return surface
