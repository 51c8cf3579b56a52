"""Relations down a column: totals and the hierarchy of codes, units and projects.

- 科目 codes (功能分类 3/5/7 digits, 经济分类 3/5, in one column or split 类|款|项): a row equals
  the sum of its direct children (类 = Σ 款, 款 = Σ 项); the 合计/总计 row the sum of the top rows.
- Unit codes (503 → 503004): a department row equals the sum of its units.
- Tables without codes: "一、…" class rows sum their following rows (经济分类: all 款; 功能分类:
  款 and 项 are told apart by their sums); a department row printed first equals its units.
- 项目支出表: a parent project (or unit) equals the sum of the projects below it, by the
  一级/二级项目 columns or by whether the row names a 项目单位.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, evaluate, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.kinds import BASIC_KINDS, PERFORMANCE_KINDS, PROJECT_KINDS, SUMMARY_KINDS
from desktopapp.tables.rows import Row
from desktopapp.tables.structure import Segment, Structure, known_structure, structure_of
from desktopapp.tables.text import clean

RULE_CODES = "code_hierarchy_sum"
RULE_UNITS = "unit_rows_sum"
RULE_PROJECTS = "project_hierarchy_sum"

_LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}


def _children_name(parent: Row, children: list[Row]) -> str:
    if parent.code_kind == "unit":
        return "所属单位之和"
    if children and children[0].code and parent.code:
        level = _LEVEL_NAMES.get(len(children[0].code))
        if level and parent.code_kind in ("function", "economic"):
            return f"所属{level}级科目之和"
    return "下级科目之和"


def _sum_rows(
    rule: str,
    table: Table,
    segment: Segment,
    parent: Row,
    children: list[Row],
    *,
    total_name: str | None = None,
    parts_name: str | None = None,
) -> Iterable[Finding]:
    if not children:
        return
    layout = known_structure(table)
    for col in segment.value_cols:
        if layout.unestablished(col.index, parent, children):
            continue  # a box merged over this column: its value here is not established
        total = Operand(table, parent.index, col.index)
        parts = [Operand(table, c.index, col.index, name=c.code or c.name[:10]) for c in children]
        name = col.name
        finding = sum_finding(
            rule,
            total,
            parts,
            subject=f"{parent.display}行" if parent.total else parent.display,
            total_name=total_name or name,
            parts_name=parts_name or _children_name(parent, children),
        )
        if finding:
            yield finding


def _total_rows(segment: Segment) -> list[Row]:
    rows = segment.rows_with_content()
    totals = [r for r in rows if r.total in ("total", "income_total", "expense_total")]
    grand = [r for r in totals if r.name != "小计"]
    if grand:
        return grand  # several 小计 rows are group subtotals, not the table's total
    if len(totals) == 1:
        return totals
    # An unlabelled first or last row carrying figures is the total (项目支出表: "", "", 398.85).
    labelled = [r for r in rows if r.label or r.code]
    if rows and labelled and not (rows[0].label or rows[0].code) and rows[0].has_values:
        return [rows[0]]
    if rows and labelled and not (rows[-1].label or rows[-1].code) and rows[-1].has_values:
        return [rows[-1]]
    return []


def _blocks(coded: list[Row]) -> list[list[Row]]:
    """Rows in blocks that restart their codes (a table printed unit by unit repeats 208 …)."""
    blocks: list[list[Row]] = [[]]
    seen: set[str] = set()
    for r in coded:
        if r.code in seen:
            blocks.append([])
            seen = set()
        blocks[-1].append(r)
        seen.add(r.code or "")
    return blocks


def _coded_relations(table: Table, segment: Segment) -> Iterable[Finding]:
    rows = segment.rows_with_content()
    coded = [r for r in rows if r.code and r.code_kind in ("function", "economic", "unit")]
    if not coded:
        return
    blocks = _blocks(coded)
    if len(blocks) > 1:
        for block in blocks:
            yield from _block_relations(table, segment, block, totals=False)
        return
    yield from _block_relations(table, segment, coded, totals=True)


def _block_relations(table: Table, segment: Segment, coded: list[Row], totals: bool) -> Iterable[Finding]:
    for parent in coded:
        below = [
            r
            for r in coded
            if r is not parent
            and r.code_kind == parent.code_kind
            and r.code.startswith(parent.code)  # type: ignore[union-attr]
            and len(r.code) > len(parent.code)  # type: ignore[arg-type]
        ]
        if not below:
            continue
        shortest = min(len(r.code) for r in below)  # type: ignore[arg-type]
        direct = [r for r in below if len(r.code) == shortest]  # type: ignore[arg-type]
        rule = RULE_UNITS if parent.code_kind == "unit" else RULE_CODES
        yield from _sum_rows(rule, table, segment, parent, direct)
    roots = [
        r
        for r in coded
        if not any(o is not r and len(o.code) < len(r.code) and r.code.startswith(o.code) for o in coded)  # type: ignore[arg-type,union-attr]
    ]
    if roots and roots[0].code_kind == "unit":
        # Departments are the shortest codes, even when a unit's code does not extend theirs.
        shortest = min(len(r.code) for r in roots)  # type: ignore[arg-type]
        roots = [r for r in roots if len(r.code) == shortest]  # type: ignore[arg-type]
    for total in _total_rows(segment) if totals else []:
        rule = RULE_UNITS if roots and roots[0].code_kind == "unit" else RULE_CODES
        parts_name = "各单位之和" if rule == RULE_UNITS else "各类之和"
        yield from _sum_rows(rule, table, segment, total, roots, parts_name=parts_name)


def _close(table: Table, segment: Segment, parent: Row, children: list[Row]) -> bool:
    """Whether the children add up to the parent (within rounding) in every value column."""
    for col in segment.value_cols:
        outcome = evaluate(
            Operand(table, parent.index, col.index), [Operand(table, c.index, col.index) for c in children]
        )
        if abs(outcome.difference) > outcome.tolerance:
            return False
    return True


def _split_by_sums(table: Table, segment: Segment, block: list[Row]) -> list[tuple[Row, list[Row]]] | None:
    """Tell 款 from 项 in a codeless class block: each 款 is followed by 项 that add up to it."""
    groups: list[tuple[Row, list[Row]]] = []
    i = 0
    while i < len(block):
        head = block[i]
        j = i + 1
        found = None
        while j < len(block):
            if _close(table, segment, head, block[i + 1 : j + 1]):
                found = j
                break
            j += 1
        if found is None:
            return None
        groups.append((head, block[i + 1 : found + 1]))
        i = found + 1
    return groups


def _outline_relations(table: Table, segment: Segment, layout: Structure) -> Iterable[Finding]:
    rows = [r for r in segment.rows_with_content() if r.name.strip(".…·") or r.has_values]
    classes = [r for r in rows if r.code and r.inferred and len(r.code) == 3]
    if not classes:
        return
    totals = _total_rows(segment)
    for total in totals:
        yield from _sum_rows(RULE_CODES, table, segment, total, classes, parts_name="各类之和")
    economic = layout.kind in BASIC_KINDS or classes[0].code_kind == "economic"
    for n, head in enumerate(classes):
        start = rows.index(head) + 1
        end = rows.index(classes[n + 1]) if n + 1 < len(classes) else len(rows)
        block = [r for r in rows[start:end] if r not in totals and not r.total]
        if not block:
            continue
        if economic:
            yield from _sum_rows(RULE_CODES, table, segment, head, block, parts_name="所属款级科目之和")
            continue
        groups = _split_by_sums(table, segment, block)
        if groups is None:
            continue  # 款 and 项 cannot be told apart; the cross-table checks still see the rows
        yield from _sum_rows(
            RULE_CODES, table, segment, head, [g[0] for g in groups], parts_name="所属款级科目之和"
        )
        for kuan, items in groups:
            yield from _sum_rows(RULE_CODES, table, segment, kuan, items, parts_name="所属项级科目之和")


def _codeless_units(table: Table, segment: Segment) -> Iterable[Finding]:
    """收入总表 by unit without codes: the department row (= the total) and its units."""
    rows = [r for r in segment.rows_with_content() if r.has_values]
    totals = [r for r in rows if r.total]
    others = [r for r in rows if not r.total]
    if len(totals) != 1 or len(others) < 3 or not segment.value_cols:
        return
    first_col = segment.value_cols[0].index
    total_value = Operand(table, totals[0].index, first_col).cell
    dept = others[0]
    if clean(Operand(table, dept.index, first_col).cell.text) != clean(total_value.text):
        return
    yield from _sum_rows(RULE_UNITS, table, segment, dept, others[1:], parts_name="所属单位之和")
    yield from _sum_rows(RULE_UNITS, table, segment, totals[0], [dept], parts_name="部门合计")


def _column_sum_layout(document: Document, table: Table, ctx: RuleContext) -> Structure | None:
    """The layout of a table whose rows add up by code or by unit (not summaries, projects, targets)."""
    if not table.numeric or not table.body:
        return None
    layout = structure_of(table, document)
    if layout.kind in SUMMARY_KINDS or layout.kind in PERFORMANCE_KINDS or layout.kind in PROJECT_KINDS:
        return None
    return layout


@table_rule(RULE_CODES)
def check_code_hierarchy(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    layout = _column_sum_layout(document, table, ctx)
    if layout is None:
        return
    for segment in layout.segments:
        if any(r.code and not r.inferred for r in segment.rows):
            yield from (f for f in _coded_relations(table, segment) if f.rule == RULE_CODES)
        else:
            yield from _outline_relations(table, segment, layout)


@table_rule(RULE_UNITS)
def check_unit_rows(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    layout = _column_sum_layout(document, table, ctx)
    if layout is None:
        return
    for segment in layout.segments:
        if any(r.code and r.code_kind == "unit" for r in segment.rows):
            yield from (f for f in _coded_relations(table, segment) if f.rule == RULE_UNITS)
        elif not any(r.code for r in segment.rows) and layout.kind in (
            "income_summary",
            "general_budget_expenditure_by_unit",
            "entrusted_business",
        ):
            yield from _codeless_units(table, segment)


# ---------------------------------------------------------------- 项目支出表


def _project_levels(table: Table, segment: Segment) -> dict[int, int]:
    """Row index → depth (0 = total). Deeper rows belong to the nearest shallower row above.

    A row naming its 项目单位 is a project (leaf). A row without one is a group: directly
    above projects it is a parent project, above other groups a higher group (类型, 部门,
    单位 — unit codes nest by prefix: 503 → 503004). Printed positions are not trusted, since
    indented names drift between columns.
    """
    rows = segment.rows_with_content()
    levels: dict[int, int] = {}
    totals = {r.index for r in _total_rows(segment)}
    unit_col = next(
        (
            c
            for c in segment.columns
            if c.role in ("name", "text") and "单位" in c.leaf and "资金" not in c.leaf
        ),
        None,
    )
    if unit_col is None:
        return {r.index: (0 if r.index in totals or r.total else 4) for r in rows}

    def is_leaf(r: Row) -> bool:
        cells = table.body[r.index]
        return unit_col.index < len(cells) and bool(cells[unit_col.index].text.strip())

    body = [r for r in rows if r.index not in totals and not r.total]
    for r in rows:
        if r.index in totals or r.total:
            levels[r.index] = 0
    higher: list[Row] = []
    for i, r in enumerate(body):
        if is_leaf(r):
            levels[r.index] = 4
        elif i + 1 < len(body) and is_leaf(body[i + 1]):
            levels[r.index] = 3
        else:
            higher.append(r)
    for r in higher:
        code = r.code or ""
        depth = 1 + sum(
            1
            for o in higher
            if o is not r
            and o.code
            and code.isdigit()
            and code.startswith(o.code)
            and len(o.code) < len(code)
        )
        levels[r.index] = min(depth, 2)
    return levels


@table_rule(RULE_PROJECTS)
def check_project_hierarchy(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind not in PROJECT_KINDS:
        return
    for segment in layout.segments:
        levels = _project_levels(table, segment)
        rows = [r for r in segment.rows_with_content() if r.index in levels]
        for i, parent in enumerate(rows):
            depth = levels[parent.index]
            if depth == 0:
                continue
            below: list[Row] = []
            for r in rows[i + 1 :]:
                if levels[r.index] <= depth:
                    break
                below.append(r)
            if below:
                shallowest = min(levels[r.index] for r in below)
                direct = [r for r in below if levels[r.index] == shallowest]
                yield from _sum_rows(RULE_PROJECTS, table, segment, parent, direct, parts_name="下级项目之和")
        tops = [r for r in rows if levels[r.index] > 0]
        if tops:
            top_level = min(levels[r.index] for r in tops)
            for total in (r for r in rows if levels[r.index] == 0):
                direct = [r for r in tops if levels[r.index] == top_level]
                yield from _sum_rows(RULE_PROJECTS, table, segment, total, direct, parts_name="各项目之和")
