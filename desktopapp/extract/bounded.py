"""Every PDF is read in worker processes, each page and the whole document within a budget.

A damaged or hostile file can send a parser into an endless loop (a reference loop), decode
a bomb into gigabytes, or recurse until the interpreter gives up. None of that may hang the
window or the CLI, nor cost the pages that can be read:

- the file is opened (pdfium, then pdfplumber) and its pages read (pages.PageReader) in a
  worker process, which the reader can kill: 取消 and closing the window stop a read within
  a poll interval, whatever the parser is doing;
- each page has PAGE_SECONDS, opening the file OPEN_SECONDS; a worker's address space may
  grow MEMORY_BYTES beyond what it starts with (RLIMIT_AS on Linux and macOS). A page over
  either budget (the worker is killed, dies, or raises MemoryError) is read again by pdfium
  alone, and so is every later page: a stall in pdfminer mostly comes from a font or CMap the
  next pages share. A page pdfium cannot read within the budget either is reported
  unreadable, and a new worker reads the rest;
- the document has DOCUMENT_SECONDS and MAX_PAGES: pages not read by then, or beyond, are
  reported unreadable.
On Windows the time budgets hold (a worker process can be killed there too); the memory cap
does not (no RLIMIT_AS: a Job Object would be needed), so a bomb is stopped by its time only.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from desktopapp.core import errors
from desktopapp.core.errors import CancelledError, DamagedPdfError, ReadError
from desktopapp.core.model import Page
from desktopapp.extract.page_tables import PageResult
from desktopapp.extract.pages import PageReader, PageUnreadable

log = logging.getLogger(__name__)

# The budgets (README.md, "Reading"): wall-clock seconds, and bytes of address space.
PAGE_SECONDS = 30.0
OPEN_SECONDS = 30.0
DOCUMENT_SECONDS = 120.0
MEMORY_BYTES = 1536 * 2**20
# A worker's CPU time, whatever happens to the reader that should stop it (a backstop).
CPU_SECONDS = int(OPEN_SECONDS + DOCUMENT_SECONDS + 30)
# Pages read at most: a disclosure has a few hundred; a page tree repeating one page 20,000
# times must not keep the reader and the checks busy for ever.
MAX_PAGES = 500
# How often the reader looks at the workers and at 取消.
POLL_SECONDS = 0.05

# Shorter documents are read by one worker: a second costs more than it saves (forked workers
# start in milliseconds; workers from the fork server — the window reads in a thread — in tens).
PARALLEL_MIN_PAGES = 8
PARALLEL_MIN_PAGES_SERVER = 60

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

def _over_time() -> str:
    return f"超出时限（{PAGE_SECONDS:g} 秒）"


def _over_memory() -> str:
    return f"超出内存限额（{MEMORY_BYTES / 2**30:.1f} GB）"


def _crashed() -> str:
    return f"读取进程异常退出（可能超出内存限额 {MEMORY_BYTES / 2**30:.1f} GB）"


def _over_document_time() -> str:
    return f"整份文件超出读取时限（{DOCUMENT_SECONDS:g} 秒），此页未读"


DAMAGED = "页面内容已损坏，无法解析"


@dataclass
class PagesRead:
    """Every page in order (an unreadable page is an empty page) and the unreadable ones:
    page number → why, in Chinese."""

    results: list[PageResult]
    unreadable: dict[int, str] = field(default_factory=dict)
    fallback: list[int] = field(default_factory=list)  # table pages pdfium read for pdfminer


def read_pages(
    data: bytes,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    workers: int | None = None,
) -> PagesRead:
    """Every page of the PDF in `data`, read in `workers` processes (default: 1 or 2 by size).
    Raises a ReadError when the file cannot be opened, CancelledError when `cancel()` turns true."""
    reading = _Reading(data, progress, cancel)
    try:
        return reading.run(workers)
    finally:
        reading.stop()


# -- the worker process ----------------------------------------------------------------------

def _serve(conn: Connection, data: bytes, use_plumber: bool, memory_bytes: int) -> None:
    """Open the file, say how many pages it has, then read the pages asked for, one by one."""
    faulthandler.disable()  # a worker dying of a bomb is foreseen: the reader reports the page
    _die_with_parent()
    _cap_memory(memory_bytes)
    _cap_cpu(CPU_SECONDS)
    try:
        reader = PageReader(data, use_plumber)
        reader.open_plumber()
        conn.send(("opened", len(reader)))
    except ReadError as exc:
        conn.send(("error", type(exc).__name__, exc.message, exc.detail))
        return
    except MemoryError:
        conn.send(("memory", -1))
        return
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        try:
            result = reader.read(index)
            conn.send(("page", index, result, reader.fell_back))
        except PageUnreadable as exc:
            conn.send(("damaged", index, str(exc)))
        except MemoryError:
            conn.send(("memory", index))
            return  # a new worker reads on: this one's heap may be left in pieces
        except (CancelledError, KeyboardInterrupt):
            return
        except Exception as exc:  # a bug in the reader on a page it cannot take: that page
            log.exception("page %d could not be read", index + 1)
            conn.send(("damaged", index, f"{type(exc).__name__}: {exc}"))


def _cap_memory(budget: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: see the module's docstring
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _address_space() + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:  # macOS may refuse it
        log.info("no memory cap for the reader: %s", exc)


def _die_with_parent() -> None:
    """A worker whose reader is killed (kill -9, a crash) must not spin on in a parser loop:
    Linux ends it with its parent; elsewhere the CPU cap below is the backstop."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the call
            os._exit(1)
    except (OSError, AttributeError) as exc:
        log.info("no parent-death signal for the reader: %s", exc)


