"""Opening a PDF: file dialog, sample, recent files, drops; the reader thread's progress and outcome."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from desktopapp.core.paths import resources_dir
from desktopapp.session.messages import message_of

from . import settings as stored
from .labels import doc_kind_label
from .page_render import PageRenderer
from .reader_thread import ReaderThread, ReadResult

log = logging.getLogger(__name__)

SAMPLE_NAME = "sample-dept-budget.pdf"
APP_TITLE = stored.APPLICATION


class OpeningMixin:
    """Part of MainWindow (see main_window.py); uses its widgets and ReviewState."""

    # == opening ============================================================================
    def open_dialog(self) -> None:
        path = self.ask_open_path("打开预决算公开 PDF", "PDF 文件 (*.pdf *.PDF);;所有文件 (*)")
        if path is not None:
            self.open_pdf(path)

    def open_sample(self) -> None:
        sample = resources_dir() / SAMPLE_NAME
        if not sample.exists():
            self.inform("打开示例", f"找不到示例文件：{sample}")
            return
        self.open_pdf(sample)

    def open_pdf(self, path: str | Path) -> None:
        """Read `path` in the background; the current document stays usable until the new one is ready."""
        path = Path(path)
        if self._reader is not None:  # one reader at a time: stop the current one, then read this
            self._pending_path = path
            self._reader.cancel()
            return
        reader = ReaderThread(path, parent=self)
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
        self.statusBar().showMessage(f"正在读取 {path.name} …")
        if not self.state.has_document:
            self.welcome_text.setText(f"正在读取 {path.name} …\n\n可随时在窗口底部点击“取消”。")
        self._update_enabled()
        reader.start()

    def cancel_reading(self) -> None:
        if self._reader is not None:
            self._pending_path = None
            self._reader.cancel()
            self.statusBar().showMessage("正在取消…")

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
        if text != "正在读取":
            self.progress.setRange(0, 0)
        self.statusBar().showMessage(f"{text} …")

    def _read_succeeded(self, result: ReadResult) -> None:
        if self._pending_path is not None:
            return  # superseded by a newer request
        self.last_read_seconds = time.perf_counter() - self._read_started
        if self._reader is not None:
            self._reader.wait()  # its last act was this signal; PDFium is free once it has ended
        self.show_result(result)
        self.read_finished.emit("ok")

    def _read_failed(self, message: str, detail: str) -> None:
        if detail:
            log.warning("read failed: %s (%s)", message, detail)
        if self._pending_path is None:
            path = self._reader.path if self._reader else None
            name = path.name if path else ""
            self.statusBar().showMessage(f"无法读取 {name}", 10_000)
            self.inform("无法读取文件", f"无法读取“{name}”：\n\n{message}")
            if path is not None and message and ("不存在" in message):
                stored.remove_recent(self.settings, str(path.resolve()))
        self.read_finished.emit("failed")

    def _read_cancelled(self) -> None:
        if self._pending_path is None:
            self.statusBar().showMessage("已取消读取", 5000)
        self.read_finished.emit("cancelled")

    def _reader_finished(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.wait()
            reader.deleteLater()
        self.progress.hide()
        self.cancel_button.hide()
        if not self.state.has_document:
            self.welcome_text.setText("把 PDF 文件拖到这里，或使用 文件 ▸ 打开（Ctrl+O）。")
        pending, self._pending_path = self._pending_path, None
        self._update_enabled()
        self.page_view.refresh()
        if pending is not None:
            self.open_pdf(pending)

    def show_result(self, result: ReadResult) -> None:
        """Put a read and checked document on screen (first table, its page), then offer to restore."""
        self._active_finding = None
        renderer = None
        try:
            renderer = PageRenderer(result.path, busy=lambda: self.is_reading)
        except Exception as exc:  # the grid is still useful without the page picture
            log.exception("cannot render %s", result.path)
            self.statusBar().showMessage(message_of(exc, "无法显示 PDF 页面"), 10_000)
        self.page_view.set_renderer(renderer)
        self.renderer = renderer
        self.state.load(result.document, result.path, result.checker, result.findings)
        self.page_panel.refresh_count()
        self.stack.setCurrentWidget(self.main_splitter)
        document = result.document
        self.setWindowTitle(f"{result.path.name} — {APP_TITLE}")
        self.file_label.setText(result.path.name)
        self.file_label.setToolTip(str(result.path))
        self.kind_label.setText(doc_kind_label(document.kind))
        self.tables_heading.setText(f"表格（{len(document.tables)}）")
        stored.add_recent(self.settings, result.path)
        if document.tables:
            self.select_table(document.tables[0].id)
        else:
            self.grid_model.set_table(None)
            self.page_view.show_page(1)
        self._update_enabled()
        self.statusBar().showMessage(
            f"已读取 {len(document.tables)} 张表，用时 {self.last_read_seconds:.1f} 秒", 8000
        )
        self.document_ready.emit()
        QTimer.singleShot(0, self.offer_restore)

    def close_document(self) -> None:
        if self._reader is not None:
            self.cancel_reading()
            self._reader.wait()  # PDFium must be idle before the page renderer closes
        self._active_finding = None
        self.state.clear()
        self.page_view.set_renderer(None)
        self.renderer = None
        self.page_panel.refresh_count()
        self.edit_bar.set_table(None)
        self.edit_bar.set_cell(None, -1, -1, "", False)
        for label in (self.file_label, self.kind_label, self.unit_label, self.counts_label):
            label.setText("")
        self.setWindowTitle(APP_TITLE)
        self._fill_welcome_recent()
        self.stack.setCurrentWidget(self.welcome)
        self._update_enabled()

    # -- recent files and drops ------------------------------------------------------------
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = stored.recent_files(self.settings)
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {Path(name).name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _=False, n=name: self.open_pdf(n))
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("清除列表", lambda: stored.clear_recent(self.settings))

    @staticmethod
    def _dropped_pdf(event) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_pdf(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._dropped_pdf(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_pdf(path)
