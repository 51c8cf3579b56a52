"""The narrative against the reference's: warnings where text was carried over that should
have changed. A comparer of the engine: `text_findings(current, reference, relation)`.

Precision first — a warning only where the aligned sentences say it plainly:
- reasons (主要原因是…) word for word the reference's while the figures they explain changed
  (previous year only: a corrected version or a budget may keep its reasons);
- fixed terms the reference's facts explain and the current document's contradict: its level
  (市级 for 区级), its kind (本部门 in a 单位 document), the organisation's old name, last year's
  year in a sentence whose other years moved on;
- an earlier version: every changed sentence, as 提示 (before → after).
科目 names by code: text_subjects.py.
"""

from __future__ import annotations

import re
from collections import Counter

from desktopapp.compare.relation import Relation
from desktopapp.compare.sentences import (
    Pair,
    Sentence,
    align,
    figures_of,
    mask,
    same_words,
    sentences_of,
    words,
)
from desktopapp.compare.text_found import set_reference
from desktopapp.compare.text_subjects import subject_findings
from desktopapp.core.model import DocKind, Document, Finding, Severity

RULE_REASON = "compare_text_reason"
RULE_TERM = "compare_text_term"
RULE_CHANGED = "compare_text_changed"

_SHOWN = 80  # characters of a sentence shown in a message
# The reason of a statement: what follows the marker to the sentence's end.
_REASON = re.compile(r"(?:主要原因(?:是|为|：|:)|原因(?:是|为)|主要是(?:由于|因为)?)")
_DIRECTION = re.compile(r"增加|减少|增长|下降|上升|降低|持平")
_LEVELS = ("省级", "市级", "区级", "县级")
_LEVEL_TERM = re.compile(r"(省级|市级|区级|县级)(?=部门|单位|行政|机关|预算|决算)")
_KIND_TERM = re.compile(r"本(部门|单位)|(部门|单位)(?=预算|决算)")
# A year naming the fiscal year a statement is about (not a law's or a founding's year).
_FISCAL_YEAR = re.compile(
    r"(?<!\d)(20\d\d)年度?(?:当年)?(?:[省市区县]级)?(?:部门|单位)?"
    r"(?=预算|决算|收入|支出|财政拨款|一般公共|政府性|国有资本|三公|机关运行|年初)"
)


def text_findings(current: Document, reference: Document, relation: Relation) -> list[Finding]:
    """The text family's findings of `current` against `reference` under `relation`."""
    if relation is Relation.UNRELATED:
        return []
    pairs = align(sentences_of(reference), sentences_of(current))
    out: list[Finding] = []
    if relation is Relation.PREVIOUS_YEAR:
        out += _reasons(pairs)
    if relation in (Relation.PREVIOUS_YEAR, Relation.EARLIER_VERSION, Relation.BUDGET_OF_FINAL):
        out += _terms(pairs, current, reference, relation)
    if relation is Relation.EARLIER_VERSION:
        out += _changes(pairs, _printed(current), _printed(reference))
    return out + subject_findings(current, reference, relation)


def shown(text: str) -> str:
    text = text.rstrip("。；")
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _both(current: Sentence, reference: Sentence) -> str:
    return f"本文件：“{shown(current.text)}”；参考文件：“{shown(reference.text)}”（参考文件第 {reference.page} 页）"


def _finding(
    rule: str,
    severity: Severity,
    lead: str,
    cur: Sentence,
    ref: Sentence | None,
    shown_pair: tuple[str, str] | None = None,
) -> Finding:
    """A warning showing both texts (`shown_pair`: the texts to show when more than the sentences)."""
    if shown_pair is not None and ref is not None:
        message = f"{lead}。本文件：“{shown(shown_pair[0])}”；参考文件：“{shown(shown_pair[1])}”（参考文件第 {ref.page} 页）"
    else:
        message = f"{lead}。" + (_both(cur, ref) if ref is not None else f"本文件：“{shown(cur.text)}”")
    finding = Finding(rule=rule, severity=severity, message=message, page=cur.page, quote=cur.text[:120])
    return set_reference(finding, ref.page if ref else None, quote=ref.text[:120] if ref else None)


# ---------------------------------------------------------------- reasons


def _split_reason(text: str) -> tuple[str, str] | None:
    """(the statement, its reason) of a sentence giving a reason; None when it gives none."""
    m = _REASON.search(text)
    if m is None:
        return None
    return text[: m.start()], text[m.end() :].rstrip("。；.;")


