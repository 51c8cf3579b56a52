"""Without rules, a table's last row carried alone onto the next page, under its repeated
header: one line of figures under a header of several labels is still the table's row —
kept, so the 303 class still adds up, and a slip in that row is still caught."""

from __future__ import annotations

from pathlib import Path

from desktopapp.core.model import Document
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import PdfBuilder, PrintedTable, TableSpec

HEADER = [["科目编码", "科目名称", "金额"]]


def _body(last: str) -> list[list[str]]:
    return [
        ["303", "对个人和家庭的补助", "1,415.57"],
        ["30301", "离休费", "461.60"],
        ["30302", "退休费", "744.51"],
        ["30305", "生活补助", "207.54"],
        ["30309", "奖励金", last],
    ]


def _read(path: Path, last: str) -> tuple[Document, PrintedTable]:
    builder = PdfBuilder(path)
    spec = TableSpec("一般公共预算基本支出预算表", HEADER, _body(last), style="no_rules", break_before=(4,))
    printed = builder.table(spec)
    builder.save()
    return read_document(path), printed


def test_the_last_row_alone_on_its_page_stays_in_the_table(tmp_path):
    document, printed = _read(tmp_path / "alone.pdf", "1.92")
    [table] = document.tables
    assert table.pages == [1, 2]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert not [f.message for f in run_checks(document) if f.severity.value == "error"]


def test_a_slip_in_that_row_is_caught(tmp_path):
    document, _ = _read(tmp_path / "slip.pdf", "1.29")
    errors = [f.message for f in run_checks(document) if f.severity.value == "error"]
    assert any("303" in m for m in errors), errors


def test_a_line_of_figures_under_spread_prose_is_no_table(tmp_path):
    """Words of a paragraph spread over a line above one line with a figure: no header of
    column labels (long texts, sentence punctuation), so no table."""
    from tests.helpers.pdfgen import text_width

    builder = PdfBuilder(tmp_path / "prose.pdf")
    page = builder.new_page()
    lines = [
        ["根据苏财行[2017]44", "号文件会议费支出标准提高增加的开支预算安"],
        ["排。"],
        ["公务接待费支出", "86.95", "万元"],
    ]
    for k, words in enumerate(lines):
        widths = [text_width(w, 12.0) for w in words]
        gap = (480.0 - sum(widths)) / max(1, len(words) - 1) if len(words) > 1 else 0.0
        x = 60.0
        for word, width in zip(words, widths):
            page.text(x, 120.0 + 22.0 * k, word, 12.0)
            x += width + gap
    builder.save()
    assert read_document(tmp_path / "prose.pdf").tables == []
