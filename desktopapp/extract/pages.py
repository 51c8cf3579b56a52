"""Read every page of a PDF: pdfium for a quick look, pdfplumber for the pages with tables.

1. Every page is looked at with pdfium (fast, C). Narrative pages, most of a disclosure,
   are taken from there.
2. A page that may hold a table (ruling lines, or a grid found in its text) is read again
   with pdfplumber, whose parse the table grids are built from.
pdfminer's parse is the slow part of reading, so two worker processes share the pages of
any but a short document.

`DESKTOPAPP_PARSER=pdfium` skips step 2 (for comparing the two parsers). Both parsers read
the file's bytes, read once (pdf_open.py); workers are handed those bytes (a forked worker
inherits them) and return small picklable `PageResult`s; pages are closed as soon as they
are read, so memory stays bounded whatever the page count.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
from collections.abc import Callable

import pdfplumber

from desktopapp.core.errors import CancelledError
from desktopapp.extract.layout_pdfium import drawn_shapes, open_pdfium, read_page
from desktopapp.extract.layout_plumber import read_page_plumber
from desktopapp.extract.page_tables import PageResult, analyse_page

TABLE_PARSER = os.environ.get("DESKTOPAPP_PARSER", "pdfplumber")
# Shorter documents are read in this process: starting workers costs more (forked workers
# start in milliseconds; started afresh — from the window's reading thread — they re-import
# the application first).
PARALLEL_MIN_PAGES = 8
PARALLEL_MIN_PAGES_SPAWN = 60
CHUNK = 2
# A page drawing this many shapes (paths, forms) may be a ruled grid: straight to pdfplumber.
MIN_SHAPES_FOR_GRID = 3

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def _check_cancel(cancel: CancelFn | None) -> None:
    if cancel is not None and cancel():
        raise CancelledError("已取消读取")


class _Progress:
    """Pages are reported done once their final reading is known, one by one."""

    def __init__(self, total: int, report: ProgressFn | None) -> None:
        self.total, self.done, self.report = total, 0, report

    def page_done(self) -> None:
        self.done += 1
        if self.report is not None:
            self.report(self.done, self.total)


class PageReader:
    """One page at a time: pdfium first, pdfplumber (given, or opened on first need) for
    table pages. Only a pdfplumber PDF opened here is closed here."""

    def __init__(self, data: bytes, plumber: pdfplumber.PDF | None = None) -> None:
        self.data = data
        self.pdfium = open_pdfium(data)
        self._plumber = plumber
        self._own_plumber = plumber is None

    def __len__(self) -> int:
        return len(self.pdfium)

    def read(self, index: int) -> PageResult:
        if TABLE_PARSER != "pdfplumber":
            return analyse_page(read_page(self.pdfium, index))
        if drawn_shapes(self.pdfium, index) < MIN_SHAPES_FOR_GRID:
            layout = read_page(self.pdfium, index)
            result = analyse_page(layout)
            if not (result.pieces or layout.hrules or layout.vrules):
                return result  # running text: pdfium's reading is final
        if self._plumber is None:
            self._plumber = pdfplumber.open(io.BytesIO(self.data))
        return analyse_page(read_page_plumber(self._plumber, index))

    def close(self) -> None:
        self.pdfium.close()
        if self._own_plumber and self._plumber is not None:
            self._plumber.close()


def read_pages(
    data: bytes,
    plumber: pdfplumber.PDF | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    workers: int | None = None,
) -> list[PageResult]:
    """Every page of the PDF in `data`; `plumber`, when given, is that PDF already opened
    with pdfplumber (read from in this process, left open)."""
    reader = PageReader(data, plumber)
    total = len(reader)
    counter = _Progress(total, progress)
    if workers is None:
        workers = _default_workers(total)
    if workers > 1 and total >= 2:
        reader.close()
        return _read_parallel(data, total, workers, counter, cancel)
    try:
        results = []
        for index in range(total):
            _check_cancel(cancel)
            results.append(reader.read(index))
            counter.page_done()
        return results
    finally:
        reader.close()


def _default_workers(pages: int) -> int:
    """Two processes when there is enough to share and the cores are not already busy."""
    cores = os.cpu_count() or 1
    threshold = PARALLEL_MIN_PAGES if _can_fork() else PARALLEL_MIN_PAGES_SPAWN
    if cores < 2 or pages < threshold:
        return 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available on this platform
        busy = 0.0
    return 2 if busy < cores - 0.5 else 1


def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    )


def _context():
    # fork is cheap and needs no re-import, but is unsafe from a secondary thread (the
    # window reads in a worker thread): use forkserver there.
    if _can_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


_worker_reader: PageReader | None = None


def _init_worker(data: bytes) -> None:
    global _worker_reader
    _worker_reader = PageReader(data)


def _work(indices: list[int]) -> list[PageResult]:
    assert _worker_reader is not None
    return [_worker_reader.read(i) for i in indices]


def _read_parallel(data: bytes, total: int, workers: int, counter: _Progress, cancel) -> list[PageResult]:
    chunks = [list(range(i, min(i + CHUNK, total))) for i in range(0, total, CHUNK)]
    results: list[PageResult] = []
    # Forked workers inherit `data`; others are sent it (a few MB) instead of reading the file.
    pool = _context().Pool(workers, initializer=_init_worker, initargs=(data,))
    try:
        for batch in pool.imap(_work, chunks):
            _check_cancel(cancel)
            for result in batch:
                results.append(result)
                counter.page_done()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return results
