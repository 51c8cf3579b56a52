"""The figures of a disclosure against a reference document, read from generated PDFs the way
the officer's files are read: last year's disclosure (the text's changes and the 上年 column),
a department and its units, an earlier version of the same document."""

from __future__ import annotations

import pytest

from desktopapp.compare import Relation, compare_documents
from desktopapp.compare.cells import BLANK_REASON
from desktopapp.core.model import Cell
from desktopapp.extract import read_document
from tests.helpers.compare_pairs import DEPARTMENT, FINAL_OF_LAST_YEAR, LAST_YEAR, THIS_YEAR, UNIT


def _read(tmp_path_factory, name: str, budget):
    return read_document(budget.write(tmp_path_factory.mktemp("cmp") / f"{name}.pdf"))


@pytest.fixture(scope="module")
def last_year(tmp_path_factory):
    return _read(tmp_path_factory, "2024", LAST_YEAR)


def _of(comparison, rule: str):
    return [f for f in comparison.findings if f.rule == rule]


def test_a_consistent_year_matches_every_stated_figure_and_column_without_finding(tmp_path_factory, last_year):
    current = _read(tmp_path_factory, "2025", THIS_YEAR)
    comparison = compare_documents(current, last_year)
    assert comparison.reference.relation is Relation.PREVIOUS_YEAR
    assert comparison.findings == []
    # 3 changes stated in the text + 8 rows of the 上年预算数 column (合计 and the 7 科目)
    assert comparison.matched == 11
    assert comparison.unmatched == []


def test_a_change_that_does_not_lead_back_to_last_years_figure_is_an_error(tmp_path_factory, last_year):
    slipped = THIS_YEAR.with_changes(paragraphs=[
        *THIS_YEAR.paragraphs[:4],
        "2.一般行政管理事务（项）支出300.00万元，与上年相比增加80.00万元，增长36.36%。",
    ])
    current = _read(tmp_path_factory, "2025-text", slipped)
    findings = _of(compare_documents(current, last_year), "reference_stated_figure")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity.value == "error"
    assert (finding.actual, finding.expected) == ("220.00", "250.00")
    assert "一般行政管理事务" in finding.quote
    # the 一般行政管理事务 row of the reference's 支出总表, on its page
    table = last_year.table(finding.reference_cells[0].table)
    assert table.kind == "expenditure_summary"
    assert table.body[finding.reference_cells[0].row][1].text == "一般行政管理事务"
    assert finding.reference_page in table.pages
    assert finding.page is not None and finding.page not in table.pages


def test_a_last_year_column_that_differs_from_last_years_table_is_an_error(tmp_path_factory, last_year):
    slipped = THIS_YEAR.with_changes(previous={**THIS_YEAR.previous, "2080505": 210.0})
    current = _read(tmp_path_factory, "2025-column", slipped)
    findings = _of(compare_documents(current, last_year), "reference_previous_year_column")
    by_row = {current.table(f.cells[0].table).body[f.cells[0].row][1].text: f for f in findings}
    # the 项 and the rows above it that add it up: 款, 类, 合计
    assert set(by_row) == {"机关事业单位基本养老保险缴费支出", "行政事业单位养老支出", "社会保障和就业支出", "合计"}
    leaf = by_row["机关事业单位基本养老保险缴费支出"]
    assert leaf.severity.value == "error"
    assert (leaf.actual, leaf.expected) == ("210.00", "200.00")
    assert last_year.table(leaf.reference_cells[0].table).kind == "general_budget_expenditure"


def test_an_uncertain_relation_chosen_by_the_officer_gives_warnings_only(tmp_path_factory, last_year):
    slipped = THIS_YEAR.with_changes(previous={**THIS_YEAR.previous, "2080505": 210.0}, year=2026)
    current = _read(tmp_path_factory, "2026", slipped)
    assert compare_documents(current, last_year).reference.relation is Relation.UNRELATED
    comparison = compare_documents(current, last_year, Relation.PREVIOUS_YEAR)
    assert comparison.reference.chosen_by_officer
    assert comparison.findings and all(f.severity.value == "warning" for f in comparison.findings)


