"""A disclosure printed as several files — the text in one PDF, the tables in another — read as
one document.

    document = combine_documents([read_document("a-text.pdf"), read_document("a-tables.pdf")])

Each file is read alone by `read_document`; `combine_documents` numbers the pages through (the
second file's first page follows the first file's last), renumbers the tables T1, T2 … in that
order, and reads the document facts (kind, year, organisation, level, 目录) over all the pages,
so the narrative of one file is checked against the tables of the other and the cross-table and
completeness rules see every table. `Document.parts` keeps which file each page came from and
its page number there (`Document.part_of_page`, `DocumentPart.local_page`).

A file without any table is still a disclosure when its text says 预算 / 决算 (the 情况说明 of a
publisher who prints the tables apart): `require_disclosure_text` refuses only what is not.
"""

from __future__ import annotations

from pathlib import Path

from desktopapp.core.errors import NoTablesError
from desktopapp.core.model import Document, DocumentPart, Page
from desktopapp.core.numbers import normalize
from desktopapp.extract.docinfo import _reclassify, apply_facts, document_kind, read_facts, table_of_contents

NO_TABLES = "在这份 PDF 中没有找到表格。请确认这是部门预算、单位预算或决算公开文件。"


def is_disclosure_text(pages: list[Page]) -> bool:
    """The running text speaks of a budget or final accounts (预算 / 决算)."""
    return any("预算" in text or "决算" in text for text in (normalize(p.text) for p in pages))


def require_disclosure_text(pages: list[Page]) -> None:
    """A PDF without tables is read for its narrative when it is a disclosure; else refused."""
    if not is_disclosure_text(pages):
        raise NoTablesError(NO_TABLES)


def combine_documents(documents: list[Document]) -> Document:
    """One document of the files `documents` were read from, in the order given (the read
    documents are taken over: their pages, tables and cells are renumbered in place)."""
    if len(documents) == 1:
        return documents[0]
    first = documents[0]
    combined = Document(source=first.source, sha256=first.sha256, page_count=0)
    for doc in documents:
        offset = combined.page_count
        combined.parts.append(DocumentPart(doc.source, doc.sha256, doc.page_count, offset + 1))
        _shift_pages(doc, offset, len(combined.tables))
        combined.pages += doc.pages
        combined.tables += doc.tables
        name = Path(doc.source).name
        combined.warnings += [f"{name}：{w}" for w in doc.warnings]
        combined.unreadable_pages |= {n + offset: why for n, why in doc.unreadable_pages.items()}
        combined.fallback_pages += [n + offset for n in doc.fallback_pages]
        combined.page_count += doc.page_count
    titles = [t.title for t in combined.tables]
    combined.kind = document_kind(combined.pages, titles)
    if any(d.tables and d.kind.is_final != combined.kind.is_final for d in documents):
        _reclassify(combined)  # budget and final-accounts tables share titles
    apply_facts(combined, read_facts(combined.pages, combined.tables, combined.kind))
    combined.toc = table_of_contents(combined.pages)
    return combined


def _shift_pages(doc: Document, offset: int, tables_before: int) -> None:
    for page in doc.pages:
        page.number += offset
        page.table_ids = []
    by_page = {p.number: p for p in doc.pages}
    for i, table in enumerate(doc.tables, start=tables_before + 1):
        table.id = f"T{i}"
        table.pages = [n + offset for n in table.pages]
        table.bbox_by_page = {n + offset: box for n, box in table.bbox_by_page.items()}
        for row in table.header + table.body:
            for cell in row:
                if cell.page is not None:
                    cell.page += offset
                cell.continued = [(n + offset, box) for n, box in cell.continued]
        for n in table.pages:
            if n in by_page:
                by_page[n].table_ids.append(table.id)
