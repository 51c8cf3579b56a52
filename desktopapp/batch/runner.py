"""`run_batch`: many PDFs read and checked at once, one worker process per core, each file
within a time budget, a bad file one line of the result and never the end of the batch.

Each worker process takes one file at a time (batch.worker.check_file): it reads the file
(extract.read_document, whose own page worker keeps the page budgets), checks it and writes
its outputs, and sends back its FileResult. This arrangement (a process per file, one page
worker each) was the fastest on the corpus on two cores (benchmarks/bench_batch.py): the
assembly and the rules run in parallel too, not only the page parsing.

The calling thread schedules: it hashes each file (an unchanged one comes from the cache),
hands files to idle workers largest first (the last file to finish is then a short one),
kills a worker whose file is over its budget (its page worker dies with it) and reports each
finished file through `progress`. `cancel()` is polled; the workers are killed at once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from desktopapp.batch.cache import ResultCache, file_sha256, rules_fingerprint
from desktopapp.batch.results import FileResult
from desktopapp.batch.worker import FileTask, check_file
from desktopapp.extract import bounded
from desktopapp.session.review import review_saved_at

# A file's budget: opening it and reading every page (the reader's own budgets), then the
# checks and the outputs. Beyond it the file is listed as unreadable and the batch goes on.
FILE_SECONDS = bounded.OPEN_SECONDS + bounded.DOCUMENT_SECONDS + 60.0
POLL_SECONDS = 0.05
# A worker is kept for the next file (pdfminer's caches stay warm) but replaced after this many,
# so that what a long batch leaves in its heap never adds up.
FILES_PER_WORKER = 25
# Files at once by default: every core, up to this (each file takes about 150 MB with its page worker).
MAX_DEFAULT_JOBS = 8

ProgressFn = Callable[[int, int, FileResult], None]
CancelFn = Callable[[], bool]


@dataclass
class BatchOutputs:
    """Where each file's own outputs go: folders, names as `check` gives them
    (export.targets: `预算.json`, then `预算 (2).json` for a second 预算.pdf)."""

    json_dir: Path | None = None
    xlsx_dir: Path | None = None
    annotated_dir: Path | None = None  # each PDF's marked-up copy (export.annotated_pdf)
    clean: bool = False  # the workbooks hold the tables only (文件 ▸ 导出干净表格…)

    def plan(self, paths: list[Path]) -> list:
        """export.targets.Outputs per path; raises TargetError when a folder cannot be used."""
        from desktopapp.export.targets import plan_outputs

        return plan_outputs(
            paths,
            str(self.json_dir) if self.json_dir else None,
            os.path.join(str(self.xlsx_dir), "") if self.xlsx_dir else None,  # the trailing separator: a folder
            str(self.annotated_dir) if self.annotated_dir else None,
        )

    def folders(self) -> list[Path]:
        return [d for d in (self.json_dir, self.xlsx_dir, self.annotated_dir) if d is not None]


def timed_out(seconds: float) -> str:
    return f"读取和校验超出时限（{seconds:g} 秒），已停止处理此文件"


def worker_died() -> str:
    return "处理此文件的进程异常退出（可能超出内存限额），文件可能已损坏"


def run_batch(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    outputs: BatchOutputs | None = None,
    disabled: Iterable[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    file_seconds: float = FILE_SECONDS,
    page_workers: int | None = None,
) -> list[FileResult]:
    """Read and check every file of `paths`; their results in the order given (after `cancel()`
    only the finished ones). `jobs`: files at once (default: the cores, at most MAX_DEFAULT_JOBS); `page_workers`: the
    reader's page processes per file (default: 1 when files run side by side). Raises
    export.targets.TargetError before reading anything when an output folder cannot be used."""
    paths = [Path(p) for p in paths]
    disabled = tuple(disabled)
    plans = outputs.plan(paths) if outputs is not None else [None] * len(paths)
    jobs = max(1, jobs or min(os.cpu_count() or 1, MAX_DEFAULT_JOBS))
    if page_workers is None and jobs > 1:
        page_workers = 1
    rules = rules_fingerprint(disabled) if cache is not None else ""
    run = _Run(len(paths), progress, cancel)
    tasks: list[tuple[int, FileTask]] = []
    for index, (path, plan) in enumerate(zip(paths, plans)):
        if run.cancelled():
            return run.finished()
        task = FileTask(
            path=path,
            sha256=file_sha256(path) if cache is not None else None,
            json=plan.json if plan else None,
            xlsx=plan.xlsx if plan else None,
            annotated=plan.annotated if plan else None,
            clean=outputs.clean if outputs else False,
            disabled=disabled,
            page_workers=page_workers,
            refused=tuple(plan.refused or ()) if plan else (),
        )
        hit = _cached(cache, task, rules)
        if hit is not None:
            hit.write_problems = list(task.refused)  # an output refused now (it would overwrite an input)
            run.record(index, hit)
            continue
        tasks.append((index, task))
    tasks.sort(key=lambda item: -_size(item[1].path))  # largest first: no long file left for the end
    pool = _Pool(min(jobs, len(tasks)), file_seconds)
    try:
        pool.run(tasks, run, cache, rules)
    finally:
        pool.stop()
    return run.finished()


def _cached(cache: ResultCache | None, task: FileTask, rules: str) -> FileResult | None:
    if cache is None or task.sha256 is None:
        return None
    wanted = {"json_path": task.json, "xlsx_path": task.xlsx, "annotated_path": task.annotated}
    hit = cache.get(task.path, task.sha256, rules, wanted)
    if hit is not None and hit.annotated_path is not None:
        marked = review_saved_at(task.path, task.sha256)
        try:
            if marked is not None and marked > hit.annotated_path.stat().st_mtime:
                return None  # marked in the window since the copy was written: write it again
        except OSError:
            return None
    return hit


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Run:
    """The results as they come, and the caller's callbacks (both called from its thread)."""

    def __init__(self, total: int, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.results: list[FileResult | None] = [None] * total
        self.done = 0
        self.progress = progress
        self.cancel = cancel

    def cancelled(self) -> bool:
        return self.cancel is not None and bool(self.cancel())

    def record(self, index: int, result: FileResult) -> None:
        self.results[index] = result
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.results), result)

    def finished(self) -> list[FileResult]:
        return [r for r in self.results if r is not None]


