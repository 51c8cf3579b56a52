"""A name the page broke ("八、社会保障和就" | "业支出") is one cell in the grid: choosing it lights
both parts, on both pages, and clicking either part on the page chooses it."""

from __future__ import annotations

import pytest

from desktopapp._qt.locate import cell_at
from desktopapp.core.numbers import normalize
from tests.helpers.pdfgen_structure import StructureBuilder
from tests.test_extract_structure import _broken_row_table
from tests.test_gui_window import make_window, open_and_wait  # noqa: F401  (fixtures)

pytestmark = pytest.mark.gui


def test_both_parts_of_a_broken_name_are_lit_and_clickable(qtbot, tmp_path, make_window):  # noqa: F811
    builder = StructureBuilder(tmp_path / "broken.pdf")
    builder.table(_broken_row_table(["八、社会保障和就", "", "", ""], ["业支出", "30.00", "20.00", "10.00"], "lines", False))
    path = builder.save().path
    window = make_window()
    open_and_wait(qtbot, window, path)
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
