"""Severity by printed precision: a figure in whole 元 against one with 角分 is a rounding tail."""

from __future__ import annotations

from desktopapp.core.model import Severity
from desktopapp.rules.relation import Operand, evaluate
from tests.helpers.rules_support import document, findings, table

HEADER = [["科目编码", "科目名称", "合计"]]


def _pair(a: str, b: str, unit: str = "元"):
    t1 = table("T1", "支出总表", HEADER, [["合计", "", a]], unit=unit, kind="expenditure_summary")
    t2 = table("T2", "一般公共预算支出表", HEADER, [["合计", "", b]], unit=unit, kind="expenditure_summary")
    return t1, t2


def test_whole_yuan_against_jiao_fen_is_a_rounding_warning():
    t1, t2 = _pair("79,189,400", "79,189,400.34")
    assert evaluate(Operand(t1, 0, 2), [Operand(t2, 0, 2)]).severity is Severity.WARNING
    found = findings(document(t1, t2), "cross_table")
    assert found and all(f.severity is Severity.WARNING for f in found)


def test_whole_yuan_two_yuan_apart_is_an_error():
    t1, t2 = _pair("79,189,400", "79,189,402.00")
    assert evaluate(Operand(t1, 0, 2), [Operand(t2, 0, 2)]).severity is Severity.ERROR
    t1, t2 = _pair("79,189,400", "79,189,402")
    assert evaluate(Operand(t1, 0, 2), [Operand(t2, 0, 2)]).severity is Severity.ERROR


def test_jiao_fen_on_both_sides_keep_the_fine_precision():
    t1, t2 = _pair("79,189,400.00", "79,189,400.34")
    assert evaluate(Operand(t1, 0, 2), [Operand(t2, 0, 2)]).severity is Severity.ERROR


def test_whole_wanyuan_is_an_exact_allocation():
    t1, t2 = _pair("50", "50.34", unit="万元")
    assert evaluate(Operand(t1, 0, 2), [Operand(t2, 0, 2)]).severity is Severity.ERROR
