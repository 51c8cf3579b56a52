"""Findings recomputed after a correction show the value in force and the printed one
("1,583.00（原印 1,583.46）"); before any correction, no message mentions 原印."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.edits import EditLog
from desktopapp.extract import read_document
from desktopapp.rules import Checker
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec

TOTAL_ROW, BASIC_COL = 0, 3  # 合计 row, 基本支出 column: printed 1,583.46


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in-force") / "单位预算.pdf"
    builder = PdfBuilder(path)
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, [list(r) for r in EXPENDITURE_ROWS],
                            number="表5", org="测试社会保险管理处"))
    builder.save()
    return path


def test_a_corrected_figure_is_shown_in_force_with_the_printed_one(pdf):
    document = read_document(pdf)
    checker = Checker(document)
    assert not any("原印" in f.message for f in checker.check_all())
    table = document.tables[0]
    assert table.body[TOTAL_ROW][BASIC_COL].text == "1,583.46"
    EditLog(document).set_value(table.id, TOTAL_ROW, BASIC_COL, "1,583.00")
    messages = [f.message for f in checker.check_all() if "基本支出" in f.message and "1,583.00" in f.message]
    assert messages and all("1,583.00（原印 1,583.46）" in m for m in messages)
