"""Marking findings in the window (issue 13 point 2, findings side of 9): a mark and its note are
shown in the panel, filter it, survive a correction and reopening; 非问题 is muted and set apart
in the counts; Ctrl+C copies the selected findings; the context menu offers the marks. Same
fixture PDF as test_gui_window.py (表5 行政运行 合计 printed 1,096.62 instead of 1,099.62)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from desktopapp._qt.findings_model import MARK_COL, MUTED, FindingRole
from desktopapp._qt.main_window import MainWindow
from desktopapp.core.model import Finding, Severity
from desktopapp.session.marks import Verdict
from tests import test_gui_window as gui
from tests.test_gui_window import PLANTED_ROW, TOTAL_COL, TRUE, open_and_wait

pytestmark = pytest.mark.gui

built_pdf, pdf, make_window, window = gui.built_pdf, gui.pdf, gui.make_window, gui.window  # the same fixtures


def open_settled(qtbot, window: MainWindow, path) -> None:
    open_and_wait(qtbot, window, path)
    qtbot.wait(100)  # the restore offer, queued after the read


def row_of(window: MainWindow, wanted) -> int:
    proxy = window.tabs.findings_panel.proxy
    return next(r for r in range(proxy.rowCount()) if wanted(proxy.index(r, 0).data(FindingRole)))


def planted_sum(finding: Finding) -> bool:
    return finding.rule == "row_sum" and any(ref.row == PLANTED_ROW for ref in finding.cells)


def rounding_tail(finding: Finding) -> bool:
    return finding.severity == Severity.WARNING and bool(finding.cells)


def choose(qtbot, window: MainWindow, wanted) -> int:
    panel = window.tabs.findings_panel
    row = row_of(window, wanted)
    panel.select_row(row)
    panel.view.setFocus()
    return row


def test_mark_with_a_note_is_shown_muted_counted_apart_and_there_after_reopening(qtbot, make_window, pdf):
    first = make_window()
    open_settled(qtbot, first, pdf)
    panel = first.tabs.findings_panel
    errors_before, _ = first.state.totals()
    row = choose(qtbot, first, planted_sum)
    qtbot.keyClick(panel.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 非问题
    finding = panel.proxy.index(row, 0).data(FindingRole)
    assert first.state.mark_of(finding).verdict == Verdict.DISMISSED
    assert panel.proxy.index(row, MARK_COL).data() == "○ 非问题"
    assert panel.proxy.index(row, 5).data(Qt.ItemDataRole.ForegroundRole) == MUTED  # listed, muted
    assert first.state.totals()[0] == errors_before - 1
    assert "另有 1 条已标记为非问题" in first.status_labels.counts_label.text()
    assert "1 条已标记为非问题" in panel.count_label.text()

    panel.marks.ask_note = lambda _parent, _about, mark: (mark.verdict, "已与财政局核对，批复数如此")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 编辑备注
    assert panel.proxy.index(row, MARK_COL).data() == "○ 非问题：已与财政局核对，批复数如此"
    assert "备注：已与财政局核对" in panel.proxy.index(row, 5).data(Qt.ItemDataRole.ToolTipRole)
    first.close()

    second = make_window()
    open_settled(qtbot, second, pdf)
    assert "1 个问题已标记" in second.questions[-1]
    again = second.tabs.findings_panel
    row = row_of(second, planted_sum)
    assert again.proxy.index(row, MARK_COL).data() == "○ 非问题：已与财政局核对，批复数如此"
    assert "另有 1 条已标记为非问题" in second.status_labels.counts_label.text()


def test_filter_by_mark_and_marks_survive_a_correction(qtbot, window, pdf):
    open_settled(qtbot, window, pdf)
    panel = window.tabs.findings_panel
    total = panel.proxy.rowCount()
    choose(qtbot, window, rounding_tail)
    qtbot.keyClick(panel.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # 待确认
    tail = panel.current_finding()
    choose(qtbot, window, planted_sum)
    qtbot.keyClick(panel.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 确有问题

    panel.mark_combo.setCurrentIndex(panel.mark_combo.findText("待确认"))
    assert panel.proxy.rowCount() == 1 and panel.proxy.index(0, 0).data(FindingRole) is tail
    panel.mark_combo.setCurrentIndex(panel.mark_combo.findText("非问题"))
    assert panel.proxy.rowCount() == 0
    panel.mark_combo.setCurrentIndex(panel.mark_combo.findText("未标记"))
    assert panel.proxy.rowCount() == total - 2
    panel.mark_combo.setCurrentIndex(0)  # 全部标记

    model = window.grid_model
    other_row = next(r for r in range(model.rowCount()) if r != PLANTED_ROW and model.index(r, TOTAL_COL).data())
    assert model.setData(model.index(other_row, 4), "1")  # a correction elsewhere re-checks the table
    still = [f for f in window.state.findings if window.state.mark_of(f)]
    assert {window.state.mark_of(f).verdict for f in still} >= {Verdict.PENDING}
    assert all(f is not tail for f in still)  # new findings, the same judgement

    choose(qtbot, window, lambda f: window.state.mark_of(f) is not None and window.state.mark_of(f).verdict
           == Verdict.PENDING)
    qtbot.keyClick(panel.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # clears, in the list
    assert not any(window.state.mark_of(f) and window.state.mark_of(f).verdict == Verdict.PENDING
                   for f in window.state.findings)


def test_ctrl_c_copies_the_selected_findings_and_the_menu_offers_the_marks(qtbot, window, pdf):
    open_settled(qtbot, window, pdf)
    panel = window.tabs.findings_panel
    row = choose(qtbot, window, planted_sum)
    window.state.set_mark(panel.proxy.index(row, 0).data(FindingRole), Verdict.CONFIRMED, "请单位更正")
    other = row_of(window, rounding_tail)
    panel.view.selectionModel().select(panel.proxy.index(other, 0),
                                       QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 7 for f in fields)
    marked = next(f for f in fields if f[5])
    assert marked[0] == "错误" and marked[5:] == ["确有问题", "请单位更正"] and "1,096.62" in marked[4]

    texts = [a.text() for a in panel.marks.build_menu().actions() if a.text()]
    assert texts[0] == "复制" and "标记为“非问题”" in texts and "清除标记" in texts and "编辑备注…" in texts
    assert texts[-1] == "转到单元格"


def test_a_finding_after_a_correction_shows_the_value_in_force_and_the_printed_one(qtbot, window, pdf):
    open_settled(qtbot, window, pdf)
    model = window.grid_model
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), "1,097.00")  # still wrong
    finding = next(f for f in window.state.findings if planted_sum(f))
    assert "1,097.00（原印 1,096.62）" in finding.message
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    assert not any(planted_sum(f) for f in window.state.findings)


def test_the_note_dialog_starts_at_the_note_and_ctrl_enter_accepts(qtbot):
    from desktopapp._qt.finding_marks import NoteDialog

    dialog = NoteDialog(None, "合计行：合计 1,982.31 ≠ 各项之和 1,982.30", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.verdict() == Verdict.PENDING  # a note alone marks the finding 待确认
    assert dialog.focusWidget() is dialog.note
    qtbot.keyClicks(dialog.note, "ok 0512")  # typed where the focus is (QTest types Latin keys only)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.note_text() == "ok 0512"


def test_findings_marked_not_a_problem_no_longer_tint_the_grid_or_count_on_the_table_list(qtbot, window, pdf):
    from desktopapp._qt.table_model import ERROR_CELL, ERROR_ROW
    from desktopapp._qt.tables_model import CountsRole

    open_settled(qtbot, window, pdf)
    table = window.state.document.tables[0]
    grid_model = window.grid.model()
    cell_index = grid_model.index(PLANTED_ROW, TOTAL_COL)
    assert cell_index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_CELL
    tables = window.navigator.table_list.model()
    errors_before, _ = tables.index(0, 0).data(CountsRole)

    on_the_row = list(window.state.by_row.get((table.id, PLANTED_ROW), []))
    for finding in on_the_row:
        window.state.set_mark(finding, Verdict.DISMISSED, "已核实")
    dismissed_errors = sum(1 for f in on_the_row if f.severity == Severity.ERROR)
    assert dismissed_errors
    assert cell_index.data(Qt.ItemDataRole.BackgroundRole) not in (ERROR_CELL, ERROR_ROW)
    assert tables.index(0, 0).data(CountsRole)[0] == errors_before - dismissed_errors

    window.state.set_mark(on_the_row[0], None)  # the mark taken back: the tint returns
    assert cell_index.data(Qt.ItemDataRole.BackgroundRole) is not None
