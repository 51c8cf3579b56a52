"""Amounts quoted in the narrative against the tables, against each other, and parts vs whole.

- narrative_amount_vs_table: a figure of the text ≠ the table cell that prints it (compared
  at the text's precision: 208.8 万元 matches 2,087,959.00 元); a blank cell is not printed,
  never 0 (a hint that it could not be checked);
- narrative_item_two_amounts: one 科目 item quoted with two different amounts;
- narrative_parts_sum: "X万元，其中：a万元、b万元、c万元" where a + b + c ≠ X.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, fmt, severity
from desktopapp.rules.narrative.resolve import admissible
from desktopapp.rules.narrative.tables import TableValue, to_wan
from desktopapp.rules.relation import not_printed, with_printed

AMOUNT_VS_TABLE = "narrative_amount_vs_table"
ITEM_TWO_AMOUNTS = "narrative_item_two_amounts"
PARTS_SUM = "narrative_parts_sum"


def _unit_text(unit: str) -> str:
    return "元" if unit == "元" else "万元"


def _matches_other_column(tv, mt) -> bool:
    """Whether the quoted figure is printed in another column of the same table row."""
    if tv.row < 0:
        return False
    for j, cell in enumerate(tv.table.body[tv.row]):
        if j == tv.col or cell.amount is None:
            continue
        if admissible(mt.value, mt.decimals, mt.unit, to_wan(tv.table, cell.amount))[0]:
            return True
    return False


@rule(AMOUNT_VS_TABLE)
def amount_vs_table(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for idx in sorted(a.resolutions):
        res = a.resolutions[idx]
        mt = nt.mentions[idx]
        tv = res.candidates[0]
        ok, diff, tail = admissible(mt.value, mt.decimals, mt.unit, tv.value)
        if ok:
            continue
        in_other = any(admissible(mt.value, mt.decimals, mt.unit, o.value)[0] for o in res.others)
        table_empty = tv.blank and tv.table.is_empty
        # a blank cell among printed figures is not printed (merged across columns, or left
        # out), never 0: said as a hint, not a disagreement
        unprinted = not table_empty and tv.row >= 0 and not_printed(tv.table.body[tv.row][tv.col])
        # a figure the text places in one column ("本年收入中，…") taken from the next column is
        # the slip itself, not a doubt about which column is meant
        in_row = _matches_other_column(tv, mt)
        doubt_row = in_row and not res.context
        certain = not tail and not table_empty and not doubt_row and not (res.item is not None and in_other)
        unit = _unit_text(mt.unit)
        factor = Decimal(10000) if mt.unit == "元" else Decimal(1)
        expected = fmt(tv.value * factor, max(mt.decimals, 2))
        actual = fmt(mt.value, mt.decimals)
        if table_empty:
            message = f"正文“{res.what}”为 {actual} {unit}，但{tv.table.title}中该数未填列（表为空）"
        elif unprinted:
            message = f"正文“{res.what}”为 {actual} {unit}，{tv.table.title}中对应的单元格为空白，未能核对"
        else:
            message = (
                f"正文“{res.what}”为 {actual} {unit}，与{tv.table.title}所列 {_in_force(tv, expected, unit)}不一致"
                f"（差 {fmt(diff, max(mt.decimals, 2))}）"
            )
            if tail:
                message += "，属末位尾差"
            elif in_row and res.context:
                message += f"，与同一行另一栏的数字相符，但“{res.context}”所指的是本年数"
            elif in_row:
                message += "，但与同一行另一栏的数字相符（请核对所对应的栏目）"
            elif res.item is not None and in_other:
                message += "，但与其他表中的同一科目相符"
        start = mt.start - len(mt.label) if res.context_start is None else res.context_start
        if res.item is not None and res.item.head == idx and mt.start - res.item.start <= 60:
            start = res.item.start
        yield finding(
            AMOUNT_VS_TABLE,
            Severity.INFO if unprinted else severity(ctx, AMOUNT_VS_TABLE, certain),
            message,
            nt,
            start,
            mt.end,
            cells=[tv.ref] if tv.ref is not None else [],
            expected=expected,
            actual=actual,
            difference=fmt(diff, max(mt.decimals, 2)),
            table=tv.table.id,
        )


@rule(ITEM_TWO_AMOUNTS)
def item_two_amounts(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    """One 科目 item quoted with two different amounts (when no table settles which is right)."""
    a = analysis_of(document, ctx)
    nt = a.nt
    for it in a.items:
        amounts = [m for m in it.amounts if nt.mentions[m].unit != "元"]
        if len(amounts) < 2 or any(m in a.resolutions for m in amounts):
            continue
        first = nt.mentions[amounts[0]]
        for m in amounts[1:]:
            other = nt.mentions[m]
            d = min(first.decimals, other.decimals)
            half = Decimal(5).scaleb(-(d + 1))
            if abs(first.value - other.value) <= half:
                continue
            yield finding(
                ITEM_TWO_AMOUNTS,
                severity(ctx, ITEM_TWO_AMOUNTS, True),
                f"同一科目“{''.join(it.names)}”前后金额不一致：{fmt(first.value, first.decimals)} 万元与 "
                f"{fmt(other.value, other.decimals)} 万元",
                nt,
                other.start - len(other.label),
                other.end,
                expected=fmt(first.value, first.decimals),
                actual=fmt(other.value, other.decimals),
                difference=fmt(other.value - first.value, max(first.decimals, other.decimals)),
            )


_CHANGE_WORDS = re.compile(r"比|较|增加|减少|增长|下降|持平|相比|上年|同比")
_EXHAUSTIVE = (
    ("货物", "工程", "服务"),
    ("基本支出", "项目支出"),
    ("人员经费", "公用经费"),
    ("本年", "上年"),
)


def _whole_and_parts(nt, sentence) -> tuple[int, list[int], int] | None:
    """(whole mention, part mentions, end offset) of a "…X万元，其中：a、b…" sentence."""
    text_start = sentence.start
    s_text = nt.flow[sentence.start : sentence.end]
    pos = s_text.find("其中")
    if pos < 0:
        return None
    qi = text_start + pos
    amounts = [m for m in sentence.mentions if nt.mentions[m].kind == "amount"]
    before = [m for m in amounts if nt.mentions[m].end <= qi]
    if not before:
        return None
    whole = before[-1]
    if _CHANGE_WORDS.search(nt.mentions[whole].label):
        return None
    after = [m for m in amounts if nt.mentions[m].start > qi]
    if len(after) < 2:
        return None
    # the list runs to "；" when its items are separated by "、", else to the sentence end
    first_end = nt.mentions[after[0]].end
    rest = nt.flow[first_end : sentence.end]
    sep_pos = {ch: rest.find(ch) for ch in "、；;"}
    dun = sep_pos["、"]
    semi = min((p for ch, p in sep_pos.items() if ch != "、" and p >= 0), default=-1)
    end = sentence.end
    if dun >= 0 and (semi < 0 or dun < semi) and semi >= 0:
        end = first_end + semi
    second_qi = nt.flow.find("其中", qi + 2, end)
    if second_qi >= 0:
        end = second_qi
    parts = [
        m
        for m in after
        if nt.mentions[m].end <= end
        and not _CHANGE_WORDS.search(nt.mentions[m].label)
        and "占" not in nt.mentions[m].label
    ]
    if len(parts) < 2 or any(nt.mentions[m].unit != nt.mentions[whole].unit for m in parts):
        return None
    return whole, parts, nt.mentions[parts[-1]].end


@rule(PARTS_SUM)
def parts_sum(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for s in nt.sentences:
        found = _whole_and_parts(nt, s)
        if found is None:
            continue
        whole, parts, end = found
        w = nt.mentions[whole]
        values = [nt.mentions[m] for m in parts]
        total = sum((v.value for v in values), Decimal(0))
        decimals = max([w.decimals] + [v.decimals for v in values])
        diff = total - w.value
        if diff == 0:
            continue
        unit_step = Decimal(1).scaleb(-decimals)
        tolerance = Decimal(5).scaleb(-(decimals + 1)) * (len(values) + 1)
        labels = "".join(v.label for v in values)
        exhaustive = any(all(k in labels for k in group) for group in _EXHAUSTIVE)
        tail = abs(diff) <= max(tolerance, unit_step)
        # a shortfall may only mean the list names some of the parts
        certain = not tail and not (diff < 0 and not exhaustive)
        parts_text = " + ".join(fmt(v.value, v.decimals) for v in values)
        message = (
            f"“其中”所列各项之和 {parts_text} = {fmt(total, decimals)} 万元，与总数 {fmt(w.value, w.decimals)} 万元"
            f"不一致（差 {fmt(diff, decimals)}）" + ("，属尾差" if tail else "")
        )
        yield finding(
            PARTS_SUM,
            severity(ctx, PARTS_SUM, certain),
            message,
            nt,
            w.start - len(w.label),
            end,
            expected=fmt(w.value, w.decimals),
            actual=fmt(total, decimals),
            difference=fmt(diff, decimals),
            limit=160,
        )


def _in_force(tv: TableValue, shown: str, unit: str) -> str:
    """The table's figure in the message: the value in force and, when the officer corrected the
    cell, the printed one (in the table's own unit when it differs)."""
    text = f"{shown} {unit}"
    if tv.row < 0:
        return text
    own = tv.table.unit if tv.table.unit and tv.table.unit != unit else ""
    return with_printed(tv.table.body[tv.row][tv.col], text, own)
