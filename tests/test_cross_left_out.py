"""A table left out of the cross-table comparison because its header was not read as printed
(which column is which is not established) is named to the officer once, as a hint: its figures
were not compared, and the officer knows to check them by eye."""

from __future__ import annotations

from desktopapp.core.model import Cell, Table
from desktopapp.tables.structure import structure_of
from tests.helpers.rules_support import EXPENDITURE_HEADER, document, findings, table
from tests.test_header_trust import _three_band_header


def _read_by_position(table_id: str, title: str, band_width: int) -> Table:
    """支出总表 whose header, read without rules, has 栏目 over the label column (band_width 1) or
    reaching over part of 支出预算 (2: the bands cross)."""
    body = [
        [Cell.from_text(t) for t in row]
        for row in (["合计", "10.00", "4.00", "6.00"], ["社会保障和就业支出", "10.00", "4.00", "6.00"])
    ]
    header = _three_band_header(band_width)
    return Table(
        id=table_id, title=title, header=header, body=body, strategy="hrules", unit="万元", pages=[2]
    )


def _general_budget() -> Table:
    return table("T9", "支出预算表", EXPENDITURE_HEADER, [["", "合计", "12.00", "4.00", "8.00"]], page=3)


def _hints(doc) -> list:
    return [f for f in findings(doc, "cross_table") if "未与其他表比较" in f.message]


def test_a_table_with_a_doubtful_header_is_named_once():
    doc = document(_read_by_position("T1", "部门支出总表", 2), _general_budget())
    assert structure_of(doc.tables[0], doc).header_doubtful
    [hint] = _hints(doc)
    assert hint.severity.value == "info" and hint.table == "T1" and hint.page == 2
    assert "“部门支出总表”" in hint.message and "支出预算表" not in hint.message
    # Its 合计 (10.00) is not set against the other table's (12.00): that premise is not read.
    assert findings(doc, "cross_table", "error") == findings(doc, "cross_table", "warning") == []


def test_several_tables_left_out_are_one_hint():
    doc = document(
        _read_by_position("T1", "部门支出总表", 2),
        _read_by_position("T2", "财政拨款支出表", 2),
        _general_budget(),
    )
    [hint] = _hints(doc)
    assert "“部门支出总表”" in hint.message and "“财政拨款支出表”" in hint.message


def test_a_header_read_as_printed_is_compared_and_not_named():
    doc = document(_read_by_position("T1", "部门支出总表", 1), _general_budget())
    assert not structure_of(doc.tables[0], doc).header_doubtful
    assert _hints(doc) == []
    assert findings(doc, "cross_table", "error")  # 10.00 ≠ 12.00: compared
