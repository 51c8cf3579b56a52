"""文件 ▸ 批量检查…: a window of its own where the officer checks a whole folder of disclosures.

The folder's PDFs are checked in the background (batch_worker, the batch engine on every core);
rows appear as files finish, unchanged files (from the engine's cache) at once. The list sorts
and filters (batch_model); Enter or a double-click opens that file in the main window through
its own open path (review file, restore prompt, lock as for any open). 导出汇总表… writes the
register a bureau keeps.

The window has no parent: it is a peer of the main window, not a dialog kept above it, so the
officer can work on a document opened from it and come back (Alt+Tab or the menu again).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktopapp.batch.results import FileResult
from desktopapp.export.write_errors import display_path

from .batch_engine import BatchEngine
from .batch_model import (
    FILE_COL,
    PROBLEMS_COL,
    REASON_COL,
    BatchFilter,
    BatchResultsModel,
    Show,
    count_line,
)
from .batch_worker import BatchWorker
from .export_run import run_export, with_suffix
from .prompts import Prompts, make_action
from .settings import APPLICATION

FOLDER_KEY = "batch/folder"
EXPORT_KEY = "batch/export_folder"  # where the last register or marked-up copies went
ANNOTATED_KEY = "batch/annotated_folder"  # the marked-up copies: never checked as disclosures
SUMMARY_NAME = "批量检查汇总.xlsx"
STOP_WAIT_MS = 1500  # closing the main window waits this long at most for the batch to stop
_abandoned: list[BatchWorker] = []


class MiddleElided(QStyledItemDelegate):
    """A long path elided in its middle: the file's own name stays readable."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class BatchWindow(QWidget):
    open_requested = Signal(object)  # Path: open this file in the main window

    def __init__(self, settings: QSettings, engine: BatchEngine | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.settings = settings
        self.engine = engine or BatchEngine()
        self.prompts = Prompts(self, settings)
        self.worker: BatchWorker | None = None
        self.total: int | None = None  # files found in the folder, once known
        self.cancelled = False
        self.failure: str | None = None  # why the last batch stopped before its end
        self.done = 0  # files finished in this run
        self.annotating: Path | None = None  # the folder the marked-up copies go to, in such a run
        self._started = 0.0
        self.setWindowTitle(f"批量检查 — {APPLICATION}")
        self._size_to_screen()

        self.folder_edit = QLineEdit(str(settings.value(FOLDER_KEY, "") or ""), self)
        self.folder_edit.setPlaceholderText("要检查的文件夹（其中及子文件夹中的全部 PDF）")
        self.folder_edit.returnPressed.connect(self.start)
        self.browse_button = self._button("浏览(&B)…", self.choose_folder)
        self.start_button = self._button("开始检查(&S)", self.start)
        self.progress = QProgressBar(self)
        self.progress.setFormat("尚未开始")  # not "第 0 / 1 个文件" before any file is known
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.cancel_button = self._button("取消", self.cancel)
        self.cancel_button.setEnabled(False)
        self.state_label = QLabel("", self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("筛选：文件名、单位、问题……（Ctrl+F）")
        self.filter_edit.setClearButtonEnabled(True)
        self.show_combo = QComboBox(self)
        for choice in Show:
            self.show_combo.addItem(choice.value, choice)
        self.model = BatchResultsModel(self)
        self.proxy = BatchFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._make_view()
        self.filter_edit.textChanged.connect(lambda text: self._filter(text=text))
        self.show_combo.currentIndexChanged.connect(lambda _: self._filter(show=self.show_combo.currentData()))

        self.count_label = QLabel(count_line([]), self)
        self.summary_button = self._button("导出汇总表(&E)…", self.export_summary_dialog)
        self.annotated_button = self._button("导出全部批注 PDF(&A)…", self.export_annotated_dialog)
        self.annotated_button.setVisible(self.engine.can_annotate)
        self.close_button = self._button("关闭", self.close)
        self._lay_out()
        self._update_buttons()

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_filter)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.close)

    # == construction =======================================================================
    def _size_to_screen(self) -> None:
        """Most of a laptop's 1366×768 (the ten columns need the width), no more than 1300×720."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1300, 720
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
        self.resize(width, height)

    def _button(self, text: str, slot: Callable) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter in the list opens the file, never presses a button
        button.clicked.connect(slot)
        return button

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(FILE_COL, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setItemDelegateForColumn(FILE_COL, MiddleElided(view))
        view.setTabKeyNavigation(False)  # Tab leaves the list for the buttons
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        widths = [250, 190, 70, 48, 48, 56, 48, 48, 0, 170]
        for col, width in enumerate(widths):
            if width:
                header.resizeSection(col, width)
        header.setSectionResizeMode(PROBLEMS_COL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REASON_COL, QHeaderView.ResizeMode.Interactive)
        view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        view.installEventFilter(self)
        return view

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("文件夹：", self))
        top.addWidget(self.folder_edit, 1)
        top.addWidget(self.browse_button)
        top.addWidget(self.start_button)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        running.addWidget(self.state_label, 2)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(QLabel("显示：", self))
        filters.addWidget(self.show_combo)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.summary_button)
        bottom.addWidget(self.annotated_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for row in (top, running, filters):
            layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        order = [self.folder_edit, self.browse_button, self.start_button, self.cancel_button, self.filter_edit,
                 self.show_combo, self.view, self.summary_button, self.annotated_button, self.close_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    # == running ============================================================================
    @property
    def is_running(self) -> bool:
        return self.worker is not None

    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(self.settings.value("last_dir", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self, "选择要批量检查的文件夹", start)
        if folder:
            self.folder_edit.setText(str(Path(folder)))
            self.start_button.setFocus()

    def start(self) -> bool:
        """Check every PDF under the folder in the background; False when it cannot begin."""
        if self.is_running:
            return False
        text = self.folder_edit.text().strip()
        folder = Path(text) if text else None
        if folder is None or not folder.is_dir():
            self.prompts.inform("批量检查", "请先选择一个存在的文件夹。" if folder is None else f"文件夹不存在：{text}")
            return False
        self.settings.setValue(FOLDER_KEY, str(folder))
        self.model.reset(folder)
        copies = self.settings.value(ANNOTATED_KEY, "")
        exclude = [Path(copies)] if copies else []  # marked-up copies saved inside the folder
        self._launch(BatchWorker(folder, lambda root: self.engine.find(root, exclude), self.engine.run, parent=self),
                     None)
        self.state_label.setText("正在查找 PDF 文件…")
        self.view.setFocus()
        return True

    def _launch(self, worker: BatchWorker, annotating: Path | None) -> None:
        self.total = None
        self.done = 0
        self.cancelled = False
        self.failure = None
        self.annotating = annotating
        self._started = time.perf_counter()
        self.progress.setRange(0, 0)  # busy until the files are known
        self.progress.setFormat("第 %v / %m 个文件")
        worker.found.connect(self._found)
        worker.file_done.connect(self._file_done)
        worker.failed.connect(self._failed)
        worker.ended.connect(self._ended)
        self.worker = worker
        self._update_buttons()
        self._show_count()
        worker.start()

    def cancel(self) -> None:
        """Stop soon: the files done stay listed."""
        if self.worker is not None:
            self.worker.cancel()
            self.cancelled = True
            self.state_label.setText("正在取消…")

    def stop(self) -> None:
        """Cancel quietly and let the thread end, never waiting longer than STOP_WAIT_MS (a thread
        still running is kept referenced, not destroyed under itself)."""
        worker = self.worker
        if worker is None:
            return
        worker.cancel()
        if not worker.wait(STOP_WAIT_MS):
            worker.setParent(None)
            _abandoned.append(worker)
        self.worker = None

    def _found(self, total: int, skipped: list[tuple[Path, str]]) -> None:
        self.total = total
        if skipped:  # the officer must know what the batch did not cover
            shown = "\n".join(f"{display_path(str(folder))}：{why}" for folder, why in skipped[:10])
            more = f"\n……共 {len(skipped)} 个" if len(skipped) > 10 else ""
            self.prompts.inform("批量检查", f"以下文件夹无法打开，其中的文件不会检查：\n{shown}{more}")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        if total == 0:
            self.state_label.setText("文件夹中没有 PDF 文件")
        elif self.annotating is not None:
            self.state_label.setText(f"正在生成 {total} 个批注 PDF…")
        else:
            self.state_label.setText(f"正在检查 {total} 个文件…")
        self._show_count()

    def _file_done(self, done: int, total: int, result: FileResult) -> None:
        self.total = total
        self.done = done
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.model.add(result)
        self._show_count()
        if self.view.currentIndex().row() < 0 and self.proxy.rowCount():
            self.view.selectRow(0)  # Enter opens something from the first row on

    def _failed(self, message: str) -> None:
        self.failure = message
        self.prompts.inform("批量检查", message)

    def _ended(self, cancelled: bool) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        seconds = time.perf_counter() - self._started
        done, total = self.done, self.total or self.done
        stopped = cancelled or self.cancelled
        verb = "生成了" if self.annotating is not None else "检查了"
        if stopped:
            self.state_label.setText(f"已取消：{verb} {done} / {total} 个文件")
        elif self.failure is not None:
            self.state_label.setText(f"未完成：{verb} {done} / {total} 个文件")
        elif self.total:
            finished = "批注 PDF 已生成" if self.annotating is not None else "检查完成"
            self.state_label.setText(f"{finished}，用时 {seconds:.1f} 秒")
        self._update_buttons()
        self._show_count()
        if self.annotating is not None:
            self._annotated_done(self.annotating, stopped)

    def _update_buttons(self) -> None:
        running = self.is_running
        self.start_button.setEnabled(not running)
        self.browse_button.setEnabled(not running)
        self.folder_edit.setReadOnly(running)
        self.cancel_button.setEnabled(running)
        done = bool(self.model.results) and not running
        self.summary_button.setEnabled(done)
        self.annotated_button.setEnabled(done)

    def _show_count(self) -> None:
        line = count_line(self.model.results, self.total if self.is_running else None)
        shown = self.proxy.rowCount()
        if shown != len(self.model.results):
            line += f"（显示 {shown} 个）"
        self.count_label.setText(line)

    # == the list ===========================================================================
    def _filter(self, show: Show | None = None, text: str | None = None) -> None:
        self.proxy.set_filter(show=show, text=text)
        self._show_count()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)):
            self.open_row(self.view.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def open_row(self, row: int) -> bool:
        """Open the file of the list's row in the main window (False when there is none to open)."""
        result = self.proxy.result_at(row)
        if result is None:
            return False
        if not result.readable:
            self.prompts.inform("无法打开", f"“{display_path(result.path.name)}”无法读取：{result.unreadable}")
            return False
        self.open_requested.emit(result.path)
        return True

    # == exports ============================================================================
    def export_summary_dialog(self) -> None:
        if not self.model.results or self.is_running:
            return
        folder = Path(self.settings.value(EXPORT_KEY, "") or self.folder_edit.text().strip() or Path.home())
        path, _ = QFileDialog.getSaveFileName(self, "导出汇总表", str(folder / SUMMARY_NAME), "Excel 工作簿 (*.xlsx)")
        if path:
            self.settings.setValue(EXPORT_KEY, str(Path(path).parent))
            self.export_summary(Path(path))

    def export_summary(self, path: Path) -> bool:
        path = with_suffix(path, ".xlsx")
        results = self.proxy.all_in_order()  # every file, filter or not: the register is whole
        if not run_export(self, self.prompts, path, lambda target: self.engine.write_summary(results, target, self.model.root),
                          "无法导出汇总表"):
            return False
        self.prompts.inform("导出汇总表", f"已导出 {len(results)} 个文件的汇总表：\n{path}", QMessageBox.Icon.Information)
        return True

    def export_annotated_dialog(self) -> None:
        if not self.model.results or self.is_running:
            return
        start = str(self.settings.value(EXPORT_KEY, "") or self.folder_edit.text().strip() or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "选择保存批注 PDF 的文件夹", start)
        if folder:
            self.settings.setValue(EXPORT_KEY, folder)
            self.export_annotated(Path(folder))

    def export_annotated(self, folder: Path) -> bool:
        """A marked-up copy of every readable file into `folder`, made in the background (the
        engine reads a file again unless its copy is already there); the rows are refreshed."""
        if self.is_running:
            return False
        paths = [r.path for r in self.proxy.all_in_order() if r.readable]
        if not paths:
            self.prompts.inform("导出批注 PDF", "没有可以生成批注 PDF 的文件。")
            return False
        self.settings.setValue(ANNOTATED_KEY, str(folder))
        worker = BatchWorker(folder, lambda _: (paths, []),
                             lambda files, progress, cancel: self.engine.run(files, progress, cancel, annotated=folder),
                             parent=self)
        self._launch(worker, folder)
        return True

    def _annotated_done(self, folder: Path, stopped: bool) -> None:
        written = [r for r in self.model.results if r.annotated_path is not None and r.annotated_path.parent == folder]
        problems = [f"{display_path(r.path.name)}：{'；'.join(r.write_problems)}"
                    for r in self.model.results if r.write_problems]
        text = f"已生成 {len(written)} 个批注 PDF：\n{folder}"
        if stopped:
            text = "已取消。" + text
        if problems:
            text += "\n\n未能写出：\n" + "\n".join(problems[:10])
        self.prompts.inform("导出批注 PDF", text, QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information)

    # == closing ============================================================================
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.is_running:
            if not self.prompts.ask("批量检查", "批量检查正在进行。停止检查并关闭窗口吗？\n已检查的文件仍会列出。"):
                event.ignore()
                return
            self.cancel()
        super().closeEvent(event)


class BatchLauncher(QObject):
    """The main window's 文件 ▸ 批量检查… (Ctrl+B): one batch window, shown again with its results."""

    def __init__(self, window: QWidget, settings: QSettings, open_pdf: Callable[[Path], None]) -> None:
        super().__init__(window)
        self.main_window = window
        self.settings = settings
        self.open_pdf = open_pdf
        self.batch_window: BatchWindow | None = None
        self.action = make_action(window, "批量检查(&B)…", lambda: self.show_window(), "Ctrl+B",
                                  "检查一个文件夹（含子文件夹）中的全部 PDF，列出每个文件的问题，导出汇总表")

    def show_window(self, engine: BatchEngine | None = None) -> BatchWindow:
        if self.batch_window is None:
            self.batch_window = BatchWindow(self.settings, engine)
            self.batch_window.open_requested.connect(self._open)
        window = self.batch_window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _open(self, path: Path) -> None:
        self.open_pdf(path)
        self.main_window.raise_()
        self.main_window.activateWindow()

    def shutdown(self) -> None:
        """The main window closes: the batch stops and its window goes with it."""
        window, self.batch_window = self.batch_window, None
        if window is not None:
            window.stop()
            window.hide()
            window.deleteLater()
