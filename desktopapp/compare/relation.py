"""How the reference stands to the document being checked. Decided from the two documents'
facts (organisation, year, kind, level), stated to the officer, and changeable by them."""

from __future__ import annotations

import re
from enum import Enum

from desktopapp.core.labels import doc_kind_label
from desktopapp.core.model import DocKind, Document
from desktopapp.core.numbers import normalize
from desktopapp.extract.docinfo import CORRECTED, ESTABLISHED


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


def established(document: Document, name: str) -> object | None:
    """A fact's value when the document establishes it (or the officer corrected it), else None:
    a relation is never inferred from a fact the sources contradict."""
    entry = (document.facts or {}).get(name)
    if entry is None:  # a document built without reading its facts (JSON, tests): its fields
        value = getattr(document, name, None)
        if name == "kind":
            return None if value in (None, DocKind.UNKNOWN) else DocKind(value)
        return value
    if entry.get("status") not in (ESTABLISHED, CORRECTED) or entry.get("value") in (None, ""):
        return None
    value = entry["value"]
    if name == "kind":
        return None if value == DocKind.UNKNOWN.value else DocKind(value)
    return value


def _bare_name(name: str) -> str:
    """An organisation's name compared without spaces, brackets and the 本级 / 机关 suffixes."""
    text = re.sub(r"\s+|[（(][^）)]*[）)]", "", normalize(name))
    text = text.replace("中国共产党", "中共").replace("委员会", "委")  # 中国共产党江苏省委员会办公厅 = 中共江苏省委办公厅
    return re.sub(r"(本级|机关)$", "", text)


def names_alike(a: str | None, b: str | None) -> bool:
    """The same organisation: the names equal once bare, or one ends the other (a name printed
    with and without its divisions, "普陀区财政局" / "上海市普陀区财政局")."""
    if not a or not b:
        return False
    a, b = _bare_name(a), _bare_name(b)
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.endswith(short)


def _unit_of(department: Document, unit_name: str) -> bool:
    """The unit's name printed among the department's rows (收入总表 / 支出总表 list the units)."""
    bare = _bare_name(unit_name)
    for table in department.tables:
        for row in table.body:
            for cell in row:
                if cell.text and len(cell.text) >= 4 and _bare_name(cell.text) == bare:
                    return True
    return False


def _is_dept(kind: DocKind) -> bool:
    return kind in (DocKind.DEPT_BUDGET, DocKind.DEPT_FINAL)


def infer_relation(current: Document, reference: Document) -> tuple[Relation, str]:
    """How `reference` stands to `current`, from their established facts, and the sentence the
    application states to the officer. UNRELATED when the facts do not establish a relation."""
    org_a, org_b = established(current, "organization"), established(reference, "organization")
    year_a, year_b = established(current, "year"), established(reference, "year")
    kind_a, kind_b = established(current, "kind"), established(reference, "kind")
    level_a, level_b = established(current, "level"), established(reference, "level")
    same_org = names_alike(org_a, org_b)
    described = _describe(org_b if not same_org else None, year_b, kind_b)
    relation = Relation.UNRELATED
    if kind_a is not None and kind_b is not None and isinstance(year_a, int) and isinstance(year_b, int):
        if same_org and kind_a == kind_b and year_b == year_a - 1:
            relation = Relation.PREVIOUS_YEAR
        elif same_org and kind_a.is_final and kind_b.is_budget and year_a == year_b \
                and _is_dept(kind_a) == _is_dept(kind_b):
            relation = Relation.BUDGET_OF_FINAL
        elif year_a == year_b and kind_a.is_final == kind_b.is_final and _is_dept(kind_a) != _is_dept(kind_b) \
                and org_a and org_b and (same_org or _dept_has_unit(current, reference, kind_a)):
            relation = Relation.DEPT_AND_UNIT
        elif same_org and kind_a == kind_b and year_a == year_b and level_a == level_b:
            relation = Relation.EARLIER_VERSION
    if relation is Relation.UNRELATED:
        return relation, f"参考文件是{described}，无法确定它与本文件的关系，数字不作对比"
    return relation, f"参考文件是{describe_reference(current, reference)}（{RELATION_LABELS[relation]}）"


def describe_reference(current: Document, reference: Document) -> str:
    """"同一单位 2024 年的部门预算", or the reference's organisation when it is another."""
    org_a, org_b = established(current, "organization"), established(reference, "organization")
    same_org = names_alike(org_a, org_b)
    who = "同一单位" if same_org else (str(org_b) if org_b else "")
    return f"{who}{_describe(None, established(reference, 'year'), established(reference, 'kind'))}"


def _dept_has_unit(current: Document, reference: Document, kind_a: DocKind) -> bool:
    department, unit = (current, reference) if _is_dept(kind_a) else (reference, current)
    name = established(unit, "organization")
    return isinstance(name, str) and _unit_of(department, name)


def _describe(organization: object, year: object, kind: DocKind | None) -> str:
    org = str(organization) if organization else ""
    when = f" {year} 年的" if isinstance(year, int) else "（年度未确定）的"
    what = doc_kind_label(kind) if kind is not None else "文件（类型未确定）"
    return f"{org}{when}{what}"
