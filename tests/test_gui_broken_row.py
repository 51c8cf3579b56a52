"""A name the page broke ("八、社会保障和就" | "业支出") is one cell in the grid: choosing it lights
both parts, on both pages, and clicking either part on the page chooses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktopapp._qt.locate import cell_at
from desktopapp._qt.main_window import MainWindow
from desktopapp.core.numbers import normalize
from tests.helpers.pdfgen_structure import StructureBuilder
from tests.test_extract_structure import _broken_row_table

pytestmark = pytest.mark.gui


def test_both_parts_of_a_broken_name_are_lit_and_clickable(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    builder = StructureBuilder(tmp_path / "broken.pdf")
    builder.table(_broken_row_table(["八、社会保障和就", "", "", ""], ["业支出", "30.00", "20.00", "10.00"], "lines", False))
    path = builder.save().path
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.prompts.ask = lambda title, text: True
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.opener.read_finished, timeout=60_000):
        window.opener.open_pdf(path)
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=10_000)
    (table,) = window.state.document.tables
    row = next(i for i, r in enumerate(table.body) if normalize(r[0].text) == "八、社会保障和就业支出")
    name = table.body[row][0]
    (next_page, tail_box), = name.continued

    window.navigator.select_cell(table.id, row, 0)
    lit = {(m.page, m.box) for m in window.page_view.marks if m.kind == "cell"}
    assert lit == {(name.page, name.box), (next_page, tail_box)}

    x, y = (tail_box.x0 + tail_box.x1) / 2, (tail_box.top + tail_box.bottom) / 2
    ref = cell_at(window.state.document, next_page, x, y)
    assert (ref.table, ref.row, ref.col) == (table.id, row, 0)
