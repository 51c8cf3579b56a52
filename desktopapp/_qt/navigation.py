"""Moving around the review: the table list, tables, cells, findings, and the marks on the source page.

The navigator owns the table list and the finding being followed; it drives the grid's
selection and the page view it is given, and says which table it put on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from desktopapp.core.model import Box, Cell, CellRef, Finding, Severity, Table

from .findings_panel import FindingsPanel
from .grid_view import GridView
from .locate import cell_at, page_of, quote_boxes, table_at
from .page_view import Mark, PageView
from .prompts import make_action
from .review_state import ReviewState
from .table_model import GridModel
from .tables_model import TableIdRole, TableListDelegate, TablesModel


class Navigator(QObject):
    table_selected = Signal(object)  # Table: a different table is now in the grid
    table_shown = Signal(str)  # a table's grid is on screen (benchmarks, tests)
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, window: QWidget, state: ReviewState, grid: GridView, grid_model: GridModel,
                 page_view: PageView, findings_panel: FindingsPanel) -> None:
        super().__init__(window)
        self.state = state
        self.grid = grid
        self.grid_model = grid_model
        self.page_view = page_view
        self.findings_panel = findings_panel
        self._active_finding: Finding | None = None
        self._navigating = False  # selection changes made here, not by the officer

        self.tables_model = TablesModel(state, self)
        self.table_list = QListView(window)
        self.table_list.setModel(self.tables_model)
        self.table_list.setItemDelegate(TableListDelegate(self.table_list))
        self.table_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_list.setUniformItemSizes(True)
        self.table_list.setMinimumWidth(160)
        self.table_list.selectionModel().currentChanged.connect(self._table_list_changed)
        self.box = QWidget(window)
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.heading = QLabel("表格", self.box)
        self.heading.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table_list, 1)

        self.prev_table_action = make_action(window, "上一张表(&P)", lambda: self.step_table(-1), ["Ctrl+PgUp", "Alt+Up"])
        self.next_table_action = make_action(window, "下一张表(&N)", lambda: self.step_table(1), ["Ctrl+PgDown", "Alt+Down"])
        self.next_finding_action = make_action(window, "下一个问题", lambda: findings_panel.step(1), "F8")
        self.prev_finding_action = make_action(window, "上一个问题", lambda: findings_panel.step(-1), "Shift+F8")

        grid.selectionModel().currentChanged.connect(self._grid_current_changed)
        page_view.clicked.connect(self._page_clicked)
        findings_panel.finding_chosen.connect(self.choose_finding)
        state.document_loaded.connect(self._document_loaded)
        state.findings_changed.connect(self._findings_changed)
        self._document_loaded()

    def _document_loaded(self) -> None:
        self._active_finding = None
        document = self.state.document
        if document is not None:
            self.heading.setText(f"表格（{len(document.tables)}）")
        for action in (self.prev_table_action, self.next_table_action, self.next_finding_action,
                       self.prev_finding_action):
            action.setEnabled(document is not None)

    # -- tables and cells ------------------------------------------------------------------
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
            self.table_selected.emit(table)
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

    def show_first_table(self) -> bool:
        """Put the document's first table on screen (after reading, or after its corrections were
        replaced, which empties the grid); False when it has none."""
        document = self.state.document
        if document is None or not document.tables:
            return False
        self.select_table(document.tables[0].id)
        return True

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
            self._refresh_marks(focus=None)

    def _grid_current_changed(self, current, _previous) -> None:
        if not current.isValid() or self._navigating:
            return
        cell = self.grid_model.cell(current.row(), current.column())
        focus = Mark(cell.page, cell.box, "cell") if cell is not None and cell.page and cell.box else None
        self._refresh_marks(focus)
        if focus is None and cell is not None and cell.page:
            self.page_view.show_page(cell.page)

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

    # -- marks on the page -----------------------------------------------------------------
    @staticmethod
    def _table_marks(table: Table) -> list[Mark]:
        return [Mark(page, box, "table") for page, box in table.bbox_by_page.items()]

    def _finding_marks(self) -> list[Mark]:
        finding = self._active_finding
        if finding is None:
            return []
        kind = finding.severity.value if isinstance(finding.severity, Severity) else str(finding.severity)
        marks = []
        for ref in finding.cells:
            marks += _cell_marks(self.state.cell(ref.table, ref.row, ref.col), kind)
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
            marks += _cell_marks(self.grid_model.cell(index.row(), index.column()), "cell")
        self.page_view.set_marks(marks, focus)

    # -- findings --------------------------------------------------------------------------
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
        else:  # a finding in the 正文: the grid's table is not what is shown, nothing of it stays chosen
            self.let_go_of_grid_cell()
        marks = self._finding_marks()
        quote_marks = [m for m in marks if m.kind == "quote"]
        cell_marks = [m for m in marks if m.kind != "quote"]
        focus = quote_marks[0] if quote_marks else (cell_marks[0] if cell_marks else None)
        self._refresh_marks(focus)
        if focus is None:
            page = finding.page or self._first_page_of(refs, table_id)
            if page:
                self.page_view.show_page(page)
        self.message.emit(finding.message, 15_000)

    def show_text(self, page: int, boxes: list[Box]) -> None:
        """Running text lit on its page (a find hit); the grid's cell is let go, as for a 正文 finding."""
        self.let_go_of_grid_cell()
        marks = [Mark(page, box, "quote") for box in boxes]
        self.page_view.set_marks(marks, marks[0] if marks else None)
        if not marks:
            self.page_view.show_page(page)

    def let_go_of_grid_cell(self) -> None:
        """No cell of the grid stays selected or current, so F2 or typing edits nothing unseen."""
        model = self.grid.selectionModel()
        self._navigating = True
        try:
            model.clearSelection()
            model.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._navigating = False

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
            model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._navigating = False

    def _findings_changed(self) -> None:
        """After a re-check: follow the same finding in the new list, or let it go when it is fixed."""
        active = self._active_finding
        if active is None:
            return
        key = (active.rule, tuple(active.cells), active.quote)
        same = next((f for f in self.state.findings if (f.rule, tuple(f.cells), f.quote) == key), None)
        self._active_finding = same
        if same is None:
            self.grid_model.set_outlined({})
        else:
            self.findings_panel.view.selectionModel().blockSignals(True)
            self.findings_panel.select_finding(same)
            self.findings_panel.view.selectionModel().blockSignals(False)
        if self.grid_model.table is not None:
            self._refresh_marks(focus=None)


def _cell_marks(cell: Cell | None, kind: str) -> list[Mark]:
    """The cell's box, and the boxes of its part on the next page when the page broke it."""
    if cell is None or not cell.page or cell.box is None:
        return []
    return [Mark(cell.page, cell.box, kind), *(Mark(page, box, kind) for page, box in cell.continued)]
