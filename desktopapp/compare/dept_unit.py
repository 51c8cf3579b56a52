"""A 部门 document against its 单位's (either way round): table by table, the same subject and
column. A department of one unit prints the unit's figures; otherwise no unit's figure may
stand above the department's same figure."""

from __future__ import annotations

from desktopapp.compare.cells import BLANK_REASON, cell_pairs, same_label_columns
from desktopapp.compare.matching import counterpart_table
from desktopapp.compare.tally import Tally
from desktopapp.core.labels import table_caption
from desktopapp.core.model import DocKind, Document, Finding, Severity
from desktopapp.rules.relation import fmt
from desktopapp.tables.kinds import TableKind, kind_of
from desktopapp.tables.structure import structure_of
from desktopapp.tables.text import clean

RULE = "reference_dept_unit"


def units_of(department: Document) -> int | None:
    """How many units the department lists in its 单位构成 table (None when it prints none)."""
    for table in department.tables:
        if kind_of(table, department) is not TableKind.UNIT_COMPOSITION:
            continue
        structure = structure_of(table, department)
        side = structure.segments[0] if structure.segments else None
        names = []
        for r, row in enumerate(table.body):
            label = side.rows[r].name if side is not None else ""
            label = label or next((clean(c.text) for c in row if clean(c.text) and not clean(c.text).isdigit()), "")
            if label and label not in ("合计", "总计", "小计") and "单位名称" not in label:
                names.append(label)
        return len(names) or None
    return None


def compare_dept_unit(current: Document, reference: Document, established: bool) -> Tally:
    tally = Tally()
    current_is_dept = current.kind in (DocKind.DEPT_BUDGET, DocKind.DEPT_FINAL)
    department = current if current_is_dept else reference
    single = units_of(department) == 1
    for table in current.tables:
        if not table.numeric or not table.body or kind_of(table, current) is TableKind.UNIT_COMPOSITION:
            continue
        ref_table = counterpart_table(table, current, reference)
        if ref_table is None or not ref_table.body:
            tally.unmatched.append((table_caption(table), "参考文件中没有可对应的同类表格"))
            continue
        if table.unit is None or ref_table.unit is None:
            tally.unmatched.append((table_caption(table), "表格未注明单位，无法换算"))
            continue
        mapping = same_label_columns(structure_of(table, current), structure_of(ref_table, reference))
        pairs, unmatched = cell_pairs(current, table, reference, ref_table, mapping)
        tally.unmatched.extend(unmatched)
        for pair in pairs:
            if not pair.readable():
                continue
            if pair.one_blank():
                tally.unmatched.append((f"{table_caption(table)} · {pair.subject} · {pair.column}", BLANK_REASON))
                continue
            tally.matched += 1
            outcome = pair.outcome()  # ours − theirs
            if outcome.severity is None:
                continue
            ours, theirs_value = outcome.actual, outcome.values[0]
            dept_value, unit_value = (ours, theirs_value) if current_is_dept else (theirs_value, ours)
            if not single and (unit_value <= dept_value or dept_value < 0 or unit_value < 0):
                continue
            if not single and unit_value - dept_value <= outcome.tolerance:
                continue  # above only by rounding: nothing to say when the figures need not be equal
            wrong = outcome.severity is Severity.ERROR and established and pair.certain
            said = (f"部门只有一个所属单位，部门与单位的数字应相同：{pair.where}" if single
                    else f"所属单位的数字大于部门：{pair.where}")
            tally.findings.append(Finding(
                RULE, Severity.ERROR if wrong else Severity.WARNING,
                f"{said}：部门 {fmt(dept_value, outcome.decimals)}，单位 {fmt(unit_value, outcome.decimals)}"
                + ("（末位尾差）" if outcome.severity is Severity.WARNING else ""),
                cells=[pair.ref], expected=fmt(theirs_value, outcome.decimals), actual=fmt(ours, outcome.decimals),
                page=pair.page, table=table.id,
                reference_cells=[pair.reference_ref], reference_page=pair.reference_page,
            ))
    return tally
