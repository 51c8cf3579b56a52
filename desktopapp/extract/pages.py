"""Read every page of a PDF, in two worker processes when the document is long.

Each worker opens the PDF itself and returns small picklable `PageResult`s; pages are
closed as soon as they are read, so memory stays bounded whatever the page count.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from desktopapp.core.errors import CancelledError, DamagedPdfError
from desktopapp.extract.layout import read_page
from desktopapp.extract.page_tables import PageResult, analyse_page

# Below this many pages one process is faster than starting workers (forked, or started
# afresh when the caller is not the main thread).
PARALLEL_MIN_PAGES = 20
PARALLEL_MIN_PAGES_SPAWN = 80
CHUNK = 4

_worker_pdf: pdfium.PdfDocument | None = None


def open_pdfium(path: str | Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DamagedPdfError("PDF 文件已损坏，无法解析。", str(exc)) from exc


def read_one(pdf: pdfium.PdfDocument, index: int) -> PageResult:
    return analyse_page(read_page(pdf, index))


def _init_worker(path: str) -> None:
    global _worker_pdf
    _worker_pdf = open_pdfium(path)


def _work(indices: list[int]) -> list[PageResult]:
    assert _worker_pdf is not None
    return [read_one(_worker_pdf, i) for i in indices]


def read_pages(
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> list[PageResult]:
    pdf = open_pdfium(path)
    try:
        total = len(pdf)
        if workers is None:
            workers = _default_workers(total)
        if workers <= 1 or total < 2:
            return _read_serial(pdf, total, progress, cancel)
    finally:
        pdf.close()
    return _read_parallel(str(path), total, workers, progress, cancel)


def _default_workers(total: int) -> int:
    """Two processes for a longer document unless the cores are already busy; one
    otherwise (a page takes a few milliseconds, so starting workers only pays off from a
    dozen pages on — from many more when they cannot simply be forked)."""
    cores = os.cpu_count() or 1
    threshold = PARALLEL_MIN_PAGES if _can_fork() else PARALLEL_MIN_PAGES_SPAWN
    if cores < 2 or total < threshold:
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


def _check_cancel(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise CancelledError("已取消读取")


def _read_serial(pdf, total, progress, cancel) -> list[PageResult]:
    results: list[PageResult] = []
    for i in range(total):
        _check_cancel(cancel)
        results.append(read_one(pdf, i))
        if progress is not None:
            progress(i + 1, total)
    return results


def _context():
    # fork is cheap and needs no re-import, but is unsafe from a secondary thread (the
    # window reads in a worker thread): use forkserver there.
    if _can_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _read_parallel(path: str, total: int, workers: int, progress, cancel) -> list[PageResult]:
    chunks = [list(range(i, min(i + CHUNK, total))) for i in range(0, total, CHUNK)]
    results: list[PageResult] = []
    done = 0
    ctx = _context()
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(path,))
    try:
        for batch in pool.imap(_work, chunks):
            _check_cancel(cancel)
            for result in batch:  # progress is reported page by page
                results.append(result)
                done += 1
                if progress is not None:
                    progress(done, total)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return results
