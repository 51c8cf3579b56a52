"""The rule registry: every check is a small function registered under a rule id.

A rule function takes the document and a `RuleContext` and yields `Finding`s. Its id must
appear in the rule catalog (resources/rules/*.json: Chinese name, explanation, default
severity, enabled) — the catalog is data, loaded without executing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desktopapp.core.model import Document, Finding, Severity

RuleFn = Callable[[Document, "RuleContext"], Iterable[Finding]]

REGISTRY: dict[str, RuleFn] = {}


def rule(rule_id: str) -> Callable[[RuleFn], RuleFn]:
    """Register `fn` as the check for `rule_id` (one function per id)."""

    def register(fn: RuleFn) -> RuleFn:
        if rule_id in REGISTRY and REGISTRY[rule_id] is not fn:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = fn
        return fn

    return register


@dataclass
class RuleContext:
    """What a rule may need beyond the document: severities from the catalog, caches."""

    severity: dict[str, Severity] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def severity_of(self, rule_id: str, default: Severity = Severity.ERROR) -> Severity:
        return self.severity.get(rule_id, default)
