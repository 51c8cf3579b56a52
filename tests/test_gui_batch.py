"""文件 ▸ 批量检查…: a folder of generated disclosures and one damaged file checked in the
background, listed, sorted, filtered, cancelled, opened in the main window and summarised.

The folder: 甲单位.pdf, a 单位预算 whose 表5 row “2080101 行政运行” prints 合计 1,096.62 where its parts
give 1,099.62 (five errors: the row, and the 款 and 类 above it); in a sub-folder 乙单位.pdf, the
same table with 1,099.62 there, where the 类 208 still misses its 款 by 1.02 (three errors); and 损坏.pdf, the first half of a
PDF's bytes.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktopapp._qt.batch_dialog import BatchWindow
from desktopapp._qt.batch_engine import BatchEngine
from desktopapp._qt.batch_model import ERROR_TEXT, ERRORS_COL, FILE_COL, REASON_COL, UNREADABLE_TEXT, Show
from desktopapp._qt.main_window import MainWindow
from desktopapp.batch.results import FileResult
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec

pytestmark = pytest.mark.gui

ORG = "测试社会保险管理处"
PLANTED_ROW, TOTAL_COL = 3, 2


def _disclosure(path: Path, planted: bool) -> Path:
    rows = [list(r) for r in EXPENDITURE_ROWS]
    if planted:
        rows[PLANTED_ROW][TOTAL_COL] = "1,096.62"
    builder = PdfBuilder(path)
    builder.cover([ORG, "2024年单位预算"])
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, rows, number="表5", org=ORG))
    builder.save()
    return path


@pytest.fixture(scope="module")
def built_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "各单位"
    (folder / "二级单位").mkdir(parents=True)
    _disclosure(folder / "甲单位.pdf", planted=True)
    _disclosure(folder / "二级单位" / "乙单位.pdf", planted=False)
    data = (folder / "甲单位.pdf").read_bytes()
    (folder / "损坏.pdf").write_bytes(data[: len(data) // 2])
    return folder


@pytest.fixture
def folder(built_folder: Path, tmp_path: Path) -> Path:
    """A private copy: reviews opened from it land beside its files, not beside other tests'."""
    target = tmp_path / built_folder.name
    shutil.copytree(built_folder, target)
    return target


class HeldEngine(BatchEngine):
    """The real engine, held after its first file until 取消 (as a long file would hold it)."""

    def run(self, paths, progress, cancel):
        def held(done: int, total: int, result: FileResult) -> None:
            progress(done, total, result)
            while done == 1 and not cancel():
                time.sleep(0.02)

        return super().run(paths, held, cancel)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_batch(qtbot, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))

    def make(engine: BatchEngine) -> BatchWindow:
        window = BatchWindow(settings, engine)
        window.answers: list[str] = []
        window.prompts.ask = lambda title, text: window.answers.append(text) or True
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def run_to_end(qtbot, window: BatchWindow, folder: Path) -> None:
    window.folder_edit.setText(str(folder))
    with qtbot.waitSignal(window.model.rowsInserted, timeout=60_000):
        assert window.start()
    qtbot.waitUntil(lambda: not window.is_running, timeout=120_000)


def rows(window: BatchWindow, col: int = FILE_COL) -> list[str]:
    return [window.proxy.index(r, col).data() for r in range(window.proxy.rowCount())]


def row_of(window: BatchWindow, name: str) -> int:
    return rows(window).index(name)


def cell(window: BatchWindow, name: str, col: int, role=Qt.ItemDataRole.DisplayRole):
    return window.proxy.index(row_of(window, name), col).data(role)


