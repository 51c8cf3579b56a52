"""Correcting figures from the grid or the edit bar, restoring printed values, undo and redo.

The editor owns the edit bar above the grid and the 编辑 actions; it corrects the grid's current
cell through ReviewState and asks for a cell to be revealed after undo / redo.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desktopapp.core.edits import EditError, parse_user_amount
from desktopapp.core.model import Table

from .edit_bar import EditBar
from .grid_view import GridView
from .prompts import Prompts, make_action
from .review_state import ReviewState
from .table_model import GridModel


class Editor(QObject):
    reveal_cell = Signal(str, int, int)  # undo / redo changed this cell: show it
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, window: QWidget, state: ReviewState, grid: GridView, grid_model: GridModel,
                 prompts: Prompts) -> None:
        super().__init__(window)
        self.state = state
        self.grid = grid
        self.grid_model = grid_model
        self.prompts = prompts
        self.bar = EditBar(window)
        grid_model.reason_provider = self.bar.reason
        grid_model.refused.connect(self._refused)
        self.bar.apply_requested.connect(self._apply_from_bar)
        self.bar.restore_requested.connect(self.restore_printed)

        self.undo_action = make_action(window, "撤销(&U)", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = make_action(window, "重做(&R)", self.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.restore_action = make_action(window, "恢复印刷值(&P)", self.restore_printed,
                                          tip="把选中单元格恢复为 PDF 上印刷的数值")
        self.edit_cell_action = make_action(window, "修改单元格(&M)", self._edit_current, "F2")

        restore_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), grid, context=Qt.ShortcutContext.WidgetShortcut)
        restore_key.setWhatsThis("恢复印刷值（表格中）")
        restore_key.activated.connect(self.restore_printed)
        grid.selectionModel().currentChanged.connect(self._grid_current_changed)
        state.cell_changed.connect(self._cell_changed)
        state.changes_changed.connect(self._update_undo)
        state.document_loaded.connect(self._document_loaded)
        self._update_undo()

    def show_table(self, table: Table | None) -> None:
        """A different table is in the grid: no cell is chosen yet."""
        self.bar.set_table(table, self.state.document)
        self.bar.set_cell(None, -1, -1, "", False)
        self.bar.clear_reason()

    def _document_loaded(self) -> None:
        if not self.state.has_document:
            self.show_table(None)

    def _show_cell(self, row: int, col: int) -> None:
        cell = self.grid_model.cell(row, col)
        self.bar.set_cell(cell, row, col, self.grid_model.column_label(col), self.grid_model.is_editable(col),
                          self.grid_model.thousands)
        # the reason box follows the cell: text left there never attaches to another cell's edit
        corrected = cell is not None and cell.is_corrected and self.grid_model.table_id is not None
        reason = self.state.reason_of(self.grid_model.table_id, row, col) if corrected else ""
        self.bar.bind_reason(reason, corrected)
        self.restore_action.setEnabled(cell is not None and cell.is_corrected)

    def _grid_current_changed(self, current, _previous) -> None:
        if current.isValid():
            self._show_cell(current.row(), current.column())
        else:
            self.bar.set_cell(None, -1, -1, "", False)
            self.bar.clear_reason()

    def _cell_changed(self, table_id: str, row: int, col: int) -> None:
        self.bar.clear_reason()
        if self.grid_model.table_id == table_id:
            index = self.grid.currentIndex()
            if index.isValid():
                self._show_cell(index.row(), index.column())

    def _update_undo(self) -> None:
        self.undo_action.setEnabled(self.state.can_undo)
        self.redo_action.setEnabled(self.state.can_redo)

    # -- corrections -----------------------------------------------------------------------
    def _current_cell(self) -> tuple[str, int, int] | None:
        index = self.grid.currentIndex()
        if self.grid_model.table_id is None or not index.isValid():
            return None
        return self.grid_model.table_id, index.row(), index.column()

    def _apply_from_bar(self, text: str, _reason: str) -> None:
        where = self._current_cell()
        if where is None:
            return
        try:
            cell = self.state.cell(*where)
            typed = parse_user_amount(text)
            if cell is not None and cell.is_corrected and typed == cell.corrected:
                # the value stays: the officer writes or changes the reason of the correction in force
                if self.bar.reason_changed() and self.state.set_reason(*where, self.bar.typed_reason()) is not None:
                    self.bar.bind_reason(self.bar.typed_reason(), corrected=True)
                    self.message.emit("已记录修改原因", 5000)
                self.grid.setFocus()
                return
            self.state.set_value(*where, text, reason=self.bar.reason())
        except EditError as exc:
            self._refused(str(exc))
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
            try:
                self.state.set_value(*where, "", reason=self.bar.reason())  # only a reason typed for the restore
            except EditError as exc:  # a read-only window
                self._refused(exc.message)

    def _refused(self, message: str) -> None:
        self.message.emit(message, 10_000)
        self.prompts.inform("无法修改", message)

    def undo(self) -> None:
        change = self.state.undo()
        if change is not None:
            self.reveal_cell.emit(change.table, change.row, change.col)
            self.message.emit("已撤销修改", 5000)

    def redo(self) -> None:
        change = self.state.redo()
        if change is not None:
            self.reveal_cell.emit(change.table, change.row, change.col)
            self.message.emit("已重做修改", 5000)