def _reasons(pairs: list[Pair]) -> list[Finding]:
    out: list[Finding] = []
    before: tuple[Sentence | None, Sentence | None] = (None, None)  # the sentences before, each side
    for pair in pairs:
        cur, ref = pair.current, pair.reference
        previous = before
        before = (cur or before[0], ref or before[1])
        if cur is None or ref is None:
            continue
        mine, theirs = _split_reason(cur.text), _split_reason(ref.text)
        if mine is None or theirs is None or mine[1] != theirs[1] or len(re.sub(r"\W", "", mine[1])) < 4:
            continue
        said, said_before = _statement(mine[0], cur, previous[0]), _statement(theirs[0], ref, previous[1])
        if said is None or said_before is None:
            continue
        # The same statement (figures, years and direction aside) of figures that changed.
        if _DIRECTION.sub("〔向〕", mask(said)) != _DIRECTION.sub("〔向〕", mask(said_before)):
            continue
        figures, figures_before = figures_of(said), figures_of(said_before)
        directions, directions_before = _DIRECTION.findall(said), _DIRECTION.findall(said_before)
        if not figures and not directions:
            continue
        if figures == figures_before and directions == directions_before:
            continue  # nothing the reason explains has changed
        # A reason explaining an increase last year and a decrease now (or the reverse) cannot
        # hold for both: a warning. The same direction with other amounts is common and often
        # right (a standard raised again): a 提示 to confirm, not a warning the officer must clear.
        turned = directions != directions_before
        message = (
            "说明的原因与上年公开文件一字不差，而所说明的增减方向已变化，请核对原因是否沿用上年"
            if turned else "说明的原因与上年公开文件一字不差（所说明的金额已变化），请确认原因仍然适用"
        )
        out.append(
            _finding(
                RULE_REASON,
                Severity.WARNING if turned else Severity.INFO,
                message,
                cur,
                ref,
                (_with_reason(said, mine[0], cur), _with_reason(said_before, theirs[0], ref)),
            )
        )
    return out


def _with_reason(said: str, own: str, sentence: Sentence) -> str:
    """The statement and its reason as one text: "…增加5万元。主要原因是……"."""
    return sentence.text if said == own else said + sentence.text


def _statement(said: str, sentence: Sentence, previous: Sentence | None) -> str | None:
    """What a reason explains: its sentence's words before it, or — a sentence that is only the
    reason ("主要原因是……。") — the sentence before it in the same paragraph."""
    if re.sub(r"\W", "", said):
        return said
    if previous is None or previous.paragraph != sentence.paragraph or _REASON.search(previous.text):
        return None
    return previous.text


# ---------------------------------------------------------------- fixed terms


def _org_key(name: str) -> str:
    """An organisation's name with its usual abbreviations applied (中国共产党 → 中共 …)."""
    return name.replace("中国共产党", "中共").replace("委员会", "委")


def _terms(pairs: list[Pair], current: Document, reference: Document, relation: Relation) -> list[Finding]:
    out: list[Finding] = []
    shifted = _years_moved_on(pairs, current, reference, relation)
    for pair in pairs:
        cur, ref = pair.current, pair.reference
        if cur is None or ref is None:
            continue
        lead = (
            _level_term(cur, ref, current, reference)
            or _kind_term(cur, ref, current, reference)
            or _old_name(cur, ref, current, reference)
            or (_old_year(cur, ref, reference) if shifted and pair.same_wording else None)
        )
        if lead:
            out.append(_finding(RULE_TERM, Severity.WARNING, lead, cur, ref))
    return out


def _level_term(cur: Sentence, ref: Sentence, current: Document, reference: Document) -> str | None:
    if current.level not in _LEVELS or reference.level == current.level:
        return None
    for term in dict.fromkeys(_LEVEL_TERM.findall(cur.text)):
        if term != current.level and term == reference.level and term in _LEVEL_TERM.findall(ref.text):
            return f"正文称“{term}”，本文件为{current.level}，与参考文件（{reference.level}）的同一句相同，可能沿用了参考文件的表述"
    return None


def _kind_word(kind: DocKind) -> str | None:
    if kind in (DocKind.DEPT_BUDGET, DocKind.DEPT_FINAL):
        return "部门"
    if kind in (DocKind.UNIT_BUDGET, DocKind.UNIT_FINAL):
        return "单位"
    return None


