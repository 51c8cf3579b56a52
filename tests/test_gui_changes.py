"""The change log in the window (issue 13 points 3 and 4): the 修改记录 tab shows the net change per
cell with the history on demand, the restore prompt counts corrected cells, a reason belongs to one
edit and can be written afterwards — saved at once and in the workbook. Same fixture PDF as
test_gui_window.py (表5 行政运行 合计 printed 1,096.62 instead of 1,099.62)."""

from __future__ import annotations

import openpyxl
import pytest

from desktopapp._qt.main_window import MainWindow
from desktopapp.core.net_changes import net_changes
from desktopapp.session.review import load_review
from tests import test_gui_window as gui
from tests.test_gui_window import PLANTED_ROW, TOTAL_COL, TRUE, open_and_wait

pytestmark = pytest.mark.gui

built_pdf, pdf, make_window, window = gui.built_pdf, gui.pdf, gui.make_window, gui.window  # the same fixtures


def open_settled(qtbot, window: MainWindow, path) -> None:
    open_and_wait(qtbot, window, path)
    qtbot.wait(100)  # the restore offer, queued after the read


def other_row(window: MainWindow) -> int:
    model = window.grid_model
    return next(r for r in range(model.rowCount()) if r != PLANTED_ROW and model.index(r, TOTAL_COL).data())


def test_a_reason_left_in_the_box_does_not_attach_to_another_cells_edit(qtbot, window, pdf):
    open_settled(qtbot, window, pdf)
    table_id = window.grid_model.table_id
    bar = window.editor.bar
    window.navigator.select_cell(table_id, PLANTED_ROW, TOTAL_COL)
    bar.reason_edit.setText("这是给行政运行的原因")
    row = other_row(window)
    window.navigator.select_cell(table_id, row, TOTAL_COL)  # the officer moves on without editing
    assert bar.reason_edit.text() == ""
    model = window.grid_model
    assert model.setData(model.index(row, TOTAL_COL), "5")
    assert window.state.changes[-1].reason == ""

    window.navigator.select_cell(table_id, PLANTED_ROW, TOTAL_COL)
    bar.reason_edit.setText("核对预算批复")
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)  # typed in the grid: this cell's reason
    assert window.state.changes[-1].reason == "核对预算批复"
    window.navigator.select_cell(table_id, row, TOTAL_COL)
    window.navigator.select_cell(table_id, PLANTED_ROW, TOTAL_COL)
    assert bar.reason_edit.text() == "核对预算批复"  # the box shows the reason of this cell's correction
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), "1,099.00")  # a new edit, no new reason
    assert window.state.changes[-1].reason == ""


def test_a_reason_written_afterwards_is_saved_at_once_and_in_the_workbook(qtbot, window, pdf, tmp_path):
    open_settled(qtbot, window, pdf)
    table_id = window.grid_model.table_id
    model = window.grid_model
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)  # no reason given
    window.navigator.select_cell(table_id, PLANTED_ROW, TOTAL_COL)
    bar = window.editor.bar
    assert bar.reason_edit.text() == "" and "补填" in bar.reason_edit.placeholderText()
    bar.reason_edit.setText("与预算批复核对")
    bar.apply_button.click()  # the value is unchanged: only the reason is recorded
    assert window.state.cell(table_id, PLANTED_ROW, TOTAL_COL).corrected is not None
    assert [c.action for c in window.state.changes] == ["edit", "reason"]
    saved = load_review(window.state.autosave_target())
    assert [n.reason for n in net_changes(saved.changes)] == ["与预算批复核对"]

    log = window.tabs.changes_model  # or in the change log's 原因 column
    assert log.rowCount() == 1 and log.index(0, 6).data() == "与预算批复核对"
    assert log.setData(log.index(0, 6), "财政局批复文件第 3 页")
    assert log.index(0, 6).data() == "财政局批复文件第 3 页" and len(window.state.changes) == 3
    assert window.state.undo() is not None and not window.state.can_undo  # one undo step: the correction

    window.state.redo()
    assert window.review_files.export_to(tmp_path / "审核.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "审核.xlsx")["修改记录"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("原因") + 1).value == "财政局批复文件第 3 页"
    assert sheet.cell(row=3, column=1).value is None  # one net row, then the history below

    # a name with a dot of its own keeps it: "预算.第二稿" is written as "预算.第二稿.xlsx"
    assert window.review_files.export_to(tmp_path / "预算.第二稿")
    assert (tmp_path / "预算.第二稿.xlsx").is_file()


def test_the_restore_prompt_counts_corrected_cells_not_history_rows(qtbot, make_window, pdf):
    first = make_window()
    open_settled(qtbot, first, pdf)
    model = first.grid_model
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    assert model.setData(model.index(other_row(first), TOTAL_COL), "5")
    for _ in range(2):
        first.editor.undo_action.trigger()
    for _ in range(2):
        first.editor.redo_action.trigger()
    assert len(first.state.changes) == 6 and first.tabs.changes_model.rowCount() == 2
    first.close()

    second = make_window()
    open_settled(qtbot, second, pdf)
    assert "（2 处修改" in second.questions[-1]
    assert second.tabs.changes_model.rowCount() == 2 and second.tabs.tabText(1) == "修改记录（2）"
    second.tabs.history_check.setChecked(True)
    assert second.tabs.changes_model.rowCount() == 6
