"""The window on an office laptop (1366×768 and smaller) and the habits of Excel and Acrobat users:
the first window inside the screen, the page in the grid's place (F6), the panel below hidden
(Ctrl+J) and both remembered, the selected figures' sum in the status bar, Ctrl+C into Excel,
the grid's context menu, Ctrl+F, 帮助 (F1), and a 正文 finding that lets go of the grid's cell."""

# ruff: noqa: F811  (the fixtures of test_gui_window are imported, and named again as arguments)
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QStatusBar

from desktopapp._qt.main_window import MainWindow
from desktopapp._qt.window_layout import initial_geometry
from desktopapp.core.model import Finding, Severity
from tests.helpers.pdfgen import EXPENDITURE_ROWS
from tests.test_gui_window import (  # noqa: F401  (fixtures)
    TOTAL_COL,
    built_pdf,
    make_window,
    open_and_wait,
    pdf,
    window,
)

pytestmark = pytest.mark.gui


def _select(window: MainWindow, cells: list[tuple[int, int]]) -> None:
    selection = window.grid.selectionModel()
    selection.clearSelection()
    for row, col in cells:
        selection.select(window.grid_model.index(row, col), QItemSelectionModel.SelectionFlag.Select)


def _visible_rows(window: MainWindow) -> int:
    return window.grid.viewport().height() // window.grid.verticalHeader().defaultSectionSize()


# -- 7. the screen ---------------------------------------------------------------------------
def test_a_first_window_is_maximised_on_a_laptop_screen_and_takes_most_of_a_large_one():
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
    geometry, maximise = initial_geometry(laptop)
    assert maximise and geometry == laptop
    large = QRect(0, 0, 1920, 1040)
    geometry, maximise = initial_geometry(large)
    assert not maximise and geometry.width() >= 1366 and geometry.height() >= 768
    assert geometry.width() * geometry.height() >= 0.75 * large.width() * large.height()
    assert large.contains(geometry.adjusted(-8, -32, 8, 8))  # room for a window manager's frame


def test_the_first_window_is_maximised_with_its_status_bar_inside_and_fits_a_laptop(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_on_screen()  # the test screen is narrower than 1440 px, like a laptop's
    qtbot.waitExposed(window)
    assert window.isMaximized()
    status = window.statusBar()
    assert status.isVisible() and status.geometry().bottom() < window.height()
    # whatever the splitters hold, the window can be as small as a 1366×768 screen less its taskbar
    # and frame, and narrower than 1024 px
    minimum = window.minimumSizeHint()
    assert minimum.height() <= 768 - 40 - 32 and minimum.width() <= 1024


def test_f6_puts_the_page_in_the_grids_place_and_the_layout_is_remembered(qtbot, make_window, pdf):
    first = make_window()
    open_and_wait(qtbot, first, pdf)
    page_width = first.page_panel.width()
    first.grid.setFocus()
    qtbot.keyClick(first.grid, Qt.Key.Key_F6)
    assert not first.grid_box.isVisible() and first.page_panel.isVisible()
    qtbot.waitUntil(lambda: first.page_panel.width() > page_width + 300)  # the grid's width is the page's
    qtbot.keyClick(first.page_view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert not first.tabs.isVisible()
    first.close()

    second = make_window()
    assert second.window_layout.mode == "page" and not second.window_layout.panel_action.isChecked()
    open_and_wait(qtbot, second, pdf)
    assert not second.grid_box.isVisible() and not second.tabs.isVisible()
    second.window_layout.swap_action.trigger()  # F6 again: the grid is back
    assert second.grid_box.isVisible() and second.page_panel.isVisible()
    second.window_layout.layout_actions["grid"].trigger()
    assert second.grid_box.isVisible() and not second.page_panel.isVisible()


def test_at_1024x600_and_at_the_minimum_size_the_grid_still_shows_rows(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.height() <= 600)
    assert _visible_rows(window) >= 6
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    assert _visible_rows(window) >= 3
    window.window_layout.set_panel_visible(False)  # Ctrl+J: the grid takes the panel's height
    qtbot.wait(50)
    assert _visible_rows(window) >= 6


# -- 8. status messages ------------------------------------------------------------------------
def test_a_long_status_message_is_elided_before_the_file_name(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    status = window.statusBar()
    long = "合计行：" + "，".join(f"第 {n} 项 1,234.56" for n in range(60))
    status.showMessage(long, 5000)
    shown = QStatusBar.currentMessage(status)  # what is painted
    assert shown.endswith("…") and status.fontMetrics().horizontalAdvance(shown) < window.status_labels.file_label.x()
    assert status.currentMessage() == long and status.toolTip() == long
    # the selection's sum appears on the right while the message shows: the message makes room
    _select(window, [(0, TOTAL_COL), (1, TOTAL_COL)])
    stats = window.grid_tools.stats_label
    qtbot.waitUntil(lambda: stats.isVisible() and stats.width() >= stats.sizeHint().width())
    shown = QStatusBar.currentMessage(status)
    assert shown.endswith("…") and status.fontMetrics().horizontalAdvance(shown) + 16 <= stats.x()
    assert status.currentMessage() == long


# -- 9. the grid as in Excel -------------------------------------------------------------------
def test_selected_figures_show_their_count_sum_and_average(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    _select(window, [(0, TOTAL_COL), (1, TOTAL_COL), (1, 0), (1, 1)])  # two figures, a code, a name
    assert window.grid_tools.stats_label.text() == "计数 2 · 合计 3,278.74 · 平均 1,639.37"
    _select(window, [(4, TOTAL_COL), (5, TOTAL_COL)])
    assert window.grid_tools.stats_label.text() == "计数 2 · 合计 351.79 · 平均 175.90"  # 175.895, half up
    _select(window, [(1, 1), (2, TOTAL_COL)])  # a name and one figure: nothing to add up
    assert window.grid_tools.stats_label.text() == ""


def test_ctrl_c_copies_a_block_as_numbers_for_excel(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    _select(window, [(1, 1), (1, TOTAL_COL), (2, 1), (2, TOTAL_COL)])
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "社会保障和就业支出\t1452.43\n人力资源和社会保障管理事务\t1342.47"
    assert "<tr><td>社会保障和就业支出</td><td>1452.43</td></tr>" in mime.html()


def test_the_grids_context_menu_and_summing_a_column(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    index = window.grid_model.index(4, TOTAL_COL)
    menu = window.grid_tools.build_menu(window.grid.visualRect(index).center())
    shown = [a.text() for a in menu.actions() if a.text()]
    assert shown == ["复制", "修改单元格(&M)", "恢复印刷值(&P)", "在页面上显示", "按此列求和"]
    assert window.grid.currentIndex().row() == 4  # the right-clicked cell is the one acted on
    window.grid_tools.sum_column_action.trigger()
    figures = [Decimal(r[TOTAL_COL].replace(",", "")) for r in EXPENDITURE_ROWS]
    figures[3] = Decimal("1096.62")  # the fixture's planted figure
    expected = f"计数 {len(figures)} · 合计 {sum(figures):,.2f}"
    assert window.grid_tools.stats_label.text().startswith(expected)


# -- 6. a finding in the 正文 --------------------------------------------------------------------
def test_following_a_finding_in_the_text_leaves_no_grid_cell_to_edit(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.navigator.select_cell(window.grid_model.table_id, 3, TOTAL_COL)
    assert window.grid.currentIndex().isValid()
    in_text = Finding(rule="narrative_amount_vs_table", severity=Severity.WARNING, message="正文金额与表格不一致",
                      page=2, quote="主要用于社会保险经办业务。")
    window.navigator.choose_finding(in_text)
    assert window.page_view.page == 2
    assert not window.grid.currentIndex().isValid() and not window.grid.selected_indexes()
    panel = window.tabs.findings_panel.view  # where the officer chose the finding
    qtbot.keyClick(panel, Qt.Key.Key_F2)
    assert window.grid.state() != QAbstractItemView.State.EditingState
    assert window.editor.bar.location.full_text() == "未选择单元格"


# -- 10. Ctrl+F --------------------------------------------------------------------------------
def test_ctrl_f_finds_a_cell_and_the_text_and_lights_them_on_the_page(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    bar.edit.setText("社会保险经办")  # typed through the input method
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    # reading order: the 正文 on page 2 first, then the cells of the tables
    assert window.page_view.page == 2 and "第 1 /" in bar.count_label.text()
    assert [m.kind for m in window.page_view.marks] == ["quote"]
    assert not window.grid.currentIndex().isValid()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    index = window.grid.currentIndex()
    assert window.grid_model.cell(index.row(), index.column()).text == "社会保险经办机构"
    cell = window.grid_model.cell(index.row(), index.column())
    assert any(m.kind == "cell" and m.box == cell.box for m in window.page_view.marks)
    assert window.page_view.page == cell.page
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back to the 正文
    assert window.page_view.page == 2
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.page_view.page == 2  # the 正文 hit stays on screen
    assert not window.grid.currentIndex().isValid()
    window.find_bar.next_action.trigger()  # F3 goes on with the same text
    assert window.grid.currentIndex().isValid()


# -- 13. 帮助 ----------------------------------------------------------------------------------
def test_f1_lists_every_shortcut_and_the_rules_are_explained_by_family(qtbot, window):
    window.show()
    window.help.shortcuts_action.trigger()
    dialog = window.help.dialog
    table = dialog.shortcuts
    rows = {(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert ("编辑", "查找", "Ctrl+F") in rows and ("帮助", "键盘快捷键", "F1") in rows
    assert ("查看", "页面/表格切换", "F6") in rows and ("编辑", "撤销", "Ctrl+Z") in rows
    listed = {name for _, name, _ in rows}
    assert "恢复印刷值（表格中）" in listed and "下一页（页面中）" in listed
    window.help.rules_action.trigger()
    text = window.help.dialog.rules.toPlainText()
    assert window.help.dialog.tabs.currentIndex() == 1
    for family in ("表内关系", "表间关系", "完整性", "正文与表格"):
        assert family in text
    assert "正文金额与表格一致" in text  # a rule's name from the catalog


def test_a_gbk_file_name_is_shown_decoded_in_the_title_and_status_bar(qtbot, make_window, built_pdf, tmp_path):
    import os
    import shutil

    from tests.test_gui_window import open_and_wait

    gbk_name = os.fsdecode("单位预算.pdf".encode("gbk"))  # a name unpacked from a Windows zip
    try:
        target = tmp_path / gbk_name
        shutil.copy(built_pdf, target)
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take non-UTF-8 names")
    window = make_window()
    open_and_wait(qtbot, window, target)
    assert "单位预算.pdf" in window.windowTitle()
    assert window.status_labels.file_label.text() == "单位预算.pdf"
