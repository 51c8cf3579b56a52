"""收支总表 and 财政拨款收支总表 (决算 01 / 04 表): the outline of each side and its totals.

Each side (收入 | 支出) is read as an outline: numbered items ("一、", "（一）", "1.", "201 …")
with their sub-items and "其中：" lists, and unnumbered anchors (本年收入合计, 上年结转结余,
年初结转和结余, 收入总计 …). Relations:
- an item with sub-items equals their sum ("一、本年收入" = (一)+(二)+(三); a "其中" list of two
  or more rows is complete);
- 本年收入合计 / 本年支出合计 = Σ the top items above it;
- 收入总计 / 支出总计 / 总计 = 本年合计 (or the top items) + the items between it and the total
  (上年结转结余, 使用非财政拨款结余, 年末结转结余, 结余分配 …);
- 收入总计 = 支出总计.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktopapp.core.model import Document, Finding, Table
from desktopapp.rules.base import RuleContext
from desktopapp.rules.relation import Operand, sum_finding
from desktopapp.rules.scoped import table_rule
from desktopapp.tables.kinds import SUMMARY_KINDS
from desktopapp.tables.rows import Row, RowRole
from desktopapp.tables.structure import Segment, Structure, known_structure, structure_of

RULE = "summary_sum"
RULE_BALANCE = "summary_balance"

_CARRY_WORDS = ("结转", "结余", "结余分配", "非财政拨款结余")
_SUM_WORDS = ("合计", "总计", "小计")
_GRAND = ("income_grand", "expense_grand")
_YEAR_TOTAL = ("income_total", "expense_total", "subtotal")


@dataclass
class Item:
    row: Row
    anchor: bool
    children: list[Item] = field(default_factory=list)
    qizhong: bool = False


def _is_anchor(row: Row) -> bool:
    """A row the outline does not hang under the item above it: a total or subtotal (its role),
    any row named as a sum ("当年收入合计": which rows it adds is then not claimed), or a
    carry-over line."""
    if row.prefix is not None or row.qizhong:
        return False
    if row.role in (RowRole.TOTAL, RowRole.SUBTOTAL) or row.name.endswith(_SUM_WORDS):
        return True
    return any(w in row.name for w in _CARRY_WORDS) and len(row.name) <= 14


def _meaningful(row: Row) -> bool:
    if row.header_like:
        return False
    if not row.label:
        return False
    return bool(row.name.strip(".…·。、 ")) or row.has_values


def _note_row(layout: Structure, segment: Segment, row: Row) -> bool:
    """A line without figures whose box is merged over the side's figure columns ("（本行为说明，
    不含金额）"): a note across the table, not an item to hang under the row above."""
    cols = segment.value_cols
    return not row.has_values and bool(cols) and all(layout.hidden(row.index, c.index) for c in cols)


def outline(segment: Segment, layout: Structure | None = None) -> list[Item]:
    """The top-level items of one side, children attached (note rows left out when the table's
    `layout` is given)."""
    roots: list[Item] = []
    stack: list[tuple[str, Item]] = []  # (prefix key, item)
    after_anchor = False
    for row in segment.rows:
        if not _meaningful(row) or (layout is not None and _note_row(layout, segment, row)):
            continue
        if _is_anchor(row):
            item = Item(row, anchor=True)
            roots.append(item)
            stack = [("anchor", item)]
            after_anchor = True
            continue
        key = row.prefix or ("qz" if row.qizhong else "plain")
        item = Item(row, anchor=False, qizhong=row.qizhong)
        if key == "plain" and stack and stack[-1][0] == "qz":
            key = "qz"  # an unnumbered row continues a "其中：" list
            item.qizhong = True
        if key == "plain" and after_anchor and stack and stack[-1][0] == "anchor":
            roots.append(item)
            stack = [("anchor", item)]
            continue
        keys = [k for k, _ in stack]
        if key in keys:
            while stack and stack[-1][0] != key:
                stack.pop()
            stack.pop()
        parent = stack[-1][1] if stack else None
        if parent is None or (parent.anchor and _kind(parent.row) in _YEAR_TOTAL + _GRAND):
            roots.append(item)
            stack = [(key, item)]
            after_anchor = False
        else:
            parent.children.append(item)
            stack.append((key, item))
    return roots


