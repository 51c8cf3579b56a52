"""The grid as an Excel user expects it: the selected figures' count, sum and average in the
status bar, and a context menu (复制, 修改单元格, 恢复印刷值, 在页面上显示, 按此列求和)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from .editing import Editor
from .grid_selection import selection_stats
from .grid_view import GridView
from .navigation import Navigator
from .table_model import GridModel
from .window_layout import WindowLayout


class GridTools(QObject):
    def __init__(self, window: QWidget, grid: GridView, grid_model: GridModel, editor: Editor,
                 navigator: Navigator, layout: WindowLayout) -> None:
        super().__init__(window)
        self.grid = grid
        self.grid_model = grid_model
        self.editor = editor
        self.navigator = navigator
        self.layout = layout
        self.stats_label = QLabel("", window)
        self.stats_label.setToolTip("选中单元格中数字的个数、合计与平均值")
        self.stats_label.setContentsMargins(0, 0, 12, 0)  # apart from the file name on its right

        # Ctrl+C belongs to the grid only: in the findings or a text field it copies their text
        self.copy_action = QAction("复制", grid)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setStatusTip("复制选中的单元格，可直接粘贴到 Excel（数字按数值粘贴）")
        self.copy_action.triggered.connect(grid.copy_selection)
        grid.addAction(self.copy_action)
        self.show_on_page_action = QAction("在页面上显示", grid)
        self.show_on_page_action.triggered.connect(self.show_on_page)
        self.sum_column_action = QAction("按此列求和", grid)
        self.sum_column_action.setStatusTip("选中此列的全部数字，在状态栏显示合计")
        self.sum_column_action.triggered.connect(self.select_column_figures)

        grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        grid.customContextMenuRequested.connect(self._menu)
        grid.selectionModel().selectionChanged.connect(self.update_stats)
        grid_model.modelReset.connect(self.update_stats)
        grid_model.dataChanged.connect(self.update_stats)

    def update_stats(self, *_args) -> None:
        stats = selection_stats(self.grid_model, self.grid.selected_indexes())
        # as in Excel, from two figures on: one cell's value is in the grid and the bar above it
        self.stats_label.setText(stats.describe(self.grid_model.thousands) if stats and stats.count >= 2 else "")

    def show_on_page(self) -> None:
        index = self.grid.currentIndex()
        table_id = self.grid_model.table_id
        if table_id is None or not index.isValid():
            return
        self.layout.ensure_page_shown()
        self.navigator.select_cell(table_id, index.row(), index.column())

    def select_column_figures(self) -> None:
        """The figures of the current column, selected (the header and names stay out)."""
        index = self.grid.currentIndex()
        if not index.isValid():
            return
        col = index.column()
        selection = QItemSelection()
        for row in range(self.grid_model.rowCount()):
            cell = self.grid_model.cell(row, col)
            if cell is not None and not cell.covered and cell.amount is not None:
                at = self.grid_model.index(row, col)
                selection.select(at, at)
        if not selection.isEmpty():
            self.grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _menu(self, pos) -> None:
        self.build_menu(pos).exec(self.grid.viewport().mapToGlobal(pos))

    def build_menu(self, pos) -> QMenu:
        """The context menu for a right click at `pos` (viewport coordinates)."""
        index = self.grid.indexAt(pos)
        selected = self.grid.selected_indexes()
        if index.isValid() and index not in selected:  # a right click outside the selection chooses that cell
            self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        has_cell = self.grid.currentIndex().isValid() and self.grid_model.table is not None
        figures = has_cell and self.grid_model.is_editable(self.grid.currentIndex().column())
        self.copy_action.setEnabled(bool(self.grid.selected_indexes()))
        self.show_on_page_action.setEnabled(has_cell)
        self.sum_column_action.setEnabled(bool(figures))
        menu = QMenu(self.grid)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.editor.edit_cell_action)
        menu.addAction(self.editor.restore_action)
        menu.addSeparator()
        menu.addAction(self.show_on_page_action)
        menu.addAction(self.sum_column_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu
