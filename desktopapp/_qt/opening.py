"""Opening a PDF: file dialog, sample, recent files, drops; the reader thread, its progress and outcome.

The opener owns the reader thread and the widgets that show it (progress bar, 取消, 最近打开);
what is read is handed on through `succeeded`, for the window to put on screen.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QProgressBar, QPushButton, QWidget

from desktopapp.core.paths import resources_dir
from desktopapp.export.write_errors import display_path

from . import settings as stored
from .prompts import Prompts, make_action
from .reader_thread import ReaderThread, ReadResult, start_fork_server

log = logging.getLogger(__name__)

SAMPLE_NAME = "sample-dept-budget.pdf"
# Closing the window waits this long at most for the reading to stop.
STOP_WAIT_MS = 1500
_abandoned: list[ReaderThread] = []


class Opener(QObject):
    started = Signal(object)  # Path: reading began
    succeeded = Signal(object)  # ReadResult, not superseded by a newer request
    read_finished = Signal(str)  # "ok", "failed" or "cancelled" (after `succeeded` has been handled)
    stopped = Signal()  # the reader thread has ended: PDFium is free again
    message = Signal(str, int)  # status bar text, milliseconds (0 = until replaced)

    def __init__(self, window: QWidget, settings: QSettings, prompts: Prompts) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.prompts = prompts
        self._reader: ReaderThread | None = None
        self._pending_path: list[Path] | None = None  # what to read once the current reader has stopped
        self._read_started = 0.0
        self.last_read_seconds = 0.0
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setFormat("第 %v / %m 页")
        self.progress.hide()
        self.cancel_button = QPushButton("取消", window)
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.cancel_button.hide()
        self.open_action = make_action(window, "打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open,
                                       "打开预决算公开 PDF")
        self.sample_action = make_action(window, "打开示例(&M)", self.open_sample)
        self.recent_menu = QMenu("最近打开(&R)", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        start_fork_server()

    # -- opening ---------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path = self.prompts.ask_open_path("打开预决算公开 PDF", "PDF 文件 (*.pdf *.PDF);;所有文件 (*)")
        if path is not None:
            self.open_pdf(path)

    def open_sample(self) -> None:
        sample = resources_dir() / SAMPLE_NAME
        if not sample.exists():
            self.prompts.inform("打开示例", f"找不到示例文件：{sample}")
            return
        self.open_pdf(sample)

    def open_pdf(self, path: str | Path) -> None:
        """Read `path` in the background; the current document stays usable until the new one is ready."""
        self.open_pdfs([Path(path)])

    def open_pdfs(self, paths: list[Path]) -> None:
        """Read several PDFs of one disclosure (text and tables printed apart) as one document."""
        paths = [Path(p) for p in paths]
        path = paths[0]
        if self._reader is not None:  # one reader at a time: stop the current one, then read this
            self._pending_path = paths
            self._reader.cancel()
            return
        reader = ReaderThread(paths, parent=self)
        reader.progress.connect(self._read_progress)
        reader.stage.connect(self._read_stage)
        reader.succeeded.connect(self._read_succeeded)
        reader.failed.connect(self._read_failed)
        reader.cancelled.connect(self._read_cancelled)
        reader.finished.connect(self._reader_finished)
        self._reader = reader
        self._read_started = time.perf_counter()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.message.emit(f"正在读取 {'、'.join(display_path(p.name) for p in paths)} …", 0)
        self.started.emit(path)
        reader.start()

    def cancel_reading(self) -> None:
        if self._reader is not None:
            self._pending_path = None
            self._reader.cancel()
            self.message.emit("正在取消…", 0)

    def stop(self) -> None:
        """Cancel any reading, quietly, and let the thread end. The pages are read in worker
        processes, which cancelling kills: the thread ends within a poll interval, and this
        never waits longer than STOP_WAIT_MS (a thread left running is kept referenced, not
        destroyed under itself)."""
        if self._reader is not None:
            self._pending_path = None
            reader = self._reader
            reader.cancel()
            if not reader.wait(STOP_WAIT_MS):
                log.warning("the reader thread did not end within %d ms", STOP_WAIT_MS)
                reader.setParent(None)
                _abandoned.append(reader)

    @property
    def is_reading(self) -> bool:
        """True while the reader thread runs (it drives PDFium, so the page view must not)."""
        return self._reader is not None and self._reader.isRunning()

    def _read_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat("第 %v / %m 页")

    def _read_stage(self, text: str) -> None:
        if not text.startswith("正在读取"):
            self.progress.setRange(0, 0)
        self.message.emit(f"{text} …", 0)

    def _read_succeeded(self, result: ReadResult) -> None:
        if self._pending_path is not None:
            return  # superseded by a newer request
        self.last_read_seconds = time.perf_counter() - self._read_started
        if self._reader is not None:
            self._reader.wait()  # its last act was this signal; PDFium is free once it has ended
        self.succeeded.emit(result)
        self.read_finished.emit("ok")

    def _read_failed(self, message: str, detail: str) -> None:
        if detail:
            log.warning("read failed: %s (%s)", message, detail)
        if self._pending_path is None:
            path = self._reader.path if self._reader else None
            name = display_path(path.name) if path else ""
            self.message.emit(f"无法读取 {name}", 10_000)
            self.prompts.inform("无法读取文件", f"无法读取“{name}”：\n\n{message}")
            if path is not None and message and ("不存在" in message):
                stored.remove_recent(self.settings, str(path.resolve()))
        self.read_finished.emit("failed")

    def _read_cancelled(self) -> None:
        if self._pending_path is None:
            self.message.emit("已取消读取", 5000)
        self.read_finished.emit("cancelled")

    def _reader_finished(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.wait()
            reader.deleteLater()
        self.progress.hide()
        self.cancel_button.hide()
        pending, self._pending_path = self._pending_path, None
        self.stopped.emit()
        if pending is not None:
            self.open_pdfs(pending)

    # -- recent files and drops ------------------------------------------------------------
    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = stored.recent_files(self.settings)
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {display_path(Path(name).name)}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_pdf(n))
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("清除列表", lambda: stored.clear_recent(self.settings))

    @staticmethod
    def dropped_pdf(event: QDropEvent) -> Path | None:
        """The first local PDF in a drag or drop, if any."""
        pdfs = Opener.dropped_pdfs(event)
        return pdfs[0] if pdfs else None

    @staticmethod
    def dropped_pdfs(event: QDropEvent) -> list[Path]:
        """Every local PDF in a drag or drop (several dropped at once are one disclosure)."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf")
        ]
