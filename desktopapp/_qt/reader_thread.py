"""Reading a PDF off the UI thread: read_document + the first full check, with progress and cancel.
Several PDFs of one disclosure (text and tables printed apart) are read one after the other and
checked as one document (extract.combine_documents).

The thread reports through signals only (queued to the UI thread) and never touches a widget.
Cancelling sets a flag the reader polls every few hundredths of a second while worker
processes read the pages (extract.bounded); it kills them, so the thread ends at once. The reader drives PDFium, which is not
thread-safe: while this thread runs, the page view renders nothing new (see PageRenderer.busy).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from desktopapp.core.errors import CancelledError, ReadError
from desktopapp.core.model import Document, Finding
from desktopapp.export.write_errors import display_path
from desktopapp.session.review_session import Checker

log = logging.getLogger(__name__)

# The module the reader's worker processes run (imported once by the fork server).
_READER_MODULE = "desktopapp.extract.bounded"


def start_fork_server() -> None:
    """Start the fork server the reader's workers come from (a thread may not fork), so the
    first read need not wait for it. Quick: the server imports the reader in its own process."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload([_READER_MODULE])
    forkserver.ensure_running()


@dataclass
class ReadResult:
    path: Path  # the first file: the review file is kept beside it
    document: Document
    checker: Checker
    findings: list[Finding]
    seconds: float
    paths: list[Path] = field(default_factory=list)  # every file read, in order


class ReaderThread(QThread):
    progress = Signal(int, int)  # pages done, page count
    stage = Signal(str)  # Chinese: what is happening now
    succeeded = Signal(object)  # ReadResult
    failed = Signal(str, str)  # Chinese message, technical detail
    cancelled = Signal()

    def __init__(self, path: Path | list[Path], parent=None, check: bool = True) -> None:
        super().__init__(parent)
        self.check = check  # False: read only (a reference to compare with is not checked itself)
        self.paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
        self.path = self.paths[0]
        self._current = self.path  # the file being read, named when it cannot be
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        started = time.perf_counter()
        try:
            from desktopapp.extract import combine_documents, read_document
            from desktopapp.rules import Checker

            documents = []
            for path in self.paths:
                self._current = path
                self.stage.emit(f"正在读取 {display_path(path.name)}" if len(self.paths) > 1 else "正在读取")
                documents.append(read_document(path, progress=self.progress.emit, cancel=self.is_cancelled))
            document = combine_documents(documents)
            if self.is_cancelled():
                raise CancelledError()
            checker, findings = None, []
            if self.check:
                self.stage.emit("正在校验勾稽关系")
                checker = Checker(document)
                findings = checker.check_all()
            if self.is_cancelled():
                raise CancelledError()
        except CancelledError:
            self.cancelled.emit()
        except ReadError as exc:
            message = exc.message if len(self.paths) == 1 else f"{self._reading_name()}：{exc.message}"
            self.failed.emit(message, exc.detail)
        except MemoryError:
            self.failed.emit("文件太大，内存不足，无法读取。", "MemoryError")
        except Exception as exc:  # a bug in the reader: a plain sentence for the officer, detail in the log
            log.exception("reading %s failed", self.path)
            self.failed.emit("读取时发生内部错误，无法打开此文件。", f"{type(exc).__name__}: {exc}")
        else:
            seconds = time.perf_counter() - started
            self.succeeded.emit(ReadResult(self.path, document, checker, findings, seconds, list(self.paths)))

    def _reading_name(self) -> str:
        return self._current.name
