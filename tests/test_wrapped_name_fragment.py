"""A 科目 name read by position alone as only the tail of the name other tables print ("出" for
一般公共服务支出: a wrapped line whose first part went astray) is told as a possible reading
gap, not a 错误; the same tail in a ruled table, and any other wording, stay errors."""

from __future__ import annotations

from tests.helpers.rules_support import document, findings, table

HEADER = [["科目编码", "科目名称", "合计"]]


def _doc(printed: str, strategy: str):
    tables = [
        table(f"T{i}", title, HEADER, [["201", "一般公共服务支出", "10.00"], ["205", "教育支出", "5.00"]])
        for i, title in ((1, "支出预算表"), (2, "一般公共预算支出预算表"))
    ]
    third = table("T3", "财政拨款支出预算表", HEADER, [["201", printed, "10.00"], ["205", "教育支出", "5.00"]])
    third.strategy = strategy
    return document(*tables, third)


def _subject(printed: str, strategy: str, severity: str) -> list[str]:
    return [f.message for f in findings(_doc(printed, strategy), "subject_name", severity)]


def test_a_name_tail_read_by_position_is_no_error():
    assert _subject("出", "aligned", "error") == []
    assert any("“出”" in m for m in _subject("出", "aligned", "warning"))


def test_a_name_tail_in_a_ruled_table_is_an_error():
    assert any("“出”" in m for m in _subject("出", "ruled", "error"))


def test_another_wording_read_by_position_is_still_an_error():
    assert any("“一般公共服务费”" in m for m in _subject("一般公共服务费", "aligned", "error"))
