"""Facts about the document read from every source, cross-checked, and correctable."""

from __future__ import annotations

from desktopapp.core.model import Box, DocKind, Page, TextLine
from desktopapp.extract.docinfo import apply_facts, correct_fact, read_facts
from tests.helpers.narrative_support import errors, make_doc, run
from tests.helpers.rules_support import table


def _page(number: int, *lines: str) -> Page:
    box = Box(0, 0, 100, 10)
    return Page(number=number, width=595, height=842, text="\n".join(lines), lines=[TextLine(t, box) for t in lines])


def _titled(title: str, org_line: str | None = None):
    t = table("T1", title, [["项目", "金额"]], [["合计", "1.00"]])
    t.organization_line = org_line
    return t


def test_a_numbered_contents_line_is_not_the_organisation():
    pages = [
        _page(1, "上海市2025年市级单位预算", "预算单位：上海市财政局"),
        _page(2, "目录", "1. 2025年预算单位财务收支预算总表", "2. 2025年预算单位收入预算总表"),
    ]
    facts = read_facts(pages, [], DocKind.UNIT_BUDGET)
    assert facts["organization"].value == "上海市财政局"
    assert facts["level"].value == "市级"
    only_contents = read_facts(pages[1:], [], DocKind.UNIT_BUDGET)
    assert only_contents["organization"].value is None and only_contents["organization"].status == "uncertain"


def test_a_year_printed_only_in_the_table_titles_is_found():
    pages = [_page(1, "收支预算总表", "部门：中共江苏省委办公厅")]
    tables = [_titled("2017年度中共江苏省委办公厅部门收支预算总表", "部门：中共江苏省委办公厅")]
    facts = read_facts(pages, tables, DocKind.DEPT_BUDGET)
    assert facts["year"].value == 2017 and facts["year"].status == "established"
    assert facts["year"].sources == ["表题"]
    assert facts["organization"].value == "中共江苏省委办公厅" and facts["level"].value == "省级"


def test_contradicting_years_make_the_year_rules_abstain():
    text = "2026年，某某局收入预算9628.22万元，比2026年预算增加793.14万元。\n"
    doc = make_doc([text], year=2026)
    assert len(errors(run(doc, "narrative_year"))) == 1
    pages = [_page(1, "某某局2026年部门预算")]
    tables = [_titled("2025年部门收支预算总表")]
    facts = read_facts(pages, tables, DocKind.DEPT_BUDGET)
    assert facts["year"].status == "uncertain" and "2025" in facts["year"].note
    doc = make_doc([text], year=2026)
    apply_facts(doc, facts)
    assert doc.year is None
    assert run(doc, "narrative_year") == []
    [warning] = run(doc, "document_facts_uncertain")
    assert warning.severity.value == "warning" and "年度" in warning.message


def test_the_officers_correction_is_used_and_can_be_undone():
    pages = [_page(1, "某某局2026年部门预算")]
    doc = make_doc(["比2026年预算增加793.14万元。\n"], year=None)
    apply_facts(doc, read_facts(pages, [_titled("2025年部门收支预算总表")], DocKind.DEPT_BUDGET))
    assert doc.year is None
    correct_fact(doc, "year", 2026)
    assert doc.year == 2026 and doc.facts["year"]["status"] == "corrected"
    assert run(doc, "document_facts_uncertain") == []
    correct_fact(doc, "year", None)
    assert doc.year is None and doc.facts["year"]["status"] == "uncertain"


def test_correcting_the_kind_reclassifies_the_tables():
    doc = make_doc([], tables=[], kind=DocKind.DEPT_BUDGET)
    doc.tables.append(table("T1", "收入支出总表", [["项目", "金额"]], [["合计", "1.00"]], kind="budget_summary"))
    apply_facts(doc, read_facts([_page(1, "某某局2024年部门预算")], doc.tables, doc.kind))
    correct_fact(doc, "kind", "dept_final")
    assert doc.kind is DocKind.DEPT_FINAL and doc.tables[0].kind == "final_summary"
    correct_fact(doc, "kind", None)
    assert doc.kind is DocKind.DEPT_BUDGET and doc.tables[0].kind == "budget_summary"


def test_columns_naming_a_year_are_compared_only_when_the_year_is_established():
    from tests.helpers.rules_support import document, findings

    header = [["科目编码", "科目名称", "2019年预算数"]]
    a = table("T1", "支出总表", header, [["合计", "", "100.00"], ["208", "社会保障和就业支出", "326.71"]],
              kind="expenditure_summary")
    b = table("T2", "一般公共预算支出表", header, [["合计", "", "100.00"], ["208", "社会保障和就业支出", "336.71"]],
              kind="general_budget_expenditure")
    doc = document(a, b)
    doc.year = 2019
    assert [f for f in findings(doc, "cross_table") if f.severity.value == "error"]
    doc.year = None  # not established: which year's figures these are is unknown
    assert findings(doc, "cross_table") == []


def test_one_title_with_a_slipped_year_does_not_outvote_the_others():
    tables = [_titled(f"2017年度某某局部门{name}") for name in ("收支预算总表", "收入预算总表", "支出预算总表")]
    tables.append(_titled("2016年度某某局部门财政拨款收支预算总表"))
    facts = read_facts([_page(1, "收支预算总表")], tables, DocKind.DEPT_BUDGET)
    assert facts["year"].value == 2017
    split = [_titled("2017年度收支预算总表"), _titled("2018年度收入预算总表")]
    facts = read_facts([_page(1, "收支预算总表")], split, DocKind.DEPT_BUDGET)
    assert facts["year"].value is None and facts["year"].status == "uncertain"


def test_the_organisation_printed_in_the_table_titles_agrees_with_the_cover():
    pages = [_page(1, "江苏省高级人民法院", "2017年部门预算")]
    tables = [_titled("2017年度江苏省高级人民法院部门收支预算总表"), _titled("2017年度预算单位财务收支预算总表")]
    facts = read_facts(pages, tables, DocKind.DEPT_BUDGET)
    assert facts["organization"].value == "江苏省高级人民法院"
    assert facts["organization"].sources == ["封面", "表题"]
