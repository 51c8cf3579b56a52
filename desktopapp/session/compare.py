"""The reference a review compares with: its findings re-run with the rest after each
correction, and its record in the review file (files, sha256, relation, chosen_by_officer).

Plain Python, no Qt. `ComparingChecker` wraps the rules' checker: every check_all / recheck
adds the comparison's findings (compare.engine's comparers, and compare.text until the engine
runs it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktopapp.compare.engine import Comparison, compare_documents
from desktopapp.compare.reference import Reference
from desktopapp.compare.relation import Relation
from desktopapp.core.model import Document, Finding
from desktopapp.rules.catalog import read_catalog_files
from desktopapp.rules.engine import number_findings

COMPARE_FAMILY = "对比"  # the catalog's family of every check against the reference
COMPARE_PREFIX = "compare_"  # the text comparison's rule ids


@lru_cache(maxsize=1)
def _family_rules() -> frozenset[str]:
    return frozenset(rule_id for rule_id, info in read_catalog_files().items() if info.family == COMPARE_FAMILY)


def is_comparison_rule(rule_id: str) -> bool:
    """Whether a rule is of the 对比 family (the catalog says so; the text's rules by their ids)."""
    return rule_id.startswith(COMPARE_PREFIX) or rule_id in _family_rules()


@dataclass(frozen=True)
class ReferenceRecord:
    """What the review file keeps of the reference: enough to read it again and know it."""

    files: tuple[str, ...]  # absolute paths, the first file first
    sha256: str
    relation: Relation
    chosen_by_officer: bool

    def as_dict(self) -> dict:
        return {
            "files": list(self.files),
            "sha256": self.sha256,
            "relation": self.relation.value,
            "chosen_by_officer": self.chosen_by_officer,
        }

    @classmethod
    def from_data(cls, data: object) -> ReferenceRecord | None:
        """The record in a review file; None when absent or not readable (the rest of the review
        is kept: a reference is chosen again in a moment, corrections are not)."""
        if not isinstance(data, dict):
            return None
        files, sha256 = data.get("files"), data.get("sha256")
        if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
            return None
        if not isinstance(sha256, str):
            return None
        try:
            relation = Relation(data.get("relation"))
        except ValueError:
            return None
        return cls(tuple(files), sha256, relation, bool(data.get("chosen_by_officer", False)))

    @classmethod
    def of(cls, reference: Reference) -> ReferenceRecord:
        files = tuple(str(Path(s).resolve()) for s in reference.sources())
        return cls(files, reference.sha256, reference.relation, reference.chosen_by_officer)


def compare(current: Document, reference: Document, relation: Relation | None) -> tuple[Comparison, list[Finding]]:
    """The comparison and its findings, the text's included."""
    comparison = compare_documents(current, reference, relation)
    return comparison, list(comparison.findings)


class ComparingChecker:
    """The rules' checker plus the comparison with a reference, re-run on every check."""

    def __init__(self, inner, reference: Reference) -> None:
        self.inner = inner
        self.reference = reference
        self.last: Comparison | None = None

    @property
    def disabled(self) -> set[str]:
        return self.inner.disabled

    @disabled.setter
    def disabled(self, value: set[str]) -> None:
        self.inner.disabled = value

    @property
    def document(self) -> Document:
        return self.inner.document

    def _with_comparison(self, findings: list[Finding]) -> list[Finding]:
        self.last, compared = compare(self.document, self.reference.document, self.reference.relation)
        compared = [f for f in compared if f.rule not in self.disabled]
        return number_findings(self.document, [*findings, *compared])

    def check_all(self) -> list[Finding]:
        return self._with_comparison(self.inner.check_all())

    def recheck(self, changed_table_id: str) -> list[Finding]:
        return self._with_comparison(self.inner.recheck(changed_table_id))

    def __getattr__(self, name: str):  # the rest of the rules' checker (catalog, last_seconds …)
        return getattr(self.inner, name)
