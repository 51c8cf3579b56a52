"""Wording of the narrative: template text left in, contradictory or ungrammatical phrasing,
the organization's name, 部门 wording in a 单位 document, headings against the 目录.

- narrative_template_text: "XX局", "增加（减少）", "下降（增长）", "部门（单位）共有车辆", "（如持平作持平表述）";
- narrative_flat_wording: "比2025年预算持平" (与…持平), "公务接待费0.83万元。与2025年预算持平"
  (a full stop cutting the sentence), "持平。主要原因：…减少支付" (flat, yet explained by a decrease);
- narrative_org_name: the document's organization spelled differently where it speaks of itself;
- narrative_unit_wording: 本部门 / 部门预算 in a 单位 document;
- narrative_heading_vs_toc: a section heading differing from its 目录 entry;
- narrative_toc_table_missing: a table listed in the 目录 that the document does not contain.

A blank template (placeholders everywhere) is not checked for template text: it is one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import CJK, HEADING_MARK, NarrativeText, normalize_name
from desktopapp.tables.scope import Funds, scope_of

TEMPLATE = "narrative_template_text"
FLAT = "narrative_flat_wording"
ORG = "narrative_org_name"
UNIT = "narrative_unit_wording"
HEADING_TOC = "narrative_heading_vs_toc"
TOC_TABLE = "narrative_toc_table_missing"

_CHANGE_WORD = "增加|减少|增长|下降|上升|降低|大于|小于|高于|低于"
_TEMPLATE_PATTERNS = (
    (re.compile(r"[XＸ×]{2,}"), "模板占位符“{0}”未替换"),
    (re.compile(rf"(?:{_CHANGE_WORD})[（(](?:{_CHANGE_WORD})[）)]"), "模板中的备选表述“{0}”未删改"),
    (
        re.compile(r"增加减少|减少增加|增长下降|下降增长|大于小于|小于大于"),
        "相反的两个词“{0}”并列，模板备选表述未删改",
    ),
    (re.compile(r"(?<![增])减加(?=\d)|(?<![增减])加减(?=\d)"), "“{0}”用词矛盾，应为“增加”或“减少”"),
    (
        re.compile(
            rf"(?:本|(?<=[{CJK}]{{2}}[局委办院处站所心会]))部门[（(]单位[）)]|部门[（(]单位[）)](?=共有|所属|无|本级)|单位[（(]部门[）)](?=共有|所属|无)"
        ),
        "模板表述“{0}”未按本文件改写",
    ),
    (
        re.compile(
            r"[（(](?:如持平作持平表述|不涉及的不列|如无此项|此处填写|请填写|按实际填写)[^）)]{0,20}[）)]|按上述格式依次说明"
        ),
        "模板说明文字“{0}”未删除",
    ),
)


def _line_finding(rule_id, sev, message, page, quote, **kw) -> Finding:
    return Finding(rule=rule_id, severity=sev, message=message, page=page, quote=quote[:90], **kw)


def _all_texts(nt: NarrativeText):
    for p in nt.paragraphs:
        yield p.page, p.text, p.start
    for page, text in nt.loose_lines:
        yield page, text, None


@rule(TEMPLATE)
def template_text(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    if nt.is_template:
        return
    sev = severity(ctx, TEMPLATE, True)
    # one pass over the whole text (paragraphs are joined by line breaks no pattern crosses)
    loose = "\n".join(text for _, text in nt.loose_lines)
    starts = list(itertools.accumulate((len(t) + 1 for _, t in nt.loose_lines), initial=0))
    for pattern, message in _TEMPLATE_PATTERNS:
        for m in pattern.finditer(nt.flow):
            left, right = nt.clause_bounds(m.start(), m.end())
            yield finding(
                TEMPLATE, _template_severity(ctx, sev, nt.flow, m), message.format(m.group(0)),
                nt, left, right, actual=m.group(0),
            )
        for m in pattern.finditer(loose):
            k = bisect.bisect_right(starts, m.start()) - 1
            page, text = nt.loose_lines[k]
            yield _line_finding(
                TEMPLATE, _template_severity(ctx, sev, loose, m), message.format(m.group(0)),
                page, text, actual=m.group(0),
            )


_DIRECTION_WORDS = tuple(_CHANGE_WORD.split("|"))
_ZERO_AMOUNT = re.compile(r"\s*[0０](?:\.0+)?\s*(?:万元|元|亿元|%)")


def _template_severity(ctx: RuleContext, sev: Severity, text: str, m: re.Match) -> Severity:
    """Both directions of a change left in ("增加（减少）") before a zero change misstate
    nothing: either word is true of 0, so the leftover wording is a warning, not an error."""
    if sev is Severity.ERROR and m.group(0).startswith(_DIRECTION_WORDS) and _ZERO_AMOUNT.match(text, m.end()):
        return severity(ctx, TEMPLATE, False)
    return sev


_BI_FLAT = re.compile(r"比(?:20\d\d年度?|上年度?|上一年度?|去年)[^，。；]{0,12}?(?<!基本)持平")
_FLAT = re.compile(r"(?<!基本)持平")
_REASON_CHANGE = re.compile(r"减少|增加|下降|增长|上升|降低|压减|调减|调增")


@rule(FLAT)
def flat_wording(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    paras = nt.paragraphs
    for p in paras:
        for m in _BI_FLAT.finditer(p.text):
            left, right = nt.clause_bounds(p.start + m.start(), p.start + m.end())
            yield finding(
                FLAT,
                severity(ctx, FLAT, False),
                "“比…持平”用词不当，应为“与…持平”",
                nt,
                left,
                right,
                expected="与…持平",
                actual=m.group(0),
            )
    for s in nt.sentences:
        text = nt.flow[s.start : s.end]
        # a full stop cutting "X万元。与2025年预算持平" in two
        if text.startswith(("与", "比", "较")) and s.index > 0:
            first_clause = re.split(r"[，；。]", text, maxsplit=1)[0]
            prev = nt.sentences[s.index - 1]
            prev_text = nt.flow[prev.start : prev.end]
            if (
                prev.paragraph == s.paragraph
                and "持平" in first_clause
                and "相比" not in first_clause
                and len(prev_text) <= 24
                and re.search(r"万元。$", prev_text)
            ):
                yield finding(
                    FLAT,
                    severity(ctx, FLAT, False),
                    "句号把一句话断开：应为逗号",
                    nt,
                    prev.start,
                    s.start + len(first_clause),
                    expected="，",
                    actual="。",
                )
        # flat, yet the reason given is a change
        for m in _FLAT.finditer(text):
            after = nt.flow[s.start + m.end() : s.end]
            reason_text = ""
            if after.startswith("。") or after == "":
                nxt = nt.sentences[s.index + 1] if s.index + 1 < len(nt.sentences) else None
                if nxt is not None and nt.flow[nxt.start : nxt.start + 4].startswith("主要原因"):
                    reason_text = nt.flow[nxt.start : nxt.end]
                    if re.fullmatch(
                        r"主要原因(?:是|为)?[：:]\n?", reason_text.strip("\n")
                    ) and s.index + 2 < len(nt.sentences):
                        following = nt.sentences[s.index + 2]
                        reason_text += nt.flow[following.start : following.end]
            else:
                rm = re.match(r"[，,](主要原因[^。]*)", after)
                reason_text = rm.group(1) if rm else ""
            if reason_text and _REASON_CHANGE.search(reason_text):
                left, right = nt.clause_bounds(s.start + m.start(), s.start + m.end())
                yield finding(
                    FLAT,
                    severity(ctx, FLAT, False),
                    f"写作“持平”，但说明的原因是增减变化（“{_REASON_CHANGE.search(reason_text).group(0)}”）",
                    nt,
                    left,
                    right,
                    actual="持平",
                )


@rule(ORG)
def org_name(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    org = nt.organization
    if not org or len(org) < 5 or nt.is_template:
        return
    tail = org[-2:]
    follow = re.compile(r"^(?:20\d\d|所属|共有|本级|无|部门|单位|\d{4})")
    seen: set[str] = set()
    for page, text, base in _all_texts(nt):
        for m in re.finditer(re.escape(tail), text):
            end = m.end()
            if not follow.match(text[end:]):
                continue
            if text.endswith(org, 0, end):
                continue  # spelled as on the cover
            best, best_ratio = None, 0.0
            for k in range(max(4, len(org) - 4), len(org) + 4):
                if end - k < 0:
                    break
                cand = text[end - k : end]
                ratio = SequenceMatcher(None, cand, org).ratio()
                if ratio > best_ratio:
                    best, best_ratio = cand, ratio
            if best is None or best == org or org.endswith(best) or best.endswith(org):
                continue
            if best_ratio < 0.8 or not re.fullmatch(f"[{CJK}（）()]+", best):
                continue
            # the candidate must start at a word boundary (not inside a longer name)
            start = end - len(best)
            if (
                start > 0
                and re.match(f"[{CJK}]", text[start - 1])
                and text[max(0, start - 3) : start] not in ("第三部", "第二部", "第一部")
            ):
                prefix_ok = any(text[:start].endswith(x) for x in ("年", "年度", "，", "：", "、"))
                if not prefix_ok and not text[:start].endswith(("部分",)):
                    continue
            quote = text[start : min(len(text), end + 12)]
            key = best
            if (page, key) in seen:
                continue
            seen.add((page, key))
            msg = f"单位名称写作“{best}”，与本文件的“{org}”不一致"
            if base is None:
                yield _line_finding(
                    ORG, severity(ctx, ORG, False), msg, page, quote, expected=org, actual=best
                )
            else:
                yield finding(
                    ORG,
                    severity(ctx, ORG, False),
                    msg,
                    nt,
                    base + start,
                    base + min(len(text), end + 12),
                    expected=org,
                    actual=best,
                )


# 部门预算 / 部门决算 as the name of the system ("深化部门预算改革", "部门预算管理", "部门预算经济
# 分类") is a fixed term, not the document calling itself a 部门: a head noun after it, or a
# policy verb before it, says so.
_SYSTEM_HEAD = r"(?:改革|管理|制度|体系|编制|支出经济分类|经济分类|工作)"
_POLICY_VERB = r"(?<!深化)(?<!推进)(?<!推行)(?<!实行)(?<!加强)(?<!完善)(?<!规范)(?<!健全)(?<!做好)"
_DEPT_WORDING = re.compile(
    rf"本部门|{_POLICY_VERB}部门(?:预算|决算)(?!{_SYSTEM_HEAD})|部门概况|部门主要职能|部门机构设置|部门收支|部门财务|部门收入|部门支出"
)
_TITLE_LINE = re.compile(r"(?:20\d\d年|^).{0,30}表$")


def _is_a_department(nt: NarrativeText) -> bool:
    names = [re.escape(n) for n in (nt.organization, "本单位", "我单位") if n]
    said = re.compile(rf"(?:{'|'.join(names)})(?:是|为|系)[^。；]{{0,30}}部门[。，；]")
    return any(said.search(p.text) for p in nt.paragraphs)


@rule(UNIT)
def unit_wording(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    """部门 wording in a 单位 document: certain when the cover itself says 单位预算/单位决算."""
    nt = analysis_of(document, ctx).nt
    if not nt.is_unit:
        return
    cover = "".join(p.text for p in nt.paragraphs if p.page <= 2)
    # Certain when the cover says 单位预算/单位决算 — unless the text says the organisation is
    # itself a 部门 ("上海市财政局是…市政府组成部门": the 单位 budget of a department's own
    # organ), where "部门预算" may name the department's budget: then a warning.
    certain = bool(re.search(r"单位(?:预算|决算)", cover)) and not _is_a_department(nt)
    what = "决算" if nt.is_final else "预算"
    seen: set[tuple[int, str]] = set()
    for page, text, base in _all_texts(nt):
        if base is None and not _TITLE_LINE.search(text):
            continue  # on table pages only the titles speak for the document
        for m in _DEPT_WORDING.finditer(text):
            if (page, m.group(0)) in seen:
                continue
            seen.add((page, m.group(0)))
            msg = f"本文件为单位{what}，此处写作“{m.group(0)}”"
            if base is None:
                yield _line_finding(UNIT, severity(ctx, UNIT, certain), msg, page, text, actual=m.group(0))
                continue
            left, right = nt.clause_bounds(base + m.start(), base + m.end())
            yield finding(UNIT, severity(ctx, UNIT, certain), msg, nt, left, right, actual=m.group(0))
    for page, entry in nt.toc:
        m = _DEPT_WORDING.search(entry)
        if m and (page, m.group(0)) not in seen:
            seen.add((page, m.group(0)))
            yield _line_finding(
                UNIT,
                severity(ctx, UNIT, certain),
                f"本文件为单位{what}，目录中写作“{m.group(0)}”",
                page,
                entry,
                actual=m.group(0),
            )


def _marker(text: str) -> tuple[str, str]:
    m = HEADING_MARK.match(text)
    if not m:
        return "", text
    return m.group(0).replace("．", "、").replace(".", "、"), text[m.end() :]


def _clean_entry(text: str) -> str:
    t = re.sub(r"[.．·…⋯_]{2,}.*$", "", text)
    t = re.sub(r"\d+$", "", t)
    return re.sub(r"[“”\"'‘’\s]", "", t)


@rule(HEADING_TOC)
def heading_vs_toc(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    entries = [(_marker(_clean_entry(t))) for _, t in nt.toc]
    entries = [(mk, body) for mk, body in entries if mk]
    if not entries:
        return
    paras = nt.paragraphs
    for i, p in enumerate(paras):
        if not p.heading or p.level > 1:
            continue
        mk, body = _marker(_clean_entry(p.text))
        if not mk:
            continue
        # the 目录 numbers the text's sections and the tables alike: a section heading is
        # compared with section entries, never with a table's name ("四、…情况说明" / "四、…总表")
        same = [b for m, b in entries if m == mk and b.endswith("表") == body.endswith("表")]
        if not same:
            continue
        variants = [body]
        if i + 1 < len(paras) and paras[i + 1].heading and len(paras[i + 1].text) <= 6:
            variants.append(body + _clean_entry(paras[i + 1].text))
        if any(v == b for v in variants for b in same):
            continue
        ratio, best = max((SequenceMatcher(None, body, b).ratio(), b) for b in same)
        if ratio < 0.75:
            continue
        yield finding(
            HEADING_TOC,
            severity(ctx, HEADING_TOC, False),
            f"标题“{mk}{body}”与目录中的“{mk}{best}”不一致",
            nt,
            p.start,
            p.end,
            expected=mk + best,
            actual=mk + body,
        )


def _title_key(text: str) -> str:
    t = normalize_name(_clean_entry(text))
    t = re.sub(r"^(?:(?:附表|表)\d{1,2}(?:-\d{1,2})?[、.．]?|\d{1,2}(?:-\d{1,2})?[、.．])", "", t)
    t = re.sub(r"^公开\d+表", "", t)
    t = re.sub(r"20\d\d年度?", "", t)
    t = re.sub(r"^(?:部门|单位)", "", t)
    return t.replace("（", "(").replace("）", ")")


def _similar_title(a: str, b: str) -> bool:
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= 0.88 and matcher.quick_ratio() >= 0.88 and matcher.ratio() >= 0.88


_MOST_MISSING = 3


def _same_table(key: str, title: str, organization: str | None) -> bool:
    """A 目录 entry naming a table whose printed title may put the organisation before the
    name ("2017年度江苏省高级人民法院部门收支预算总表" for "收支预算总表")."""
    if key == title or _similar_title(key, title):
        return True
    shorter, longer = sorted((key, title), key=len)
    if longer.startswith(shorter):  # "一般公共预算支出预算表（功能科目）": a qualifier after the name
        return bool(_QUALIFIER.fullmatch(longer[len(shorter) :]))
    if not longer.endswith(shorter):
        return False
    prefix = longer[: -len(shorter)]  # must name the organisation, not narrow the table
    return prefix.endswith(("部门", "单位")) or bool(organization and prefix.endswith(organization))


_QUALIFIER = re.compile(r"[（(][^（）()]{1,8}[）)]")

# A scope named before a table's name in the 目录 ("一般公共预算“三公”经费…表") that the printed
# title may leave out when the table covers those funds anyway.
_FUNDS_PREFIXES = (
    ("一般公共预算", Funds.GENERAL_BUDGET),
    ("政府性基金预算", Funds.GOV_FUND),
    ("国有资本经营预算", Funds.STATE_CAPITAL),
    ("财政拨款", Funds.FISCAL),
)


def _scoped_match(key: str, tables: list[tuple[str, Funds, bool]], organization: str | None) -> bool:
    """The entry minus its scope prefix names a table whose title names no funds while its kind
    covers exactly the funds the prefix names."""
    funds = next((f for word, f in _FUNDS_PREFIXES if key.startswith(word)), None)
    if funds is None:
        return False
    rest = key[len(next(w for w, f in _FUNDS_PREFIXES if f is funds)) :]
    return any(
        covers is funds and not names_funds and _same_table(rest, title, organization)
        for title, covers, names_funds in tables
        if title
    )


@rule(TOC_TABLE)
def toc_table_missing(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    if not document.tables:
        return
    toc = [(1, t) for t in document.toc] if document.toc else nt.toc
    in_tables = False
    titles = [_title_key(t.title) for t in document.tables if t.title]
    scoped = [
        (_title_key(t.title), scope_of(t.kind, t.title).funds, any(w in t.title for w, _ in _FUNDS_PREFIXES))
        for t in document.tables
        if t.title
    ]
    listed = 0
    missing: list[tuple[int, str]] = []
    for page, entry in toc:
        clean = _clean_entry(entry)
        if re.match(r"^第[一二三四五六七八九十]+部分", clean):
            in_tables = "表" in clean[-3:] or "预算表" in clean or "决算表" in clean
            continue
        key = _title_key(clean)
        is_table = key.endswith("表") and (in_tables or len(key) >= 4)
        if not is_table:
            continue
        listed += 1
        if any(_same_table(key, t, document.organization) for t in titles if t):
            continue
        if _scoped_match(key, scoped, document.organization):
            continue
        missing.append((page, clean))
    if len(missing) >= _MOST_MISSING and 2 * len(missing) > listed:
        # Most entries unmatched: the tables' titles were not read the way the 目录 names them
        # (a premise of this check), not most tables left out. One finding says so.
        page, clean = missing[0]
        yield _line_finding(
            TOC_TABLE,
            severity(ctx, TOC_TABLE, False),
            f"目录列出的 {listed} 张表中有 {len(missing)} 张未能与文档中的表格标题对应，"
            "可能是表格标题未按目录读出，请人工核对目录与各表",
            page,
            clean,
        )
        return
    for page, clean in missing:
        yield _line_finding(
            TOC_TABLE,
            severity(ctx, TOC_TABLE, False),
            f"目录列出的“{clean}”在文档中未找到对应的表",
            page,
            clean,
            actual=clean,
        )
