"""批量检查 off the UI thread: the folder's PDFs found and checked by the batch engine
(desktopapp.batch.run_batch), each finished file handed to the window through a signal.

The thread reports through signals only (queued to the UI thread) and never touches a widget.
取消 sets a flag the engine polls; what was done before stays reported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from desktopapp.batch.results import FileResult
from desktopapp.core.errors import UserError

log = logging.getLogger(__name__)

# (paths, progress, cancel) → results: the engine with the window's options bound (see BatchRun).
Runner = Callable[[list[Path], Callable[[int, int, FileResult], None], Callable[[], bool]], list[FileResult]]
Finder = Callable[[Path], tuple[list[Path], list[tuple[Path, str]]]]  # PDFs, folders not entered (why)


class BatchWorker(QThread):
    found = Signal(int, object)  # how many PDFs the folder holds; [(folder, why)] of those not entered
    file_done = Signal(int, int, object)  # files done, file count, FileResult
    failed = Signal(str)  # Chinese: why the batch stopped (before `ended`)
    ended = Signal(bool)  # the batch is over: True when cancelled

    def __init__(self, folder: Path, find: Finder, run: Runner, parent=None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._find = find
        self._run = run
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            paths, skipped = self._find(self.folder)
        except OSError as exc:  # the folder vanished, no permission
            log.warning("batch on %s: %s", self.folder, exc)
            self.failed.emit(f"无法读取文件夹“{self.folder}”：{exc.strerror or exc}")
            paths = []
        else:
            self.found.emit(len(paths), skipped)
        try:
            if paths and not self.is_cancelled():
                self._run(paths, self.file_done.emit, self.is_cancelled)
        except UserError as exc:  # an output folder that cannot be used: nothing was read
            self.failed.emit(exc.message or "批量检查无法开始。")
        except MemoryError:
            self.failed.emit("内存不足，批量检查已停止。已检查的文件仍列出。")
        except Exception as exc:  # the engine lists a bad file and goes on: this is a bug, or a disk gone
            log.exception("batch on %s failed", self.folder)
            self.failed.emit(f"批量检查时发生内部错误，已停止（{type(exc).__name__}）。已检查的文件仍列出。")
        self.ended.emit(self.is_cancelled())
