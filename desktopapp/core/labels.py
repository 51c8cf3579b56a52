"""The officer's words for the core's codes, defined once for the window and the workbook:
severity labels and their order, document kinds, and how a table is named."""

from __future__ import annotations

from desktopapp.core.model import DocKind, Severity, Table

SEVERITY_LABELS: dict[Severity, str] = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_RANK: dict[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}  # most serious first

DOC_KIND_LABELS: dict[DocKind, str] = {
    DocKind.DEPT_BUDGET: "部门预算",
    DocKind.UNIT_BUDGET: "单位预算",
    DocKind.DEPT_FINAL: "部门决算",
    DocKind.UNIT_FINAL: "单位决算",
    DocKind.UNKNOWN: "未识别",
}


def severity_label(severity: Severity | str) -> str:
    """"错误" / "警告" / "提示"; an unknown code is shown as it is."""
    return SEVERITY_LABELS.get(severity, str(severity))  # a str Enum: "error" finds Severity.ERROR


def severity_rank(severity: Severity | str) -> int:
    """0 for an error, 1 for a warning, 2 for a hint; an unknown code sorts last."""
    return SEVERITY_RANK.get(severity, len(SEVERITY_RANK))


def doc_kind_label(kind: DocKind | str | None) -> str:
    return DOC_KIND_LABELS.get(kind or DocKind.UNKNOWN, DOC_KIND_LABELS[DocKind.UNKNOWN])


def table_caption(table: Table) -> str:
    """"表3 一般公共预算支出表" — number and printed title, the way the officer names a table
    ("" when it printed neither)."""
    return f"{table.number} {table.title}".strip() if table.number else table.title


def page_span(first: int, last: int) -> str:
    """"第 5 页", "第 501–20000 页"."""
    return f"第 {first} 页" if first == last else f"第 {first}–{last} 页"