# -- the worker processes ----------------------------------------------------------------------

def _serve(conn: Connection) -> None:
    """A worker: check the files it is given, one at a time, until its pipe closes."""
    bounded._die_with_parent()
    try:
        while True:
            try:
                task = conn.recv()
            except EOFError:
                return
            conn.send(check_file(task))
    except (KeyboardInterrupt, BrokenPipeError):  # Ctrl+C reaches the whole process group
        return


def _context():
    """fork where it is safe (the CLI: one thread); from the window's thread a fork server,
    which has the reader and the rules imported once."""
    if (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["desktopapp.batch.worker", "desktopapp.extract", "desktopapp.rules"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, ctx) -> None:
        self.conn, child = ctx.Pipe()
        # not a daemon: it starts the reader's page worker itself
        self.process = ctx.Process(target=_serve, args=(child,), daemon=False)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.task: FileTask | None = None
        self.deadline = 0.0
        self.files = 0

    def give(self, index: int, task: FileTask, seconds: float) -> None:
        self.conn.send(task)
        self.index, self.task = index, task
        self.deadline = time.monotonic() + seconds
        self.files += 1

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=1)
        self.conn.close()


class _Pool:
    def __init__(self, size: int, file_seconds: float) -> None:
        self.size = size
        self.file_seconds = file_seconds
        self.ctx = _context() if size else None
        self.workers: list[_Worker] = []

    def stop(self) -> None:
        for worker in self.workers:
            worker.kill()
        self.workers = []

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self.workers.remove(worker)

    def run(self, tasks: list[tuple[int, FileTask]], run: _Run, cache: ResultCache | None, rules: str) -> None:
        pending = list(tasks)
        while pending or any(w.task is not None for w in self.workers):
            if run.cancelled():
                return
            while pending and len(self.workers) < self.size:
                self.workers.append(_Worker(self.ctx))
            for worker in self.workers:
                if worker.task is None and pending:
                    index, task = pending.pop(0)
                    worker.give(index, task, self.file_seconds)
            busy = [w for w in self.workers if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.conn in ready:
                    try:
                        result, cacheable = worker.conn.recv()
                    except (EOFError, OSError):
                        result, cacheable = _failed(worker, worker_died()), False
                        self._replace(worker)
                elif time.monotonic() > worker.deadline:
                    result, cacheable = _failed(worker, timed_out(self.file_seconds)), False
                    self._replace(worker)
                else:
                    continue
                index = worker.index
                worker.index, worker.task = None, None
                assert index is not None
                if worker.files >= FILES_PER_WORKER and worker in self.workers:
                    self._replace(worker)
                if cacheable and cache is not None:
                    cache.put(result, rules)
                run.record(index, result)


def _failed(worker: _Worker, why: str) -> FileResult:
    assert worker.task is not None
    return FileResult(path=worker.task.path, sha256=worker.task.sha256, unreadable=why)
