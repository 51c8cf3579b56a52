"""“三公”经费: its own sums, and its items against the 基本支出表.

合计 = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费; 公务用车 = 购置费 + 运行费.
When the items are columns, the header relations (row_sum) already test this; here the items
printed as rows (“1、因公出国（境）费用 / 2、公务接待费 / 3、公务用车费 / 其中：…”) are tested.
Across tables: 公务接待费 and 公务用车运行费 are paid from basic expenditure (30217, 30231) and
possibly from projects, so the 三公 figure below its 基本支出表 counterpart is an error and above
it a warning.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Severity, Table
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.relation import (
    Operand,
    cell_amount,
    evaluate,
    finding_from_outcome,
    fmt,
    not_printed,
    sum_finding,
)
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.columns import Column
from desktopapp.tables.kinds import BASIC_KINDS, THREE_PUBLIC_KINDS
from desktopapp.tables.structure import Structure, structure_of
from desktopapp.tables.subjects import economic_item_code

RULE = "three_public_sum"
RULE_VS_BASIC = "three_public_vs_basic"

ITEM_NAMES = {
    "total": "“三公”经费合计",
    "abroad": "因公出国（境）费",
    "car": "公务用车购置及运行费",
    "purchase": "公务用车购置费",
    "run": "公务用车运行费",
    "reception": "公务接待费",
}


def item_of(label: str) -> str | None:
    """Which 三公 item a row or column label names."""
    t = label.replace("其中", "")
    if "机关运行" in t:
        return None
    if "接待" in t:
        return "reception"
    if "出国" in t or "出境" in t:
        return "abroad"
    if "购置" in t and "运行" in t:
        return "car"
    if "公务用车" in t and ("小计" in t or t.rstrip("费用").endswith("公务用车")):
        return "car"
    if "用车费" in t or "车辆" in t and "费" in t:
        return "car"
    if "购置" in t:
        return "purchase"
    if "运行" in t or "运维" in t:
        return "run"
    if "合计" in t or "三公" in t or "总计" in t:
        return "total"
    return None


def _version(col: Column) -> str:
    return "决算数" if "决算" in col.leaf else ("预算数" if "预算" in col.leaf else "")


def _row_items(layout: Structure) -> dict[str, int]:
    items: dict[str, int] = {}
    for segment in layout.segments:
        for row in segment.rows_with_content():
            item = item_of(row.label)
            if item and item not in items:
                items[item] = row.index
    return items


@table_rule(RULE)
def check_three_public(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind not in THREE_PUBLIC_KINDS:
        return
    items = _row_items(layout)
    if len(items) < 3:
        return  # items are columns: the header relations cover them
    for segment in layout.segments:
        for col in segment.value_cols:
            if (
                not any(w in col.label for w in ("合计", "预算", "决算", "一般公共预算", "金额", "数"))
                and len(segment.value_cols) > 1
            ):
                continue
            suffix = f"（{col.leaf}）" if len(segment.value_cols) > 1 else ""
            for total_item, parts_items in (
                ("total", ("abroad", "car", "reception")),
                ("car", ("purchase", "run")),
            ):
                if total_item not in items:
                    continue
                if "car" in parts_items and "car" not in items:
                    parts_items = ("abroad", "purchase", "run", "reception")  # the car line's own parts
                if not all(p in items for p in parts_items):
                    continue  # a part not read: the sum of the others is not the total
                parts = [Operand(table, items[p], col.index, name=ITEM_NAMES[p]) for p in parts_items]
                head = Operand(table, items[total_item], col.index)
                finding = sum_finding(
                    RULE,
                    head,
                    parts,
                    subject=f"{ITEM_NAMES[total_item]}{suffix}",
                    total_name="",
                    parts_name=" + ".join(ITEM_NAMES[p] for p in parts_items),
                )
                if finding:
                    yield finding


# ---------------------------------------------------------------- against 基本支出表


def _three_public_cells(table: Table, layout: Structure, final: bool) -> dict[str, Operand]:
    """The 接待费 and 运行费 cells to compare (决算数 in a 决算 table; 一般公共预算 funds)."""
    out: dict[str, Operand] = {}
    items = _row_items(layout)
    if len(items) >= 3:
        for segment in layout.segments:
            cols = segment.value_cols
            if not cols:
                continue
            filled = [
                c
                for c in cols
                if any(
                    cell_amount(table.body[r][c.index])
                    for r in items.values()
                    if c.index < len(table.body[r])
                )
            ]
            pick = next((c for c in cols if "一般公共预算" in c.label and c in filled), None)
            if pick is None and final:
                pick = next((c for c in cols if "决算" in c.leaf), None)
            pick = pick or cols[0]
            for item in ("reception", "run"):
                if item in items:
                    out[item] = Operand(table, items[item], pick.index, name=ITEM_NAMES[item])
        return out
    rows = [r for s in layout.segments for r in s.rows_with_content() if r.has_values]
    if not rows or layout.header_doubtful:
        return out  # items as columns: which column is which is read from the header
    row = rows[0]
    for col in layout.value_columns:
        item = item_of(col.label.replace("公务用车购置及运行", ""))
        if "购置及运行" in col.label and not any(w in col.leaf for w in ("购置", "运行")):
            item = "car"
        if item not in ("reception", "run"):
            continue
        version = _version(col)
        if final and version and version != "决算数":
            continue
        if not final and version == "决算数":
            continue
        out.setdefault(item, Operand(table, row.index, col.index, name=ITEM_NAMES[item]))
    return out


def _basic_cells(table: Table, layout: Structure) -> dict[str, Operand]:
    out: dict[str, Operand] = {}
    wanted = {"30217": "reception", "30231": "run"}
    for segment in layout.segments:
        cols = [
            c for c in segment.value_cols if "人员" not in c.label and "公用" not in c.label
        ] or segment.value_cols
        if not cols:
            continue
        for row in segment.rows_with_content():
            code = row.code if row.code and not row.inferred else economic_item_code(row.name)
            if code in wanted and wanted[code] not in out:
                out[wanted[code]] = Operand(table, row.index, cols[0].index, name=f"{code} {row.name}")
    return out


@rule(RULE_VS_BASIC)
def check_three_public_vs_basic(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    three = [
        t
        for t in document.tables
        if t.numeric and t.body and structure_of(t, document).kind in THREE_PUBLIC_KINDS
    ]
    basic = [
        t
        for t in document.tables
        if t.numeric and t.body and structure_of(t, document).kind in BASIC_KINDS
    ]
    for t3 in three:
        l3 = structure_of(t3, document)
        final = l3.kind == "final_three_public"
        mine = _three_public_cells(t3, l3, final)
        for tb in basic:
            lb = structure_of(tb, document)
            if (lb.kind == "final_basic_expenditure") != final:
                continue
            theirs = _basic_cells(tb, lb)
            for item, op in mine.items():
                other = theirs.get(item)
                if other is None or not_printed(op.cell) or not_printed(other.cell):
                    continue  # a blank is not printed, never 0: nothing to compare
                outcome = evaluate(op, [other])
                if outcome.severity is None or abs(outcome.difference) <= outcome.tolerance:
                    continue
                d = outcome.decimals
                below = outcome.difference < 0
                what = ITEM_NAMES[item]
                if below:
                    note = f"“三公”经费中的{what}不应少于基本支出中的{other.name}"
                else:
                    note = f"“三公”经费中的{what}多于基本支出中的{other.name}，请核实是否有项目资金安排"
                finding = finding_from_outcome(
                    RULE_VS_BASIC, outcome, op, [other], subject=note, total_name=what, parts_name=other.name
                )
                finding.severity = Severity.ERROR if below else Severity.WARNING
                finding.message = (
                    f"{note}：{t3.title} {what} {fmt(outcome.actual, d)}，{tb.title} {other.name} "
                    f"{fmt(outcome.expected, d)}（差 {fmt(outcome.difference, d)}）"
                )
                yield finding
