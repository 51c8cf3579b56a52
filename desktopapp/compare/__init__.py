"""A disclosure compared with another edition (the reference): last year's disclosure, the
budget behind a 决算, the 部门 document against its 单位's, an earlier version of the same file.

relation: which of these the two documents are, in the officer's words; reference: the
reference and its relation; engine: compare_documents runs the comparers (figures: the
figures against the reference's tables) — no Qt.
"""

from desktopapp.compare.engine import Comparison, compare_documents
from desktopapp.compare.reference import Reference
from desktopapp.compare.relation import RELATION_LABELS, Relation, infer_relation

__all__ = ["RELATION_LABELS", "Comparison", "Reference", "Relation", "compare_documents", "infer_relation"]
