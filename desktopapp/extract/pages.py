"""Read one page of a PDF: pdfium for a quick look, pdfplumber for the pages with tables.

1. Every page is looked at with pdfium (fast, C). Narrative pages, most of a disclosure,
   are taken from there.
2. A page that may hold a table (ruling lines, or a grid found in its text) is read again
   with pdfplumber, whose parse the table grids are built from.
One damaged object costs at most its page: where pdfminer fails on a page (RecursionError,
IndexError, PdfminerException…) the page is pdfium's reading, and the other way round; a page
neither parser reads raises `PageUnreadable`. The pages are read in worker processes within a
time and memory budget (bounded.py), which use this reader.

`DESKTOPAPP_PARSER=pdfium` skips step 2 (for comparing the two parsers). Both parsers read
the file's bytes, read once (pdf_open.py); pages are closed as soon as they are read, so
memory stays bounded whatever the page count.
"""

from __future__ import annotations

import logging
import os

import pdfplumber
import pypdfium2 as pdfium

from desktopapp.core.errors import EncryptedPdfError, ReadError
from desktopapp.extract.layout import PageLayout
from desktopapp.extract.layout_pdfium import count_objects, open_pdfium, read_page
from desktopapp.extract.layout_plumber import read_page_plumber
from desktopapp.extract.page_tables import PageResult, analyse_page
from desktopapp.extract.pdf_open import open_pdf

log = logging.getLogger(__name__)

TABLE_PARSER = os.environ.get("DESKTOPAPP_PARSER", "pdfplumber")
# A page drawing this many shapes (paths, forms) may be a ruled grid: straight to pdfplumber.
MIN_SHAPES_FOR_GRID = 3
# Content of this many bytes that draws nothing at all does not decode: the page is damaged
# (a blank page's content, if any, is a few operators).
MIN_DAMAGED_CONTENT = 256
# What pdfium raises on a damaged page (and Python on one nested too deep).
_PDFIUM_FAILURES = (pdfium.PdfiumError, RecursionError, IndexError, ValueError)


class PageUnreadable(Exception):
    """Neither parser reads this page; the message says what failed (for the log)."""


class PageReader:
    """One page at a time: pdfium first, pdfplumber (opened on first need) for table pages.
    `use_plumber=False` reads every page with pdfium (after pdfminer stalled on the file)."""

    def __init__(self, data: bytes, use_plumber: bool = True) -> None:
        self.data = data
        self.pdfium = open_pdfium(data)
        self.use_plumber = use_plumber and TABLE_PARSER == "pdfplumber"
        self._plumber: pdfplumber.PDF | None = None
        self.fell_back = False

    def __len__(self) -> int:
        return len(self.pdfium)

    def open_plumber(self) -> None:
        """Open the file with pdfplumber now (its page tree read): a password error is the
        document's; any other failure leaves the pages to pdfium."""
        if not self.use_plumber or self._plumber is not None:
            return
        try:
            plumber = open_pdf(self.data)
        except EncryptedPdfError:
            raise
        except ReadError as exc:
            log.info("pdfplumber cannot open the file, its pages are read by pdfium: %s", exc.detail)
            self.use_plumber = False
            return
        if len(plumber.pages) != len(self.pdfium):
            # A damaged page tree the two parsers walk differently: pdfminer's page i may
            # be another page than pdfium's, so its readings cannot be put in their place.
            log.info("pdfminer sees %d pages, pdfium %d: pages read by pdfium", len(plumber.pages), len(self.pdfium))
            plumber.close()
            self.use_plumber = False
            return
        self._plumber = plumber

    def read(self, index: int) -> PageResult:
        """The page's reading; `fell_back` tells afterwards whether a table page of it was
        read by pdfium because pdfminer could not (a reading to be trusted less)."""
        self.fell_back = False
        if not self.use_plumber:
            result = analyse_page(self._pdfium_layout(index))
            self.fell_back = TABLE_PARSER == "pdfplumber" and _may_hold_table(result)
            return result
        try:
            objects, shapes = count_objects(self.pdfium, index)
            if objects == 0 and self._content_bytes(index) >= MIN_DAMAGED_CONTENT:
                raise PageUnreadable("its content streams draw nothing")
            if shapes < MIN_SHAPES_FOR_GRID:
                layout = read_page(self.pdfium, index)
                result = analyse_page(layout)
                if not (result.pieces or layout.hrules or layout.vrules):
                    return result  # running text: pdfium's reading is final
        except _PDFIUM_FAILURES as exc:
            log.info("page %d: pdfium failed (%s: %s), read by pdfminer", index + 1, type(exc).__name__, exc)
        self.open_plumber()
        if self._plumber is not None:
            try:
                return analyse_page(read_page_plumber(self._plumber, index))
            except MemoryError:
                raise
            except Exception as exc:  # pdfminer raises many ad-hoc errors on damaged objects
                log.info("page %d: pdfminer failed (%s: %s), read by pdfium", index + 1, type(exc).__name__, exc)
        result = analyse_page(self._pdfium_layout(index))
        self.fell_back = _may_hold_table(result)
        return result

    def _content_bytes(self, index: int) -> int:
        """The bytes of the page's content streams as stored (pdfminer's view; 0 unknown)."""
        self.open_plumber()
        if self._plumber is None:
            return 0
        try:
            streams = self._plumber.pages[index].page_obj.contents
            return sum(len(getattr(stream, "rawdata", None) or b"") for stream in streams)
        except Exception:  # a page pdfminer cannot even look at: left to the reading proper
            return 0

    def _pdfium_layout(self, index: int) -> PageLayout:
        try:
            return read_page(self.pdfium, index)
        except _PDFIUM_FAILURES as exc:
            raise PageUnreadable(f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        self.pdfium.close()
        if self._plumber is not None:
            self._plumber.close()


def _may_hold_table(result: PageResult) -> bool:
    return bool(result.pieces)
