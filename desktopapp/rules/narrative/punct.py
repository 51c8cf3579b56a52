"""Punctuation and sentence shape of the narrative.

- narrative_double_punct: "。。", "，。", "；。" …;
- narrative_paragraph_end: a paragraph ending with "；", or a sentence with no closing mark;
- narrative_brackets: （ / “ / 《 opened and never closed, or closed without being opened, and
  bracket pairs printed in two widths ("因公出国（境)经费");
- narrative_unfinished: "主要原因是。" — a sentence stopping where its content should follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktopapp.core.model import Document, Finding
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import HEADING_MARK

DOUBLE_PUNCT = "narrative_double_punct"
PARAGRAPH_END = "narrative_paragraph_end"
BRACKETS = "narrative_brackets"
UNFINISHED = "narrative_unfinished"

_DOUBLE = re.compile(r"[。，；：、！？][。，；、！？]|[，；、：][：]")
_DOUBLED_CHARS = re.compile(r"([\u4e00-\u9fff])\1")


def _looks_fake_bold(text: str) -> bool:
    """Text drawn twice (fake bold) extracts as "第第三三部部分分": doubled marks mean nothing."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    return cjk >= 6 and len(_DOUBLED_CHARS.findall(text)) * 2 >= cjk * 0.6


def _clause_start(text: str, pos: int, floor: int = 0, marks: str = "，,；;。：:、\n") -> int:
    i = pos
    while i > floor and text[i - 1] not in marks:
        i -= 1
    return i


def _in_run(text: str, start: int, end: int) -> bool:
    """A mark of the pair standing in a row of three or more of itself ("。。。" in a row left
    blank, 。 typed for an ellipsis) fills a space on purpose: no mark typed twice by slip."""
    for i in (start, end - 1):
        lo = hi = i
        while lo > 0 and text[lo - 1] == text[i]:
            lo -= 1
        while hi + 1 < len(text) and text[hi + 1] == text[i]:
            hi += 1
        if hi - lo >= 2:
            return True
    return False


