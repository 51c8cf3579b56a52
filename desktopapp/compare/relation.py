"""How the reference stands to the document being checked. Decided from the two documents'
facts (organisation, year, kind, level), stated to the officer, and changeable by them."""

from __future__ import annotations

from enum import Enum


class Relation(str, Enum):
    PREVIOUS_YEAR = "previous_year"  # the same organisation's disclosure of the year before
    BUDGET_OF_FINAL = "budget_of_final"  # the budget of the year a 决算 reports on
    DEPT_AND_UNIT = "dept_and_unit"  # a 部门 document and its 单位's (either way round)
    EARLIER_VERSION = "earlier_version"  # the same document before a resubmission
    UNRELATED = "unrelated"  # nothing established: figures are not compared


RELATION_LABELS: dict[Relation, str] = {
    Relation.PREVIOUS_YEAR: "上年公开文件",
    Relation.BUDGET_OF_FINAL: "决算年度的预算公开文件",
    Relation.DEPT_AND_UNIT: "部门与所属单位",
    Relation.EARLIER_VERSION: "同一文件的较早版本",
    Relation.UNRELATED: "无法确定关系",
}