def test_a_folder_is_checked_and_every_file_listed_the_damaged_one_greyed_with_its_reason(qtbot, make_batch, folder):
    window = make_batch(BatchEngine())
    assert window.progress.text() == "尚未开始"  # no "第 0 / 1 个文件" before a batch
    run_to_end(qtbot, window, folder)

    assert sorted(rows(window)) == sorted(["甲单位.pdf", "损坏.pdf", str(Path("二级单位") / "乙单位.pdf")])
    first, second = "甲单位.pdf", str(Path("二级单位") / "乙单位.pdf")
    assert cell(window, first, ERRORS_COL) == "5" and cell(window, second, ERRORS_COL) == "3"
    assert cell(window, first, ERRORS_COL, Qt.ItemDataRole.ForegroundRole) == ERROR_TEXT
    assert [cell(window, first, col) for col in (1, 2, 3, 4, 5)] == [ORG, "单位预算", "2024", "2", "1"]
    assert cell(window, second, 8).startswith("208 社会保障和就业支出：合计 1,452.43")  # 主要问题: errors first
    window.view.sortByColumn(ERRORS_COL, Qt.SortOrder.DescendingOrder)
    assert rows(window) == [first, second, "损坏.pdf"]
    assert cell(window, "损坏.pdf", REASON_COL)  # why it could not be read, in Chinese
    assert cell(window, "损坏.pdf", ERRORS_COL) == ""
    assert cell(window, "损坏.pdf", FILE_COL, Qt.ItemDataRole.ForegroundRole) == UNREADABLE_TEXT
    assert window.count_label.text() == "共 3 个文件：2 个有错误，2 个有警告，1 个无法读取"
    assert window.progress.value() == 3 and window.progress.text() == "第 3 / 3 个文件"
    assert window.settings.value("batch/folder") == str(folder)  # the folder is remembered

    run_to_end(qtbot, window, folder)  # again: the unchanged files come from the cache, not read again
    assert sorted(rows(window)) == sorted([first, second, "损坏.pdf"])
    assert cell(window, first, ERRORS_COL) == "5"
    assert all(r.from_cache for r in window.model.results if r.readable)
    assert "沿用上次的检查结果" in cell(window, first, FILE_COL, Qt.ItemDataRole.ToolTipRole)


class FixedEngine(BatchEngine):
    """Results given beforehand, reported at once (as the engine reports files from its cache)."""

    def __init__(self, results: list[FileResult]) -> None:
        self.results = results

    def find(self, folder: Path, exclude=()):
        return [r.path for r in self.results], []

    def run(self, paths, progress, cancel):
        for done, result in enumerate(self.results, start=1):
            progress(done, len(self.results), result)
        return self.results


def fixed(folder: Path) -> list[FileResult]:
    return [
        FileResult(path=folder / "甲.pdf", organization="甲局", kind="dept_budget", year=2024, pages=30, tables=9,
                   errors=2, warnings=0, first_problems=["合计不等于各项之和"]),
        FileResult(path=folder / "乙.pdf", organization="乙局", kind="dept_final", year=2023, pages=8, tables=3,
                   errors=10, warnings=4, first_problems=["表间不一致"]),
        FileResult(path=folder / "丙.pdf", organization="丙中心", kind="unit_budget", year=2024, pages=120, tables=12,
                   errors=0, warnings=1, first_problems=["尾差"]),
        FileResult(path=folder / "丁.pdf", unreadable="文件已加密，无法读取"),
    ]


def test_the_list_sorts_numbers_as_numbers_and_filters(qtbot, make_batch, tmp_path):
    window = make_batch(FixedEngine(fixed(tmp_path)))
    run_to_end(qtbot, window, tmp_path)
    assert window.count_label.text() == "共 4 个文件：2 个有错误，2 个有警告，1 个无法读取"

    window.view.sortByColumn(ERRORS_COL, Qt.SortOrder.DescendingOrder)
    assert rows(window) == ["乙.pdf", "甲.pdf", "丙.pdf", "丁.pdf"]  # 10 before 2 (not as text); unreadable last
    window.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # 页数
    assert rows(window)[1:] == ["乙.pdf", "甲.pdf", "丙.pdf"]  # 8, 30, 120

    window.show_combo.setCurrentIndex(list(Show).index(Show.ERRORS))
    assert sorted(rows(window)) == ["乙.pdf", "甲.pdf"]
    assert window.count_label.text().endswith("（显示 2 个）")
    window.show_combo.setCurrentIndex(list(Show).index(Show.UNREADABLE))
    assert rows(window) == ["丁.pdf"]
    window.show_combo.setCurrentIndex(list(Show).index(Show.ALL))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Tab)  # Tab: the choice, then the list
    assert window.show_combo.hasFocus()
    qtbot.keyClick(window.show_combo, Qt.Key.Key_Tab)
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    window.filter_edit.insert("中心")  # typed (QTest types ASCII only)
    assert rows(window) == ["丙.pdf"]  # the text is looked for in every column
    window.filter_edit.setText("加密")
    assert rows(window) == ["丁.pdf"]


