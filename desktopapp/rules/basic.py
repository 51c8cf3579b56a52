"""基本支出表: 人员经费 = 工资福利支出 (301) + 对个人和家庭的补助 (303);
公用经费 = 商品和服务支出 (302) + 资本性支出 (310) (+ 309, 399 where printed).

Two layouts: 合计 | 人员经费 | 公用经费 columns with a 合计 row (the 合计 row's 人员经费 equals
the 301 and 303 rows' 合计), or the 决算 layout with "人员经费合计" / "公用经费合计" rows below
two side-by-side halves.

The classes are a convention, not arithmetic: where the table splits each class row itself and
puts 人员经费 outside 301/303 (some regions count 30228 工会经费, 30229 福利费 as 人员经费) or
公用经费 inside them, the convention does not hold for this document and the rule abstains;
the split rows are checked as sums by the row and column rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, cell_amount, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.kinds import BASIC_KINDS
from desktopapp.tables.rows import Row
from desktopapp.tables.structure import Segment, Structure, structure_of
from desktopapp.tables.subjects import ECONOMIC_CLASSES

RULE = "basic_composition"

PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310", "309", "399")


def _class_rows(layout: Structure) -> list[tuple[Segment, Row]]:
    out = []
    for segment in layout.segments:
        for row in segment.rows_with_content():
            if row.code and row.code_kind == "economic" and len(row.code) == 3:
                out.append((segment, row))
    return out


def _amount_column(segment: Segment) -> int | None:
    cols = segment.value_cols
    if not cols:
        return None
    for col in cols:
        if "人员" not in col.label and "公用" not in col.label:
            return col.index
    return None


def _parts_name(classes: tuple[str, ...], present: list[str]) -> str:
    names = [f"{ECONOMIC_CLASSES[c]}（{c}）" for c in classes if c in present]
    return "＋".join(names) if names else "＋".join(classes)


def _relation(
    table: Table, total: Operand, classes: tuple[str, ...], class_rows: list[tuple[Segment, Row]], label: str
) -> Iterable[Finding]:
    parts = []
    present = []
    for segment, row in class_rows:
        if row.code in classes:
            col = _amount_column(segment)
            if col is not None:
                parts.append(Operand(table, row.index, col, name=row.code or ""))
                present.append(row.code or "")
    if not parts:
        return
    finding = sum_finding(
        RULE, total, parts, subject=label, total_name="", parts_name=_parts_name(classes, present)
    )
    if finding:
        yield finding


def _follows_the_classes(table: Table, class_rows: list[tuple[Segment, Row]], personnel: int, public: int) -> bool:
    """The table's own split of its class rows puts 人员经费 in 301/303 only and 公用经费 elsewhere."""
    for _, row in class_rows:
        cells = table.body[row.index]
        wrong = public if row.code in PERSONNEL_CLASSES else personnel
        if wrong < len(cells) and cell_amount(cells[wrong]):
            return False
    return True


@table_rule(RULE)
def check_basic_composition(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind not in BASIC_KINDS:
        return
    class_rows = _class_rows(layout)
    if not class_rows:
        return
    # 决算 layout: "人员经费合计" / "公用经费合计" rows.
    for segment in layout.segments:
        col = _amount_column(segment) if segment.value_cols else None
        for row in segment.rows:
            if row.total in ("personnel_total", "public_total") and col is not None:
                classes = PERSONNEL_CLASSES if row.total == "personnel_total" else PUBLIC_CLASSES
                yield from _relation(table, Operand(table, row.index, col), classes, class_rows, row.label)
    # Column layout: the 合计 row's 人员经费 / 公用经费 cells.
    for segment in layout.segments:
        personnel = next((c for c in segment.value_cols if "人员经费" in c.label), None)
        public = next((c for c in segment.value_cols if "公用经费" in c.label), None)
        totals = [r for r in segment.rows_with_content() if r.total in ("total",)]
        if (
            personnel is not None
            and public is not None
            and not _follows_the_classes(table, class_rows, personnel.index, public.index)
        ):
            continue  # this document counts other classes as 人员经费 (or the reverse)
        for total in totals:
            if personnel is not None:
                yield from _relation(
                    table,
                    Operand(table, total.index, personnel.index),
                    PERSONNEL_CLASSES,
                    class_rows,
                    "人员经费合计",
                )
            if public is not None:
                yield from _relation(
                    table,
                    Operand(table, total.index, public.index),
                    PUBLIC_CLASSES,
                    class_rows,
                    "公用经费合计",
                )
