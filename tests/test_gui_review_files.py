"""The window keeps every edit in its review file: restored changes that do not fit are counted in
the status bar (查看 / 丢弃) and kept until discarded; declining a restore keeps the old record
aside; a second window on the same PDF is read-only; autosave away from the PDF says so in a label
that stays; a damaged review file is reported and renamed aside. Same fixture PDF as
test_gui_window.py (表5 行政运行 合计 printed 1,096.62 instead of 1,099.62)."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt

from desktopapp._qt.main_window import MainWindow
from desktopapp.session.marks import Verdict
from desktopapp.session.review import load_review
from tests import test_gui_window as gui
from tests.test_gui_window import PLANTED_ROW, TOTAL_COL, TRUE, message_boxes, open_and_wait

pytestmark = pytest.mark.gui

built_pdf, pdf, make_window, window = gui.built_pdf, gui.pdf, gui.make_window, gui.window  # the same fixtures


def open_settled(qtbot, window: MainWindow, path) -> None:
    """Open and let the window's restore offer (queued after the read) run before anything else."""
    open_and_wait(qtbot, window, path)
    qtbot.wait(100)


def box_texts(window: MainWindow) -> list[str]:
    return [box.text() for box in message_boxes(window)]


def correct_planted(window: MainWindow, text: str = TRUE) -> bool:
    model = window.grid_model
    return model.setData(model.index(PLANTED_ROW, TOTAL_COL), text)


def test_changes_that_no_longer_fit_are_counted_kept_and_discarded_on_request(qtbot, make_window, pdf):
    first = make_window()
    open_settled(qtbot, first, pdf)
    assert correct_planted(first)
    target = first.state.autosave_target()
    first.close()
    data = json.loads(target.read_text(encoding="utf-8"))
    data["changes"][0]["printed"] = "1,000.00"  # as if the figure had been read differently then
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    second = make_window()
    open_and_wait(qtbot, second, pdf)
    label = second.review_notices.unapplied_label
    qtbot.waitUntil(label.isVisible, timeout=5000)
    assert "1 处修改未能恢复" in label.text() and "查看" in label.text() and "丢弃" in label.text()
    assert any("保留在审核记录中" in text for text in box_texts(second))
    assert not second.state.cell(second.grid_model.table_id, PLANTED_ROW, TOTAL_COL).is_corrected

    assert correct_planted(second, "1,099.00")  # a later autosave keeps the unapplied change
    kept = load_review(target).unapplied
    assert len(kept) == 1 and kept[0].data["printed"] == "1,000.00"
    shown = second.review_notices.view_unapplied()
    assert "1,000.00" in shown.text() and "一般公共预算支出表 第4行第3列" in shown.text()

    label.linkActivated.emit("discard")
    assert any("丢弃这 1 处" in question for question in second.questions)
    assert not label.isVisible() and load_review(target).unapplied == []


def test_declining_the_restore_keeps_the_earlier_review_aside(qtbot, make_window, pdf):
    first = make_window()
    open_settled(qtbot, first, pdf)
    assert correct_planted(first)
    target = first.state.autosave_target()
    earlier = target.read_bytes()
    first.close()

    second = make_window()
    second.prompts.ask = lambda title, text: second.questions.append(text) and False
    open_and_wait(qtbot, second, pdf)
    qtbot.waitUntil(lambda: bool(second.questions), timeout=5000)
    aside = [p for p in pdf.parent.iterdir() if p.name.startswith("单位预算.review.20")]
    assert len(aside) == 1 and aside[0].read_bytes() == earlier
    assert aside[0].name in second.statusBar().currentMessage()
    assert correct_planted(second, "1,099.00")
    assert aside[0].read_bytes() == earlier
    assert [c.new for c in load_review(target).changes] == ["1099.00"]


