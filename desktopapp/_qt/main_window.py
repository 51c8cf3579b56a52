"""The review window: table list | grid | source page, findings and change log below.

The window is composed of parts, each owning its widgets and state and talking through signals:
the opener (reading PDFs), the navigator (table list, selection, page marks), the editor (edit
bar, corrections, undo / redo), the review files (restore, save, export, rules), the tabs below
and the status labels. The window builds them, lays their widgets out, puts their actions in the
menus and wires their signals; reading, checking, editing and saving are the core's and the
session's (through ReviewState and the reader thread).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktopapp.core.version import __version__
from desktopapp.export.write_errors import display_path
from desktopapp.session.messages import message_of

from . import settings as stored
from .annotated_export import AnnotatedExport
from .batch_dialog import BatchLauncher
from .compare_control import Comparing
from .editing import Editor
from .facts_dialog import DocumentFacts
from .find_bar import FindBar
from .grid_menu import GridTools
from .grid_view import GridView
from .help_dialog import Help
from .navigation import Navigator
from .opening import Opener
from .page_render import PageRenderer
from .page_render_parts import PartsRenderer
from .page_view import PagePanel
from .prompts import Prompts, make_action
from .reader_thread import ReadResult
from .report_exports import ReportExports
from .review_files import ReviewFiles
from .review_notices import ReviewNotices
from .review_state import ReviewState
from .review_tabs import ReviewTabs
from .status_bar import ElidingStatusBar
from .status_labels import StatusLabels
from .table_model import GridModel
from .welcome import WelcomePage
from .window_layout import WindowLayout, initial_geometry

APP_TITLE = stored.APPLICATION

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    document_ready = Signal()  # a document was read, checked and shown

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or stored.app_settings()
        self.state = ReviewState(self)
        self.prompts = Prompts(self, self.settings)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)

        self.grid_model = GridModel(self.state, self)
        self.grid = GridView(self)
        self.grid.setModel(self.grid_model)
        self.page_panel = PagePanel(self)
        self.page_view = self.page_panel.view
        self.tabs = ReviewTabs(self.state, self)
        self.welcome = WelcomePage(self.settings, self)
        self.status_labels = StatusLabels(self, self.state)
        self.opener = Opener(self, self.settings, self.prompts)
        self.navigator = Navigator(self, self.state, self.grid, self.grid_model, self.page_view,
                                   self.tabs.findings_panel)
        self.editor = Editor(self, self.state, self.grid, self.grid_model, self.prompts)
        self.review_files = ReviewFiles(self, self.state, self.prompts)
        self.report_exports = ReportExports(self, self.state, self.prompts)
        self.annotated_export = AnnotatedExport(self, self.state, self.prompts)
        self.review_notices = ReviewNotices(self, self.state, self.prompts)
        self.document_facts = DocumentFacts(self, self.state)
        self.comparing = Comparing(self, self.state, self.prompts, self.opener)
        self.batch = BatchLauncher(self, self.settings, self.opener.open_pdf)

        self._lay_out()
        self.window_layout = WindowLayout(self, self.settings, self.grid_box, self.page_panel, self.tabs,
                                          (self.grid, self.page_view))
        self.grid_tools = GridTools(self, self.grid, self.grid_model, self.editor, self.navigator, self.window_layout)
        self.find_bar = FindBar(self, self.state, self.navigator, self.window_layout)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.find_bar)
        self.help = Help(self)
        self._build_menus()
        self._build_status_bar()
        self._connect_parts()
        self._restore_window_state()

    # == construction =======================================================================
    def _lay_out(self) -> None:
        grid_box = self.grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(0)
        grid_layout.addWidget(self.editor.bar)
        grid_layout.addWidget(self.grid, 1)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.top_splitter.addWidget(self.navigator.box)
        self.top_splitter.addWidget(grid_box)
        self.top_splitter.addWidget(self.page_panel)
        self.top_splitter.setStretchFactor(0, 0)
        self.top_splitter.setStretchFactor(1, 3)
        self.top_splitter.setStretchFactor(2, 2)
        self.top_splitter.setSizes([230, 650, 480])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.main_splitter.addWidget(self.top_splitter)
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([470, 190])
        for splitter in (self.top_splitter, self.main_splitter):
            splitter.setChildrenCollapsible(False)
        # at 1024×600 and at the window's minimum size the grid keeps rows; the panel below gives way
        self.grid.setMinimumHeight(self.grid.verticalHeader().defaultSectionSize() * 9)  # ~3 header rows
        self.tabs.setMinimumHeight(self.tabs.fontMetrics().height() * 5)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_splitter)
        self.setCentralWidget(self.stack)

    def _build_menus(self) -> None:
        opener, navigator, editor, files = self.opener, self.navigator, self.editor, self.review_files
        self.close_action = make_action(self, "关闭文件(&C)", self.close_document, "Ctrl+W")
        self.attach_action = make_action(self, "添加附件(&A)…", self.attach_dialog, None,
                                         "添加同一份公开文件的另一个 PDF（如情况说明与公开表格分为两个文件），一并校验")
        quit_action = make_action(self, "退出(&X)", self.close, "Ctrl+Q")
        page = self.page_view
        view_actions = [
            make_action(self, "放大", lambda: page.zoom_by(1.2), ["Ctrl++", "Ctrl+="]),
            make_action(self, "缩小", lambda: page.zoom_by(1 / 1.2), "Ctrl+-"),
            make_action(self, "适合宽度", page.fit_width, "Ctrl+0"),
            make_action(self, "整页", page.fit_page),
            None,
            make_action(self, "转到表格列表", lambda: navigator.table_list.setFocus(), "Alt+1"),
            make_action(self, "转到表格内容", lambda: self.grid.setFocus(), "Alt+2"),
            make_action(self, "转到问题列表", self.tabs.focus_findings, "Alt+3"),
        ]
        for action in (self.close_action, self.attach_action):
            self.state.document_loaded.connect(lambda a=action: a.setEnabled(self.state.has_document))
            action.setEnabled(False)

        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addAction(opener.open_action)
        file_menu.addAction(self.attach_action)
        _add(file_menu, [self.comparing.compare_action, self.comparing.remove_action])
        file_menu.addMenu(opener.recent_menu)
        file_menu.addAction(self.batch.action)
        _add(file_menu, [opener.sample_action, None, files.open_review_action, files.save_review_action, None,
                         files.export_action, self.report_exports.report_action, self.report_exports.clean_action,
                         self.annotated_export.action,
                         None, self.close_action, quit_action])
        _add(bar.addMenu("编辑(&E)"), [editor.undo_action, editor.redo_action, None, editor.edit_cell_action,
                                      editor.restore_action, None, self.find_bar.find_action,
                                      self.find_bar.next_action, self.find_bar.prev_action])
        view_menu = bar.addMenu("查看(&V)")
        _add(view_menu, [navigator.prev_table_action, navigator.next_table_action, None,
                         navigator.next_finding_action, navigator.prev_finding_action, None, *view_actions, None,
                         self.comparing.view_action])
        layout = self.window_layout
        view_menu.addSeparator()
        _add(view_menu.addMenu("布局(&L)"), [*layout.layout_actions.values(), None, layout.swap_action, layout.panel_action])
        _add(bar.addMenu("校验(&C)"), [self.document_facts.action, files.rules_action, files.recheck_action])
        _add(bar.addMenu("帮助(&H)"), [self.help.shortcuts_action, self.help.rules_action, None,
                                      make_action(self, "关于(&A)", self.show_about)])

    def _build_status_bar(self) -> None:
        self.setStatusBar(ElidingStatusBar(self))
        status = self.statusBar()
        for widget in (self.grid_tools.stats_label, *self.review_notices.widgets(), *self.status_labels.widgets(), self.opener.progress,
                       self.opener.cancel_button, self.comparing.progress, self.comparing.cancel_button):
            status.addPermanentWidget(widget)

    def _connect_parts(self) -> None:
        show = self.statusBar().showMessage
        for part in (self.opener, self.navigator, self.editor, self.review_files, self.report_exports, self.tabs,
                     self.comparing):
            part.message.connect(show)
        self.state.autosave_failed.connect(lambda message: show(message, 10_000))
        self.welcome.open_requested.connect(self.opener.open_pdf)
        self.welcome.open_dialog_requested.connect(self.opener.open_dialog)
        self.welcome.sample_requested.connect(self.opener.open_sample)
        self.opener.started.connect(self._reading_started)
        self.opener.succeeded.connect(self.show_result)
        self.opener.stopped.connect(self._reading_stopped)
        self.navigator.table_selected.connect(self.editor.show_table)
        self.navigator.table_selected.connect(self.status_labels.show_table)
        self.editor.reveal_cell.connect(self.navigator.select_cell)
        self.tabs.change_chosen.connect(self.navigator.select_cell)
        self.review_files.restored.connect(self.navigator.show_first_table)
        self.review_files.attachments_recorded.connect(self.opener.open_pdfs)

    # == the document on screen =============================================================
    def _reading_started(self, path: Path) -> None:
        if not self.state.has_document:
            self.welcome.show_reading(display_path(path.name))

    def _reading_stopped(self) -> None:
        if not self.state.has_document:
            self.welcome.show_idle()
        self.page_view.refresh()

    def show_result(self, result: ReadResult) -> None:
        """Put a read and checked document on screen (first table, its page), then offer to restore."""
        renderer = None
        document = result.document
        try:
            if document.parts:  # several files read together: pages numbered through
                renderer = PartsRenderer(document, busy=self._pdfium_busy)
            else:
                renderer = PageRenderer(result.path, busy=self._pdfium_busy,
                                        unreadable=document.unreadable_pages)
        except Exception as exc:  # the grid is still useful without the page picture
            log.exception("cannot render %s", result.path)
            self.statusBar().showMessage(message_of(exc, "无法显示 PDF 页面"), 10_000)
        self.page_view.set_renderer(renderer)
        self.state.load(result.document, result.path, result.checker, result.findings)
        self.page_panel.refresh_count()
        self.stack.setCurrentWidget(self.main_splitter)
        names = " + ".join(display_path(Path(source).name) for source in document.sources())
        self.setWindowTitle(f"{names} — {APP_TITLE}")
        self.status_labels.show_document(result.path, document)
        stored.add_recent(self.settings, result.path)
        if not self.navigator.show_first_table():
            self.grid_model.set_table(None)
            self.page_view.show_page(1)
        self.statusBar().showMessage(
            f"已读取 {len(document.tables)} 张表，用时 {self.opener.last_read_seconds:.1f} 秒", 8000
        )
        self.document_ready.emit()
        QTimer.singleShot(0, self.review_files.offer_restore)

    def _pdfium_busy(self) -> bool:
        """A reader thread (the document's or the reference's) drives PDFium: render nothing new."""
        return self.opener.is_reading or self.comparing.is_reading

    def attach_dialog(self) -> None:
        """文件 ▸ 添加附件…: another PDF of the open disclosure; the files are read again as one."""
        if not self.state.has_document:
            return
        path = self.prompts.ask_open_path("添加附件（同一份公开文件的另一个 PDF）", "PDF 文件 (*.pdf *.PDF);;所有文件 (*)",
                                          Path(self.state.document.source).parent)
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> None:
        sources = [Path(s) for s in self.state.document.sources()]
        if any(path.resolve() == s.resolve() for s in sources):
            self.statusBar().showMessage(f"{display_path(path.name)} 已在当前文件中", 5000)
            return
        self.opener.open_pdfs([*sources, path])

    def close_document(self) -> None:
        self.opener.cancel_reading()
        self.opener.stop()  # PDFium must be idle before the page renderer closes
        self.state.clear()
        self.page_view.set_renderer(None)
        self.page_panel.refresh_count()
        self.setWindowTitle(APP_TITLE)
        self.welcome.fill_recent()
        self.stack.setCurrentWidget(self.welcome)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>{APP_TITLE}</b>　版本 {__version__}<br>读取预决算公开 PDF 中的表格，校验勾稽关系，修改并导出 Excel。"
            "<br><br>全部处理在本机完成，不联网，不修改原 PDF。",
        )

    # == window state =======================================================================
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        self._geometry_restored = geometry is not None and self.restoreGeometry(geometry)
        if not self._geometry_restored:
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
            self.tabs.findings_panel.view.horizontalHeader().restoreState(value)
        value = self.settings.value("window/state")
        if value is not None:
            self.restoreState(value)
        self.find_bar.hide()  # opened by Ctrl+F on a document, not by the last session
        self.window_layout.restore()
        fit = self.settings.value("page/fit", "width")
        try:
            zoom = float(self.settings.value("page/zoom", 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        self.page_view.fit_mode = fit if fit in ("width", "page") else None
        if self.page_view.fit_mode is None:
            self.page_view.set_zoom(zoom)

    def show_on_screen(self) -> None:
        """Show the window as last closed, or the first time fitted to the screen's available area
        with its frame (maximised on a laptop's screen)."""
        screen = self.screen()
        if self._geometry_restored or screen is None:
            self.show()
            return
        rect, maximise = initial_geometry(screen.availableGeometry())
        self.setGeometry(rect)
        if maximise:
            self.showMaximized()
        else:
            self.show()

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/top_splitter", self.top_splitter.saveState())
        self.settings.setValue("window/main_splitter", self.main_splitter.saveState())
        self.settings.setValue("window/findings_header", self.tabs.findings_panel.view.horizontalHeader().saveState())
        self.window_layout.save()
        self.settings.setValue("page/fit", self.page_view.fit_mode or "")
        self.settings.setValue("page/zoom", self.page_view.zoom)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_window_state()
        self.batch.shutdown()
        self.opener.stop()
        self.state.release()  # another window may now write this PDF's review
        if self.page_view.renderer is not None:
            self.page_view.set_renderer(None)
        super().closeEvent(event)

    # == drops ==============================================================================
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.opener.dropped_pdf(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self.opener.dropped_pdfs(event)
        if paths:  # several PDFs dropped at once are one disclosure (text and tables apart)
            event.acceptProposedAction()
            self.opener.open_pdfs(paths)


def _add(menu, actions: list[QAction | None]) -> None:
    """Actions in order; None is a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
