"""文件 ▸ 对比… / 取消对比, 查看 ▸ 对照参考文件: the reference read in the background like any
open, the relation stated and changeable, the comparison run with every check, the reference
remembered in the review file and read again on reopening.

The reference's reader drives PDFium as the opener's does: while it reads, no page is rendered
(`is_reading`, asked by the window's renderers), and it never reads while the opener does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressBar, QPushButton

from desktopapp.compare.reference import make_reference
from desktopapp.compare.relation import Relation, infer_relation
from desktopapp.core.model import Document, Finding
from desktopapp.export.write_errors import display_path
from desktopapp.session.compare import ReferenceRecord, is_comparison_rule

from .compare_dialog import ask_relation
from .compare_view import ReferenceDock
from .prompts import Prompts, make_action
from .reader_thread import ReaderThread, ReadResult
from .review_state import ReviewState

PDF_FILTER = "PDF 文件 (*.pdf *.PDF);;所有文件 (*)"
TITLE_MARK = " · 对比："  # the title bar names the reference while comparing


class Comparing(QObject):
    message = Signal(str, int)  # status bar text, milliseconds
    read_finished = Signal(str)  # "ok", "failed" or "cancelled"
    reference_changed = Signal()  # a comparison began or ended

    def __init__(self, window: QMainWindow, state: ReviewState, prompts: Prompts, opener) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.prompts = prompts
        window.tabs.findings_panel.marks.extra_entries.append(self.menu_entry)
        # the reference's page, once asked for, follows the finding chosen
        window.tabs.findings_panel.finding_chosen.connect(lambda f: self.show_for(f) if self.dock.isVisible() else None)
        self.opener = opener
        self._reader: ReaderThread | None = None
        self._remembered: ReferenceRecord | None = None  # reading again what the review file names
        self._hooked: object | None = None  # the session whose reference changes are followed
        self.compare_action = make_action(window, "对比(&D)…", self.compare_dialog, None,
                                          "选择参考文件（上年公开文件、决算年度的预算、部门与单位、较早版本）进行对比")
        self.remove_action = make_action(window, "取消对比(&U)", self.remove)
        self.view_action = make_action(window, "对照参考文件(&R)", self.toggle_view, "Ctrl+Shift+R",
                                       "在右侧显示参考文件的对应页面")
        self.view_action.setCheckable(True)
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("参考文件 第 %v / %m 页")
        self.progress.hide()
        self.cancel_button = QPushButton("取消", window)
        self.cancel_button.setToolTip("取消读取参考文件")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.dock = ReferenceDock(window, busy=lambda: self.opener.is_reading or self.is_reading)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self.view_action.setChecked)
        state.document_loaded.connect(self._follow_session)
        opener.started.connect(lambda _path: self.cancel())
        window.document_ready.connect(lambda: QTimer.singleShot(0, self.restore_remembered))
        self._update_actions()

    # -- state -----------------------------------------------------------------------------
    @property
    def is_reading(self) -> bool:
        return self._reader is not None and self._reader.isRunning()

    @property
    def reference(self):
        session = self.state.session
        return session.reference if session is not None else None

    def _follow_session(self) -> None:
        session = self.state.session
        if session is not None and session is not self._hooked:
            self._hooked = session
            session.on_reference_changed.append(self._reference_set)
            self._reference_set()
        elif session is None:
            self._hooked = None
            self._reference_set()

    def _reference_set(self) -> None:
        reference = self.reference
        self.dock.set_document(reference.document if reference is not None else None)
        title = self.window.windowTitle().split(TITLE_MARK)[0]
        if reference is not None:
            title += TITLE_MARK + " + ".join(display_path(Path(s).name) for s in reference.sources())
        self.window.setWindowTitle(title)
        if reference is None:
            self.dock.hide()
        self._update_actions()
        self.reference_changed.emit()

    def _update_actions(self) -> None:
        has_document = self.state.has_document
        self.compare_action.setEnabled(has_document and not self.is_reading)
        self.remove_action.setEnabled(self.reference is not None)
        self.view_action.setEnabled(self.reference is not None)

    # -- choosing and reading the reference ------------------------------------------------
    def compare_dialog(self) -> None:
        if not self.state.has_document:
            return
        start = str(Path(self.state.document.source).parent)
        names, _ = QFileDialog.getOpenFileNames(self.window, "选择参考文件（可多选：同一份文件的情况说明与表格）", start, PDF_FILTER)
        if names:
            self.read([Path(n) for n in names])

    def read(self, paths: list[Path], remembered: ReferenceRecord | None = None) -> bool:
        """Read the reference in the background; False when a reading is already under way."""
        if self.opener.is_reading or self._reader is not None or not self.state.has_document:
            self.message.emit("正在读取文件，请稍候再对比", 5000)
            return False
        self._remembered = remembered
        reader = ReaderThread(paths, parent=self, check=False)
        reader.progress.connect(self._progress)
        reader.stage.connect(self._stage)
        reader.succeeded.connect(self._read)
        reader.failed.connect(self._failed)
        reader.cancelled.connect(self._cancelled)
        reader.finished.connect(self._reader_finished)
        self._reader = reader
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.message.emit(f"正在读取参考文件 {'、'.join(display_path(p.name) for p in paths)} …", 0)
        self._update_actions()
        reader.start()
        return True

    def _stage(self, text: str) -> None:
        self.message.emit(f"参考文件：{text} …", 0)

    def cancel(self) -> None:
        if self._reader is not None:
            self._reader.cancel()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _failed(self, message: str, _detail: str) -> None:
        names = self._reader_names()
        self.message.emit(f"无法读取参考文件 {names}", 10_000)
        self.prompts.inform("无法读取参考文件", f"无法读取“{names}”：\n\n{message}")
        self.read_finished.emit("failed")

    def _cancelled(self) -> None:
        self.message.emit("已取消读取参考文件", 5000)
        self.read_finished.emit("cancelled")

    def _reader_names(self) -> str:
        return "、".join(display_path(p.name) for p in self._reader.paths) if self._reader else ""

    def _reader_finished(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.wait()
            reader.deleteLater()
        self.progress.hide()
        self.cancel_button.hide()
        self._update_actions()
        if self.window.page_view is not None:
            self.window.page_view.refresh()

    def _read(self, result: ReadResult) -> None:
        if self._reader is not None:
            self._reader.wait()  # PDFium is free once the thread has ended
        remembered, self._remembered = self._remembered, None
        if not self.state.has_document:
            return
        if remembered is not None:
            self._restore(remembered, result.document)
        else:
            self._choose(result.document)
        self.read_finished.emit("ok")

    def _choose(self, reference: Document) -> None:
        inferred, stated = infer_relation(self.state.document, reference)
        names = " + ".join(display_path(Path(s).name) for s in reference.sources())
        choice = self.choose_relation(names, stated, inferred)
        if choice is None:
            self.message.emit("已取消对比", 5000)
            return
        relation, chosen = choice
        self._apply(reference, relation if chosen else None)

    def choose_relation(self, names: str, stated: str, inferred: Relation) -> tuple[Relation, bool] | None:
        """The officer confirms or changes the relation (a dialog; tests replace this)."""
        return ask_relation(self.window, names, stated, inferred)

    def _apply(self, reference_document: Document, relation: Relation | None) -> None:
        session = self.state.session
        if session is None:
            return
        reference = make_reference(session.document, reference_document, relation)
        session.set_reference(reference)
        found = sum(1 for f in session.findings if is_comparison_rule(f.rule))
        self.message.emit(f"已对比参考文件：{reference.stated}；对比发现 {found} 条", 15_000)

    # -- the review file -------------------------------------------------------------------
    def restore_remembered(self) -> None:
        """After a document is opened: the reference its review file names, read again."""
        session = self.state.session
        if session is None or session.reference is not None:
            return
        review = session.saved_review()
        record = ReferenceRecord.from_data(review.reference) if review is not None else None
        if record is None:
            return
        missing = [Path(f).name for f in record.files if not Path(f).is_file()]
        if missing:
            self.message.emit(f"审核记录中的参考文件“{'、'.join(missing)}”已不在原处，未恢复对比（可用 文件 ▸ 对比… 重新选择）", 30_000)
            return
        self.read([Path(f) for f in record.files], remembered=record)

    def _restore(self, record: ReferenceRecord, reference: Document) -> None:
        if reference.sha256 != record.sha256:
            name = Path(record.files[0]).name
            self.message.emit(f"参考文件“{name}”在上次审核后已更改，未恢复对比（可用 文件 ▸ 对比… 重新选择）", 30_000)
            return
        self._apply(reference, record.relation if record.chosen_by_officer else None)

    def remove(self) -> None:
        """文件 ▸ 取消对比: the reference and its findings go; the review file forgets it."""
        session = self.state.session
        if session is not None and session.reference is not None:
            session.set_reference(None)
            self.message.emit("已取消对比", 5000)

    # -- the reference's page --------------------------------------------------------------
    def toggle_view(self, checked: bool | None = None) -> None:
        if self.reference is None:
            self.dock.hide()
            return
        if self.dock.isVisible() and not checked:
            self.dock.hide()
            return
        self.show_for(self.window.tabs.findings_panel.current_finding())

    def show_for(self, finding: Finding | None) -> int | None:
        """The reference's page matching `finding` (its reference page / cells, else the page of
        the reference's table of the same kind), beside the current page. Returns the page."""
        reference = self.reference
        if reference is None:
            return None
        self.dock.show()
        self.dock.raise_()
        page = getattr(finding, "reference_page", None) if finding is not None else None
        cells = list(getattr(finding, "reference_cells", None) or []) if finding is not None else []
        if page is None and not cells:
            page = self._same_kind_page(finding)
        quote = getattr(finding, "reference_quote", None) if finding is not None else None
        return self.dock.show_where(page, cells, quote) or self.dock.show_where(1, [])

    def _same_kind_page(self, finding: Finding | None) -> int | None:
        table_id = (finding.table or (finding.cells[0].table if finding.cells else None)) if finding else None
        table_id = table_id or self.window.grid_model.table_id
        table = self.state.table(table_id)
        if table is None or self.reference is None:
            return None
        same = self.reference.document.tables_of_kind(table.kind) if table.kind != "other" else []
        return same[0].pages[0] if same and same[0].pages else None

    def menu_entry(self, findings: list[Finding]):
        """The findings list's context menu: 在参考文件中查看 (text, slot, enabled) while comparing."""
        if self.reference is None:
            return None
        target = findings[0] if findings else None
        return "在参考文件中查看", lambda: self.show_for(target), target is not None
