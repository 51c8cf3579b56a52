"""Shared parser for the narrative checks: pages → paragraphs → sentences → quoted figures.

The running text of a disclosure (第三部分 情况说明, 名词解释, 概况) wraps mid-sentence and
sometimes mid-number, so a page's lines are joined (with the next page's start) into
paragraphs before anything is parsed. White space is dropped while joining: the scorer and
the window compare quotes with white space removed, and "2024 年" / "1,587.74 万元" become
one token. The parse is done once per document and cached in `RuleContext.cache`.
A page's lines are read by lines.py.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from desktopapp.core.model import Document
from desktopapp.extract.docinfo import looks_like_organization
from desktopapp.rules.narrative.lines import WIDTH_MAP, Line, lines_of

# ---------------------------------------------------------------- character classes

CJK = "\u4e00-\u9fff"

TERMINAL = "。！？"
SENTENCE_END = TERMINAL + "；：…"
CLAUSE_MARKS = "，,；;。：:！？"

# Heading / list markers at the start of a line.
HEADING_MARK = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分"
    r"|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|\d{1,2}[、．](?!\d)"
    r"|\d{1,2}\.(?!\d{1,3}(?!\d))"
    r"|[（(]\d{1,2}[）)]"
    r"|[①-⑳])"
)
TOP_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．])")
SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")

# A figure with its unit, and a percentage. Applied to white-space-free text.
AMOUNT = re.compile(
    r"(?<![\d.,，])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(万元|亿元|千元|元|万(?![人平户次个吨册件份辆台套亩千公])(?=[（(，。；、）)]|$))"
)
PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)[%％]")
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?=年)")

_HAS_CJK = re.compile(f"[{CJK}]")
_TABLE_FIGURE = re.compile(r"\d[\d,]*\.\d\d")
_SENTENCE_MARK = re.compile(r"[，。；]")
_CLAUSE_MARK = re.compile(r"[，,。；;：:]")
_CONTINUES_FIGURE = re.compile(r"^[\d.,%％）)”万元]")
_SENTENCE = re.compile(r"[^。！？]*(?:[。！？]+|$)")
_DOT_LEADER = re.compile(r"[.．。·…⋯_\-—\s]{3,}\s*\d*\s*$")
_NUMBER_EXPECTING_END = set("占为计达约至到增减降长的额收出费金共是比较于") | {"：", ":"}


def clean_number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


_WS = re.compile(r"\s+")
_LEAD_QIZHONG = re.compile(r"^(?:其中[:：]?)")
_LEAD_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[、.](?!\d)|[①-⑳])+"
)


@lru_cache(maxsize=16384)
def normalize_name(text: str) -> str:
    """A subject / row name for comparison: NFKC, no white space, no numbering, no 其中."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _WS.sub("", t)
    t = _LEAD_QIZHONG.sub("", t)
    t = _LEAD_NUMBERING.sub("", t)
    return _LEAD_QIZHONG.sub("", t)


# ---------------------------------------------------------------- data records


@dataclass
class Paragraph:
    index: int
    start: int  # offset into NarrativeText.flow
    end: int
    text: str
    page: int
    line_count: int
    heading: bool  # a heading line ("一、收入决算情况说明")
    level: int  # 0 body, 1 top heading (一、/第X部分), 2 sub heading (（一）), 3 list item
    ends_page: bool  # the paragraph's last line is the last line of a page (may continue)
    closed: bool  # the paragraph end is certain (short last line / next line is a heading)
    section: str = ""  # innermost heading texts, outermost first, joined with "|"


@dataclass
class Mention:
    """A figure quoted in the text: an amount with its unit or a percentage."""

    kind: str  # "amount" / "percent"
    value: Decimal
    decimals: int
    unit: str  # 万元 / 元 / %
    start: int  # offsets in flow of the number (unit included for amounts)
    end: int
    paragraph: int
    sentence: int
    label: str  # text of the clause before the number (after the previous figure / boundary)