def test_cancel_stops_the_batch_and_keeps_the_files_done(qtbot, make_batch, folder):
    window = make_batch(HeldEngine())
    window.folder_edit.setText(str(folder))
    with qtbot.waitSignal(window.model.rowsInserted, timeout=60_000):
        window.start()
    assert window.is_running and window.cancel_button.isEnabled()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running, timeout=10_000)
    done = window.model.rowCount()
    assert 1 <= done <= 2  # a file finishing in the same instant may still be listed; never the third
    assert window.state_label.text() == f"已取消：检查了 {done} / 3 个文件"
    assert window.start_button.isEnabled() and not window.cancel_button.isEnabled()


def test_escape_asks_before_stopping_a_running_batch(qtbot, make_batch, folder):
    window = make_batch(HeldEngine())
    window.folder_edit.setText(str(folder))
    with qtbot.waitSignal(window.model.rowsInserted, timeout=60_000):
        window.start()
    window.prompts.ask = lambda title, text: window.answers.append(text) or False  # 否: keep checking
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.isVisible() and window.is_running and len(window.answers) == 1
    window.prompts.ask = lambda title, text: window.answers.append(text) or True
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not window.is_running, timeout=10_000)
    assert window.model.rowCount() == 1  # still listed when shown again


def test_enter_opens_the_file_in_the_main_window_and_the_summary_is_exported(qtbot, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    main = MainWindow(settings=QSettings(str(tmp_path / "main.ini"), QSettings.Format.IniFormat))
    main.prompts.ask = lambda title, text: True
    qtbot.addWidget(main)
    main.show()
    main.batch.action.trigger()
    window = main.batch.batch_window
    assert window is not None and window.isVisible() and not window.isModal()
    # closed with the main window
    run_to_end(qtbot, window, folder)

    window.view.setFocus()
    window.view.setCurrentIndex(window.proxy.index(row_of(window, "甲单位.pdf"), 0))
    with qtbot.waitSignal(main.document_ready, timeout=60_000):
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert main.state.pdf_path == folder / "甲单位.pdf"
    assert main.windowTitle().startswith("甲单位.pdf")
    assert main.navigator.tables_model.rowCount() == 1
    assert window.isVisible()  # the batch window stays, with its results

    window.view.sortByColumn(ERRORS_COL, Qt.SortOrder.DescendingOrder)
    window.show_combo.setCurrentIndex(list(Show).index(Show.ERRORS))
    target = tmp_path / "out" / "汇总"
    target.parent.mkdir()
    assert window.export_summary(target)
    from openpyxl import load_workbook

    book = load_workbook(target.with_suffix(".xlsx"))
    summary = list(book["汇总"].iter_rows(values_only=True))
    # every file, in the list's order (by 错误 here), though the list shows only those with errors
    assert [(row[1], row[7]) for row in summary[1:]] == [("甲单位.pdf", 5), ("二级单位/乙单位.pdf", 3), ("损坏.pdf", None)]
    assert "不完整或已损坏" in summary[3][10]  # the damaged file's reason
    assert {"全部问题", "规则统计"} <= set(book.sheetnames)
    main.close()
    assert main.batch.batch_window is None


def test_an_unreadable_row_is_not_opened_but_its_reason_told(qtbot, make_batch, tmp_path):
    window = make_batch(FixedEngine(fixed(tmp_path)))
    opened: list[Path] = []
    window.open_requested.connect(opened.append)
    run_to_end(qtbot, window, tmp_path)
    informed: list[str] = []
    window.prompts.inform = lambda title, text, *a: informed.append(text)
    assert not window.open_row(row_of(window, "丁.pdf"))
    assert opened == [] and "文件已加密" in informed[0]
    window.view.doubleClicked.emit(window.proxy.index(row_of(window, "甲.pdf"), 0))
    assert opened == [tmp_path / "甲.pdf"]


class BrokenEngine(FixedEngine):
    """Reports one file, then fails as a bug in the engine would."""

    def run(self, paths, progress, cancel):
        progress(1, len(self.results), self.results[0])
        raise RuntimeError("engine bug")


def test_an_engine_failure_is_told_and_the_files_done_stay_listed(qtbot, make_batch, tmp_path):
    window = make_batch(BrokenEngine(fixed(tmp_path)))
    informed: list[str] = []
    window.prompts.inform = lambda title, text, *a: informed.append(text)
    run_to_end(qtbot, window, tmp_path)
    assert rows(window) == ["甲.pdf"]
    assert informed and "内部错误" in informed[0]
    assert window.state_label.text() == "未完成：检查了 1 / 4 个文件"
    assert window.start_button.isEnabled()


class AnnotatingEngine(FixedEngine):
    """Writes a marked-up copy of each readable file when asked (as run_batch does with an
    annotated folder among its outputs)."""

    can_annotate = True

    def run(self, paths, progress, cancel, annotated: Path | None = None):
        if annotated is None:
            return super().run(paths, progress, cancel)
        done = []
        for result in self.results:
            if result.path in paths:
                copy = dataclasses.replace(result, annotated_path=annotated / f"{result.path.stem}.批注.pdf")
                copy.annotated_path.write_bytes(b"%PDF-1.7\n")
                done.append(copy)
                progress(len(done), len(paths), copy)
        return done


def test_all_readable_files_are_exported_as_marked_up_copies(qtbot, make_batch, tmp_path):
    window = make_batch(AnnotatingEngine(fixed(tmp_path)))
    run_to_end(qtbot, window, tmp_path)
    assert window.annotated_button.isVisible() and window.annotated_button.isEnabled()
    informed: list[str] = []
    window.prompts.inform = lambda title, text, *a: informed.append(text)
    target = tmp_path / "批注"
    target.mkdir()
    assert window.export_annotated(target)
    qtbot.waitUntil(lambda: not window.is_running, timeout=10_000)
    assert sorted(p.name for p in target.iterdir()) == sorted(["甲.批注.pdf", "乙.批注.pdf", "丙.批注.pdf"])
    assert informed == [f"已生成 3 个批注 PDF：\n{target}"]
    assert window.model.rowCount() == 4  # the rows stay, the unreadable one too


def test_the_engine_writes_a_marked_up_copy_of_each_readable_file(qtbot, make_batch, folder, tmp_path):
    from pypdf import PdfReader

    window = make_batch(BatchEngine())
    run_to_end(qtbot, window, folder)
    assert window.annotated_button.isVisible()
    informed: list[str] = []
    window.prompts.inform = lambda title, text, *a: informed.append(text)
    target = folder / "批注"  # inside the folder checked
    assert window.export_annotated(target)
    qtbot.waitUntil(lambda: not window.is_running, timeout=120_000)
    assert sorted(p.name for p in target.iterdir()) == ["乙单位.pdf", "甲单位.pdf"]
    assert informed[0].startswith("已生成 2 个批注 PDF")
    assert window.state_label.text().startswith("批注 PDF 已生成")
    assert sorted(rows(window)) == sorted(["甲单位.pdf", "损坏.pdf", str(Path("二级单位") / "乙单位.pdf")])
    marked = PdfReader(target / "甲单位.pdf")
    annotations = [a.get_object() for page in marked.pages for a in page.get("/Annots", [])]
    assert any("1,096.62" in str(a.get("/Contents", "")) for a in annotations)  # the altered row, commented

    run_to_end(qtbot, window, folder)  # checked again: the copies are not taken for disclosures
    assert sorted(rows(window)) == sorted(["甲单位.pdf", "损坏.pdf", str(Path("二级单位") / "乙单位.pdf")])

    window.folder_edit.setText(str(tmp_path / "不存在"))
    window.prompts.inform = lambda title, text, *a: informed.append(text)
    assert not window.start() and informed[-1].startswith("文件夹不存在")
