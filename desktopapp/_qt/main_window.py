"""The review window: table list | grid | source page, findings and change log below.

The window only arranges panels and routes the officer's actions; reading, checking, editing
and saving are the core's (through ReviewState and the reader thread).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
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
    QMenu,
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

from desktopapp.core.model import Finding

from . import settings as stored
from .changes_model import ChangesModel
from .edit_bar import EditBar
from .editing import EditingMixin
from .findings_panel import FindingsPanel
from .grid_view import GridView
from .navigation import NavigationMixin
from .opening import OpeningMixin
from .page_render import PageRenderer
from .page_view import PagePanel
from .reader_thread import ReaderThread
from .review_files import ReviewFilesMixin
from .review_state import ReviewState
from .table_model import GridModel
from .tables_model import TableListDelegate, TablesModel

APP_TITLE = stored.APPLICATION


class MainWindow(OpeningMixin, NavigationMixin, EditingMixin, ReviewFilesMixin, QMainWindow):
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
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
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

    def _grid_menu(self, pos) -> None:
        menu = QMenu(self.grid)
        menu.addAction(self.edit_cell_action)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        copy = menu.addAction("复制", self.grid.copy_selection)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(bool(self.grid.selectionModel().selectedIndexes()))
        menu.exec(self.grid.viewport().mapToGlobal(pos))

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
