"""The figures of the document against the reference's, by relation: an earlier version's
changed figures (versions), the 上年 columns of the tables (columns), the 部门 against its
单位 (dept_unit), the previous year's and the budget's figures stated in the text (stated).

An error needs its premises established: the relation the officer chose is used, but when
the documents' facts do not show it, what would be an error is a warning."""

from __future__ import annotations

from desktopapp.compare.relation import Relation, infer_relation
from desktopapp.compare.tally import Tally
from desktopapp.core.model import Document


def compare_figures(current: Document, reference: Document, relation: Relation) -> Tally:
    tally = Tally()
    established = infer_relation(current, reference)[0] is relation
    if relation is Relation.EARLIER_VERSION:
        from desktopapp.compare.versions import changed_figures

        tally.add(changed_figures(current, reference))
    if relation in (Relation.PREVIOUS_YEAR, Relation.BUDGET_OF_FINAL):
        from desktopapp.compare.columns import compare_previous_columns
        from desktopapp.compare.stated import compare_stated

        tally.add(compare_previous_columns(current, reference, relation, established))
        tally.add(compare_stated(current, reference, relation, established))
    if relation is Relation.DEPT_AND_UNIT:
        from desktopapp.compare.dept_unit import compare_dept_unit

        tally.add(compare_dept_unit(current, reference, established))
    return tally
