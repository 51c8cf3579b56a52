"""Small hand-built documents for the rules tests."""

from __future__ import annotations

from desktopapp.core.model import Cell, DocKind, Document, Finding, Table
from desktopapp.rules import run_checks


def table(
    table_id: str,
    title: str,
    header: list[list[str]],
    body: list[list[str]],
    *,
    kind: str = "other",
    unit: str = "万元",
    notes: list[str] | None = None,
    page: int = 1,
    numeric: bool = True,
) -> Table:
    return Table(
        id=table_id,
        title=title,
        kind=kind,
        unit=unit,
        pages=[page],
        header=[[Cell(text=t, page=page) for t in row] for row in header],
        body=[[Cell.from_text(t, page=page, numeric=numeric) for t in row] for row in body],
        notes=list(notes or []),
        numeric=numeric,
    )


def document(*tables: Table, kind: DocKind = DocKind.UNIT_BUDGET, toc: list[str] | None = None) -> Document:
    return Document(
        source="test.pdf", sha256="", page_count=10, kind=kind, tables=list(tables), toc=list(toc or [])
    )


def findings(doc: Document, rule: str | None = None, severity: str | None = None) -> list[Finding]:
    out = run_checks(doc)
    if rule is not None:
        out = [f for f in out if f.rule == rule]
    if severity is not None:
        out = [f for f in out if f.severity.value == severity]
    return out


def touches(finding: Finding, table_id: str, row: int, col: int | None = None) -> bool:
    return any(c.table == table_id and c.row == row and (col is None or c.col == col) for c in finding.cells)


EXPENDITURE_HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]

