"""The findings of a review in the order the officer reads them, indexed by cell, row and table."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from desktopapp.core.labels import severity_rank
from desktopapp.core.model import Document, Finding, Severity

log = logging.getLogger(__name__)

def worst_severity(findings: Iterable[Finding]) -> Severity | None:
    return min((f.severity for f in findings), key=severity_rank, default=None)


def tables_of(finding: Finding) -> list[str]:
    """Every table a finding touches: its main table first, then those of its cells."""
    out: list[str] = [finding.table] if finding.table else []
    for ref in finding.cells:
        if ref.table not in out:
            out.append(ref.table)
    return out


@dataclass(frozen=True)
class FindingsIndex:
    """One check's findings, sorted, and looked up by (table, row, col), (table, row) and table."""

    findings: list[Finding] = field(default_factory=list)
    by_cell: dict[tuple[str, int, int], list[Finding]] = field(default_factory=dict)
    by_row: dict[tuple[str, int], list[Finding]] = field(default_factory=dict)
    table_counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table → (errors, warnings)

    @classmethod
    def build(cls, findings: Iterable[Finding], document: Document) -> FindingsIndex:
        order = {t.id: i for i, t in enumerate(document.tables)}
        ordered = sorted(findings, key=lambda f: _reading_order(f, order))
        by_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
        by_row: dict[tuple[str, int], list[Finding]] = defaultdict(list)
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for finding in ordered:
            for ref in finding.cells:
                by_cell[(ref.table, ref.row, ref.col)].append(finding)
                row_list = by_row[(ref.table, ref.row)]
                if finding not in row_list:
                    row_list.append(finding)
            for table_id in tables_of(finding):
                if finding.severity == Severity.ERROR:
                    counts[table_id][0] += 1
                elif finding.severity == Severity.WARNING:
                    counts[table_id][1] += 1
        return cls(ordered, dict(by_cell), dict(by_row), {k: (v[0], v[1]) for k, v in counts.items()})

    def totals(self) -> tuple[int, int]:
        """(errors, warnings) over the whole document."""
        errors = sum(1 for f in self.findings if f.severity == Severity.ERROR)
        warnings = sum(1 for f in self.findings if f.severity == Severity.WARNING)
        return errors, warnings


def _reading_order(finding: Finding, table_order: dict[str, int]) -> tuple:
    """Tables in document order, then rows and columns, errors before warnings."""
    first = finding.cells[0] if finding.cells else None
    table_id = finding.table or (first.table if first else None)
    return (
        table_order.get(table_id, len(table_order)),
        first.row if first else -1,
        first.col if first else -1,
        severity_rank(finding.severity),
        finding.page or 0,
    )


@cache
def rule_names() -> dict[str, str]:
    """Rule id → Chinese name from the catalog; empty when the catalog cannot be read."""
    from desktopapp.rules import load_catalog

    try:
        return {info.id: info.name for info in load_catalog()}
    except Exception:  # a broken catalog must not stop the review; ids still show
        log.exception("rule catalog unreadable")
        return {}
