"""How the reference stands to the document: inferred from established facts only, stated in
Chinese, and the officer's choice kept."""

from __future__ import annotations

from desktopapp.compare import Relation, compare_documents, infer_relation
from desktopapp.core.model import DocKind, Document
from tests.helpers.rules_support import table


def _doc(kind: DocKind, year: int | None, org: str | None, level: str | None = "区级", status: str = "established") -> Document:
    doc = Document(source=f"{org}-{year}.pdf", sha256=f"sha-{year}", page_count=3, kind=kind, year=year, organization=org, level=level)
    doc.facts = {
        "year": {"value": year, "status": status, "sources": ["封面"], "note": ""},
        "organization": {"value": org, "status": "established", "sources": ["封面"], "note": ""},
        "kind": {"value": kind.value, "status": "established", "sources": ["封面"], "note": ""},
        "level": {"value": level, "status": "established", "sources": ["单位名称"], "note": ""},
    }
    return doc


def test_last_years_disclosure_of_the_same_organisation_is_the_previous_year():
    relation, stated = infer_relation(_doc(DocKind.DEPT_BUDGET, 2025, "上海市普陀区司法局"), _doc(DocKind.DEPT_BUDGET, 2024, "上海市普陀区司法局"))
    assert relation is Relation.PREVIOUS_YEAR
    assert stated == "参考文件是同一单位 2024 年的部门预算（上年公开文件）"


def test_the_budget_of_the_year_a_final_reports_on():
    relation, _ = infer_relation(_doc(DocKind.DEPT_FINAL, 2024, "上海市普陀区财政局"), _doc(DocKind.DEPT_BUDGET, 2024, "上海市普陀区财政局"))
    assert relation is Relation.BUDGET_OF_FINAL


def test_a_department_and_the_unit_its_tables_list():
    dept = _doc(DocKind.DEPT_BUDGET, 2024, "某市某某局")
    dept.tables.append(table("T1", "收入总表", [["单位名称", "合计"]], [["合计", "10.00"], ["某市某某中心", "10.00"]]))
    unit = _doc(DocKind.UNIT_BUDGET, 2024, "某市某某中心")
    assert infer_relation(dept, unit)[0] is Relation.DEPT_AND_UNIT
    assert infer_relation(unit, dept)[0] is Relation.DEPT_AND_UNIT
    stranger = _doc(DocKind.UNIT_BUDGET, 2024, "某市另一中心")
    assert infer_relation(dept, stranger)[0] is Relation.UNRELATED


def test_the_same_document_again_is_an_earlier_version():
    relation, _ = infer_relation(_doc(DocKind.DEPT_FINAL, 2024, "上海市普陀区财政局"), _doc(DocKind.DEPT_FINAL, 2024, "上海市普陀区财政局"))
    assert relation is Relation.EARLIER_VERSION


def test_an_uncertain_year_establishes_no_relation_and_nothing_is_compared():
    current = _doc(DocKind.DEPT_BUDGET, 2025, "某区某局")
    reference = _doc(DocKind.DEPT_BUDGET, 2024, "某区某局", status="uncertain")
    relation, stated = infer_relation(current, reference)
    assert relation is Relation.UNRELATED
    assert "无法确定" in stated
    comparison = compare_documents(current, reference)
    assert comparison.reference.relation is Relation.UNRELATED and not comparison.findings


def test_the_officers_choice_overrides_and_is_recorded():
    current, reference = _doc(DocKind.DEPT_BUDGET, 2025, "某区某局"), _doc(DocKind.DEPT_BUDGET, 2023, "某区某局")
    assert infer_relation(current, reference)[0] is Relation.UNRELATED
    comparison = compare_documents(current, reference, Relation.PREVIOUS_YEAR)
    assert comparison.reference.relation is Relation.PREVIOUS_YEAR
    assert comparison.reference.chosen_by_officer
    data = comparison.as_json()
    assert data["relation"] == "previous_year" and data["relation_label"] == "上年公开文件"
    assert data["chosen_by_officer"] is True and data["sha256"] == "sha-2023"
