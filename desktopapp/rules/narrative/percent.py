"""Percentages and comparisons of the narrative recomputed from the amounts it quotes.

Every quoted figure is rounded, so each is an interval (2106.66 万元 is [2106.655, 2106.665]);
a printed percentage is wrong only when no admissible unrounded amounts could give it.
A percentage off by one unit of its last digit (99.86% for 99.868%) is a rounding tail: warning.

- narrative_share: "A万元，占 P%" of the whole quoted before ("X万元，其中：" / "占本年支出合计的");
- narrative_change: "比上年增加 D万元，增长 P%" (P = D / (N − D)) and "上年 A万元，本年 B万元，增长 P%";
- narrative_completion: "年初预算 A，决算 B，完成年初预算的 P%";
- narrative_budget_final_wording: "决算数大于/小于/等于预算数" against the two amounts quoted;
- narrative_percent_sign: "增长13.95。" — a percentage printed without %.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from desktopapp.core.model import Document, Finding
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import Analysis, analysis_of, finding, fmt, fmt_pct, severity
from desktopapp.rules.narrative.parse import Mention
from desktopapp.rules.narrative.resolve import ITEM, full_label

SHARE = "narrative_share"
CHANGE = "narrative_change"
COMPLETION = "narrative_completion"
WORDING = "narrative_budget_final_wording"
PERCENT_SIGN = "narrative_percent_sign"

Interval = tuple[Decimal, Decimal]
HUNDRED = Decimal(100)


def interval(value: Decimal, decimals: int) -> Interval:
    half = Decimal(5).scaleb(-(decimals + 1))
    return value - half, value + half


def _iv(m: Mention) -> Interval:
    return interval(m.value, m.decimals)


def ratio_range(num: Interval, den: Interval) -> Interval | None:
    """Range of num / den × 100 over the intervals (den must stay positive)."""
    if den[0] <= 0:
        return None
    lo = max(num[0], Decimal(0)) / den[1] * HUNDRED
    hi = num[1] / den[0] * HUNDRED
    return lo, hi


def percent_gap(printed: Mention | tuple[Decimal, int], rng: Interval) -> Decimal:
    """0 when the printed percentage is admissible, else its distance to the admissible range."""
    value, decimals = (printed.value, printed.decimals) if isinstance(printed, Mention) else printed
    lo, hi = interval(value, decimals)
    if hi < rng[0]:
        return rng[0] - hi
    if lo > rng[1]:
        return lo - rng[1]
    return Decimal(0)


def _tail(gap: Decimal, decimals: int) -> bool:
    return gap <= Decimal(1).scaleb(-decimals)


def _best(rng: Interval, decimals: int) -> str:
    return fmt_pct((rng[0] + rng[1]) / 2, decimals)


_DELTA_LABEL = re.compile(r"(增加|减少|增长|下降|上升|降低|减)了?$")
_CHANGE_PCT_LABEL = re.compile(r"(增长|下降|上升|降低|增加|减少|增幅|降幅|增长率|下降率)(了|为)?$")
_SHARE_LABEL = re.compile(r"占(.{0,12}?)(?:的|比例为|比重为)?$")
_COMPLETION_LABEL = re.compile(r"(?:完成|为|达到)(?:年初)?(?:预算|预算数)的?$")
_UP = ("增加", "增长", "上升", "增幅")


def _amounts_before(a: Analysis, idx: int, same_paragraph: bool = True) -> list[int]:
    """Amount mentions before mention `idx`, nearest first (same paragraph)."""
    nt = a.nt
    mt = nt.mentions[idx]
    out = []
    for j in range(idx - 1, -1, -1):
        m = nt.mentions[j]
        if same_paragraph and m.paragraph != mt.paragraph:
            break
        if m.kind == "amount" and m.unit == mt.unit or (m.kind == "amount" and mt.kind == "percent"):
            out.append(j)
    return out


def _is_delta(m: Mention) -> bool:
    return bool(_DELTA_LABEL.search(m.label))


def _candidates_with_table(a: Analysis, j: int) -> list[Interval]:
    """The quoted figure as an interval, plus the table's value for it when it differs."""
    m = a.nt.mentions[j]
    out = [_iv(m)]
    tf = a.table_figure(j)
    if tf is not None:
        out.append((tf, tf))
    return out


