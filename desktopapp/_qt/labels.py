"""Chinese labels the window shows for the core's codes (document kinds, table kinds, severities)."""

from __future__ import annotations

from desktopapp.core.model import DocKind, Finding, Severity, Table
from desktopapp.tables.kinds import KIND_NAMES

DOC_KIND_LABELS = {
    DocKind.DEPT_BUDGET: "部门预算",
    DocKind.UNIT_BUDGET: "单位预算",
    DocKind.DEPT_FINAL: "部门决算",
    DocKind.UNIT_FINAL: "单位决算",
    DocKind.UNKNOWN: "未识别",
}

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

def doc_kind_label(kind: DocKind | str | None) -> str:
    try:
        return DOC_KIND_LABELS[DocKind(kind)] if kind else DOC_KIND_LABELS[DocKind.UNKNOWN]
    except ValueError:
        return DOC_KIND_LABELS[DocKind.UNKNOWN]


def table_kind_label(table: Table) -> str:
    """The Chinese name of the table's canonical kind (the classifier's own names)."""
    return KIND_NAMES.get(table.kind) or KIND_NAMES.get("other", "其他表格")


def table_caption(table: Table) -> str:
    """"表3 支出总表" — number and printed title, the way the officer names a table."""
    return f"{table.number} {table.title}".strip() if table.number else (table.title or table.id)


def severity_label(severity: Severity | str) -> str:
    return SEVERITY_LABELS.get(Severity(severity), str(severity))


def pages_label(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"第 {pages[0]} 页"
    return f"第 {pages[0]}–{pages[-1]} 页"


def finding_tables(finding: Finding) -> list[str]:
    """Every table a finding touches: its main table first, then those of its cells."""
    out: list[str] = [finding.table] if finding.table else []
    for ref in finding.cells:
        if ref.table not in out:
            out.append(ref.table)
    return out