@pytest.fixture(scope="module")
def department_of_one_unit(tmp_path_factory):
    return _read(tmp_path_factory, "dept", THIS_YEAR.with_changes(previous=None, units=[UNIT]))


def test_a_department_of_one_unit_prints_the_units_figures(tmp_path_factory, department_of_one_unit):
    unit = THIS_YEAR.with_changes(organization=UNIT, scope="单位", previous=None, paragraphs=[])
    same = _read(tmp_path_factory, "unit", unit)
    comparison = compare_documents(same, department_of_one_unit)
    assert comparison.reference.relation is Relation.DEPT_AND_UNIT
    assert comparison.matched > 0 and comparison.findings == []

    slipped = unit.with_changes(leaves={**unit.leaves, "2010101": (600.0, 5.0)})
    different = _read(tmp_path_factory, "unit-slip", slipped)
    findings = _of(compare_documents(different, department_of_one_unit), "reference_dept_unit")
    assert findings and all(f.severity.value == "error" for f in findings)
    rows = {different.table(f.cells[0].table).body[f.cells[0].row][1].text for f in findings}
    assert "行政运行" in rows
    assert all("部门只有一个所属单位" in f.message for f in findings)


def test_a_unit_of_a_larger_department_may_print_less_but_never_more(tmp_path_factory):
    department = _read(tmp_path_factory, "dept2", THIS_YEAR.with_changes(previous=None, units=[UNIT, "某市某某局信息中心"]))
    smaller = THIS_YEAR.with_changes(organization=UNIT, scope="单位", previous=None, paragraphs=[],
                                     leaves={"2010101": (400.0, 0.0), "2010102": (0.0, 300.0), "2080505": (150.0, 0.0)})
    assert compare_documents(_read(tmp_path_factory, "unit-small", smaller), department).findings == []
    larger = smaller.with_changes(leaves={**smaller.leaves, "2080505": (250.0, 0.0)})
    findings = _of(compare_documents(department, _read(tmp_path_factory, "unit-large", larger)), "reference_dept_unit")
    rows = {department.table(f.cells[0].table).body[f.cells[0].row][1].text for f in findings}
    assert "机关事业单位基本养老保险缴费支出" in rows and "行政运行" not in rows
    assert all("所属单位的数字大于部门" in f.message for f in findings)


def test_an_earlier_version_lists_every_changed_figure(tmp_path_factory):
    first = _read(tmp_path_factory, "v1", THIS_YEAR)
    resubmitted = THIS_YEAR.with_changes(previous={**THIS_YEAR.previous, "2010102": 260.0},
                                         leaves={**THIS_YEAR.leaves, "2080505": (190.0, 0.0)})
    second = _read(tmp_path_factory, "v2", resubmitted)
    comparison = compare_documents(second, first)
    assert comparison.reference.relation is Relation.EARLIER_VERSION
    changed = _of(comparison, "reference_version_changed")
    assert all(f.severity.value == "info" for f in changed)
    shown = {(second.table(f.cells[0].table).body[f.cells[0].row][1].text, f.expected, f.actual) for f in changed}
    assert ("一般行政管理事务", "250.00", "260.00") in shown  # the 上年预算数 typed again
    assert ("机关事业单位基本养老保险缴费支出", "200.00", "190.00") in shown
    # the changed 项 moves its 款, 类 and 合计 in both tables: each cell listed once
    assert len(changed) == len({(f.cells[0].table, f.cells[0].row, f.cells[0].col) for f in changed})
    assert all(f.reference_cells and f.reference_page for f in changed)
    assert DEPARTMENT in comparison.reference.stated or "同一单位" in comparison.reference.stated