def _kind_term(cur: Sentence, ref: Sentence, current: Document, reference: Document) -> str | None:
    mine, theirs = _kind_word(current.kind), _kind_word(reference.kind)
    if mine is None or theirs is None or mine == theirs or mine != "单位":
        return None  # a 部门 document may speak of 本单位; only a 单位's 本部门 is a slip
    used = {a or b for a, b in _KIND_TERM.findall(cur.text)}
    used_before = {a or b for a, b in _KIND_TERM.findall(ref.text)}
    if theirs in used and theirs in used_before and mine not in used:
        return f"本文件为{mine}公开文件，正文却称“{theirs}”，与参考文件（{theirs}公开文件）的同一句相同，可能沿用了参考文件的表述"
    return None


def _old_name(cur: Sentence, ref: Sentence, current: Document, reference: Document) -> str | None:
    name, name_before = current.organization, reference.organization
    if not name or not name_before or len(name_before) < 4:
        return None
    key, key_before = _org_key(name), _org_key(name_before)
    if key == key_before or key_before in key or key in key_before:
        return None
    if name_before in cur.text and name_before in ref.text and name not in cur.text:
        return f"正文仍称“{name_before}”（参考文件的单位名称），本文件的单位为“{name}”"
    return None


def _fiscal_years(text: str) -> list[int]:
    return [int(y) for y in _FISCAL_YEAR.findall(text)]


def _years_moved_on(pairs: list[Pair], current: Document, reference: Document, relation: Relation) -> bool:
    """Whether the text moved its fiscal years on by the documents' difference: most aligned
    sentences naming one did (so one that did not was left behind)."""
    if relation is not Relation.PREVIOUS_YEAR or not current.year or not reference.year:
        return False
    delta = current.year - reference.year
    if delta <= 0:
        return False
    votes: Counter[str] = Counter()
    for pair in pairs:
        if pair.same_wording and pair.current and pair.reference:
            a, b = _fiscal_years(pair.current.text), _fiscal_years(pair.reference.text)
            if a and len(a) == len(b):
                votes["moved" if all(x - y == delta for x, y in zip(a, b)) else "other"] += 1
    return votes["moved"] >= 3 and votes["moved"] >= 3 * votes["other"]


def _old_year(cur: Sentence, ref: Sentence, reference: Document) -> str | None:
    years, years_before = _fiscal_years(cur.text), _fiscal_years(ref.text)
    if not years or years != years_before or reference.year not in years:
        return None
    return f"正文的年份“{reference.year}年”与上年公开文件的同一句相同，而其他语句的年份均已更新，可能漏改"


# ---------------------------------------------------------------- earlier version


def _printed(document: Document) -> str:
    """Every page's text, its punctuation and white space aside (to find a sentence anywhere)."""
    return words("".join(p.text for p in document.pages))


def _changes(pairs: list[Pair], printed: str, printed_before: str) -> list[Finding]:
    """Each sentence changed, added or gone; a sentence "added" or "gone" that the other version
    prints all the same (on a page read as a table page, say) is not."""
    out: list[Finding] = []
    last_page: int | None = None
    for pair in pairs:
        cur, ref = pair.current, pair.reference
        if cur is not None:
            last_page = cur.page
        if cur is not None and ref is not None:
            if not same_words(cur, ref):
                message = f"与较早版本相比，此句已修改：“{shown(ref.text)}” → “{shown(cur.text)}”（较早版本第 {ref.page} 页）"
                found = Finding(
                    rule=RULE_CHANGED,
                    severity=Severity.INFO,
                    message=message,
                    page=cur.page,
                    quote=cur.text[:120],
                )
                out.append(set_reference(found, ref.page, quote=ref.text[:120]))
        elif cur is not None and words(cur.text) not in printed_before:
            found = Finding(
                rule=RULE_CHANGED,
                severity=Severity.INFO,
                message=f"较早版本中没有此句：“{shown(cur.text)}”",
                page=cur.page,
                quote=cur.text[:120],
            )
            out.append(set_reference(found, None))
        elif ref is not None and words(ref.text) not in printed:
            found = Finding(
                rule=RULE_CHANGED,
                severity=Severity.INFO,
                message=f"较早版本中的此句已删去：“{shown(ref.text)}”（较早版本第 {ref.page} 页）",
                page=last_page,
            )
            out.append(set_reference(found, ref.page, quote=ref.text[:120]))
    return out