def _side_relations(document: Document | None, table: Table, segment: Segment) -> Iterable[Finding]:
    roots = outline(segment, known_structure(table))

    def walk(item: Item) -> Iterable[Finding]:
        kids = item.children
        if kids and not (len(kids) == 1 and kids[0].qizhong):
            yield from _sum(document, table, segment, item.row, [k.row for k in kids], "所列分项之和")
        for kid in kids:
            yield from walk(kid)

    for root in roots:
        yield from walk(root)
    for i, root in enumerate(roots):
        if not root.anchor:
            continue
        parts = _anchor_parts(roots[:i], root)
        if parts:
            name = " + ".join(p.name for p in parts[:4]) if len(parts) <= 4 else "各项之和"
            if root.row.total in _YEAR_TOTAL and all(not p.total for p in parts):
                name = "各项之和"
            yield from _sum(document, table, segment, root.row, parts, name)


def _kind(row: Row) -> str | None:
    """The total a row names; any 小计 row (its role) sums the items since the last total."""
    return "subtotal" if row.role is RowRole.SUBTOTAL else row.total


def _anchor_parts(before: list[Item], root: Item) -> list[Row]:
    """The rows a total anchor adds up, from its place in the outline; none when that is not
    established (several subtotals before a total: which of them it sums is not printed)."""
    kind = _kind(root.row)
    if kind == "subtotal":
        # 当年收入小计: the items since the previous total, never the row above's part.
        start = max((j + 1 for j, r in enumerate(before) if r.anchor), default=0)
        return [r.row for r in before[start:] if not r.anchor]
    if kind not in _YEAR_TOTAL + _GRAND + ("total",):
        return []
    if any(r.anchor and r.row.total is None and r.row.name.endswith(_SUM_WORDS) for r in before):
        return []  # a sum of unknown reach printed above: what this total adds is not established
    year = [j for j, r in enumerate(before) if r.anchor and _kind(r.row) in _YEAR_TOTAL]
    subtotals = [j for j in year if _kind(before[j].row) == "subtotal"]
    if len(subtotals) > 1:
        return []
    if kind in _YEAR_TOTAL and not year:
        return [r.row for r in before if not r.anchor]
    if year:
        # A total after the year's (sub)total: that total + what is printed between them.
        j = year[-1]
        return [before[j].row] + [r.row for r in before[j + 1 :] if r.row.total not in _GRAND]
    if kind in _YEAR_TOTAL:
        return []
    return [r.row for r in before if r.row.total not in _GRAND and r.row.total != "total"]


def _sum(
    document: Document | None, table: Table, segment: Segment, total: Row, parts: list[Row], parts_name: str
) -> Iterable[Finding]:
    layout = known_structure(table)  # read once by check_summary; not re-signed per relation
    for col in segment.value_cols:
        if layout.unestablished(col.index, total, parts):
            continue  # a box merged over this column: its value here is not established
        head = Operand(table, total.index, col.index)
        operands = [Operand(table, p.index, col.index, name=p.name[:12]) for p in parts]
        column = f"（{col.name}）" if len(segment.value_cols) > 1 else ""
        finding = sum_finding(
            RULE, head, operands, subject=f"{total.label}{column}", total_name="", parts_name=parts_name
        )
        if finding:
            yield finding


def _grand_row(segment: Segment) -> Row | None:
    rows = [
        r for r in segment.rows if r.total in _GRAND or (r.total == "total" and r.label in ("总计", "合计"))
    ]
    return rows[-1] if rows else None


def _balance(table: Table, layout: Structure) -> Iterable[Finding]:
    if len(layout.segments) < 2:
        return
    income, expense = layout.segments[0], layout.segments[1]
    a, b = _grand_row(income), _grand_row(expense)
    if a is None or b is None:
        return
    pairs = []
    for ci, ce in zip(income.value_cols, expense.value_cols):
        pairs.append((ci, ce))
    for ci, ce in pairs[:1] if len(income.value_cols) != len(expense.value_cols) else pairs:
        left = Operand(table, a.index, ci.index)
        right = Operand(table, b.index, ce.index, name=b.label)
        if left.cell.is_blank and right.cell.is_blank:
            continue
        finding = sum_finding(
            RULE_BALANCE,
            left,
            [right],
            subject=f"{a.label}与{b.label}",
            total_name=a.label,
            parts_name=b.label,
        )
        if finding:
            yield finding


@table_rule(RULE)
def check_summary(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind not in SUMMARY_KINDS:
        return
    for segment in layout.segments:
        yield from _side_relations(document, table, segment)


@table_rule(RULE_BALANCE)
def check_summary_balance(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    if layout.kind in SUMMARY_KINDS:
        yield from _balance(table, layout)