# ---------------------------------------------------------------- shares


_LIST_HEAD = re.compile(r"其中[:：]|主要用于(?:以下方面)?[:：]|(?:具体|主要)?包括[:：]")


def _list_head_whole(a: Analysis, part: int) -> int | None:
    """The whole of a part quoted in a "X万元，其中：a万元，占…；b万元，占…" list.

    The part must stand inside the list: a list whose items are separated by "、" ends at the
    first "；" ("…其中：人员经费…、公用经费…；项目支出…" — 项目支出 is not a part of it).
    """
    nt = a.nt
    pm = nt.mentions[part]
    sentence = nt.sentences[pm.sentence]
    text = nt.flow[sentence.start : pm.start]
    heads = list(_LIST_HEAD.finditer(text))
    if not heads:
        # "…X万元，其中：" closing the previous sentence, the part opening this one
        if pm.sentence > 0 and sentence.mentions and sentence.mentions[0] == part:
            prev = nt.sentences[pm.sentence - 1]
            if prev.paragraph == sentence.paragraph or prev.paragraph == sentence.paragraph - 1:
                prev_text = nt.flow[prev.start : prev.end].rstrip("\n")
                if re.search(r"其中[:：]$", prev_text):
                    amounts = [j for j in prev.mentions if nt.mentions[j].kind == "amount"]
                    return amounts[-1] if amounts else None
        return None
    head = heads[-1]
    head_pos = sentence.start + head.start()
    list_start = sentence.start + head.end()
    between = nt.flow[list_start : pm.start]
    first_item = re.search(r"万元", between)
    if first_item:
        rest = between[first_item.end() :]
        dun, semi = rest.find("、"), rest.find("；")
        if dun >= 0 and semi >= 0 and dun < semi:
            return None  # a "、" list closed by "；" before this part
    before = [
        j
        for j in sentence.mentions
        if nt.mentions[j].kind == "amount"
        and nt.mentions[j].end <= head_pos
        and not _is_delta(nt.mentions[j])
    ]
    return before[-1] if before else None


def _named_whole(a: Analysis, idx: int, name: str) -> list[int]:
    nt = a.nt
    name = name.strip()
    if len(name) < 2:
        return []
    out = []
    for j in range(idx - 1, -1, -1):
        m = nt.mentions[j]
        if m.kind == "amount" and full_label(nt, j).endswith(name):
            out.append(j)
    return out


