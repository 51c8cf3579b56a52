"""The review window on a disclosure PDF read by the real reader and checked by the real rules.

The fixture is a two-table 单位预算 built with tests/helpers/pdfgen.py in which one figure was altered:
表5 “2080101 行政运行” 合计 printed 1,096.62 instead of 1,099.62, so its row no longer adds up
(合计 ≠ 基本支出 + 项目支出) — what the officer would see, select, correct and undo.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QMessageBox

from desktopapp._qt.main_window import MainWindow
from desktopapp._qt.table_model import ERROR_CELL, ERROR_ROW, OutlineRole
from desktopapp._qt.tables_model import CountsRole, TableIdRole
from desktopapp.core.model import Finding, Severity
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec

pytestmark = pytest.mark.gui

PLANTED_ROW, TOTAL_COL = 3, 2  # body row of 2080101 行政运行, column 合计
PLANTED, TRUE = "1,096.62", "1,099.62"
NARRATIVE = "本单位2024年收支总预算1826.31万元，其中基本支出1583.46万元，项目支出242.85万元。"


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory) -> Path:
    rows = [list(r) for r in EXPENDITURE_ROWS]
    rows[PLANTED_ROW][TOTAL_COL] = PLANTED
    path = tmp_path_factory.mktemp("gui") / "单位预算.pdf"
    builder = PdfBuilder(path)
    builder.cover(["测试社会保险管理处", "2024年单位预算"])
    builder.text_page([NARRATIVE, "主要用于社会保险经办业务。"], heading="第三部分 情况说明")
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, rows, number="表5", org="测试社会保险管理处"))
    builder.table(
        TableSpec(
            "支出总表",
            [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            [[r[0], r[1], r[2], r[3], r[6]] for r in EXPENDITURE_ROWS],
            number="表3",
            org="测试社会保险管理处",
        )
    )
    builder.save()
    return path


@pytest.fixture
def pdf(built_pdf: Path, tmp_path: Path) -> Path:
    """A private copy: the autosaved review lands beside it, not beside other tests' copies."""
    target = tmp_path / built_pdf.name
    shutil.copy(built_pdf, target)
    return target


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))

    def make() -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.questions = []
        window.prompts.ask = lambda title, text: window.questions.append(text) or True
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def open_and_wait(qtbot, window: MainWindow, path: Path, expect: str = "ok") -> None:
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000) as blocker:
        window.opener.open_pdf(path)
    assert blocker.args == [expect]
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=10_000)


def row_findings(window: MainWindow, rule: str, row: int) -> list[Finding]:
    table_id = window.grid_model.table_id
    return [
        f for f in window.state.findings
        if f.rule == rule and any(r.table == table_id and r.row == row for r in f.cells)
    ]