def test_a_second_window_on_the_same_pdf_is_read_only(qtbot, make_window, pdf):
    first = make_window()
    open_settled(qtbot, first, pdf)
    assert correct_planted(first)
    target = first.state.autosave_target()
    written = target.read_bytes()

    second = make_window()
    open_and_wait(qtbot, second, pdf)
    assert second.state.is_read_only and second.review_notices.read_only_label.isVisible()
    assert any("该文件正在另一个窗口中审核" in text for text in box_texts(second))
    qtbot.waitUntil(lambda: bool(second.questions), timeout=5000)  # the saved review is shown, not written
    assert not correct_planted(second, "1,099.00")
    assert any("只读" in text for text in box_texts(second))
    second.editor.undo()
    panel = second.tabs.findings_panel  # nor are marks or reasons recorded
    panel.select_row(0)
    panel.marks.mark(Verdict.DISMISSED)
    assert second.state.mark_of(panel.current_finding()) is None
    assert not second.tabs.changes_model.flags(second.tabs.changes_model.index(0, 6)) & Qt.ItemFlag.ItemIsEditable
    assert target.read_bytes() == written

    suggested = []
    second.prompts.ask_save_path = lambda title, path, filters: suggested.append(path) or path
    second.review_files.save_review_dialog()  # a copy of what this window shows, under another name
    assert suggested[0] != target and len(load_review(suggested[0]).changes) == 1

    first.close()
    third = make_window()
    open_and_wait(qtbot, third, pdf)
    assert not third.state.is_read_only and not third.review_notices.read_only_label.isVisible()
    assert correct_planted(third, "1,099.00")
    assert target.read_bytes() != written


def test_autosave_away_from_the_pdf_is_said_in_a_label_that_stays(qtbot, window, pdf):
    long_pdf = pdf.with_name("关于" + "部门预算公开" * 13 + ".pdf")  # 80 Chinese characters
    shutil.move(pdf, long_pdf)
    open_and_wait(qtbot, window, long_pdf)
    assert correct_planted(window)
    label = window.review_notices.location_label
    assert label.isVisible() and "文件名过长" in label.text()
    assert str(window.state.autosave_target()) in label.toolTip()
    file_label = window.status_labels.file_label  # the long name does not widen the window
    assert file_label.sizeHint().width() <= 340 and file_label.toolTip() == str(long_pdf)
    window.editor.undo()
    window.statusBar().showMessage("其他消息", 1000)
    assert label.isVisible() and "文件名过长" in label.text()
    saved = window.state.autosave_target()
    assert saved.parent != long_pdf.parent and len(load_review(saved).changes) == 2


def test_a_damaged_review_file_is_reported_and_set_aside(qtbot, window, pdf):
    beside = pdf.with_name("单位预算.review.json")
    beside.write_bytes(b"\xef\xbb\xbf{\"schema\": \"disclosure-review/1\", \"changes\": [")
    open_and_wait(qtbot, window, pdf)
    qtbot.waitUntil(lambda: any("已损坏，已另存为" in text for text in box_texts(window)), timeout=5000)
    aside = [p for p in pdf.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and not beside.exists()
    assert correct_planted(window)
    assert len(load_review(window.state.autosave_target()).changes) == 1


def test_reopening_the_same_pdf_in_the_same_window_keeps_it_writable(qtbot, window, pdf):
    open_and_wait(qtbot, window, pdf)
    open_and_wait(qtbot, window, pdf)
    assert not window.state.is_read_only and not window.review_notices.read_only_label.isVisible()
    assert correct_planted(window)
    assert len(load_review(window.state.autosave_target()).changes) == 1


def test_loading_a_review_by_hand_keeps_the_corrections_it_replaces_aside(qtbot, window, pdf, tmp_path):
    open_settled(qtbot, window, pdf)
    assert correct_planted(window)
    chosen = tmp_path / "第一轮.json"
    window.prompts.ask_save_path = lambda *a: chosen
    window.review_files.save_review_dialog()
    assert correct_planted(window, "1,099.00")
    assert window.review_files.load_review_file(chosen)
    aside = [p for p in pdf.parent.iterdir() if p.name.startswith("单位预算.review.20")]
    assert len(aside) == 1 and [c.new for c in load_review(aside[0]).changes] == ["1099.62", "1099.00"]
    assert aside[0].name in window.statusBar().currentMessage()
