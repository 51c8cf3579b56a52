"""科目 names against the reference's, code by code (the tables' subject rows).

A name that differs for the same code may be the national classification's renaming (卫生健康支出
since 2019) or a slip. Where the current standard name is known (tables.subjects,
tables.subject_names): the current document printing it is right — nothing said; the reference
printing it while the current document does not is a warning. Otherwise a 提示 to look.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from desktopapp.compare.relation import Relation
from desktopapp.compare.text_found import set_reference
from desktopapp.core.model import CellRef, Document, Finding, Severity
from desktopapp.core.numbers import normalize
from desktopapp.tables.header_trust import POSITION_READ
from desktopapp.tables.structure import coded_subjects
from desktopapp.tables.subject_names import OUTDATED_NAMES
from desktopapp.tables.subjects import FUNCTION_CLASSES

RULE_SUBJECT = "compare_subject_name"

# code → the name in force, as far as it is known.
_STANDARD: dict[str, str] = dict(FUNCTION_CLASSES) | {code: name for code, name in OUTDATED_NAMES.values()}


def _key(name: str) -> str:
    return normalize(name).replace("(", "").replace(")", "").replace("、", "")


Printed = tuple[CellRef, int | None, str]  # (cell, page, name as printed)


def _names_by_code(document: Document) -> dict[tuple[str, str], dict[str, list[Printed]]]:
    """(code kind, code) → name key → where it is printed, over every table's subject rows."""
    out: dict[tuple[str, str], dict[str, list[Printed]]] = defaultdict(lambda: defaultdict(list))
    for table, row, col in coded_subjects(document):
        cells = table.body[row.index]
        page = cells[col].page if col < len(cells) else None
        out[(row.code_kind, row.code)][_key(row.name)].append((CellRef(table.id, row.index, col), page, row.name))
    return out


def _settled(names: dict[str, list[Printed]]) -> str | None:
    """The one name a document prints for a code (most tables); None when it is torn."""
    votes = Counter({key: len({p[0].table for p in printed}) for key, printed in names.items()})
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _fragment(a: str, b: str, by_position: bool) -> bool:
    """One name the start or end of the other in a table read by position alone: a wrapped name
    may have lost a line there."""
    short, long = sorted((a, b), key=len)
    return by_position and (long.startswith(short) or long.endswith(short))


def _by_position(document: Document, printed: list[Printed]) -> bool:
    tables = {p[0].table for p in printed}
    return any(t.strategy in POSITION_READ for t in document.tables if t.id in tables)


def subject_findings(current: Document, reference: Document, relation: Relation) -> list[Finding]:
    if relation is Relation.UNRELATED:
        return []
    mine, theirs = _names_by_code(current), _names_by_code(reference)
    out: list[Finding] = []
    for code_key, names in mine.items():
        if code_key not in theirs:
            continue
        key, key_before = _settled(names), _settled(theirs[code_key])
        if key is None or key_before is None or key == key_before:
            continue
        code = code_key[1]
        printed, printed_before = names[key], theirs[code_key][key_before]
        position = _by_position(current, printed) or _by_position(reference, printed_before)
        if _fragment(key, key_before, position):
            continue
        name, name_before = printed[0][2], printed_before[0][2]
        standard = _key(_STANDARD[code]) if code in _STANDARD else None
        if standard == key:
            continue  # renamed as the classification was
        if standard == key_before:
            severity = Severity.WARNING
            why = f"参考文件的名称为现行科目名称，本文件的“{name}”不是"
        else:
            severity = Severity.INFO
            why = "可能是科目更名，请核对本年政府收支分类科目"
        found = Finding(
            rule=RULE_SUBJECT,
            severity=severity,
            message=f"{code} 科目名称与参考文件不同：本文件为“{name}”，参考文件为“{name_before}”"
            f"（参考文件第 {printed_before[0][1]} 页）；{why}",
            cells=[p[0] for p in printed],
            expected=name_before,
            actual=name,
            page=printed[0][1],
            table=printed[0][0].table,
        )
        out.append(set_reference(found, printed_before[0][1], [p[0] for p in printed_before]))
    return out