def message_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_tables_are_listed_with_their_counts(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model = window.navigator.tables_model
    assert model.rowCount() == 2
    first = model.index(0)
    assert "一般公共预算支出表" in first.data()
    errors, warnings = first.data(CountsRole)
    assert errors >= 1 and warnings >= 1  # the altered figure, and the rounding tail of 21011
    assert errors == sum(
        1 for f in window.state.findings
        if f.severity == Severity.ERROR and first.data(TableIdRole) in {f.table, *(r.table for r in f.cells)}
    )
    assert window.grid_model.table_id == first.data(TableIdRole)  # the first table is shown
    assert window.grid_model.rowCount() == len(EXPENDITURE_ROWS)
    assert window.page_view.page == 3
    assert "错误" in window.status_labels.counts_label.text() and window.status_labels.kind_label.text() == "单位预算"


def test_grid_shows_header_spans_and_printed_figures(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model = window.grid_model
    spans = {(s.text, s.row, s.col, s.row_span, s.col_span) for s in model.spans}
    assert ("基本支出", 0, 3, 1, 3) in spans and ("科目编码", 0, 0, 2, 1) in spans
    total = model.index(0, TOTAL_COL)
    assert total.data() == "1,826.31"
    assert total.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    code = model.index(1, 0)
    assert code.data() == "208" and code.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert not model.flags(code) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(total) & Qt.ItemFlag.ItemIsEditable


def test_failing_row_is_tinted_with_its_findings_in_the_tooltip(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model = window.grid_model
    assert row_findings(window, "row_sum", PLANTED_ROW)
    operand = model.index(PLANTED_ROW, TOTAL_COL)
    assert operand.data(Qt.ItemDataRole.BackgroundRole) == ERROR_CELL
    name = model.index(PLANTED_ROW, 1)  # not an operand, but on the failing row
    assert name.data(Qt.ItemDataRole.BackgroundRole) == ERROR_ROW
    assert "错误" in name.data(Qt.ItemDataRole.ToolTipRole) and PLANTED in name.data(Qt.ItemDataRole.ToolTipRole)
    clean = model.index(14, TOTAL_COL)  # 2210201 住房公积金 takes part in no failed relation
    assert clean.data(Qt.ItemDataRole.BackgroundRole) is None


def test_choosing_a_finding_outlines_its_cells_and_shows_its_page(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.navigator.select_table(window.state.document.tables[1].id)  # start elsewhere: it must switch back
    panel = window.tabs.findings_panel
    finding = row_findings_any_table(window, "row_sum")
    assert panel.select_finding(finding)
    assert window.grid_model.table_id == finding.cells[0].table
    for ref in finding.cells:
        index = window.grid_model.index(ref.row, ref.col)
        assert index.data(OutlineRole) == Severity.ERROR
        assert window.grid.selectionModel().isSelected(index)
    assert window.page_view.page == 3
    outlined = [m for m in window.page_view.marks if m.kind == "error"]
    assert len(outlined) == len(finding.cells) and all(m.page == 3 for m in outlined)
    first = window.state.cell(finding.cells[0].table, finding.cells[0].row, finding.cells[0].col)
    assert any(m.box == first.box for m in outlined)


def row_findings_any_table(window: MainWindow, rule: str) -> Finding:
    return next(f for f in window.state.findings if f.rule == rule)


def test_narrative_finding_shows_its_page_and_highlights_the_quote(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    quote = "其中基本支出1583.46万元"
    finding = Finding(rule="text_vs_table", severity=Severity.ERROR, message="正文金额与表格不一致", page=2, quote=quote)
    window.navigator.choose_finding(finding)
    assert window.page_view.page == 2
    quoted = [m for m in window.page_view.marks if m.kind == "quote"]
    assert quoted and all(m.page == 2 for m in quoted)
    line = next(ln for ln in window.state.document.pages[1].lines if "1583.46" in ln.text)
    assert quoted[0].box == line.box


def test_correction_clears_the_finding_and_undo_brings_it_back(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model = window.grid_model
    table_id = model.table_id
    before = len(window.state.findings)
    window.editor.bar.reason_edit.setText("核对预算批复")
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    cell = window.state.cell(table_id, PLANTED_ROW, TOTAL_COL)
    assert cell.amount == Decimal("1099.62") and cell.text == PLANTED
    assert not row_findings(window, "row_sum", PLANTED_ROW)
    assert len(window.state.findings) < before
    changed = model.index(PLANTED_ROW, TOTAL_COL)
    assert changed.data() == TRUE
    assert changed.data(Qt.ItemDataRole.FontRole).bold()
    assert PLANTED in changed.data(Qt.ItemDataRole.ToolTipRole)  # the printed value stays visible
    assert model.index(PLANTED_ROW, 1).data(Qt.ItemDataRole.BackgroundRole) is None  # tint gone

    log = window.tabs.changes_model  # the net change per cell: printed → value in force, reason
    assert log.rowCount() == 1
    texts = [log.index(0, c).data() for c in range(log.columnCount())]
    assert texts[1].endswith("一般公共预算支出表") and texts[2] == str(PLANTED_ROW + 1)
    assert texts[4] == PLANTED and texts[5] == TRUE and texts[6] == "核对预算批复"
    assert window.editor.undo_action.isEnabled()

    window.editor.undo_action.trigger()
    assert cell.amount == Decimal("1096.62") and not cell.is_corrected
    assert row_findings(window, "row_sum", PLANTED_ROW)
    assert len(window.state.findings) == before
    assert log.rowCount() == 0  # back to the printed figure: no net change
    window.tabs.history_check.setChecked(True)  # the whole history is still there
    assert log.rowCount() == 2 and log.index(1, 7).data() == "撤销" and log.index(1, 8).data().startswith("撤销")
    window.editor.redo_action.trigger()
    assert cell.amount == Decimal("1099.62") and not row_findings(window, "row_sum", PLANTED_ROW)
    assert log.rowCount() == 3
    window.tabs.history_check.setChecked(False)
    assert log.rowCount() == 1 and log.index(0, 6).data() == "核对预算批复"
    assert window.tabs.tabText(1) == "修改记录（1）"


def test_a_figure_that_is_not_a_number_is_refused(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model = window.grid_model
    assert not model.setData(model.index(PLANTED_ROW, TOTAL_COL), "一千元")
    boxes = message_boxes(window)
    assert boxes and "不是有效的金额" in boxes[-1].text()
    assert not window.state.cell(model.table_id, PLANTED_ROW, TOTAL_COL).is_corrected
    assert window.tabs.changes_model.rowCount() == 0
    boxes[-1].close()
    # commas are fine
    assert model.setData(model.index(PLANTED_ROW, TOTAL_COL), "1,099.62")
    assert window.tabs.changes_model.rowCount() == 1


def test_edit_bar_corrects_the_selected_cell(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.navigator.select_cell(window.grid_model.table_id, PLANTED_ROW, TOTAL_COL)
    assert "印刷值 1,096.62" in window.editor.bar.location.toolTip()
    window.editor.bar.value_edit.setText(TRUE)
    window.editor.bar.apply_button.click()
    assert not row_findings(window, "row_sum", PLANTED_ROW)
    assert window.editor.bar.restore_button.isEnabled()
    window.editor.bar.restore_button.click()  # back to the printed figure
    assert row_findings(window, "row_sum", PLANTED_ROW)
    assert window.tabs.changes_model.rowCount() == 0 and len(window.state.changes) == 2


def test_clicking_a_cell_on_the_page_selects_it_in_the_grid(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    second = window.state.document.tables[1]
    cell = second.body[5][3]
    window.page_view.show_page(cell.page)
    window.page_view.click_at((cell.box.x0 + cell.box.x1) / 2, (cell.box.top + cell.box.bottom) / 2)
    assert window.grid_model.table_id == second.id
    assert (window.grid.currentIndex().row(), window.grid.currentIndex().column()) == (5, 3)
    assert any(m.kind == "cell" and m.box == cell.box for m in window.page_view.marks)


def test_keyboard_moves_through_tables_and_findings(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    first, second = (t.id for t in window.state.document.tables)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.grid_model.table_id == second
    qtbot.keyClick(window.grid, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.grid_model.table_id == first
    qtbot.keyClick(window.grid, Qt.Key.Key_F8)
    chosen = window.tabs.findings_panel.current_finding()
    assert chosen is not None and window.grid.selectionModel().hasSelection()
    qtbot.keyClick(window.grid, Qt.Key.Key_F8)
    qtbot.keyClick(window.grid, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.findings_panel.current_finding() is chosen


def test_findings_filter_by_severity_and_table(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    panel = window.tabs.findings_panel
    total = panel.proxy.rowCount()
    panel.severity_combo.setCurrentIndex(panel.severity_combo.findData(Severity.WARNING))
    assert 0 < panel.proxy.rowCount() < total
    assert all(panel.proxy.finding_at(r).severity == Severity.WARNING for r in range(panel.proxy.rowCount()))
    panel.severity_combo.setCurrentIndex(0)
    second = window.state.document.tables[1].id
    panel.table_combo.setCurrentIndex(panel.table_combo.findData(second))
    shown = [panel.proxy.finding_at(r) for r in range(panel.proxy.rowCount())]
    assert shown and all(second in {f.table, *(c.table for c in f.cells)} for f in shown)
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # errors first
    ranks = [panel.proxy.finding_at(r).severity for r in range(panel.proxy.rowCount())]
    assert ranks == sorted(ranks, key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index)


def test_switching_a_rule_off_rechecks(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    assert any(f.rule == "row_sum" for f in window.state.findings)
    window.state.set_disabled_rules({"row_sum"})
    assert not any(f.rule == "row_sum" for f in window.state.findings)
    window.state.set_disabled_rules(set())
    assert any(f.rule == "row_sum" for f in window.state.findings)


def test_rules_dialog_lists_the_catalog_with_switches(qtbot, window):
    from desktopapp._qt.rules_dialog import RulesDialog
    from desktopapp.rules import load_catalog

    catalog = load_catalog()
    dialog = RulesDialog(catalog, {"row_sum"}, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(catalog)
    assert dialog.disabled() == {"row_sum"} - dialog.locked
    names = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert any("\u4e00" <= ch <= "\u9fff" for name in names for ch in name)


def test_every_correction_is_autosaved_and_offered_back(qtbot, make_window, pdf):
    first = make_window()
    open_and_wait(qtbot, first, pdf)
    model = first.grid_model
    model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    autosave = first.state.autosave_target()
    assert autosave is not None and autosave.exists()
    first.close()

    second = make_window()
    open_and_wait(qtbot, second, pdf)
    qtbot.waitUntil(lambda: bool(second.questions), timeout=5000)
    assert "是否恢复上次的审核记录" in second.questions[0]
    table_id = second.state.document.tables[0].id
    qtbot.waitUntil(lambda: second.state.cell(table_id, PLANTED_ROW, TOTAL_COL).is_corrected, timeout=5000)
    assert second.tabs.changes_model.rowCount() == 1
    assert not row_findings(second, "row_sum", PLANTED_ROW)


def test_review_file_saved_and_loaded_by_hand(qtbot, window, pdf, tmp_path):
    open_and_wait(qtbot, window, pdf)
    model = window.grid_model
    model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    target = tmp_path / "我的审核.json"
    window.prompts.ask_save_path = lambda *a: target
    window.review_files.save_review_dialog()
    assert target.exists()
    window.editor.undo()
    assert window.state.cell(model.table_id, PLANTED_ROW, TOTAL_COL).amount == Decimal("1096.62")
    assert window.review_files.load_review_file(target)
    assert window.state.cell(model.table_id, PLANTED_ROW, TOTAL_COL).amount == Decimal("1099.62")


def test_export_writes_a_workbook(qtbot, window, pdf, tmp_path):
    open_and_wait(qtbot, window, pdf)
    target = tmp_path / "导出.xlsx"
    window.prompts.ask_save_path = lambda *a: target
    window.review_files.export_action.trigger()
    assert target.exists() and target.stat().st_size > 0
    assert not message_boxes(window)


def test_unreadable_file_gives_a_plain_chinese_message(qtbot, window, tmp_path):
    bogus = tmp_path / "不是PDF.pdf"
    bogus.write_text("这只是文字", encoding="utf-8")
    open_and_wait(qtbot, window, bogus, expect="failed")
    boxes = message_boxes(window)
    assert boxes and "不是 PDF" in boxes[-1].text() and "Traceback" not in boxes[-1].text()
    assert window.stack.currentWidget() is window.welcome


def test_reading_can_be_cancelled(qtbot, window, pdf):
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000) as blocker:
        window.opener.open_pdf(pdf)
        assert window.opener.progress.isVisible() and window.opener.cancel_button.isVisible()
        window.opener.cancel_button.click()
    assert blocker.args == ["cancelled"]
    qtbot.waitUntil(lambda: not window.opener.is_reading and not window.opener.cancel_button.isVisible(), timeout=10_000)
    assert not window.state.has_document


def test_recent_files_are_remembered(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    window.opener.fill_recent_menu()
    names = [a.text() for a in window.opener.recent_menu.actions()]
    assert any(pdf.name in name for name in names)


def test_window_state_is_remembered(qtbot, make_window):
    first = make_window()
    first.stack.setCurrentWidget(first.main_splitter)
    qtbot.waitExposed(first.main_splitter)
    first.main_splitter.setSizes([400, 260])
    chosen = first.main_splitter.sizes()
    first.close()
    second = make_window()
    second.stack.setCurrentWidget(second.main_splitter)
    qtbot.waitExposed(second.main_splitter)
    assert abs(second.main_splitter.sizes()[1] - chosen[1]) <= 10


def test_current_cell_selection_survives_a_grid_click(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    index = window.grid_model.index(PLANTED_ROW, TOTAL_COL)
    window.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    cell = window.state.cell(window.grid_model.table_id, PLANTED_ROW, TOTAL_COL)
    assert any(m.kind == "cell" and m.box == cell.box for m in window.page_view.marks)
    assert window.page_view.page == cell.page


def test_dropping_a_pdf_opens_it_and_other_files_are_refused(qtbot, window, pdf, tmp_path):
    def drag(path: Path) -> tuple[QDragEnterEvent, QMimeData]:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        try:
            event = QDragEnterEvent(QPointF(20, 20), *args)  # newer bindings
        except TypeError:
            event = QDragEnterEvent(QPoint(20, 20), *args)
        return event, mime

    text_file = tmp_path / "说明.txt"
    text_file.write_text("x", encoding="utf-8")
    refused, _ = drag(text_file)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    accepted, mime = drag(pdf)
    window.dragEnterEvent(accepted)
    assert accepted.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000) as blocker:
        window.dropEvent(drop)
    assert blocker.args == ["ok"] and window.state.pdf_path == pdf


def test_welcome_page_lists_recent_files(qtbot, make_window, pdf):
    first = make_window()
    open_and_wait(qtbot, first, pdf)
    first.close_document()
    assert first.stack.currentWidget() is first.welcome
    items = [first.welcome.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(first.welcome.recent.count())]
    assert str(pdf.resolve()) in items


def test_selected_cells_copy_as_tab_separated_text(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model, grid = window.grid_model, window.grid
    selection = grid.selectionModel()
    for col in (1, TOTAL_COL):
        index = model.index(PLANTED_ROW, col)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # a figure goes as a plain number, so that Excel pastes a number
    assert QGuiApplication.clipboard().text() == f"行政运行\t{PLANTED.replace(',', '')}"


def test_undo_and_redo_keys_and_page_zoom(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    model, grid = window.grid_model, window.grid
    model.setData(model.index(PLANTED_ROW, TOTAL_COL), TRUE)
    cell = window.state.cell(model.table_id, PLANTED_ROW, TOTAL_COL)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not cell.is_corrected
    qtbot.keyClick(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert cell.is_corrected

    view = window.page_view
    view.fit_width()
    fitted = view.zoom
    assert abs(fitted * view.renderer.page_size(view.page)[0] - view.viewport().width()) < 12
    center = QPointF(view.viewport().width() / 2, view.viewport().height() / 2)
    wheel = QWheelEvent(center, view.viewport().mapToGlobal(center), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(wheel)
    assert view.zoom > fitted and view.fit_mode is None


def test_the_parts_follow_the_table_and_the_document(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    labels, bar = window.status_labels, window.editor.bar
    assert labels.unit_label.text() == "单位：万元" and labels.file_label.text() == pdf.name
    assert window.navigator.heading.text() == "表格（2）"
    second = window.state.document.tables[1]
    window.navigator.next_table_action.trigger()
    assert window.grid_model.table_id == second.id
    assert window.navigator.table_list.currentIndex().data(TableIdRole) == second.id
    window.navigator.select_cell(second.id, 5, 3)
    assert bar.location.full_text().startswith("第 6 行") and bar.caption.full_text().endswith("支出总表")
    assert window.close_action.isEnabled() and window.review_files.export_action.isEnabled()

    window.close_document()
    assert window.stack.currentWidget() is window.welcome and window.windowTitle() == "预决算公开审核助手"
    assert all(label.text() == "" for label in labels.widgets())
    assert bar.location.full_text() == "未选择单元格" and bar.caption.full_text() == ""
    for action in (window.close_action, window.review_files.export_action, window.navigator.next_table_action,
                   window.editor.undo_action):
        assert not action.isEnabled()