def test_a_final_against_its_years_budget_checks_the_stated_and_printed_budget_figures(tmp_path_factory, last_year):
    consistent = compare_documents(_read(tmp_path_factory, "final", FINAL_OF_LAST_YEAR), last_year)
    assert consistent.reference.relation is Relation.BUDGET_OF_FINAL
    assert consistent.findings == [] and consistent.unmatched == []
    assert consistent.matched == 10  # 2 年初预算 stated + 8 rows of the 年初预算数 column

    slipped = FINAL_OF_LAST_YEAR.with_changes(
        previous={**FINAL_OF_LAST_YEAR.previous, "2010102": 260.0},
        paragraphs=[p.replace("年初预算为550.00万元", "年初预算为520.00万元") for p in FINAL_OF_LAST_YEAR.paragraphs],
    )
    current = _read(tmp_path_factory, "final-slip", slipped)
    comparison = compare_documents(current, last_year)
    stated = _of(comparison, "reference_stated_figure")
    assert [(f.severity.value, f.actual, f.expected) for f in stated] == [("error", "520.00", "550.00")]
    assert "年初预算数与参考文件不符" in stated[0].message
    column = _of(comparison, "reference_previous_year_column")
    rows = {current.table(f.cells[0].table).body[f.cells[0].row][1].text: f for f in column}
    assert (rows["一般行政管理事务"].actual, rows["一般行政管理事务"].expected) == ("260.00", "250.00")
    assert rows["一般行政管理事务"].severity.value == "error"


def test_last_years_execution_and_carried_over_money_are_not_last_years_budget(tmp_path_factory, last_year):
    worded = THIS_YEAR.with_changes(paragraphs=[
        *THIS_YEAR.paragraphs[:4],
        "2.一般行政管理事务（项）支出300.00万元，比上年预算执行数增加80.00万元。",
        "上年结转资金预算为0万元。",
    ])
    comparison = compare_documents(_read(tmp_path_factory, "2025-worded", worded), last_year)
    assert _of(comparison, "reference_stated_figure") == []
    assert comparison.matched == 10 and comparison.unmatched == []  # 2 changes stated + 8 column rows


def test_a_change_stated_as_a_percentage_only_is_checked_against_last_years_figure(tmp_path_factory, last_year):
    worded = THIS_YEAR.with_changes(paragraphs=[
        "一、收支预算总体情况",
        "某市某某局2025年支出预算合计1,100.00万元，比上年增长12.00%。",
    ])
    comparison = compare_documents(_read(tmp_path_factory, "2025-percent", worded), last_year)
    findings = _of(comparison, "reference_stated_figure")
    assert [(f.severity.value, f.actual, f.expected) for f in findings] == [("error", "12.00%", "10.00%")]
    assert "增减幅度与参考文件不符" in findings[0].message

    right = worded.with_changes(paragraphs=[p.replace("12.00%", "10.00%") for p in worded.paragraphs])
    assert _of(compare_documents(_read(tmp_path_factory, "2025-percent-ok", right), last_year), "reference_stated_figure") == []


def test_a_blank_cell_is_not_compared_as_zero(tmp_path_factory, department_of_one_unit):
    """A unit's figure left blank (or printed once across columns) is no 0.00 against its
    department's printed figure: it is counted as not compared, with its reason, and raises
    nothing, while the row's other figures are still compared."""
    unit = _read(tmp_path_factory, "unit-blank",
                 THIS_YEAR.with_changes(organization=UNIT, scope="单位", previous=None, paragraphs=[]))
    spending = next(t for t in unit.tables if t.kind == "expenditure_summary")
    row = next(r for r, cells in enumerate(spending.body) if cells[1].text == "行政运行")
    col = next(c for c, h in enumerate(spending.header[-1]) if h.text == "基本支出")
    printed = spending.body[row][col]
    assert printed.value is not None and printed.value > 0
    spending.body[row][col] = Cell(page=printed.page, box=printed.box)

    comparison = compare_documents(unit, department_of_one_unit)
    assert comparison.findings == []
    assert any(why == BLANK_REASON and "行政运行" in what for what, why in comparison.unmatched)
    assert comparison.matched > 0
