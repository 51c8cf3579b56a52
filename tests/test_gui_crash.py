"""A review survives the window's process being killed (kill -9) right after an edit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktopapp._qt.main_window import MainWindow
from desktopapp.core.paths import resources_dir

pytestmark = pytest.mark.gui

# The real window in its own process: open the PDF, correct the first printed figure of the
# first table through the grid model (as typing in the grid does), say so, then wait to die.
CHILD = r"""
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from desktopapp._qt.main_window import MainWindow

pdf, ini = sys.argv[1], sys.argv[2]
app = QApplication([])
window = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat))
window.prompts.ask = lambda *args: False
window.show()

def edit(outcome):
    table = next(t for t in window.state.document.tables if any(c.value is not None for r in t.body for c in r))
    window.navigator.select_table(table.id)
    row, col = next((r, c) for r, cells in enumerate(table.body) for c, cell in enumerate(cells) if cell.value is not None)
    model = window.grid_model
    assert model.setData(model.index(row, col), "12,345.67")
    print("EDITED", table.id, row, col, flush=True)

window.opener.read_finished.connect(edit)
window.opener.open_pdf(pdf)
app.exec()
"""


def test_edit_survives_kill_9_and_is_restored_on_reopening(qtbot, tmp_path, monkeypatch):
    pdf = tmp_path / "部门预算.pdf"
    shutil.copy(resources_dir() / "sample-dept-budget.pdf", pdf)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESKTOPAPP_DATA_DIR": str(tmp_path / "data")}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(pdf), str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("EDITED"), f"the window did not make the edit: {line!r}"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    _, table_id, row, col = line.split()

    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    window = MainWindow(settings=QSettings(str(tmp_path / "parent.ini"), QSettings.Format.IniFormat))
    questions: list[str] = []
    window.prompts.ask = lambda title, text: questions.append(text) or True
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000):
        window.opener.open_pdf(pdf)
    qtbot.waitUntil(lambda: bool(questions), timeout=10_000)
    assert "是否恢复上次的审核记录" in questions[0]
    cell = window.state.cell(table_id, int(row), int(col))
    qtbot.waitUntil(lambda: cell.is_corrected, timeout=10_000)
    assert cell.amount == Decimal("12345.67")
    assert window.tabs.changes_model.rowCount() == 1
