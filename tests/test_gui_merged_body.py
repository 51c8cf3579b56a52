"""The window's grid shows a body cell merged across columns as one box, as printed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktopapp._qt.main_window import MainWindow
from tests.test_merged_body_cells import _pdf, summary_rows

pytestmark = pytest.mark.gui


def test_merged_total_is_one_box_in_the_grid(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    path = _pdf(tmp_path, summary_rows())
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.prompts.ask = lambda title, text: True
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000):
        window.opener.open_pdf(path)
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=10_000)
    table = next(t for t in window.state.document.tables if "收支预算总表" in t.title)
    window.navigator.select_cell(table.id, 0, 0)
    assert window.grid_model.table_id == table.id
    row = next(i for i, r in enumerate(table.body) if r[0].text == "收入合计")
    assert window.grid.columnSpan(row, 2) == 3 and window.grid.columnSpan(row, 5) == 1
    assert window.grid.columnSpan(0, 2) == 1
