"""文件 ▸ 导出审核意见 (PDF)… and 文件 ▸ 导出干净表格… in the window: the officer's marks and
corrections reach the signed report and the workbook; the clean export holds the chosen tables."""

from __future__ import annotations

import openpyxl
import pdfplumber
from PySide6.QtCore import Qt, QTimer

from desktopapp._qt.clean_export_dialog import CleanExportDialog
from desktopapp.core.marks import Verdict
from tests.test_gui_window import built_pdf, make_window, open_and_wait, pdf  # noqa: F401 (fixtures)


def _mark_two(window) -> tuple[str, str]:
    session = window.state.session
    errors = [f for f in window.state.findings if f.severity.value == "error"]
    assert errors, "the fixture has an altered figure"
    session.set_mark(errors[0], Verdict.DISMISSED, "印刷无误")
    others = [f for f in window.state.findings if f is not errors[0]]
    if others:
        session.set_mark(others[0], Verdict.CONFIRMED, "请单位更正")
    return errors[0].message, errors[0].rule


def test_the_report_pdf_carries_the_marks_and_the_sign_off(qtbot, make_window, pdf, tmp_path):  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, pdf)
    dismissed_message, _ = _mark_two(window)
    table = window.state.document.tables[0]
    window.state.session.set_value(table.id, 0, table.n_cols - 1, "12.34", reason="核对原件")
    target = tmp_path / "out" / "审核意见"
    window.prompts.ask_save_path = lambda *a: target
    window.report_exports.report_action.trigger()
    written = target.with_name("审核意见.pdf")
    assert written.is_file()
    with pdfplumber.open(written) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    text = "".join(pages).replace(" ", "").replace("\n", "")  # a narrow column wraps its text
    assert pages[-1].split()[-1] == str(len(pages))  # each page numbered at its foot
    # searched or copied, the text is the characters shown: no radical for 一 or 见, no unnamed glyph
    assert not any(0x2E80 <= ord(c) < 0x2FE0 for c in text) and "(cid:" not in text
    for words in ("审核意见", "经核实不构成问题（非问题）", "印刷无误", "审核人", "复核人", "核对原件", "12.34"):
        assert words in text, words
    organization = window.state.document.organization
    assert organization and organization in text


def test_the_workbook_export_keeps_the_marks(qtbot, make_window, pdf, tmp_path):  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, pdf)
    _mark_two(window)
    target = tmp_path / "审核.xlsx"
    window.prompts.ask_save_path = lambda *a: target
    window.review_files.export_action.trigger()
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "审核意见"
    ws = workbook["校验结果"]
    heading = [c.value for c in ws[1]]
    marks = [row[heading.index("标记")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert marks.count("非问题") == 1 and "印刷无误" in [
        row[heading.index("备注")] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_the_clean_export_writes_the_tables_the_officer_leaves_checked(qtbot, make_window, pdf, tmp_path):  # noqa: F811
    window = make_window()
    open_and_wait(qtbot, window, pdf)
    tables = window.state.document.tables
    assert len(tables) >= 2
    target = tmp_path / "上报.xlsx"
    window.prompts.ask_save_path = lambda *a: target

    def choose_first_only() -> None:
        dialog = next(w for w in window.findChildren(CleanExportDialog) if w.isVisible())
        items = [dialog.list.item(i) for i in range(dialog.list.count())]
        assert all(item.checkState() == Qt.CheckState.Checked for item in items)  # all, at first
        for item in items[1:]:
            item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    QTimer.singleShot(0, choose_first_only)
    window.report_exports.clean_action.trigger()
    workbook = openpyxl.load_workbook(target)
    assert len(workbook.sheetnames) == 1 and "校验结果" not in workbook.sheetnames
    cells = [c for row in workbook.worksheets[0].iter_rows() for c in row]
    assert any(isinstance(c.value, int | float) for c in cells)
    assert not any(c.comment or (c.fill is not None and c.fill.fill_type) for c in cells)
