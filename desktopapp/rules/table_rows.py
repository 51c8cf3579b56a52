"""Relations between the columns of one row: in every row, a total column equals the sum of
its part columns, as the table's structure read them from the header
(desktopapp.tables.column_sums).
"""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.kinds import PERFORMANCE_KINDS
from desktopapp.tables.structure import Structure, structure_of

RULE = "row_sum"


def row_findings(table: Table, layout: Structure) -> Iterable[Finding]:
    for segment in layout.segments:
        for rel in segment.relations:
            names = [c.name for c in rel.parts]
            for row in segment.rows:
                if row.is_blank or row.header_like:
                    continue
                if any(layout.hidden(row.index, c.index) for c in (rel.total, *rel.parts)):
                    continue  # a box merged over the row's columns: abstain
                total = Operand(table, row.index, rel.total.index, name=rel.total_name)
                parts = [Operand(table, row.index, c.index, name=n) for c, n in zip(rel.parts, names)]
                finding = sum_finding(
                    RULE,
                    total,
                    parts,
                    subject=row.display,
                    total_name=rel.total_name,
                    parts_name=rel.parts_name,
                )
                if finding:
                    yield finding


@table_rule(RULE)
def check_row_sums(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind in PERFORMANCE_KINDS:
        return
    yield from row_findings(table, layout)