@rule(SHARE)
def share(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for idx, mt in enumerate(nt.mentions):
        if mt.kind != "percent":
            continue
        sm = _SHARE_LABEL.search(mt.label)
        if not sm or mt.label.startswith(("比", "较")):
            continue
        before = _amounts_before(a, idx)
        if not before:
            continue
        part = before[0]
        if nt.mentions[part].end < mt.start - len(mt.label) - 2:
            # the part must be quoted in the same clause run ("A万元，占P%")
            gap_text = nt.flow[nt.mentions[part].end : mt.start - len(mt.label)]
            if re.search(r"[。；]", gap_text) or len(gap_text) > 12:
                continue
        named = sm.group(1)
        wholes = _named_whole(a, idx, named) if named and not named.startswith(("比", "总")) else []
        if wholes:
            designated = wholes[0]
            pool = wholes[:3]
        else:
            designated = _list_head_whole(a, part)
            if designated is None:
                continue  # no whole named or introducing a list: nothing certain to test
            pool = [designated]
        part_ivs = _candidates_with_table(a, part)
        gaps = []
        for w in [designated] + [j for j in pool if j != designated]:
            for p_iv in part_ivs:
                for w_iv in _candidates_with_table(a, w):
                    rng = ratio_range(p_iv, w_iv)
                    if rng is None:
                        continue
                    gaps.append((percent_gap(mt, rng), w, rng))
        if not gaps or any(g == 0 for g, _, _ in gaps):
            continue
        gap, w, rng = next(((g, w_, r) for g, w_, r in gaps if w_ == designated), gaps[0])
        pm, wm = nt.mentions[part], nt.mentions[w]
        exact = _iv(pm)
        rng = ratio_range(exact, _iv(wm)) or rng
        gap = percent_gap(mt, rng)
        tail = _tail(gap, mt.decimals)
        start = pm.start - len(pm.label)
        item = next((it for it in a.items if it.head == part), None)
        if item is not None:
            start = item.start
        yield finding(
            SHARE,
            severity(ctx, SHARE, not tail),
            f"占比不符：{fmt(pm.value, pm.decimals)} ÷ {fmt(wm.value, wm.decimals)} = {_best(rng, mt.decimals)}，"
            f"正文为 {fmt_pct(mt.value, mt.decimals)}" + ("（末位尾差）" if tail else ""),
            nt,
            start,
            mt.end,
            expected=_best(rng, mt.decimals),
            actual=fmt_pct(mt.value, mt.decimals),
        )


# ---------------------------------------------------------------- changes


def _is_previous_year(label: str, year: int | None) -> bool:
    """A figure of the year before: "上年…", "2025年当年预算执行数为" in a 2026 document."""
    if re.search(r"上年|上一年|去年|执行数", label):
        return True
    m = re.search(r"(20\d\d)年", label)
    return bool(m and year and int(m.group(1)) == year - 1)


def _direction(label: str) -> int:
    m = _CHANGE_PCT_LABEL.search(label)
    if not m:
        return 0
    return 1 if m.group(1) in _UP else -1


@rule(CHANGE)
def change(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for idx, mt in enumerate(nt.mentions):
        if mt.kind != "percent":
            continue
        sign = _direction(mt.label)
        if sign == 0 or "（" in mt.label or "(" in mt.label:
            continue
        sentence = nt.sentences[mt.sentence] if mt.sentence >= 0 else None
        if sentence is None:
            continue
        before = [j for j in _amounts_before(a, idx) if nt.mentions[j].sentence >= mt.sentence - 1]
        same_sentence = [j for j in before if nt.mentions[j].sentence == mt.sentence]
        # the change amount: right before the percentage in the same clause run
        delta = None
        if same_sentence:
            j = same_sentence[0]
            between = nt.flow[nt.mentions[j].end : mt.start]
            if _is_delta(nt.mentions[j]) and not re.search(r"[。；]", between) and len(between) <= 12:
                delta = j
        if delta is not None:
            d = nt.mentions[delta]
            d_sign = 1 if re.search(r"(增加|增长|上升)了?$", d.label) else -1
            bases = [j for j in before if j != delta and not _is_delta(nt.mentions[j])]
            bases = [j for j in bases if nt.mentions[j].start < d.start]
            if not bases:
                continue
            d_iv = _iv(d)
            results = []
            for b in bases[:4]:
                for n_iv in _candidates_with_table(a, b):
                    old = (
                        (n_iv[0] - d_iv[1], n_iv[1] - d_iv[0])
                        if d_sign > 0
                        else (n_iv[0] + d_iv[0], n_iv[1] + d_iv[1])
                    )
                    rng = ratio_range(d_iv, old)
                    if rng is None:
                        results.append((Decimal(0), b, None))
                        continue
                    results.append((percent_gap(mt, rng), b, rng))
            if not results or any(g == 0 for g, _, _ in results):
                continue
            message_extra = "；且增减方向与金额不一致" if d_sign != sign else ""
            gap, b, rng = results[0]
            if rng is None:
                continue
            bm = nt.mentions[b]
            tail = _tail(gap, mt.decimals) and d_sign == sign
            start = bm.start - len(bm.label) if bm.sentence == mt.sentence else d.start - len(d.label)
            yield finding(
                CHANGE,
                severity(ctx, CHANGE, not tail),
                f"增减幅度不符：{fmt(d.value, d.decimals)} ÷ ({fmt(bm.value, bm.decimals)} "
                f"{'−' if d_sign > 0 else '+'} {fmt(d.value, d.decimals)}) = {_best(rng, mt.decimals)}，"
                f"正文为 {fmt_pct(mt.value, mt.decimals)}" + message_extra + ("（末位尾差）" if tail else ""),
                nt,
                start,
                mt.end,
                expected=_best(rng, mt.decimals),
                actual=fmt_pct(mt.value, mt.decimals),
                limit=120,
            )
            continue
        # two amounts quoted, the earlier one of the previous year ("上年 A，本年 B，增长 P%")
        pair = [j for j in same_sentence if not _is_delta(nt.mentions[j])][:2]
        if len(pair) < 2:
            continue
        new_j, old_j = pair[0], pair[1]
        if not _is_previous_year(nt.mentions[old_j].label, nt.year) or _is_previous_year(
            nt.mentions[new_j].label, nt.year
        ):
            continue
        results = []
        for n_iv in _candidates_with_table(a, new_j):
            for o_iv in _candidates_with_table(a, old_j):
                if o_iv[0] <= 0:
                    continue
                lo = (n_iv[0] / o_iv[1] - 1) * HUNDRED
                hi = (n_iv[1] / o_iv[0] - 1) * HUNDRED
                signed = interval(mt.value * sign, mt.decimals)
                gap = (
                    Decimal(0)
                    if not (signed[1] < lo or signed[0] > hi)
                    else min(abs(signed[1] - lo), abs(signed[0] - hi))
                )
                results.append((gap, (lo, hi)))
        if not results or any(g == 0 for g, _ in results):
            continue
        gap, (lo, hi) = results[0]
        nm, om = nt.mentions[new_j], nt.mentions[old_j]
        actual_change = (nm.value / om.value - 1) * HUNDRED if om.value else None
        if actual_change is None:
            continue
        wrong_direction = (actual_change > 0) != (sign > 0) and abs(actual_change) > Decimal("0.005")
        tail = _tail(gap, mt.decimals) and not wrong_direction
        word = "增长" if actual_change > 0 else "下降"
        yield finding(
            CHANGE,
            severity(ctx, CHANGE, not tail),
            f"增减幅度不符：由 {fmt(om.value, om.decimals)} 万元到 {fmt(nm.value, nm.decimals)} 万元应为{word} "
            f"{fmt_pct(abs(actual_change), mt.decimals)}，正文为{'增长' if sign > 0 else '下降'} "
            f"{fmt_pct(mt.value, mt.decimals)}" + ("（末位尾差）" if tail else ""),
            nt,
            om.start - len(om.label),
            mt.end,
            expected=fmt_pct(actual_change, mt.decimals),
            actual=fmt_pct(mt.value * sign, mt.decimals),
            limit=140,
        )


# ---------------------------------------------------------------- completion and wording


def _budget_final_pair(a: Analysis, idx: int, start_limit: int, subject: str = "") -> tuple[int, int] | None:
    """(budget mention, final mention) quoted before mention/offset `idx` within the item."""
    nt = a.nt
    final_j = budget_j = None
    for j in range(idx - 1, -1, -1):
        m = nt.mentions[j]
        if m.start < start_limit:
            break
        if m.kind != "amount":
            continue
        label = full_label(nt, j)
        if subject and subject not in label:
            continue
        if final_j is None and "决算" in label:
            final_j = j
        elif final_j is not None and "预算" in label and "决算" not in label and "执行" not in label:
            budget_j = j
            break
    if final_j is None or budget_j is None:
        return None
    return budget_j, final_j


def _scope_start(a: Analysis, offset: int, paragraph: int) -> int:
    p = a.nt.paragraphs[paragraph]
    scope = p.start
    for m in ITEM.finditer(p.text):
        if p.start + m.start() < offset:
            scope = p.start + m.start()
    return scope


@rule(COMPLETION)
def completion(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for idx, mt in enumerate(nt.mentions):
        if mt.kind != "percent" or not _COMPLETION_LABEL.search(mt.label):
            continue
        # the budget and final figures of the same "；"-clause group
        group_start = mt.start
        while group_start > 0 and nt.flow[group_start - 1] not in "；;。\n":
            group_start -= 1
        pair = _budget_final_pair(a, idx, group_start)
        if pair is None:
            continue
        bj, fj = pair
        bm, fm = nt.mentions[bj], nt.mentions[fj]
        rng = ratio_range(_iv(fm), _iv(bm))
        if rng is None:
            continue
        gap = percent_gap(mt, rng)
        if gap == 0:
            continue
        tail = _tail(gap, mt.decimals)
        yield finding(
            COMPLETION,
            severity(ctx, COMPLETION, not tail),
            f"完成比例不符：{fmt(fm.value, fm.decimals)} ÷ {fmt(bm.value, bm.decimals)} = {_best(rng, mt.decimals)}，"
            f"正文为 {fmt_pct(mt.value, mt.decimals)}" + ("（末位尾差）" if tail else ""),
            nt,
            mt.start - len(mt.label),
            mt.end,
            expected=_best(rng, mt.decimals),
            actual=fmt_pct(mt.value, mt.decimals),
        )


_WORDING = re.compile(
    r"决算数?(?:(大于|高于|超过|多于)|(小于|低于|少于)|(等于)|(?:与|同)(?:年初)?预算数?(基本)?(持平|一致|相等))(?:年初)?(?:预算数?)?"
)


@rule(WORDING)
def budget_final_wording(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for p in nt.paragraphs:
        for m in _WORDING.finditer(p.text):
            pos = p.start + m.start()
            if m.group(4):  # 基本持平: a judgement, not a relation to test
                continue
            clause_start = pos
            while clause_start > p.start and nt.flow[clause_start - 1] not in "，。；：\n":
                clause_start -= 1
            subject = "三公" if "三公" in nt.flow[clause_start:pos] else ""
            idx = next((i for i, mt in enumerate(nt.mentions) if mt.start >= pos), len(nt.mentions))
            pair = _budget_final_pair(a, idx, _scope_start(a, pos, p.index), subject)
            if pair is None:
                continue
            bm, fm = nt.mentions[pair[0]], nt.mentions[pair[1]]
            d = min(bm.decimals, fm.decimals)
            half = Decimal(5).scaleb(-(d + 1))
            diff = fm.value - bm.value
            actual_rel = 0 if abs(diff) <= half else (1 if diff > 0 else -1)
            if m.group(1):
                said, word = 1, m.group(1)
            elif m.group(2):
                said, word = -1, m.group(2)
            else:
                said, word = 0, m.group(3) or m.group(5)
            if said == actual_rel:
                continue
            right = {1: "大于", -1: "小于", 0: "等于"}[actual_rel]
            certain = not (said == 0 and m.group(5) == "持平")
            # quote: the final figure's clause and the wording
            start = fm.start - len(fm.label)
            yield finding(
                WORDING,
                severity(ctx, WORDING, certain),
                f"表述与金额矛盾：预算数 {fmt(bm.value, bm.decimals)} 万元、决算数 {fmt(fm.value, fm.decimals)} 万元，"
                f"决算数应{right}预算数，正文写作“{word}”",
                nt,
                start,
                p.start + m.end(),
                expected=right,
                actual=word,
            )


_MISSING_PERCENT = re.compile(
    r"(?:增长|下降|上升|降低|增幅为?|降幅为?|占|完成(?:年初)?(?:预算|预算数)的)(\d+\.\d+|\d+)(?=[，。；,;）)]|$)"
)


@rule(PERCENT_SIGN)
def percent_sign(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt = a.nt
    for p in nt.paragraphs:
        for m in _MISSING_PERCENT.finditer(p.text):
            start = p.start + m.start()
            left, _ = nt.clause_bounds(start, start)
            yield finding(
                PERCENT_SIGN,
                severity(ctx, PERCENT_SIGN, True),
                f"百分数“{m.group(1)}”后缺少“%”",
                nt,
                left,
                p.start + m.end() + 1,
                actual=m.group(0),
            )
