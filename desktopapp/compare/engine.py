"""compare_documents: the document checked against its reference by a list of comparers
(default_comparers), each `(current, reference, relation) -> Tally | list[Finding]`; what could
not be matched is counted with its reason, never made a finding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktopapp.compare.reference import Reference, make_reference
from desktopapp.compare.relation import Relation
from desktopapp.compare.tally import Tally
from desktopapp.core.model import Document, Finding
from desktopapp.export.write_errors import display_path


@dataclass
class Comparison:
    reference: Reference
    findings: list[Finding]
    matched: int  # stated figures matched to the reference
    unmatched: list[tuple[str, str]]  # (what, why) of the figures that could not be matched

    def as_json(self) -> dict:
        """The check JSON's optional top-level `reference` object."""
        names = [display_path(Path(s).name) for s in self.reference.sources()]
        return {
            "file": " + ".join(names),
            "sha256": self.reference.sha256,
            "relation": self.reference.relation.value,
            "relation_label": self.reference.relation_label,
            "stated": self.reference.stated,
            "chosen_by_officer": self.reference.chosen_by_officer,
            "figures": {
                "matched": self.matched,
                "unmatched": len(self.unmatched),
                "unmatched_reasons": [{"what": what, "why": why} for what, why in self.unmatched],
            },
        }


# A comparer: findings plus its tally of matched / unmatched figures. A plain list of findings
# is accepted too (a comparer that counts nothing, such as the text comparison).
Comparer = Callable[[Document, Document, Relation], "Tally | list[Finding]"]


def default_comparers() -> list[Comparer]:
    """The comparers every comparison runs: the figures, then the narrative's sentences."""
    from desktopapp.compare.figures import compare_figures
    from desktopapp.compare.text import text_findings

    return [compare_figures, text_findings]


def compare_documents(
    current: Document, reference: Document, relation: Relation | None = None, comparers: list[Comparer] | None = None
) -> Comparison:
    """Compare `current` with `reference`; `relation` is the officer's choice, else inferred.
    Nothing is compared when the relation is UNRELATED."""
    ref = make_reference(current, reference, relation)
    findings: list[Finding] = []
    matched = 0
    unmatched: list[tuple[str, str]] = []
    if ref.relation is not Relation.UNRELATED:
        for comparer in comparers if comparers is not None else default_comparers():
            result = comparer(current, reference, ref.relation)
            if isinstance(result, Tally):
                findings.extend(result.findings)
                matched += result.matched
                unmatched.extend(result.unmatched)
            else:
                findings.extend(result)
    return Comparison(ref, findings, matched, unmatched)
