"""A rule that fails on most of its candidates in one document has a wrong premise: its errors
become one warning naming the rule and what it could not establish; one real slip among many
relations stays an error."""

from __future__ import annotations

from desktopapp.core.model import CellRef, Finding, Severity
from desktopapp.rules.catalog import RuleInfo
from desktopapp.rules.engine import Checker, premise_guard
from tests.helpers.rules_support import EXPENDITURE_HEADER, document, findings, table

ROWS = [
    ("201", "一般公共服务支出", "300.00", "200.00", "100.00"),
    ("203", "国防支出", "50.00", "50.00", ""),
    ("204", "公共安全支出", "70.00", "30.00", "40.00"),
    ("205", "教育支出", "90.00", "60.00", "30.00"),
    ("206", "科学技术支出", "20.00", "20.00", ""),
    ("207", "文化旅游体育与传媒支出", "40.00", "10.00", "30.00"),
    ("208", "社会保障和就业支出", "160.00", "160.00", ""),
    ("210", "卫生健康支出", "80.00", "50.00", "30.00"),
]


def expenditure(rows):
    return table("T3", "支出总表", EXPENDITURE_HEADER, [list(r) for r in rows], kind="expenditure_summary")


def test_a_rule_failing_on_most_rows_gives_one_warning():
    # The header is misread: the third figure is not 基本支出 + 项目支出 on any row.
    shifted = [(code, name, total, basic, total) for code, name, total, basic, _ in ROWS]
    found = findings(document(expenditure(shifted)), "row_sum")
    assert [f.severity for f in found] == [Severity.WARNING]
    message = found[0].message
    assert "行内合计关系" in message and f"有 {len(ROWS)} 项不成立" in message
    assert "哪一列是合计" in message  # what could not be established (the catalog's premise)


def test_one_real_slip_among_many_relations_stays_an_error():
    rows = list(ROWS)
    rows[2] = ("204", "公共安全支出", "75.00", "30.00", "40.00")
    found = findings(document(expenditure(rows)), "row_sum")
    assert [f.severity for f in found] == [Severity.ERROR]


def _finding(*cells: CellRef) -> Finding:
    return Finding(rule="r", severity=Severity.ERROR, message="x", cells=list(cells))


def test_guard_needs_a_premise_enough_errors_and_a_majority():
    info = RuleInfo(id="r", name="某规则", explanation="", severity=Severity.ERROR, premise="某前提")
    three = [_finding(CellRef("T1", i, 2)) for i in range(3)]
    assert len(premise_guard(document(), info, three, 4)) == 1  # 3 of 4: collapsed
    assert premise_guard(document(), info, three, 6) == three  # 3 of 6: not most
    assert premise_guard(document(), info, three[:2], 2) == three[:2]  # too few to judge
    assert premise_guard(document(), info, three, 0) == three  # a rule that counts nothing
    no_premise = RuleInfo(id="r", name="某规则", explanation="", severity=Severity.ERROR)
    assert premise_guard(document(), no_premise, three, 4) == three


def test_one_wrong_figure_breaking_every_relation_it_is_in_is_a_slip_not_a_premise():
    info = RuleInfo(id="r", name="某规则", explanation="", severity=Severity.ERROR, premise="某前提")
    total = CellRef("T1", 0, 2)
    through_one = [_finding(total, CellRef("T1", i, 3)) for i in range(1, 4)]
    assert premise_guard(document(), info, through_one, 4) == through_one


def test_recheck_keeps_the_counts_of_the_tables_not_rechecked():
    shifted = [(code, name, total, basic, "1.00") for code, name, total, basic, _ in ROWS]
    fine = table("T5", "一般公共预算支出表", EXPENDITURE_HEADER, [list(r) for r in ROWS[:3]], kind="general_budget_expenditure")
    checker = Checker(document(expenditure(shifted), fine))
    first = [f for f in checker.check_all() if f.rule == "row_sum"]
    again = [f for f in checker.recheck("T5") if f.rule == "row_sum"]
    assert [f.severity for f in first] == [Severity.WARNING]
    assert [f.message for f in first] == [f.message for f in again]


def test_cross_table_failing_on_most_subjects_gives_one_warning():
    # The codes of one table are read against the wrong rows: every 类 disagrees, the total agrees.
    header = [["科目编码", "科目名称", "合计"]]
    rows = [["", "合计", "900.00"], ["201", "一般公共服务支出", "500.00"], ["208", "社会保障和就业支出", "300.00"]]
    rows += [["210", "卫生健康支出", "100.00"]]
    shifted = [rows[0], ["201", "一般公共服务支出", "300.00"], ["208", "社会保障和就业支出", "100.00"]]
    shifted += [["210", "卫生健康支出", "500.00"]]
    a = table("T3", "支出总表", header, rows, kind="expenditure_summary")
    b = table("T5", "一般公共预算支出表", header, shifted, kind="general_budget_expenditure")
    found = findings(document(a, b), "cross_table")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "表间数字一致" in found[0].message and "口径" in found[0].message
    one_slip = [rows[0], rows[1], ["208", "社会保障和就业支出", "310.00"], rows[3]]
    found = findings(document(a, table("T5", "一般公共预算支出表", header, one_slip, kind="general_budget_expenditure")), "cross_table")
    assert [f.severity for f in found] == [Severity.ERROR]
