"""Correcting figures from the grid or the edit bar, undo/redo, and keeping the panels in step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktopapp.core.edits import EditError
from desktopapp.core.model import Finding


class EditingMixin:
    """Part of MainWindow (see main_window.py); uses its widgets and ReviewState."""

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
