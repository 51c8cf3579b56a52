"""Chinese labels the window shows; the shared ones (severities, document kinds, captions) are core.labels'."""

from __future__ import annotations

from desktopapp.core import labels as core_labels
from desktopapp.core.model import Table
from desktopapp.tables.kinds import KIND_NAMES


def table_kind_label(table: Table) -> str:
    """The Chinese name of the table's canonical kind (the classifier's own names)."""
    return KIND_NAMES.get(table.kind) or KIND_NAMES.get("other", "其他表格")


def table_caption(table: Table) -> str:
    """The table's caption ("表3 支出总表"), or its id when it printed neither number nor title."""
    return core_labels.table_caption(table) or table.id


def pages_label(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"第 {pages[0]} 页"
    return f"第 {pages[0]}–{pages[-1]} 页"

