"""Years in the narrative that contradict the document's own year.

A 2026 budget compares with 2025 ("比2025年预算增加…"), reports assets "截至2025年…",
and its projects run in 2026; a 2024 final account is the 2024年度部门决算 and reports assets
"截至2024年12月31日". Comparing a year with itself ("2026年预算…比2026年预算增加") or a
heading naming another year is a copy-and-paste slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktopapp.core.model import Document, Finding
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import NarrativeText

YEAR_RULE = "narrative_year"

_SELF_FINAL = re.compile(r"(?<![比较与同])(20\d\d)年度?(?:[区市县级]*)(?:部门|单位)?决算(?!数)")
_SELF_BUDGET = re.compile(r"(?<![比较与同])(20\d\d)年(?:度)?(?:[区市县级]*)(?:部门|单位)预算")
_COMPARE = re.compile(
    r"(?:比|较|与|同)(20\d\d)年度?(?:当年)?(?:的)?(预算|决算)?(?:执行数|数)?(?:相比|持平|增加|减少|增长|下降|上升|降低|比较|一致)"
)
_AS_OF = re.compile(
    r"截[至止](20\d\d)年(?:(\d{1,2})月(?:(\d{1,2})日)?|底|末)?(?=[^。]{0,40}(?:资产|车辆|共有|占有|房屋|设备))"
)
_EXECUTED = re.compile(r"(20\d\d)年(?:当年)?(?:预算)?执行数")
_PERIOD = re.compile(r"(20\d\d)年\d{1,2}月(?:\d{1,2}日)?[-—–~～至到](20\d\d)年\d{1,2}月")


def _texts(nt: NarrativeText):
    """(page, text, flow offset or None) of every paragraph and of the titles on table pages."""
    for p in nt.paragraphs:
        yield p.page, p.text, p.start
    for page, text in nt.loose_lines:
        yield page, text, None


def _line_finding(rule_id, sev, message, page, quote, **kw) -> Finding:
    return Finding(rule=rule_id, severity=sev, message=message, page=page, quote=quote, **kw)


@rule(YEAR_RULE)
def wrong_year(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    year = nt.year
    if year is None or nt.is_template:
        return
    seen: set[tuple[int, str]] = set()

    def emit(page, text, base, m, message, certain, expected):
        key = (page, m.group(0) + str(m.start()))
        if key in seen:
            return None
        seen.add(key)
        if base is None:
            return _line_finding(
                YEAR_RULE,
                severity(ctx, YEAR_RULE, certain),
                message,
                page,
                text[:90],
                expected=expected,
                actual=m.group(1),
            )
        left, right = nt.clause_bounds(base + m.start(), base + m.end())
        return finding(
            YEAR_RULE,
            severity(ctx, YEAR_RULE, certain),
            message,
            nt,
            left,
            right,
            expected=expected,
            actual=m.group(1),
        )

    for page, text, base in _texts(nt):
        if nt.is_final:
            for m in _SELF_FINAL.finditer(text):
                y = int(m.group(1))
                if y != year and not re.match(r"相比|比较", text[m.end() : m.end() + 2]):
                    f = emit(
                        page,
                        text,
                        base,
                        m,
                        f"本文件为{year}年度决算，此处写作“{m.group(0)}”",
                        True,
                        str(year),
                    )
                    if f:
                        yield f
        else:
            for m in _SELF_BUDGET.finditer(text):
                y = int(m.group(1))
                if y != year:
                    f = emit(
                        page, text, base, m, f"本文件为{year}年预算，此处写作“{m.group(0)}”", True, str(year)
                    )
                    if f:
                        yield f
            for m in _EXECUTED.finditer(text):
                if int(m.group(1)) >= year:
                    f = emit(
                        page,
                        text,
                        base,
                        m,
                        f"{year}年预算中的执行数应为{year - 1}年的，此处写作{m.group(1)}年",
                        True,
                        str(year - 1),
                    )
                    if f:
                        yield f
            for m in _PERIOD.finditer(text):
                if int(m.group(2)) < year:
                    f = emit(
                        page,
                        text,
                        base,
                        m,
                        f"{year}年预算所列实施周期在{m.group(2)}年已结束，可能沿用了上年内容",
                        False,
                        str(year),
                    )
                    if f:
                        yield f
        for m in _COMPARE.finditer(text):
            y = int(m.group(1))
            if nt.is_final and m.group(2) == "预算" and y == year:
                continue  # a final account compares with its own year's budget
            if y >= year:
                what = "本年度自身" if y == year else "以后年度"
                f = emit(
                    page,
                    text,
                    base,
                    m,
                    f"与{what}（{y}年）比较：{year}年{'决算' if nt.is_final else '预算'}应与{year - 1}年比较",
                    True,
                    str(year - 1),
                )
                if f:
                    yield f
        for m in _AS_OF.finditer(text):
            y = int(m.group(1))
            if nt.is_final:
                if y != year:
                    certain = y == year - 1 and (m.group(2) in (None, "12"))
                    f = emit(
                        page,
                        text,
                        base,
                        m,
                        f"{year}年度决算的资产情况应截至{year}年末，此处为{y}年",
                        certain,
                        str(year),
                    )
                    if f:
                        yield f
            elif y > year or y < year - 1:
                f = emit(
                    page,
                    text,
                    base,
                    m,
                    f"{year}年预算的资产情况通常截至{year - 1}年，此处为{y}年",
                    False,
                    str(year - 1),
                )
                if f:
                    yield f
