"""PDF → Document: every table of a budget / final-accounts disclosure, exactly as printed.

    document = read_document("x.pdf", progress=lambda done, total: ..., cancel=lambda: False)

Pipeline: pdf_open.py reads the file once (its bytes, hashed as read); bounded.py reads the
pages in worker processes within a time and memory budget, where pages.py reads each
page (a quick look with pypdfium2 in layout_pdfium.py; pages with tables with pdfplumber in
layout_plumber.py) into the parser-neutral page model of layout.py (geometry.py: shared
clustering, intervals and ruling lines); page_tables.py finds the page's grids
(grid_ruled.py for ruled tables, the grid_aligned package for three-line tables and
tables set by alignment alone) with their captions and notes; assemble.py joins
pieces continued over pages and splits header from body; tables/kinds.py names each table's
kind; docinfo.py reads what the document is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktopapp.core.errors import DamagedPdfError, ScannedPdfError
from desktopapp.core.labels import page_span
from desktopapp.core.model import Document
from desktopapp.extract.assemble import build_table, group_pieces
from desktopapp.extract.bounded import read_pages
from desktopapp.extract.docinfo import apply_facts, document_kind, read_facts, table_of_contents
from desktopapp.extract.pdf_open import load_pdf
from desktopapp.extract.together import combine_documents, require_disclosure_text

__all__ = ["combine_documents", "read_document"]


def read_document(
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> Document:
    """Read a disclosure PDF. Raises a `ReadError` subclass (Chinese message) for bad input
    and `CancelledError` when `cancel()` turns true."""
    pdf_file = load_pdf(path)  # read once: missing, empty, not a PDF, cut short
    read = read_pages(pdf_file.data, progress=progress, cancel=cancel, workers=workers)  # damaged, encrypted
    pages = [r.page for r in read.results]
    document = Document(source=str(path), sha256=pdf_file.sha256, page_count=len(pages), pages=pages)
    document.unreadable_pages = dict(read.unreadable)
    document.fallback_pages = list(read.fallback)
    if len(read.unreadable) == len(pages):
        raise DamagedPdfError(f"PDF 文件无法读取，没有一页读得出：{_reasons(read.unreadable)}。")
    if not any(p.has_text_layer and p.text.strip() for p in pages):
        raise ScannedPdfError(
            "这份 PDF 没有文字层（可能是扫描件或图片），无法读取表格。请取得由 WPS / Word / Excel 直接导出的 PDF。"
        )
    for first, last, why in document.unreadable_runs():
        document.warnings.append(f"{page_span(first, last)}无法读取：{why}，其中如有表格未能读取。")
    for page in pages:
        if not page.has_text_layer and page.number not in read.unreadable:
            document.warnings.append(f"第 {page.number} 页没有文字（空白页或扫描页），其中如有表格无法读取。")
    results = read.results
    pieces = [piece for r in results for piece in r.pieces]
    groups = group_pieces(pieces)
    # Known once, before the tables are classified: from the cover and first pages, else from
    # the tables' titles (the captions they are built with).
    document.kind = document_kind(pages, [group[0].caption.title or "" for group in groups])
    final = document.kind.is_final
    for i, group in enumerate(groups, start=1):
        document.tables.append(build_table(group, f"T{i}", final))
    if not document.tables and read.unreadable:
        raise DamagedPdfError(f"没有读到表格，有 {len(read.unreadable)} 页无法读取：{_reasons(read.unreadable)}。")
    if not document.tables:
        require_disclosure_text(pages)  # a text-only disclosure is read for its narrative
    by_page = {p.number: p for p in pages}
    for table in document.tables:
        for n in table.pages:
            if n in by_page:
                by_page[n].table_ids.append(table.id)
    apply_facts(document, read_facts(pages, document.tables, document.kind))
    document.toc = table_of_contents(pages)
    return document


def _reasons(unreadable: dict[int, str]) -> str:
    return "；".join(dict.fromkeys(unreadable.values()))
