"""A page the reader could not read (extract.bounded) may have held part of a table: the
table read beside it may be incomplete, its sums short by what that page printed. A table
page pdfminer failed or stalled on is read by pdfium instead (extract.pages), less surely
(merged or split cells on a damaged page). An error about such a table is not the document's
fault as far as anyone can tell: it becomes a warning that says so (the `unreadable_page`
finding names the page)."""

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


def tables_read_by_fallback(document: Document) -> dict[str, list[int]]:
    """Table id → its pages pdfium read because pdfminer could not (extract.pages)."""
    fallback = set(document.fallback_pages)
    if not fallback:
        return {}
    out: dict[str, list[int]] = {}
    for table in document.tables:
        pages = sorted(fallback.intersection(table.pages))
        if pages:
            out[table.id] = pages
    return out


def spare_incomplete_tables(document: Document, findings: list[Finding]) -> list[Finding]:
    """`findings` with each error about a table beside an unreadable page, or read by the
    fallback parser, made a warning that says why."""
    beside = tables_beside_unread_pages(document)
    fallback = tables_read_by_fallback(document)
    if not beside and not fallback:
        return findings
    out = []
    for finding in findings:
        if finding.severity is Severity.ERROR:
            tables = {finding.table} | {c.table for c in finding.cells}
            unread = sorted({n for t in tables for n in beside.get(t, [])})
            second = sorted({n for t in tables for n in fallback.get(t, [])})
            if unread:
                note = f"第 {_numbers(unread)} 页无法读取，此表可能不完整"
            elif second:
                note = f"第 {_numbers(second)} 页的内容已损坏，表格按备用方式读取，可能有误读"
            if unread or second:
                finding = replace(
                    finding, severity=Severity.WARNING, message=f"{finding.message}（{note}，请对照原文核实）"
                )
        out.append(finding)
    return out


def _numbers(pages: list[int]) -> str:
    return "、".join(str(n) for n in pages)
