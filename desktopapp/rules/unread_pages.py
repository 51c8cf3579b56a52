"""A page the reader could not read (extract.bounded) may have held part of a table: the
table read beside it may be incomplete, its sums short by what that page printed. An error
about such a table is not the document's fault as far as anyone can tell: it becomes a
warning that says so (the `unreadable_page` finding names the page)."""

from __future__ import annotations

from dataclasses import replace

from desktopapp.core.model import Document, Finding, Severity


def tables_beside_unread_pages(document: Document) -> dict[str, list[int]]:
    """Table id → the unreadable pages it may continue on (before, inside or after it)."""
    unread = document.unreadable_pages
    if not unread:
        return {}
    out: dict[str, list[int]] = {}
    for table in document.tables:
        if not table.pages:
            continue
        first, last = min(table.pages), max(table.pages)
        near = [n for n in range(first - 1, last + 2) if n in unread]
        if near:
            out[table.id] = near
    return out


def spare_incomplete_tables(document: Document, findings: list[Finding]) -> list[Finding]:
    """`findings` with each error about a table beside an unreadable page made a warning."""
    beside = tables_beside_unread_pages(document)
    if not beside:
        return findings
    out = []
    for finding in findings:
        tables = {finding.table} | {c.table for c in finding.cells}
        pages = sorted({n for t in tables if t in beside for n in beside[t]})
        if finding.severity is Severity.ERROR and pages:
            shown = "、".join(str(n) for n in pages)
            finding = replace(
                finding,
                severity=Severity.WARNING,
                message=f"{finding.message}（第 {shown} 页无法读取，此表可能不完整，请对照原文核实）",
            )
        out.append(finding)
    return out
