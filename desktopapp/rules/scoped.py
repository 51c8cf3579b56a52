"""Rules that look at one table at a time, so the window can re-check only the edited table.

`@table_rule("id")` registers the function under the common registry (as a whole-document
rule that loops over the tables) and remembers the per-table function for `Checker.recheck`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext, rule

TableRuleFn = Callable[[Document, Table, RuleContext], Iterable[Finding]]

TABLE_RULES: dict[str, TableRuleFn] = {}


def table_rule(rule_id: str) -> Callable[[TableRuleFn], TableRuleFn]:
    def register(fn: TableRuleFn) -> TableRuleFn:
        def whole_document(document: Document, ctx: RuleContext) -> Iterable[Finding]:
            for table in document.tables:
                yield from fn(document, table, ctx)

        whole_document.__name__ = fn.__name__
        rule(rule_id)(whole_document)
        TABLE_RULES[rule_id] = fn
        return fn

    return register
