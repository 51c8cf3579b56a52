"""Chinese labels the window shows; the shared ones (severities, document kinds, captions) are core.labels'."""

from __future__ import annotations

from pathlib import Path

from desktopapp.core import labels as core_labels
from desktopapp.core.model import Document, Table
from desktopapp.tables.kinds import KIND_NAMES


def table_kind_label(table: Table) -> str:
    """The Chinese name of the table's canonical kind (the classifier's own names)."""
    return KIND_NAMES.get(table.kind) or KIND_NAMES.get("other", "其他表格")


def table_caption(table: Table) -> str:
    """The table's caption ("表3 支出总表"), or its id when it printed neither number nor title."""
    return core_labels.table_caption(table) or table.id


def pages_label(pages: list[int], document: Document | None = None) -> str:
    """"第 3–4 页"; of its own file ("第 3 页（公开表）") when several files are read together."""
    if not pages:
        return ""
    part = document.part_of_page(pages[0]) if document is not None else None
    where = f"（{Path(part.source).stem}）" if part is not None else ""
    first, last = (part.local_page(pages[0]), part.local_page(pages[-1])) if part else (pages[0], pages[-1])
    if first == last:
        return f"第 {first} 页{where}"
    return f"第 {first}–{last} 页{where}"

