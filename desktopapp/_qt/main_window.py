"""The review window: table list | grid | source page, findings and change log below.

The window only arranges panels and routes the officer's actions; reading, checking, editing
and saving are the core's (through ReviewState and the reader thread).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktopapp.core.edits import EditError
from desktopapp.core.model import CellRef, Finding, Severity
from desktopapp.core.paths import resources_dir

from . import settings as stored
from .changes_model import ChangeRole, ChangesModel
from .edit_bar import EditBar
from .findings_panel import FindingsPanel
from .grid_view import GridView
from .labels import doc_kind_label
from .locate import cell_at, page_of, quote_boxes, table_at
from .page_render import PageRenderer
from .page_view import Mark, PagePanel
from .reader_thread import ReaderThread, ReadResult
from .review_state import ReviewState, message_of
from .table_model import GridModel
from .tables_model import TableIdRole, TableListDelegate, TablesModel

log = logging.getLogger(__name__)

APP_TITLE = "预决算公开审核助手"
SAMPLE_NAME = "sample-dept-budget.pdf"


class MainWindow(QMainWindow):
    table_shown = Signal(str)  # a table's grid is on screen (benchmarks, tests)
    document_ready = Signal()  # a document was read, checked and shown
    read_finished = Signal(str)  # "ok", "failed" or "cancelled"

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or stored.app_settings()
        self.state = ReviewState(self)
        self.renderer: PageRenderer | None = None
        self._reader: ReaderThread | None = None
        self._pending_path: Path | None = None
        self._read_started = 0.0
        self.last_read_seconds = 0.0
        self.last_message = ""
        self._active_finding: Finding | None = None
        self._navigating = False
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_panels()
        self._build_actions()
        self._build_status_bar()
        self._connect_state()
        self._restore_window_state()
        self._update_enabled()

    # == construction =======================================================================
    def _build_panels(self) -> None:
        self.tables_model = TablesModel(self.state, self)
        self.table_list = QListView(self)
        self.table_list.setModel(self.tables_model)
        self.table_list.setItemDelegate(TableListDelegate(self.table_list))
        self.table_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_list.setUniformItemSizes(True)
        self.table_list.setMinimumWidth(160)
        self.table_list.selectionModel().currentChanged.connect(self._table_list_changed)
        tables_box = QWidget(self)
        tables_layout = QVBoxLayout(tables_box)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.setSpacing(0)
        self.tables_heading = QLabel("表格", tables_box)
        self.tables_heading.setContentsMargins(6, 4, 6, 4)
        tables_layout.addWidget(self.tables_heading)
        tables_layout.addWidget(self.table_list, 1)

        self.grid_model = GridModel(self.state, self)
        self.grid = GridView(self)
        self.grid.setModel(self.grid_model)
        self.grid.selectionModel().currentChanged.connect(self._grid_current_changed)
        self.grid_model.refused.connect(self._edit_refused)
        self.edit_bar = EditBar(self)
        self.grid_model.reason_provider = self.edit_bar.reason
        self.edit_bar.apply_requested.connect(self._apply_from_bar)
        self.edit_bar.restore_requested.connect(self.restore_printed)
        grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(0)
        grid_layout.addWidget(self.edit_bar)
        grid_layout.addWidget(self.grid, 1)
        restore_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.grid, context=Qt.ShortcutContext.WidgetShortcut)
        restore_key.activated.connect(self.restore_printed)

        self.page_panel = PagePanel(self)
        self.page_view = self.page_panel.view
        self.page_view.clicked.connect(self._page_clicked)

        self.findings_panel = FindingsPanel(self.state, self)
        self.findings_panel.finding_chosen.connect(self.choose_finding)
        self.changes_model = ChangesModel(self.state, self)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_view.setAlternatingRowColors(True)
        self.changes_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, sample in enumerate(("00:00:00", "表5 一般公共预算支出表", "行数", "12 一般公共预算支出合计",
                                      "1,234,567.00", "1,234,567.00", "1,234,567.00")):
            self.changes_view.setColumnWidth(col, self.fontMetrics().horizontalAdvance(sample) + 18)
        self.changes_view.doubleClicked.connect(self._change_chosen)
        self.bottom_tabs = QTabWidget(self)
        self.bottom_tabs.addTab(self.findings_panel, "问题")
        self.bottom_tabs.addTab(self.changes_view, "修改记录")

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.top_splitter.addWidget(tables_box)
        self.top_splitter.addWidget(grid_box)
        self.top_splitter.addWidget(self.page_panel)
        self.top_splitter.setStretchFactor(0, 0)
        self.top_splitter.setStretchFactor(1, 3)
        self.top_splitter.setStretchFactor(2, 2)
        self.top_splitter.setSizes([230, 650, 480])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.main_splitter.addWidget(self.top_splitter)
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([470, 190])
        for splitter in (self.top_splitter, self.main_splitter):
            splitter.setChildrenCollapsible(False)

        self.welcome = self._build_welcome()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_splitter)
        self.setCentralWidget(self.stack)

    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        title = QLabel(APP_TITLE, page)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome_text = QLabel(
            "打开部门预算、单位预算或部门决算公开 PDF：读取全部表格，校验勾稽关系，修改数字并导出 Excel。\n\n"
            "把 PDF 文件拖到这里，或使用 文件 ▸ 打开（Ctrl+O）。",
            page,
        )
        self.welcome_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome_text.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        open_button = QPushButton("打开 PDF…", page)
        open_button.clicked.connect(self.open_dialog)
        sample_button = QPushButton("打开示例", page)
        sample_button.clicked.connect(self.open_sample)
        buttons.addWidget(open_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        self.welcome_recent = QListWidget(page)
        self.welcome_recent.setMaximumWidth(560)
        self.welcome_recent.setMaximumHeight(150)
        self.welcome_recent.setToolTip("双击或回车打开")
        self.welcome_recent.itemActivated.connect(lambda item: self.open_pdf(item.data(Qt.ItemDataRole.UserRole)))
        self.welcome_recent_label = QLabel("最近打开", page)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(self.welcome_text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(18)
        recent = QVBoxLayout()
        recent.addWidget(self.welcome_recent_label)
        recent.addWidget(self.welcome_recent)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(recent, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
        self._fill_welcome_recent()
        return page

    def _fill_welcome_recent(self) -> None:
        self.welcome_recent.clear()
        files = [f for f in stored.recent_files(self.settings) if Path(f).exists()][:6]
        for name in files:
            item = QListWidgetItem(f"{Path(name).name}    —    {Path(name).parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.welcome_recent.addItem(item)
        self.welcome_recent.setVisible(bool(files))
        self.welcome_recent_label.setVisible(bool(files))

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.open_action = self._action("打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open, "打开预决算公开 PDF")
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.sample_action = self._action("打开示例(&M)", self.open_sample)
        self.open_review_action = self._action("打开审核记录(&L)…", self.open_review_dialog)
        self.save_review_action = self._action("保存审核记录(&S)…", self.save_review_dialog, "Ctrl+S")
        self.export_action = self._action("导出 Excel(&E)…", self.export_dialog, "Ctrl+E")
        self.close_action = self._action("关闭文件(&C)", self.close_document, "Ctrl+W")
        self.quit_action = self._action("退出(&X)", self.close, "Ctrl+Q")
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        for action in (self.sample_action, None, self.open_review_action, self.save_review_action, None,
                       self.export_action, None, self.close_action, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)

        edit_menu = bar.addMenu("编辑(&E)")
        self.undo_action = self._action("撤销(&U)", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("重做(&R)", self.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.restore_action = self._action("恢复印刷值(&P)", self.restore_printed, tip="把选中单元格恢复为 PDF 上印刷的数值")
        self.edit_cell_action = self._action("修改单元格(&M)", self._edit_current, "F2")
        for action in (self.undo_action, self.redo_action, None, self.edit_cell_action, self.restore_action):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)

        view_menu = bar.addMenu("查看(&V)")
        self.prev_table_action = self._action("上一张表(&P)", lambda: self.step_table(-1), ["Ctrl+PgUp", "Alt+Up"])
        self.next_table_action = self._action("下一张表(&N)", lambda: self.step_table(1), ["Ctrl+PgDown", "Alt+Down"])
        self.next_finding_action = self._action("下一个问题", lambda: self.findings_panel.step(1), "F8")
        self.prev_finding_action = self._action("上一个问题", lambda: self.findings_panel.step(-1), "Shift+F8")
        self.zoom_in_action = self._action("放大", lambda: self.page_view.zoom_by(1.2), ["Ctrl++", "Ctrl+="])
        self.zoom_out_action = self._action("缩小", lambda: self.page_view.zoom_by(1 / 1.2), "Ctrl+-")
        self.fit_width_action = self._action("适合宽度", self.page_view.fit_width, "Ctrl+0")
        self.fit_page_action = self._action("整页", self.page_view.fit_page)
        self.focus_tables_action = self._action("转到表格列表", lambda: self.table_list.setFocus(), "Alt+1")
        self.focus_grid_action = self._action("转到表格内容", lambda: self.grid.setFocus(), "Alt+2")
        self.focus_findings_action = self._action("转到问题列表", self._focus_findings, "Alt+3")
        for action in (self.prev_table_action, self.next_table_action, None, self.next_finding_action,
                       self.prev_finding_action, None, self.zoom_in_action, self.zoom_out_action,
                       self.fit_width_action, self.fit_page_action, None, self.focus_tables_action,
                       self.focus_grid_action, self.focus_findings_action):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)

        check_menu = bar.addMenu("校验(&C)")
        self.rules_action = self._action("规则列表(&R)…", self.show_rules)
        self.recheck_action = self._action("重新校验(&C)", self.recheck_all, "F5")
        check_menu.addAction(self.rules_action)
        check_menu.addAction(self.recheck_action)

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("关于(&A)", self.show_about))

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.file_label = QLabel("", self)
        self.kind_label = QLabel("", self)
        self.unit_label = QLabel("", self)
        self.counts_label = QLabel("", self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setFormat("第 %v / %m 页")
        self.progress.hide()
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.cancel_button.hide()
        for widget in (self.file_label, self.kind_label, self.unit_label, self.counts_label):
            status.addPermanentWidget(widget)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _connect_state(self) -> None:
        self.state.findings_changed.connect(self._findings_changed)
        self.state.changes_changed.connect(self._changes_changed)
        self.state.cell_changed.connect(self._cell_changed)
        self.state.autosave_failed.connect(lambda message: self.statusBar().showMessage(message, 10_000))

    # == window state =======================================================================
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None:
                self.resize(min(1366, screen.width()), min(768, screen.height()))
            else:
                self.resize(1366, 768)
        for key, splitter in (("window/top_splitter", self.top_splitter), ("window/main_splitter", self.main_splitter)):
            value = self.settings.value(key)
            if value is not None:
                splitter.restoreState(value)
        value = self.settings.value("window/findings_header")
        if value is not None:
            self.findings_panel.view.horizontalHeader().restoreState(value)
        value = self.settings.value("window/state")
        if value is not None:
            self.restoreState(value)
        fit = self.settings.value("page/fit", "width")
        try:
            zoom = float(self.settings.value("page/zoom", 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        self.page_view.fit_mode = fit if fit in ("width", "page") else None
        if self.page_view.fit_mode is None:
            self.page_view.set_zoom(zoom)

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/top_splitter", self.top_splitter.saveState())
        self.settings.setValue("window/main_splitter", self.main_splitter.saveState())
        self.settings.setValue("window/findings_header", self.findings_panel.view.horizontalHeader().saveState())
        self.settings.setValue("page/fit", self.page_view.fit_mode or "")
        self.settings.setValue("page/zoom", self.page_view.zoom)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_window_state()
        if self._reader is not None:
            self._pending_path = None
            self._reader.cancel()
            self._reader.wait()
        if self.renderer is not None:
            self.page_view.set_renderer(None)
            self.renderer = None
        super().closeEvent(event)

    # == messages ===========================================================================
    def inform(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A plain Chinese message that does not block (the window stays usable behind it)."""
        self.last_message = text
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box

    def ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton("是", QMessageBox.ButtonRole.YesRole)
        box.addButton("否", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def ask_open_path(self, title: str, filters: str) -> Path | None:
        start = self.settings.value("last_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, title, str(start), filters)
        if not path:
            return None
        self.settings.setValue("last_dir", str(Path(path).parent))
        return Path(path)

    def ask_save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), filters)
        return Path(path) if path else None

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

    # == navigation =========================================================================
    def select_table(self, table_id: str, show_page: bool = True, keep_finding: bool = False) -> None:
        table = self.state.table(table_id)
        if table is None:
            return
        if not keep_finding and self._active_finding is not None:
            self._active_finding = None
            self.grid_model.set_outlined({})
        if self.grid_model.table_id != table_id:
            self.grid_model.set_table(table_id)
            self.grid.fit_columns()
            self.grid.scrollToTop()
            self.edit_bar.set_table(table)
            self.edit_bar.set_cell(None, -1, -1, "", False)
            self.unit_label.setText(f"单位：{table.unit}" if table.unit else ("单位：未注明" if table.numeric else ""))
            row = self.tables_model.row_of(table_id)
            self._navigating = True
            try:
                self.table_list.setCurrentIndex(self.tables_model.index(row))
            finally:
                self._navigating = False
        if show_page:
            first = table.pages[0] if table.pages else None
            marks = self._finding_marks() if keep_finding else []
            focus = Mark(first, table.bbox_by_page[first], "table") if first in table.bbox_by_page else None
            self.page_view.set_marks(self._table_marks(table) + marks, focus)
            if first and focus is None:
                self.page_view.show_page(first)
        self.table_shown.emit(table_id)

    def _table_list_changed(self, current, _previous) -> None:
        if self._navigating or not current.isValid():
            return
        self.select_table(current.data(TableIdRole))

    def step_table(self, delta: int) -> None:
        tables = self.state.document.tables if self.state.document else []
        if not tables:
            return
        row = self.tables_model.row_of(self.grid_model.table_id) if self.grid_model.table_id else -1
        row = max(0, min(len(tables) - 1, row + delta))
        self.select_table(tables[row].id)

    def select_cell(self, table_id: str, row: int, col: int, show_page: bool = True) -> None:
        if self.grid_model.table_id != table_id:
            self.select_table(table_id, show_page=False)
        index = self.grid_model.index(row, col)
        if not index.isValid():
            return
        self._navigating = not show_page
        try:
            self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._navigating = False
        self.grid.scrollTo(index)
        if not show_page:
            self._show_cell_in_bar(row, col)
            self._refresh_marks(focus=None)

    def _grid_current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self.edit_bar.set_cell(None, -1, -1, "", False)
            return
        self._show_cell_in_bar(current.row(), current.column())
        if self._navigating:
            return
        cell = self.grid_model.cell(current.row(), current.column())
        focus = Mark(cell.page, cell.box, "cell") if cell is not None and cell.page and cell.box else None
        self._refresh_marks(focus)
        if focus is None and cell is not None and cell.page:
            self.page_view.show_page(cell.page)

    def _show_cell_in_bar(self, row: int, col: int) -> None:
        cell = self.grid_model.cell(row, col)
        self.edit_bar.set_cell(cell, row, col, self.grid_model.column_label(col), self.grid_model.is_editable(col),
                               self.grid_model.thousands)
        self.restore_action.setEnabled(cell is not None and cell.is_corrected)

    def _table_marks(self, table) -> list[Mark]:
        return [Mark(page, box, "table") for page, box in table.bbox_by_page.items()]

    def _finding_marks(self) -> list[Mark]:
        finding = self._active_finding
        if finding is None:
            return []
        kind = finding.severity.value if isinstance(finding.severity, Severity) else str(finding.severity)
        marks = []
        for ref in finding.cells:
            cell = self.state.cell(ref.table, ref.row, ref.col)
            if cell is not None and cell.page and cell.box:
                marks.append(Mark(cell.page, cell.box, kind))
        page = page_of(self.state.document, finding.page) if self.state.document else None
        if page is not None and finding.quote:
            marks.extend(Mark(page.number, box, "quote") for box in quote_boxes(page, finding.quote))
        return marks

    def _refresh_marks(self, focus: Mark | None) -> None:
        marks: list[Mark] = []
        table = self.grid_model.table
        if table is not None:
            marks += self._table_marks(table)
        marks += self._finding_marks()
        index = self.grid.currentIndex()
        if index.isValid():
            cell = self.grid_model.cell(index.row(), index.column())
            if cell is not None and cell.page and cell.box:
                marks.append(Mark(cell.page, cell.box, "cell"))
        self.page_view.set_marks(marks, focus)

    def choose_finding(self, finding: Finding | None) -> None:
        """Select and outline all the finding's cells (switching table), show its page and quote."""
        if finding is None or not self.state.has_document:
            return
        self._active_finding = finding
        refs = [r for r in finding.cells if self.state.cell(r.table, r.row, r.col) is not None]
        table_id = refs[0].table if refs else finding.table
        if table_id and self.state.table(table_id) is not None:
            self.select_table(table_id, show_page=False, keep_finding=True)
            here = [r for r in refs if r.table == table_id]
            self.grid_model.set_outlined({(r.row, r.col): finding.severity for r in here})
            self._select_grid_cells(here)
        marks = self._finding_marks()
        quote_marks = [m for m in marks if m.kind == "quote"]
        cell_marks = [m for m in marks if m.kind != "quote"]
        focus = quote_marks[0] if quote_marks else (cell_marks[0] if cell_marks else None)
        self._refresh_marks(focus)
        if focus is None:
            page = finding.page or self._first_page_of(refs, table_id)
            if page:
                self.page_view.show_page(page)
        self.statusBar().showMessage(finding.message, 15_000)

    def _first_page_of(self, refs: list[CellRef], table_id: str | None) -> int | None:
        for ref in refs:
            cell = self.state.cell(ref.table, ref.row, ref.col)
            if cell is not None and cell.page:
                return cell.page
        table = self.state.table(table_id)
        return table.pages[0] if table and table.pages else None

    def _select_grid_cells(self, refs: list[CellRef]) -> None:
        selection = QItemSelection()
        for ref in refs:
            index = self.grid_model.index(ref.row, ref.col)
            if index.isValid():
                selection.select(index, index)
        model = self.grid.selectionModel()
        self._navigating = True
        try:
            if refs:
                first = self.grid_model.index(refs[0].row, refs[0].col)
                model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.grid.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
                self._show_cell_in_bar(refs[0].row, refs[0].col)
            model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._navigating = False

    def _page_clicked(self, page: int, x: float, y: float) -> None:
        document = self.state.document
        if document is None:
            return
        ref = cell_at(document, page, x, y)
        if ref is not None:
            if self.grid_model.table_id != ref.table:
                self.select_table(ref.table, show_page=False)
            self.select_cell(ref.table, ref.row, ref.col, show_page=False)
            self.grid.setFocus()
            return
        table_id = table_at(document, page, x, y)
        if table_id is not None and table_id != self.grid_model.table_id:
            self.select_table(table_id, show_page=False)
            self._refresh_marks(focus=None)

    def _focus_findings(self) -> None:
        self.bottom_tabs.setCurrentWidget(self.findings_panel)
        self.findings_panel.view.setFocus()

    def _change_chosen(self, index) -> None:
        change = index.data(ChangeRole)
        if change is not None:
            self.select_cell(change.table, change.row, change.col)

    # == editing ============================================================================
    def _current_cell(self) -> tuple[str, int, int] | None:
        index = self.grid.currentIndex()
        if self.grid_model.table_id is None or not index.isValid():
            return None
        return self.grid_model.table_id, index.row(), index.column()

    def _apply_from_bar(self, text: str, reason: str) -> None:
        where = self._current_cell()
        if where is None:
            return
        try:
            self.state.set_value(*where, text, reason=reason)
        except EditError as exc:
            self._edit_refused(str(exc))
            return
        self.grid.setFocus()

    def _edit_current(self) -> None:
        index = self.grid.currentIndex()
        if index.isValid() and self.grid_model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.grid.setFocus()
            self.grid.edit(index)

    def restore_printed(self) -> None:
        where = self._current_cell()
        if where is None:
            return
        cell = self.state.cell(*where)
        if cell is not None and cell.is_corrected:
            self.state.set_value(*where, "", reason=self.edit_bar.reason())

    def _edit_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        self.inform("无法修改", message)

    def undo(self) -> None:
        change = self.state.undo()
        if change is not None:
            self.select_cell(change.table, change.row, change.col)
            self.statusBar().showMessage("已撤销修改", 5000)

    def redo(self) -> None:
        change = self.state.redo()
        if change is not None:
            self.select_cell(change.table, change.row, change.col)
            self.statusBar().showMessage("已重做修改", 5000)

    def _cell_changed(self, table_id: str, row: int, col: int) -> None:
        self.edit_bar.clear_reason()
        if self.grid_model.table_id == table_id:
            index = self.grid.currentIndex()
            if index.isValid():
                self._show_cell_in_bar(index.row(), index.column())

    def _changes_changed(self) -> None:
        count = len(self.state.changes)
        self.bottom_tabs.setTabText(1, f"修改记录（{count}）" if count else "修改记录")
        if count:
            self.changes_view.scrollToBottom()
        self._update_enabled()

    def _findings_changed(self) -> None:
        errors, warnings = self.state.totals()
        if self.state.has_document:
            self.counts_label.setText(
                f"<span style='color:#b91c1c'>错误 {errors}</span> · <span style='color:#b45309'>警告 {warnings}</span>"
            )
        else:
            self.counts_label.setText("")
        self.bottom_tabs.setTabText(0, f"问题（{len(self.state.findings)}）" if self.state.has_document else "问题")
        active = self._active_finding
        if active is not None:
            same = self._equivalent(active)
            self._active_finding = same
            if same is None:
                self.grid_model.set_outlined({})
            else:
                self.findings_panel.view.selectionModel().blockSignals(True)
                self.findings_panel.select_finding(same)
                self.findings_panel.view.selectionModel().blockSignals(False)
            if self.grid_model.table is not None:
                self._refresh_marks(focus=None)

    def _equivalent(self, finding: Finding) -> Finding | None:
        key = (finding.rule, tuple(finding.cells), finding.quote)
        return next((f for f in self.state.findings if (f.rule, tuple(f.cells), f.quote) == key), None)

    def recheck_all(self) -> None:
        if self.state.has_document:
            self.state.recheck_all()
            self.statusBar().showMessage("已重新校验", 3000)

    def _update_enabled(self) -> None:
        has = self.state.has_document
        for action in (self.save_review_action, self.open_review_action, self.export_action, self.close_action,
                       self.rules_action, self.recheck_action, self.prev_table_action, self.next_table_action,
                       self.next_finding_action, self.prev_finding_action):
            action.setEnabled(has)
        self.undo_action.setEnabled(self.state.can_undo)
        self.redo_action.setEnabled(self.state.can_redo)

    # == review files, export, rules ========================================================
    def offer_restore(self) -> None:
        """If this PDF has an autosaved review, ask whether to continue it (是否恢复上次的审核记录)."""
        document, path = self.state.document, self.state.pdf_path
        if document is None or path is None:
            return
        try:
            from desktopapp.session.review import find_review, load_review

            found = find_review(path, document.sha256)
            if found is None:
                return
            review = load_review(found)
        except Exception as exc:
            self.statusBar().showMessage(message_of(exc, "无法读取上次的审核记录"), 10_000)
            return
        if not review.changes and not review.disabled_rules:
            return
        if self.ask("恢复审核记录", f"发现此文件上次的审核记录（{len(review.changes)} 条修改）。\n\n是否恢复上次的审核记录？"):
            self._restore(review, "已恢复上次的审核记录")

    def _after_restore(self) -> None:
        table_id = self.grid_model.table_id or (self.state.document.tables[0].id if self.state.document.tables else None)
        self.grid_model.set_table(None)
        if table_id:
            self.select_table(table_id)
        self._update_enabled()

    def save_review_dialog(self) -> None:
        if not self.state.has_document:
            return
        suggested = self.state.pdf_path.with_suffix(".review.json")
        path = self.ask_save_path("保存审核记录", suggested, "审核记录 (*.json)")
        if path is None:
            return
        try:
            self.state.save_to(path)
        except Exception as exc:
            self.inform("保存失败", message_of(exc, "无法保存审核记录"))
            return
        self.statusBar().showMessage(f"审核记录已保存到 {path}", 8000)

    def open_review_dialog(self) -> None:
        if not self.state.has_document:
            self.inform("打开审核记录", "请先打开审核记录对应的 PDF 文件。", QMessageBox.Icon.Information)
            return
        path = self.ask_open_path("打开审核记录", "审核记录 (*.json);;所有文件 (*)")
        if path is not None:
            self.load_review_file(path)

    def load_review_file(self, path: Path) -> bool:
        try:
            from desktopapp.session.review import load_review

            review = load_review(path)
        except Exception as exc:
            self.inform("无法打开审核记录", message_of(exc, "无法打开审核记录"))
            return False
        if review.sha256 and review.sha256 != self.state.document.sha256:
            self.inform("审核记录不匹配", "这份审核记录属于另一个 PDF 文件（文件内容不同），不能用于当前文件。")
            return False
        self._restore(review, "已载入审核记录")
        return True

    def _restore(self, review, done: str) -> None:
        problems = self.state.restore(review)
        self._after_restore()
        applied = len(review.changes) - len(problems)
        self.statusBar().showMessage(f"{done}：{applied} 条修改", 8000)
        if problems:
            shown = "\n".join(problems[:8]) + (f"\n……另有 {len(problems) - 8} 条" if len(problems) > 8 else "")
            self.inform("部分修改未恢复", f"以下修改与当前读取的表格不一致，未恢复：\n\n{shown}")

    def export_dialog(self) -> None:
        if not self.state.has_document:
            return
        suggested = self.state.pdf_path.with_suffix(".xlsx")
        path = self.ask_save_path("导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            from desktopapp.export.xlsx import export_workbook

            export_workbook(self.state.document, list(self.state.findings), list(self.state.changes), path,
                            rule_names=self.state.rule_names())
        except Exception as exc:
            self.inform("导出失败", message_of(exc, "无法导出 Excel"))
            return False
        finally:
            self.unsetCursor()
        self.statusBar().showMessage(f"已导出到 {path}", 8000)
        return True

    def show_rules(self) -> None:
        from desktopapp.rules import load_catalog

        from .rules_dialog import RulesDialog

        try:
            catalog = load_catalog()
        except Exception as exc:
            self.inform("规则列表", message_of(exc, "无法读取规则目录"))
            return
        dialog = RulesDialog(catalog, self.state.disabled_rules, self)
        if dialog.exec() and self.state.has_document:
            disabled = dialog.disabled()
            if disabled != self.state.disabled_rules:
                self.state.set_disabled_rules(disabled)
                self.statusBar().showMessage(f"已按规则设置重新校验（关闭 {len(disabled)} 条规则）", 5000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>{APP_TITLE}</b><br>读取预决算公开 PDF 中的表格，校验勾稽关系，修改并导出 Excel。"
            "<br><br>全部处理在本机完成，不联网，不修改原 PDF。",
        )
