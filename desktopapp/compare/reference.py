"""The reference document the officer compares with: which file, how it stands to the
document being checked, and whether the officer chose that relation or the application
inferred it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktopapp.compare.relation import RELATION_LABELS, Relation, describe_reference, infer_relation
from desktopapp.core.model import Document


@dataclass
class Reference:
    source: str  # file path as given (the first file when several are read together)
    sha256: str
    relation: Relation
    stated: str  # the Chinese sentence stating the relation to the officer
    chosen_by_officer: bool  # the officer set the relation (else inferred from the facts)
    document: Document

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS[self.relation]

    def sources(self) -> list[str]:
        return self.document.sources()


def make_reference(current: Document, reference: Document, relation: Relation | None = None) -> Reference:
    """The reference with its relation: the officer's when given, else the one the facts show."""
    inferred, stated = infer_relation(current, reference)
    if relation is not None and relation != inferred:
        stated = (f"参考文件是{describe_reference(current, reference)}，按审核人员的选择作为"
                  f"{RELATION_LABELS[relation]}对比（两份文件的年度、单位、类型未能证实这一关系，数字不符只作警告）")
    return Reference(
        source=reference.source,
        sha256=reference.sha256,
        relation=relation if relation is not None else inferred,
        stated=stated,
        chosen_by_officer=relation is not None,
        document=reference,
    )


def reference_file_names(reference: Reference) -> str:
    return " + ".join(Path(s).name for s in reference.sources())
