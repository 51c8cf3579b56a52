"""The figures of the document against the reference's (filled in step by step)."""

from __future__ import annotations

from desktopapp.compare.relation import Relation
from desktopapp.compare.tally import Tally
from desktopapp.core.model import Document


def compare_figures(current: Document, reference: Document, relation: Relation) -> Tally:
    return Tally()
