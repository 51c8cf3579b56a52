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

# Whole-document rules that read printed texts only, never figures or corrections: after a
# correction (texts unchanged) Checker.recheck keeps their findings instead of re-running them.
# A catalog entry may say the same with "uses_values": false.
VALUE_INDEPENDENT: set[str] = set()


def value_independent(rule_id: str) -> str:
    """Declare that `rule_id` looks at texts only (call beside its @rule registration)."""
    VALUE_INDEPENDENT.add(rule_id)
    return rule_id


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
