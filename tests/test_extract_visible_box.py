"""Boxes are measured from the top-left of what a viewer shows — the CropBox within the
MediaBox — by both readers, so a cell lit in the page view (pdfium renders that box) sits on
the cell also on pages whose MediaBox does not start at 0,0 or that are cropped."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pypdf import PdfWriter, Transformation
from pypdf.generic import RectangleObject

from desktopapp.extract import read_document
from desktopapp.extract.layout_pdfium import read_page
from desktopapp.extract.layout_plumber import read_page_plumber
from tests.helpers import REPO_ROOT

SAMPLE = REPO_ROOT / "resources" / "sample-dept-budget.pdf"
TABLE_PAGE = 8  # 支出总表 in the sample (1-based)


def _rewrite(target: Path, shift: tuple[float, float] = (0, 0), inset: tuple[float, float] = (0, 0),
             rotate: int = 0) -> Path:
    writer = PdfWriter(clone_from=SAMPLE)
    dx, dy = shift
    ix, iy = inset
    for page in writer.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        if shift != (0, 0):
            page.add_transformation(Transformation().translate(dx, dy))
        page.mediabox = RectangleObject([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
        page.cropbox = RectangleObject([x0 + dx + ix, y0 + dy + iy, x1 + dx - ix, y1 + dy - iy])
        if rotate:
            page.rotate(rotate)
    writer.write(target)
    return target


def _first_words(layout) -> tuple[float, float]:
    first = min(layout.chars, key=lambda c: (round(c.top), c.x0))
    return first.x0, first.top


def _both_readers(path: Path) -> list[tuple[float, float, float, float]]:
    """(x0, top, width, height) of the table page's first character and of the page, per reader."""
    out = []
    with pdfplumber.open(path) as pdf:
        layout = read_page_plumber(pdf, TABLE_PAGE - 1)
        out.append((*_first_words(layout), layout.frame.page_width, layout.frame.page_height))
    doc = pdfium.PdfDocument(path)
    try:
        layout = read_page(doc, TABLE_PAGE - 1)
        out.append((*_first_words(layout), layout.frame.page_width, layout.frame.page_height))
    finally:
        doc.close()
    return out


def test_a_mediabox_away_from_the_origin_changes_no_box(tmp_path):
    plain = read_document(SAMPLE)
    shifted = read_document(_rewrite(tmp_path / "shifted.pdf", shift=(100, 50)))
    table, moved = plain.tables[2], shifted.tables[2]
    assert moved.body_texts() == table.body_texts()
    for row, moved_row in zip(table.body, moved.body):
        for cell, moved_cell in zip(row, moved_row):
            if cell.box is not None:
                assert moved_cell.box == pytest.approx(cell.box, abs=0.01)
    for moved_reading, plain_reading in zip(_both_readers(tmp_path / "shifted.pdf"), _both_readers(SAMPLE)):
        assert moved_reading == pytest.approx(plain_reading, abs=0.01)


def test_a_cropped_page_is_measured_from_its_visible_corner(tmp_path):
    cropped = _rewrite(tmp_path / "cropped.pdf", inset=(30, 40))
    for (x, top, w, h), (plain_x, plain_top, width, height) in zip(_both_readers(cropped), _both_readers(SAMPLE)):
        assert (x, top) == pytest.approx((plain_x - 30, plain_top - 40), abs=0.01)
        assert (w, h) == pytest.approx((width - 60, height - 80), abs=0.01)
    page = read_document(cropped).pages[TABLE_PAGE - 1]
    rendered = pdfium.PdfDocument(cropped)[TABLE_PAGE - 1].render(scale=1)
    # the page view draws boxes on pdfium's rendering: the same size as the model's page
    assert (rendered.width, rendered.height) == pytest.approx((page.width, page.height), abs=1)


def test_rotated_and_cropped_page_agrees_between_readers(tmp_path):
    path = _rewrite(tmp_path / "turned.pdf", shift=(20, 10), inset=(15, 25), rotate=90)
    plumber, pdfium_reader = _both_readers(path)
    # the two parsers measure a glyph's height a little differently (ascent vs loose box)
    assert plumber == pytest.approx(pdfium_reader, abs=1.5)
    rendered = pdfium.PdfDocument(path)[TABLE_PAGE - 1].render(scale=1)
    assert (rendered.width, rendered.height) == pytest.approx(plumber[2:], abs=1)


@pytest.mark.gui
def test_the_page_view_draws_rotated_and_cropped_pages_at_the_readers_size(tmp_path, qapp):
    from desktopapp._qt.page_render import PageRenderer

    for name, kwargs in (("turned.pdf", {"rotate": 90}), ("cropped.pdf", {"inset": (30, 40)})):
        path = _rewrite(tmp_path / name, **kwargs)
        page = read_document(path).pages[TABLE_PAGE - 1]
        renderer = PageRenderer(path)
        try:
            assert renderer.page_size(TABLE_PAGE) == pytest.approx((page.width, page.height), abs=0.5)
            image = renderer.render(TABLE_PAGE, 1.0)
            assert (image.width(), image.height()) == pytest.approx((page.width, page.height), abs=1)
        finally:
            renderer.close()
