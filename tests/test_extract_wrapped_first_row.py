"""Without rules, in narrow columns: the first body row's name wraps over two lines and
the row's code and figures are centred between them. The name's first line starts the
body (it is no header label): the row is read whole, and a slip in it is still caught."""

from __future__ import annotations

from pathlib import Path

from desktopapp.core.model import Document
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import PdfBuilder, PrintedTable, TableSpec, register_fonts, text_width

TITLE = "一般公共预算财政拨款支出决算表"
HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def _body(first_total: str) -> list[list[str]]:
    """合计 = 基本支出 + 项目支出 in every row when the first row's 合计 is 2,739.56."""
    return [
        ["21202", "城乡社区规划与管理", first_total, "488.68", "2,250.88"],
        ["2120201", "行政运行", "488.68", "488.68", ""],
        ["2120299", "其他城乡社区规划与管理支出", "2,250.88", "", "2,250.88"],
        ["221", "住房保障支出", "461.08", "461.08", ""],
    ]


def _read(path: Path, first_total: str) -> tuple[Document, PrintedTable]:
    register_fonts()
    amount = text_width("2,739.56", 9.0) + 10.0
    widths = [text_width("2120201", 9.0) + 10.0, 7 * 9.0 + 8.0, amount, amount, amount]
    builder = PdfBuilder(path)
    spec = TableSpec(TITLE, HEADER, _body(first_total), style="no_rules", col_widths=widths, fill_width=False)
    printed = builder.table(spec)
    drawn = builder.save().pages[0].lines
    assert "城乡社区规划与管理" not in drawn and "城乡社区规划与" in drawn, "the first name wraps"
    return read_document(path), printed


def test_a_name_wrapped_around_the_first_rows_figures_starts_the_body(tmp_path):
    document, printed = _read(tmp_path / "first.pdf", "2,739.56")
    [table] = document.tables
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert [normalize(c.text) for c in table.header[-1]] == [normalize(t) for t in HEADER[0]]
    assert not [f.message for f in run_checks(document) if f.severity.value == "error"]


def test_a_slip_in_that_row_is_caught(tmp_path):
    document, _ = _read(tmp_path / "slip.pdf", "2,793.56")
    errors = [f.message for f in run_checks(document) if f.severity.value == "error"]
    assert any("2,793.56" in m for m in errors), errors
