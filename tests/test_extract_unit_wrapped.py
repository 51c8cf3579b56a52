"""A 单位 line wrapped over two lines ('单位：' | '万元') above a table without rules is the
table's caption: the unit is kept and neither line becomes a header row."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def _body(item_total: str) -> list[list[str]]:
    return [
        ["", "合计", "1,200.00", "900.00", "300.00"],
        ["201", "一般公共服务支出", "1,200.00", "900.00", "300.00"],
        ["20101", "人大事务", item_total, "600.00", "100.00"],
        ["20102", "政协事务", "500.00", "300.00", "200.00"],
    ]


def _read(tmp_path, style: str, item_total: str):
    builder = PdfBuilder(tmp_path / f"{style}.pdf")
    spec = TableSpec("一般公共预算支出预算表", HEADER, _body(item_total), style=style, unit_wrapped=True)
    printed = builder.table(spec)
    drawn = builder.save().pages[0].lines
    assert "单位：" in drawn and "单位：万元" not in drawn, "the 单位 line wraps"
    return read_document(tmp_path / f"{style}.pdf"), printed


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_a_wrapped_unit_line_is_the_caption(tmp_path, style):
    document, printed = _read(tmp_path, style, "700.00")
    [table] = document.tables
    assert table.unit == "万元"
    assert [[normalize(c.text) for c in row] for row in table.header] == [[normalize(t) for t in HEADER[0]]]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert not [f.message for f in run_checks(document) if f.severity.value == "error"]


def test_a_slip_under_a_wrapped_unit_line_is_caught(tmp_path):
    document, _ = _read(tmp_path, "no_rules", "710.00")
    errors = [f.message for f in run_checks(document) if f.severity.value == "error"]
    assert any("710" in m for m in errors), errors
