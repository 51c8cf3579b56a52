"""A figure its narrow column wraps ('1,982.' over '31') in a table without rules: the
first line of the figure is no header label — the row is read whole under the header, its
total equal to its parts, and a slip in the same table is still caught."""

from __future__ import annotations

from pathlib import Path

from desktopapp.core.model import Document
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import PdfBuilder, PrintedTable, TableSpec, register_fonts, text_width

TITLE = "收入总表"
HEADER = [["单位代码", "单位名称", "合计", "一般公共预算", "其他收入"]]


def _body(total_other: str) -> list[list[str]]:
    """合计 = 一般公共预算 + 其他收入 in every row when the 合计 row's 其他收入 is 156.00."""
    return [
        ["合计", "", "1,982.31", "1,826.31", total_other],
        ["503", "市人社局", "1,982.31", "1,826.31", "156.00"],
        ["503004", "江汉社保处", "1,982.31", "1,826.31", "156.00"],
    ]


def _read(path: Path, total_other: str) -> tuple[Document, PrintedTable]:
    register_fonts()
    # Amount columns narrower than '1,982.31': the figures wrap after the decimal point.
    narrow = text_width("1,982.", 9.0) + 8.0
    widths = [60.0, 120.0, narrow, narrow, text_width("156.00", 9.0) + 8.0]
    builder = PdfBuilder(path)
    spec = TableSpec(TITLE, HEADER, _body(total_other), style="no_rules", col_widths=widths, fill_width=False)
    printed = builder.table(spec)
    drawn = builder.save().pages[0].lines
    assert "1,982." in drawn and "1,982.31" not in drawn, "the figures wrap"
    return read_document(path), printed


def test_a_wrapped_figure_stays_in_its_body_row(tmp_path):
    document, printed = _read(tmp_path / "wrapped.pdf", "156.00")
    [table] = document.tables
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert [normalize(c.text) for c in table.header[-1]] == [normalize(t) for t in HEADER[0]]
    assert not [f.message for f in run_checks(document) if f.severity.value == "error"]


def test_a_slip_beside_wrapped_figures_is_caught(tmp_path):
    document, _ = _read(tmp_path / "slip.pdf", "165.00")
    errors = [f.message for f in run_checks(document) if f.severity.value == "error"]
    assert any("165" in m for m in errors), errors