@rule(DOUBLE_PUNCT)
def double_punct(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    for p in nt.paragraphs:
        if _looks_fake_bold(p.text):
            continue
        for m in _DOUBLE.finditer(p.text):
            if _in_run(p.text, m.start(), m.end()):
                continue
            start = p.start + m.start()
            left = max(_clause_start(nt.flow, start, p.start), start - 12)
            marks = m.group(0)
            what = "重复" if marks[0] == marks[1] else "连用"
            yield finding(
                DOUBLE_PUNCT,
                severity(ctx, DOUBLE_PUNCT, True),
                f"标点{what}：“{marks}”",
                nt,
                left,
                p.start + m.end(),
                actual=marks,
                expected=marks[-1] if marks[0] == marks[1] else None,
            )


_PROSE_HINT = re.compile(r"主要原因|主要用于|负责|为|是|包括|安排|增加|减少|持平")


def _is_prose(p) -> bool:
    text = p.text
    if p.heading or len(text) < 12:
        return False
    if not re.search(r"[\u4e00-\u9fff]{6}", text):
        return False
    if re.fullmatch(r"[\d年月日\-—至~～.、，（）()万元]+", text):
        return False
    if not re.search(r"[，,。；;：:]", text) and re.search(r"(表|说明|情况|概况)$", text):
        return False  # a list of titles ("表1.收支总表表2.…")
    return "，" in text or p.line_count >= 2 or bool(_PROSE_HINT.search(text))


def last_two_open(open_ended: list[bool], i: int) -> bool:
    """Whether a neighbour of paragraph `i` also ends without a closing mark."""
    if not open_ended[i]:
        return False
    return (i > 0 and open_ended[i - 1]) or (i + 1 < len(open_ended) and open_ended[i + 1])


@rule(PARAGRAPH_END)
def paragraph_end(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    paras = nt.paragraphs
    # Text laid out as a form or a table read as running text ends line after line without a
    # mark; a genuinely missing full stop is a lone slip among well-ended paragraphs.
    open_ended = [not p.heading and p.text[-1] not in "。！？：:；;…”）)" for p in paras]
    for i, p in enumerate(paras):
        if not p.closed or not _is_prose(p):
            continue
        if last_two_open(open_ended, i):
            continue
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None:
            continue  # the document's last line: often cut by the page layout
        last = p.text[-1]
        next_is_heading = nxt.heading and nxt.level <= 2
        if last in "；;":
            if not next_is_heading:
                continue  # an item of a list goes on
            left = _clause_start(p.text, len(p.text) - 1)
            yield finding(
                PARAGRAPH_END,
                severity(ctx, PARAGRAPH_END, False),
                "段落以分号“；”结束，应为句号“。”",
                nt,
                p.start + left,
                p.end,
                actual="；",
                expected="。",
            )
        elif last not in "。！？：:…”）)" and not (
            nxt.page != p.page and not nxt.heading and not HEADING_MARK.match(nxt.text)
        ):
            if re.search(r"[\d%％]$", p.text) and p.line_count == 1:
                continue
            left = _clause_start(p.text, len(p.text) - (1 if p.text[-1] in "，,、" else 0))
            if HEADING_MARK.match(p.text[left:]) and len(p.text) - left <= 20:
                continue  # the last item of a list of names
            yield finding(
                PARAGRAPH_END,
                severity(ctx, PARAGRAPH_END, False),
                "句子结尾缺少句号",
                nt,
                p.start + left,
                p.end,
                expected="。",
            )


_OPEN = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_SAME_FAMILY = {"（": "（(", "(": "（(", "“": "“", "《": "《", "【": "【"}


@rule(BRACKETS)
def brackets(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    per_paragraph: list[list[tuple[int, str]]] = []
    for p in nt.paragraphs:
        text = p.text
        stack: list[tuple[str, int]] = []
        problems: list[tuple[int, str]] = []
        for i, ch in enumerate(text):
            if ch in _OPEN:
                stack.append((ch, i))
            elif ch in _CLOSE:
                opener = _CLOSE[ch]
                if stack and stack[-1][0] in _SAME_FAMILY[opener]:
                    mark, j = stack.pop()
                    if mark != opener:  # "（境)" / "(类）": a full-width mark closed by a half-width one
                        problems.append((j, f"mixed:{i}"))
                else:
                    # a closing mark with no opener of its kind in the stack
                    k = next(
                        (n for n in range(len(stack) - 1, -1, -1) if stack[n][0] in _SAME_FAMILY[opener]),
                        None,
                    )
                    if k is None:
                        problems.append((i, "close"))
                    else:
                        for _, j in stack[k + 1 :]:
                            problems.append((j, "open"))
                        del stack[k:]
        problems.extend((j, "open") for _, j in stack)
        per_paragraph.append(sorted(problems))
    # a bracket opened at the end of one paragraph and closed at the start of the next was
    # split by the layout (a table cell read as text), not left open
    for i in range(len(per_paragraph) - 1):
        here, nxt = per_paragraph[i], per_paragraph[i + 1]
        if here and nxt and here[-1][1] == "open" and nxt[0][1] == "close":
            a = nt.paragraphs[i].text[here[-1][0]]
            b = nt.paragraphs[i + 1].text[nxt[0][0]]
            if _CLOSE.get(b) and a in _SAME_FAMILY[_CLOSE[b]]:
                here.pop()
                nxt.pop(0)
    for p, problems in zip(nt.paragraphs, per_paragraph):
        text = p.text
        for pos, kind in problems[:3]:
            mark = text[pos]
            if kind.startswith("mixed:"):
                yield _mixed_width(ctx, nt, p, pos, int(kind[6:]))
                continue
            if kind == "open":
                left = _clause_start(text, pos, 0, "，,；;。：:\n")
                end_m = re.search(r"[；;。]", text[pos:])
                right = pos + (end_m.end() if end_m else len(text) - pos)
                right = min(right, pos + 40)
                message = f"“{mark}”没有对应的“{_OPEN[mark]}”"
            else:
                left = _clause_start(text, pos, 0, "，,；;。：:\n")
                end_m = re.search(r"[；;。]", text[pos:])
                right = pos + (end_m.end() if end_m else len(text) - pos)
                message = f"“{mark}”前没有对应的“{_CLOSE[mark]}”"
            yield finding(
                BRACKETS,
                severity(ctx, BRACKETS, False),
                "括号或引号不配对：" + message,
                nt,
                p.start + left,
                p.start + right,
                actual=mark,
            )


def _mixed_width(ctx: RuleContext, nt, p, opener: int, closer: int) -> Finding:
    """A bracket pair printed in two widths: quoted from its clause to just after the closer."""
    text = p.text
    left = max(_clause_start(text, opener, 0, "，,；;。：:\n"), opener - 20)
    tail = re.match(r"[^，,；;。：:、（(“]{0,8}", text[closer + 1 :])
    right = closer + 1 + (tail.end() if tail else 0)
    a, b = text[opener], text[closer]
    width = "全角" if a == "（" else "半角"
    return finding(
        BRACKETS,
        severity(ctx, BRACKETS, False),
        f"括号全角半角混用：{width}“{a}”与“{b}”配对，应为“{a}{_OPEN[a]}”或“{_CLOSE[b]}{b}”",
        nt,
        p.start + left,
        p.start + right,
        actual=a + b,
    )


_UNFINISHED = re.compile(
    r"(主要原因(?:是|为)?|原因(?:是|为)|主要用于|主要包括|具体包括|主要是|其中)[：:，,]?(?=[。；;])"
)


# "…主要原因是" with nothing after it; a closing "：" announces a list and is not checked
_ENDS_UNFINISHED = re.compile(r"(主要原因(?:是|为)|原因(?:是|为)|主要是)[，,]?$")


@rule(UNFINISHED)
def unfinished(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    paras = nt.paragraphs
    for i, p in enumerate(paras):
        for m in _UNFINISHED.finditer(p.text):
            start = p.start + m.start()
            left = max(_clause_start(nt.flow, start, p.start), start - 20)
            yield finding(
                UNFINISHED,
                severity(ctx, UNFINISHED, True),
                f"句子不完整：“{m.group(1)}”后没有内容",
                nt,
                left,
                p.start + m.end() + 1,
            )
        # "…主要原因是" closing a paragraph that a heading or a new item follows
        m = _ENDS_UNFINISHED.search(p.text)
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if m and p.closed and nxt is not None and (nxt.heading or HEADING_MARK.match(nxt.text)):
            start = p.start + m.start()
            left = max(_clause_start(nt.flow, start, p.start), start - 20)
            yield finding(
                UNFINISHED,
                severity(ctx, UNFINISHED, True),
                f"句子不完整：“{m.group(1)}”后没有内容",
                nt,
                left,
                p.end,
            )
