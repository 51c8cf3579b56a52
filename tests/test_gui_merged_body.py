"""The window's grid shows a body cell merged across columns as one box, as printed."""

from __future__ import annotations

import pytest

from tests.test_gui_window import make_window, open_and_wait  # noqa: F401  (fixtures)
from tests.test_merged_body_cells import _pdf, summary_rows

pytestmark = pytest.mark.gui


def test_merged_total_is_one_box_in_the_grid(qtbot, tmp_path, make_window):  # noqa: F811
    path = _pdf(tmp_path, summary_rows())
    window = make_window()
    open_and_wait(qtbot, window, path)
    table = next(t for t in window.state.document.tables if "收支预算总表" in t.title)
    window.navigator.select_cell(table.id, 0, 0)
    assert window.grid_model.table_id == table.id
    row = next(i for i, r in enumerate(table.body) if r[0].text == "收入合计")
    assert window.grid.columnSpan(row, 2) == 3 and window.grid.columnSpan(row, 5) == 1
    assert window.grid.columnSpan(0, 2) == 1