@dataclass
class Sentence:
    index: int
    start: int
    end: int  # exclusive, includes the closing punctuation
    paragraph: int
    mentions: list[int] = field(default_factory=list)


@dataclass
class NarrativeText:
    flow: str
    page_starts: list[tuple[int, int]]  # (offset, page) in ascending offsets
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    mentions: list[Mention]
    headings: list[tuple[int, str]]  # (page, heading text) of narrative pages, in order
    toc: list[tuple[int, str]]  # (page, entry) lines of the 目录
    loose_lines: list[tuple[int, str]]  # text lines of table pages outside the grids (titles)
    year: int | None
    is_final: bool | None
    is_unit: bool
    organization: str | None
    is_template: bool
    placeholder_count: int

    def page_at(self, offset: int) -> int:
        keys = [o for o, _ in self.page_starts]
        i = bisect.bisect_right(keys, offset) - 1
        return self.page_starts[max(i, 0)][1] if self.page_starts else 1

    def paragraph_of(self, offset: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None

    def sentence_text(self, s: Sentence) -> str:
        return self.flow[s.start : s.end]

    def clause_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause (between ，；。： and paragraph breaks) around [start, end)."""
        left = start
        while left > 0 and self.flow[left - 1] not in CLAUSE_MARKS + "\n":
            left -= 1
        right = end
        while right < len(self.flow) and self.flow[right] not in CLAUSE_MARKS + "\n":
            right += 1
        return left, right

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        left = offset
        while left > 0 and self.flow[left - 1] not in TERMINAL + "\n":
            left -= 1
        right = offset
        while right < len(self.flow) and self.flow[right] not in TERMINAL + "\n":
            right += 1
        if right < len(self.flow) and self.flow[right] in TERMINAL:
            right += 1
        return left, right

    def quote(self, start: int, end: int, limit: int = 90) -> str:
        text = self.flow[start:end].replace("\n", "")
        if len(text) > limit:
            text = text[:limit]
        return text

    def section_of(self, offset: int) -> str:
        p = self.paragraph_of(offset)
        return p.section if p else ""


# ---------------------------------------------------------------- paragraphs


_HEADING_WORDS = re.compile(
    r"(说明|情况|概况|职能|设置|构成|解释|目录|决算表|预算表|总表|明细表|安排|依据|主体|方案|周期|目标|概述)[。]?$"
)


def _is_heading_line(text: str) -> bool:
    """A numbered heading: short, no sentence punctuation inside."""
    if not HEADING_MARK.match(text):
        return False
    body = HEADING_MARK.sub("", text, count=1)
    if len(body) > 40 or re.search(r"[，,；;：:、]", body):
        return False
    if "。" in body[:-1]:
        return False
    return not body.endswith("。") or bool(_HEADING_WORDS.search(body))


def _heading_level(text: str) -> int:
    if text.startswith("第") and re.match(r"^第[一二三四五六七八九十]+部分", text):
        return 0
    if TOP_HEADING.match(text):
        return 1
    if SUB_HEADING.match(text):
        return 2
    if HEADING_MARK.match(text):
        return 3
    return 0


def _short_threshold(lines: list[Line]) -> tuple[float | None, float]:
    """(right margin from boxes, full width in char units) of a page's body lines."""
    boxes = [ln.x1 for ln in lines if ln.x1 is not None]
    right = None
    if len(boxes) >= 3:
        boxes.sort()
        right = boxes[int(len(boxes) * 0.8)]
    widths = sorted(ln.width_units for ln in lines)
    full = widths[int(len(widths) * 0.85)] if widths else 0.0
    return right, full


def _line_is_short(line: Line, right: float | None, full: float, strict: bool) -> bool:
    if right is not None and line.x1 is not None:
        slack = right - line.x1
        return slack > (40 if strict else 18)
    if full <= 0:
        return False
    return line.width_units < full * (0.7 if strict else 0.85)


def _below_tables(document: Document, page_number: int, lines: list[Line]) -> list[Line]:
    """Lines printed below every table of a table page (notes, or the narrative starting
    under the last table), when the page's lines and the tables' boxes are known."""
    bottoms = [t.bbox_by_page[page_number].bottom for t in document.tables if page_number in t.bbox_by_page]
    if not bottoms:
        return []
    limit = max(bottoms) + 2
    below = [ln for ln in lines if ln.top is not None and ln.top > limit]
    # prose only: a line of a sentence, not a figure or a signature block
    return below if any(_SENTENCE_MARK.search(ln.text) for ln in below) else []


def _is_toc_page(lines: list[Line]) -> bool:
    head = "".join(ln.text for ln in lines[:3])
    return "目录" in head[:8]


# ---------------------------------------------------------------- document-level facts

_SELF_YEAR = re.compile(r"(?<![比较与同至])(20\d\d)年度?(?:[区市县级]*)(?:部门|单位)?(预算|决算)(?!数|执行)")
_PLACEHOLDER = re.compile(r"[XＸ×]{2,}")


def _vote_year(texts: list[str], is_final: bool | None) -> int | None:
    votes: Counter = Counter()
    for t in texts:
        for m in _SELF_YEAR.finditer(t):
            if is_final is None or (m.group(2) == "决算") == is_final:
                votes[int(m.group(1))] += 1
    return votes.most_common(1)[0][0] if votes else None


def _vote_final(texts: list[str]) -> bool | None:
    joined = "".join(texts[:3])
    f, b = joined.count("决算"), joined.count("预算")
    if f == b == 0:
        return None
    return f > b


_ORG_TAIL = r"(?:局|委员会|委|办公室|中心|处|所|院|站|馆|队|会|厅|部|署|社|校|园|室)"
_ORG_BEFORE_YEAR = re.compile(r"([" + CJK + r"（）()]{4,40}?" + _ORG_TAIL + r")(?:本级)?(?=20\d\d年)")


_ORG_AFTER_LABEL = re.compile(
    r"(?:预算主管部门|编制部门|编制单位|部门名称|单位名称)[:：](["
    + CJK
    + r"（）()]{4,40}?"
    + _ORG_TAIL
    + r")"
)


def _vote_org(texts: list[str]) -> str | None:
    votes: Counter = Counter()
    for t in texts:
        for m in _ORG_AFTER_LABEL.finditer(t):
            votes[m.group(1)] += 2
        for m in _ORG_BEFORE_YEAR.finditer(t):
            name = re.sub(r"^(?:第[一二三四五六七八九十]+部分)", "", m.group(1))
            if len(name) >= 4:
                votes[name] += 1
    # the reader's test of a name (not "1." nor a heading), so both readings agree on what one is
    named = [(name, n) for name, n in votes.most_common() if looks_like_organization(name)]
    return named[0][0] if named else None


# ---------------------------------------------------------------- the parser


def parse_document(document: Document) -> NarrativeText:
    """Pages → paragraphs → sentences → quoted figures, and what the document says of itself."""
    page_lines, doc_full = _read_page_lines(document)
    walk = _walk_pages(document, page_lines, doc_full)
    paragraphs = walk.flow.paragraphs
    _mark_page_ends(paragraphs)
    _assign_sections(paragraphs)
    flow = "".join(walk.flow.parts)
    sentences, mentions = _split_sentences(flow, paragraphs)
    facts = _document_facts(document, walk)
    return NarrativeText(
        flow=flow,
        page_starts=walk.flow.page_starts,
        paragraphs=paragraphs,
        sentences=sentences,
        mentions=mentions,
        headings=[(p.page, p.text) for p in paragraphs if p.heading],
        toc=walk.toc,
        loose_lines=walk.loose,
        year=facts.year,
        is_final=facts.is_final,
        is_unit=facts.is_unit,
        organization=facts.organization,
        is_template=facts.placeholder_count >= 8,
        placeholder_count=facts.placeholder_count,
    )


def _read_page_lines(document: Document) -> tuple[dict[int, list[Line]], float]:
    """Phase 1. Reads every page's text lines; produces them by page number, in page order,
    and the width of a full body line across the document (the 85th percentile of the widths
    of lines longer than 8 characters), for pages too short to tell their own."""
    pages = sorted(document.pages, key=lambda p: p.number)
    page_lines = {p.number: lines_of(p) for p in pages}
    widths = sorted(ln.width_units for lines in page_lines.values() for ln in lines if ln.width_units > 8)
    return page_lines, widths[int(len(widths) * 0.85)] if widths else 0.0


@dataclass
class _Flow:
    """Lines of running text joined into paragraphs of one flow (offsets count the "\\n" that
    ends each paragraph). A paragraph stays open until a line shows where it ends."""

    doc_full: float  # width of a full body line across the document
    parts: list[str] = field(default_factory=list)  # paragraph texts, each with its "\n"
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    offset: int = 0
    current: list[Line] = field(default_factory=list)  # lines of the open paragraph

    def feed(self, lines: list[Line]) -> None:
        """Lines of running text, in reading order, into paragraphs."""
        _mark_short_lines(lines, self.doc_full)
        for ln in lines:
            if self.current and (HEADING_MARK.match(ln.text) or _ends_before(self.current, ln)):
                self.flush(closed=True)
            self.current.append(ln)

    def flush(self, closed: bool) -> None:
        """The open paragraph, if any, is complete (`closed`: its end is certain)."""
        current = self.current
        if not current:
            return
        text = "".join(ln.text for ln in current)
        first = current[0]
        self.page_starts.append((self.offset, first.page))
        for ln in current[1:]:
            if ln.page != self.page_starts[-1][1]:
                # the offset where this line starts
                pos = self.offset + len("".join(x.text for x in current[: current.index(ln)]))
                self.page_starts.append((pos, ln.page))
        para = Paragraph(
            index=len(self.paragraphs),
            start=self.offset,
            end=self.offset + len(text),
            text=text,
            page=first.page,
            line_count=len(current),
            heading=_is_heading_paragraph(current, text, closed),
            level=_heading_level(first.text),
            ends_page=False,
            closed=closed,
        )
        self.paragraphs.append(para)
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        self.current = []


def _mark_short_lines(lines: list[Line], doc_full: float) -> None:
    """Sets `short` / `very_short` of a page's lines against the page's right margin and full
    width (the document's, when the page has few lines or only short ones)."""
    right, full = _short_threshold(lines)
    if full < doc_full * 0.8 or len(lines) < 5:
        full = max(full, doc_full)
    for ln in lines:
        ln.short = _line_is_short(ln, right, full, strict=False)
        ln.very_short = _line_is_short(ln, right, full, strict=True)


def _ends_before(current: list[Line], ln: Line) -> bool:
    """Whether the open paragraph (`current`) ends before line `ln`: after a heading line, a
    short line closing a sentence, a very short line (unless `ln` continues its figure), or
    before a very short heading-like line following a full stop."""
    prev = current[-1]
    return bool(
        (len(current) == 1 and _is_heading_line(prev.text) and (prev.short or _HEADING_WORDS.search(prev.text)))
        or prev.short
        and prev.text[-1] in TERMINAL + "；：:"
        or prev.very_short
        and (
            not _CONTINUES_FIGURE.match(ln.text)
            or (_HEADING_WORDS.search(prev.text) and not _CLAUSE_MARK.search(prev.text))
        )
        or (
            prev.text[-1] in TERMINAL
            and ln.very_short
            and _HEADING_WORDS.search(ln.text)
            and not _CLAUSE_MARK.search(ln.text)
        )
    )


def _is_heading_paragraph(lines: list[Line], text: str, closed: bool) -> bool:
    """A paragraph of one or two lines that is a numbered heading, or an unnumbered title
    ("部门决算情况说明") without punctuation."""
    if len(lines) > 2:
        return False
    if _is_heading_line(text) and (lines[-1].short or bool(_HEADING_WORDS.search(text)) or not closed):
        return True
    if len(text) <= 40 and not re.search(r"[，,。；;：:、]", text):
        return _heading_level(lines[0].text) == 0 and bool(
            re.search(r"(说明|情况|概况|职能|设置|解释|目录|表|决算|预算)$", text)
        )
    return False


@dataclass
class _PageWalk:
    """What the walk over the pages collects besides the running text."""

    flow: _Flow
    toc: list[tuple[int, str]] = field(default_factory=list)  # (page, 目录 entry)
    loose: list[tuple[int, str]] = field(default_factory=list)  # (page, title line of a table page)
    cover_texts: list[str] = field(default_factory=list)  # the text of pages 1–3


def _walk_pages(document: Document, page_lines: dict[int, list[Line]], doc_full: float) -> _PageWalk:
    """Phase 2. Reads the lines of every page in order; produces the paragraphs of the running
    text (narrative pages, and text under a table page's last table), the 目录 entries, the
    loose title lines of table pages and the cover's text. A paragraph running to a page's end
    stays open: it may continue on the next page."""
    narrative_numbers = {p.number for p in document.narrative_pages()}
    walk = _PageWalk(_Flow(doc_full))
    for number, lines in page_lines.items():
        if number <= 3:
            walk.cover_texts.append("".join(ln.text for ln in lines))
        if number not in narrative_numbers:
            _read_table_page(document, number, lines, walk)
        elif _is_toc_page(lines) or _continues_toc(walk.toc, number, lines):
            walk.flow.flush(closed=False)
            _read_toc_lines(number, lines, walk.toc)
        else:
            walk.flow.feed(lines)
    walk.flow.flush(closed=True)
    return walk


def _read_table_page(document: Document, number: int, lines: list[Line], walk: _PageWalk) -> None:
    """A table page ends the open paragraph; its CJK lines without figures are loose titles,
    and running text printed under its last table is fed to the flow."""
    walk.flow.flush(closed=False)
    below = _below_tables(document, number, lines)
    for ln in lines:
        if ln in below:
            continue
        if _HAS_CJK.search(ln.text) and not AMOUNT.search(ln.text) and not _TABLE_FIGURE.search(ln.text):
            walk.loose.append((number, ln.text))
    if below:
        walk.flow.feed(below)


def _continues_toc(toc: list[tuple[int, str]], number: int, lines: list[Line]) -> bool:
    """A page right after a 目录 page holding only short lines without sentence marks."""
    return bool(
        toc
        and toc[-1][0] == number - 1
        and lines
        and all(len(ln.text) <= 45 and not _SENTENCE_MARK.search(ln.text) for ln in lines)
    )


def _read_toc_lines(number: int, lines: list[Line], toc: list[tuple[int, str]]) -> None:
    """The entries of a 目录 page, dot leaders and page numbers dropped; a line that is not
    numbered continues the entry before it."""
    for ln in lines[1:] if lines and lines[0].text.startswith("目") else lines:
        entry = _DOT_LEADER.sub("", ln.raw.translate(WIDTH_MAP)).strip()
        entry = _WS.sub("", entry)
        if not entry or entry in ("目录",):
            continue
        if toc and not HEADING_MARK.match(entry) and not re.match(r"^第[一二三四五六七八九十]+部分", entry):
            toc[-1] = (toc[-1][0], toc[-1][1] + entry)  # an entry wrapped onto a second line
        else:
            toc.append((number, entry))


def _mark_page_ends(paragraphs: list[Paragraph]) -> None:
    """Phase 3. Marks the paragraphs whose last line ended a page (the next paragraph starts
    on another page, or there is none)."""
    for i, p in enumerate(paragraphs):
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        p.ends_page = nxt is None or nxt.page != p.page


@dataclass
class _DocumentFacts:
    year: int | None
    is_final: bool | None
    is_unit: bool
    organization: str | None
    placeholder_count: int


def _document_facts(document: Document, walk: _PageWalk) -> _DocumentFacts:
    """Phase 6. Reads the extractor's facts and, where it knew none, votes over the cover,
    the headings, the 目录 and the loose titles; produces the year, budget or final accounts,
    部门 or 单位, the organization and the count of template placeholders (XX)."""
    paragraphs, toc, loose, cover = walk.flow.paragraphs, walk.toc, walk.loose, walk.cover_texts
    known_kind = document.kind.value != "unknown"
    is_final = document.kind.is_final if known_kind else _vote_final(cover)
    all_texts = [p.text for p in paragraphs] + [t for _, t in toc] + [t for _, t in loose]
    title_texts = [p.text for p in paragraphs if p.heading] + [t for _, t in toc] + [t for _, t in loose]
    # A fact the extractor read as uncertain (sources contradict) is not voted again here.
    read = document.facts or {}
    year = document.year
    if year is None and "year" not in read:
        year = _vote_year(cover + cover + title_texts, is_final)
    organization = document.organization
    if organization is None and "organization" not in read:
        organization = _vote_org(cover + all_texts)
    return _DocumentFacts(
        year=year,
        is_final=is_final,
        is_unit=document.kind.value.startswith("unit_"),
        organization=organization,
        placeholder_count=sum(len(_PLACEHOLDER.findall(t)) for t in all_texts),
    )


def _assign_sections(paragraphs: list[Paragraph]) -> None:
    """Phase 4. Gives each paragraph the texts of the headings it stands under."""
    stack: dict[int, str] = {}
    for p in paragraphs:
        if p.heading and p.level in (0, 1, 2):
            stack = {k: v for k, v in stack.items() if k < p.level}
            stack[p.level] = p.text
        p.section = "|".join(stack[k] for k in sorted(stack))


def _label_before(flow: str, start: int, floor: int) -> str:
    i = start
    while i > floor and flow[i - 1] not in "，,；;。：:、\n":
        i -= 1
    return flow[i:start]


def _split_sentences(flow: str, paragraphs: list[Paragraph]) -> tuple[list[Sentence], list[Mention]]:
    """Phase 5. Reads the paragraphs; produces their sentences and the figures they quote
    (amounts with their unit, percentages), each with the clause before it as its label."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    for p in paragraphs:
        for m in _SENTENCE.finditer(p.text):
            if not m.group(0):
                continue
            sentences.append(Sentence(len(sentences), p.start + m.start(), p.start + m.end(), p.index))
    # figures
    for p in paragraphs:
        spans: list[tuple[int, int, str, Decimal, int, str]] = []
        for m in AMOUNT.finditer(p.text):
            value = clean_number(m.group(1) + ("." + m.group(2) if m.group(2) else ""))
            if value is None:
                continue
            unit = "万元" if m.group(3) == "万" else m.group(3)
            spans.append((m.start(), m.end(), "amount", value, len(m.group(2) or ""), unit))
        for m in PERCENT.finditer(p.text):
            value = clean_number(m.group(1))
            if value is None:
                continue
            dec = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
            spans.append((m.start(), m.end(), "percent", value, dec, "%"))
        spans.sort()
        last_end = 0
        for a, b, kind, value, dec, unit in spans:
            start = p.start + a
            floor = p.start + last_end
            mentions.append(
                Mention(
                    kind, value, dec, unit, start, p.start + b, p.index, -1, _label_before(flow, start, floor)
                )
            )
            last_end = b
    # attach mentions to sentences
    si = 0
    for idx, mt in enumerate(mentions):
        while si < len(sentences) and sentences[si].end <= mt.start:
            si += 1
        if si < len(sentences):
            mt.sentence = si
            sentences[si].mentions.append(idx)
    return sentences, mentions


def narrative_of(document: Document, cache: dict) -> NarrativeText:
    """The parse of `document`, computed once per document and page texts."""
    key = ("narrative_parse", id(document))
    signature = (
        tuple((p.number, len(p.text or ""), len(p.lines)) for p in document.pages),
        (document.year, document.organization, document.kind, document.level),  # the officer may correct them
    )
    hit = cache.get(key)
    if hit is not None and hit[0] is document and hit[1] == signature:
        return hit[2]
    parsed = parse_document(document)
    cache[key] = (document, signature, parsed)
    return parsed
