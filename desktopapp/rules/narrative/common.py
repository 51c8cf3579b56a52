"""What every narrative check shares: the cached analysis of a document and finding helpers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktopapp.core.model import CellRef, Document, Finding, Severity
from desktopapp.core.numbers import format_amount
from desktopapp.rules.base import RuleContext
from desktopapp.rules.narrative.parse import NarrativeText, narrative_of
from desktopapp.rules.narrative.resolve import (
    Item,
    Resolution,
    class_name_mentions,
    find_items,
    known_class_names,
    resolve_items,
    resolve_named,
)
from desktopapp.rules.narrative.tables import TableIndex


@dataclass
class Analysis:
    nt: NarrativeText
    index: TableIndex
    items: list[Item]
    resolutions: dict[int, Resolution]  # mention index → the table figure it quotes

    def table_figure(self, mention: int) -> Decimal | None:
        """The table's value (in the mention's unit) for a quoted figure, when known."""
        res = self.resolutions.get(mention)
        if res is None or not res.candidates:
            return None
        mt = self.nt.mentions[mention]
        value = res.candidates[0].value
        return value * 10000 if mt.unit == "元" else value


def analysis_of(document: Document, ctx: RuleContext) -> Analysis:
    """The document's analysis, computed once per check run.

    The cache entry is a dict holding every table id: the engine's re-check after an edit
    drops the edited table's id from every dict in the cache, which marks the entry stale.
    """
    key = ("narrative_analysis", id(document))
    entry = ctx.cache.get(key)
    nt = narrative_of(document, ctx.cache)
    if (
        isinstance(entry, dict)
        and entry.get("document") is document
        and entry.get("nt") is nt
        and all(t.id in entry for t in document.tables)
    ):
        return entry["analysis"]
    index = TableIndex(document)
    items = find_items(nt, known_class_names(index))
    resolutions: dict[int, Resolution] = {}
    for res in resolve_items(nt, index, items):
        resolutions.setdefault(res.mention, res)
    for res in resolve_named(nt, index):
        resolutions.setdefault(res.mention, res)
    taken = set(resolutions) | {m for it in items for m in it.amounts}
    for res in class_name_mentions(nt, index, taken):
        resolutions.setdefault(res.mention, res)
    analysis = Analysis(nt, index, items, resolutions)
    entry = {"document": document, "nt": nt, "analysis": analysis}
    entry.update({t.id: True for t in document.tables})
    ctx.cache[key] = entry
    return analysis


def severity(ctx: RuleContext, rule_id: str, certain: bool) -> Severity:
    """The catalog's severity for certain mistakes; a warning for rounding tails and doubts."""
    configured = ctx.severity_of(rule_id, Severity.ERROR)
    if certain:
        return configured
    return Severity.INFO if configured == Severity.INFO else Severity.WARNING


def fmt(value: Decimal, decimals: int = 2) -> str:
    return format_amount(value, decimals)


def fmt_pct(value: Decimal, decimals: int = 2) -> str:
    return f"{format_amount(value, decimals, thousands=False)}%"


def finding(
    rule_id: str,
    sev: Severity,
    message: str,
    nt: NarrativeText,
    start: int,
    end: int,
    cells: list[CellRef] | None = None,
    expected: str | None = None,
    actual: str | None = None,
    difference: str | None = None,
    table: str | None = None,
    limit: int = 90,
) -> Finding:
    return Finding(
        rule=rule_id,
        severity=sev,
        message=message,
        cells=cells or [],
        expected=expected,
        actual=actual,
        difference=difference,
        page=nt.page_at(start),
        quote=nt.quote(start, end, limit),
        table=table,
    )