def _cap_cpu(seconds: int) -> None:
    """However the reader ends, no worker runs longer than the document may take."""
    try:
        import resource
    except ImportError:  # Windows: the reader kills its workers, a Job Object would be needed otherwise
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        limit = seconds if hard == resource.RLIM_INFINITY else min(seconds, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    except (ValueError, OSError) as exc:
        log.info("no CPU cap for the reader: %s", exc)


def _address_space() -> int:
    """The bytes of address space this process has now (0 where it cannot be told)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# -- the reader ------------------------------------------------------------------------------

def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    )


def _server_context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])  # the server imports the reader once (the window starts it early)
    return ctx


def _context():
    # fork is cheap and needs no re-import, but is unsafe from a secondary thread (the
    # window reads in a worker thread): a fork server there, started once.
    if _can_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return _server_context()
    return multiprocessing.get_context("spawn")


def _default_workers(pages: int) -> int:
    """Two processes when there is enough to share and the cores are not already busy."""
    cores = os.cpu_count() or 1
    threshold = PARALLEL_MIN_PAGES if _can_fork() else PARALLEL_MIN_PAGES_SERVER
    if cores < 2 or pages < threshold:
        return 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available on this platform
        busy = 0.0
    return 2 if busy < cores - 0.5 else 1


class _Worker:
    """A worker process and the page it is reading (None: idle)."""

    def __init__(self, ctx, data: bytes, use_plumber: bool) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, data, use_plumber, MEMORY_BYTES), daemon=True)
        self.process.start()
        child.close()
        self.use_plumber = use_plumber
        self.page: int | None = None
        self.deadline = time.monotonic() + OPEN_SECONDS

    def give(self, index: int) -> None:
        self.conn.send(index)
        self.page = index
        self.deadline = time.monotonic() + PAGE_SECONDS

    def receive(self) -> tuple:
        """The worker's next message; ("died",) when it ended without one."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return ("died",)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=1)
        self.conn.close()


class _Reading:
    def __init__(self, data: bytes, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.data = data
        self.progress = progress
        self.cancel = cancel
        self.ctx = _context()
        self.use_plumber = True
        self.workers: list[_Worker] = []
        self.started = time.monotonic()

    def stop(self) -> None:
        for worker in self.workers:
            worker.kill()
        self.workers = []

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError("已取消读取")

    def _start(self) -> _Worker:
        worker = _Worker(self.ctx, self.data, self.use_plumber)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        self.workers.remove(worker)

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> int:
        """The page count, from a worker that opened the file (pdfminer given up on when
        opening it stalls or overflows, the file refused when pdfium cannot open it either)."""
        while True:
            worker = self._start()
            message = self._await(worker)
            if message[0] == "opened":
                return message[1]
            if message[0] == "error":
                _, name, text, detail = message
                cls = getattr(errors, name, None)
                raise (cls if isinstance(cls, type) and issubclass(cls, ReadError) else ReadError)(text, detail)
            self._retire(worker)
            if not self.use_plumber:
                why = _failure(message[0])
                raise DamagedPdfError(f"PDF 文件无法打开：{why}，文件结构可能已损坏。", str(message))
            log.info("opening with pdfminer failed (%s): pages read by pdfium", message[0])
            self.use_plumber = False

    def _await(self, worker: _Worker) -> tuple:
        while True:
            self._check_cancel()
            if wait([worker.conn], timeout=POLL_SECONDS):
                return worker.receive()
            if time.monotonic() > worker.deadline:
                return ("timeout",)

    # -- the pages -----------------------------------------------------------------------
    def run(self, workers: int | None) -> PagesRead:
        total = self._open()
        count = _default_workers(total) if workers is None else max(1, workers)
        for _ in range(min(count, total) - 1):
            self._start()
        results: list[PageResult | None] = [None] * total
        unreadable: dict[int, str] = {}
        fallback: list[int] = []
        pending = deque(range(min(total, MAX_PAGES)))
        done = 0

        def finish(index: int, result: PageResult | None, why: str | None = None) -> None:
            nonlocal done
            if why is not None:
                unreadable[index + 1] = why
                log.info("page %d unreadable: %s", index + 1, why)
            results[index] = result
            done += 1
            if self.progress is not None:
                self.progress(done, total)

        while pending or any(w.page is not None for w in self.workers):
            self._check_cancel()
            if time.monotonic() - self.started > DOCUMENT_SECONDS:
                for index in sorted([w.page for w in self.workers if w.page is not None] + list(pending)):
                    finish(index, None, _over_document_time())
                break
            for worker in list(self.workers):
                if worker.page is None and pending:
                    if worker.use_plumber and not self.use_plumber:  # pdfminer given up on
                        self._retire(worker)
                        worker = self._start()
                    worker.give(pending.popleft())
            busy = [w for w in self.workers if w.page is not None]
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.conn in ready:
                    message = worker.receive()
                elif time.monotonic() > worker.deadline:
                    message = ("timeout",)
                else:
                    continue
                kind, index = message[0], worker.page
                assert index is not None
                if kind == "opened":  # a new worker's greeting: its page comes next
                    continue
                worker.page = None
                if kind == "page":
                    finish(index, message[2])
                    if message[3]:
                        fallback.append(index + 1)
                    continue
                if kind == "damaged":
                    log.info("page %d: %s", index + 1, message[2])
                    finish(index, None, DAMAGED)
                    continue
                # over time or memory, or dead: the process goes; pdfminer is given up on
                self._retire(worker)
                self._start()
                if worker.use_plumber:
                    self.use_plumber = False
                    pending.appendleft(index)
                else:
                    finish(index, None, _failure(kind))
        if total > MAX_PAGES:
            for index in range(MAX_PAGES, total):
                unreadable[index + 1] = f"超出页数上限（{MAX_PAGES} 页），此页未读"
            if self.progress is not None:
                self.progress(total, total)
        pages = [r if r is not None else _unread_page(i) for i, r in enumerate(results)]
        return PagesRead(pages, unreadable, sorted(fallback))


def _failure(kind: str) -> str:
    """Why a page was given up on, from how its worker ended."""
    if kind == "timeout":
        return _over_time()
    return _over_memory() if kind == "memory" else _crashed()


def _unread_page(index: int) -> PageResult:
    return PageResult(Page(number=index + 1, width=0.0, height=0.0, has_text_layer=False), [])
