"""A row the page may have broken in two, not joined for want of evidence: the checks do not
judge the relations it is in (a 提示 says why), and still judge the rest of the table."""

from __future__ import annotations

from desktopapp.core.model import Cell, Severity
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec


def _read(tmp_path, rows, break_before):
    builder = StructureBuilder(tmp_path / "broken.pdf")
    builder.table(StructureSpec(
        title="一般公共预算支出表", header=EXPENDITURE_HEADER, body=rows, style="three_line",
        col_widths=[60.0, 170.0, 60.0, 60.0, 60.0, 60.0, 60.0], break_before=break_before,
    ))
    document = read_document(builder.save().path)
    return document, run_checks(document)


def _broken_rows() -> list[list[str]]:
    rows = [list(r) for r in EXPENDITURE_ROWS]
    # 2080109's name is no 科目 the catalog knows and ends short of its cell: no evidence
    # that the two parts are one row.
    rows[4:5] = [["2080109", "试点业务", "", "", "", "", ""], ["", "专项经费", "242.85", "", "", "", "242.85"]]
    return rows


def test_relations_on_a_row_broken_without_evidence_are_not_judged(tmp_path):
    document, findings = _read(tmp_path, _broken_rows(), (5,))
    (table,) = document.tables
    names = [normalize(row[1].text) for row in table.body]
    assert "试点业务" in names and "专项经费" in names  # not joined: no evidence
    parent = [f for f in findings if f.rule == "code_hierarchy_sum" and f.message.startswith("20801 ")]
    assert parent, "the parent's sum over the doubtful rows is still shown"
    assert all(f.severity is Severity.INFO and "分页截断" in f.message and "试点业务专项经费" in f.message for f in parent)


def test_relations_that_do_not_read_the_broken_row_are_judged(tmp_path):
    """208 = 20801 + 20805 reads 20801's printed figure, not the broken row: the fixture's
    1.02 slip there stays an 错误; the 尾差 of the 合计 row stays a 警告."""
    _document, findings = _read(tmp_path, _broken_rows(), (5,))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors and all(f.message.startswith("208 ") for f in errors)
    totals = [f for f in findings if f.rule == "code_hierarchy_sum" and f.message.startswith("合计行")]
    assert totals and all(f.severity is Severity.WARNING for f in totals)


def test_a_project_table_broken_under_its_group_spares_the_group_sum_only():
    """A project table shows its hierarchy by columns (group | project): the group's sum over
    its projects reads the broken row (a blank band between the parts), the 合计 does not."""
    from desktopapp.core.model import CellRef, Document, Finding, Table
    from desktopapp.rules.broken_rows import spare_broken_rows

    printed = [
        (1, ["专项业务支出", "", "1752.29"]),
        (1, ["", "信息系统建设与运维", "389.00"]),
        (1, ["", "社会保险业务", ""]),
        (2, ["", "", ""]),
        (2, ["", "经办管理", "133.55"]),
        (2, ["合计", "", "1752.29"]),
    ]
    body = [[Cell.from_text(t, page) for t in row] for page, row in printed]
    document = Document(source="x.pdf", sha256="", page_count=2)
    document.tables.append(Table(id="T1", title="项目支出表", pages=[1, 2], body=body))
    group_sum = Finding("project_hierarchy_sum", Severity.ERROR, "专项业务支出：合计 1752.29 ≠ 下级项目之和 389.00",
                        cells=[CellRef("T1", 0, 2), CellRef("T1", 1, 2)], table="T1")
    total = Finding("summary_sum", Severity.ERROR, "合计 1752.29 ≠ …", cells=[CellRef("T1", 5, 2), CellRef("T1", 0, 2)], table="T1")
    spared, kept = spare_broken_rows(document, [group_sum, total])
    assert spared.severity is Severity.INFO and "社会保险业务经办管理" in spared.message
    assert kept.severity is Severity.ERROR and kept.message == total.message
