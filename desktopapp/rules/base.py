"""The rule registry: every check is a small function registered under a rule id.

A rule function takes the document and a `RuleContext` and yields `Finding`s. Its id must
appear in the rule catalog (resources/rules/*.json: Chinese name, explanation, default
severity, enabled) — the catalog is data, loaded without executing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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
    # Relations each rule evaluated (cumulative; the engine reads the growth around one run):
    # a rule whose errors are most of its candidates in a document has a wrong premise.
    candidates: dict[str, int] = field(default_factory=dict)

    def severity_of(self, rule_id: str, default: Severity = Severity.ERROR) -> Severity:
        return self.severity.get(rule_id, default)

    def count(self, rule_id: str, n: int = 1) -> None:
        """`rule_id` evaluated `n` more relations (each may pass or fail)."""
        self.candidates[rule_id] = self.candidates.get(rule_id, 0) + n

    @contextmanager
    def active(self) -> Iterator[RuleContext]:
        """While rules run: code without the context at hand counts through `count_candidates`."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


_ACTIVE: ContextVar[RuleContext | None] = ContextVar("active_rule_context", default=None)


def count_candidates(rule_id: str, n: int = 1) -> None:
    """Count relations for `rule_id` in the context of the run under way (none: not counted)."""
    ctx = _ACTIVE.get()
    if ctx is not None:
        ctx.count(rule_id, n)
