"""The printed lines around a table: number, title, 单位 line, 编制单位 line, notes below."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.numbers import normalize
from desktopapp.extract.text import Fragment, Line, fragments

# A table's printed number ("表3", "附表3", "附件3", "表一", "表1-2", "公开表1", "公开01表").
_LABEL = r"(?:附表|附件|公开表|表)\s*[0-9一二三四五六七八九十]+(?:\s*[-—－]\s*[0-9]+)?|公开\s*[0-9]+\s*表"
NUMBER_PREFIX = re.compile(rf"^\s*({_LABEL})\s*[、.．:：]?\s*")
_NUMBER_ONLY = re.compile(rf"^({_LABEL})$")
_UNIT = re.compile(r"[（(]?\s*(?:计量|金额)?单位[:：]\s*(?:人民币)?\s*(万元|千元|亿元|元)\s*[)）]?\s*$")
# A 单位 line wrapped before its unit ends: "单位：" | "万元", "金额单位：万" | "元".
_UNIT_OPEN = re.compile(r"[（(]?\s*(?:计量|金额)?单位[:：]\s*(?:人民币)?\s*(万|千|亿)?\s*$")
_UNIT_REST = re.compile(r"^\s*(万元|千元|亿元|元)?\s*[)）]?\s*$")
_ORG = re.compile(r"^(编制单位|编制部门|填报单位|单位名称|部门名称|预算单位|部门|单位)([（(][^)）]{0,6}[)）])?[:：]")
_CONTINUED = re.compile(r"[（(]\s*续\s*[)）]\s*$|^续表")
_NOTE_START = re.compile(r"^(注|备注|说明|附注)\s*[0-9一二三四五六七八九十]*\s*[:：]|^注[0-9一二三四五六七八九十]|^本(单位|部门)[^，。]{0,20}无")
_FORMULA = re.compile(r"\d+\s*(栏|行)[^，。]{0,30}[=＝]|[=＝]\s*[（(]?\s*\d+\s*[+＋]")
_PAGE_NUMBER = re.compile(r"^[-—－\s]*(第\s*)?\d{1,4}\s*(页)?[-—－\s]*$|^[-—－]?\s*\d{1,4}\s*/\s*\d{1,4}$")
_ORDINAL_PREFIX = re.compile(r"^([一二三四五六七八九十]+[、.．]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d))\s*")
_TITLE_WORD = re.compile(r"表|情况|预算|决算|明细|构成")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]+部分")
# A title's closing qualifier after 表: "一般公共预算支出表（功能科目）", "…支出表(分单位)".
_QUALIFIER = re.compile(r"[（(][^（()）]{1,15}[)）]$")


@dataclass
class Caption:
    title: str | None = None
    number: str | None = None
    unit: str | None = None
    org_line: str | None = None
    continued: bool = False
    top: float | None = None  # top of the first caption line (for page layout decisions)
    title_top: float | None = None  # top of the title's first line


def split_number(title: str) -> tuple[str, str | None]:
    """'表3 支出总表' → ('支出总表', '表3'); '公开03表：…' → ('…', '公开03表')."""
    m = NUMBER_PREFIX.match(title)
    if not m:
        return title.strip(), None
    number = re.sub(r"\s+", "", m.group(1)).replace("—", "-").replace("－", "-")
    return title[m.end():].strip(), number


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def read_caption(lines: list[Line], table_x0: float, table_x1: float) -> Caption:
    """Read the lines just above a table (top to bottom order)."""
    cap = Caption()
    title_lines: list[tuple[Line, str]] = []
    org_parts: list[str] = []
    org_open = False
    unit_open: tuple[str, float] | None = None  # a 单位 line cut before its unit: (start, its x1)
    for ln in lines:
        if cap.top is None:
            cap.top = ln.top
        frags = fragments(ln)
        rest = []
        pending, unit_open = unit_open, None
        for fr in frags:
            text = fr.text.strip()
            compact = normalize(text)
            if pending is not None and not cap.unit:
                unit = _unit_rest(pending, fr, text)
                if unit:
                    cap.unit = unit
                    continue
            unit = _unit_in(text)
            if unit:
                cap.unit = unit
                before = text[: _UNIT.search(text.strip()).start()].strip()
                if before:
                    if _ORG.match(normalize(before)) or org_open:
                        org_parts.append(before)
                        org_open = False
                    else:
                        rest.append(before)
                org_open = False
                continue
            opened = _UNIT_OPEN.search(text)
            if opened and not cap.unit:
                unit_open = (opened.group(1) or "", fr.x1)
                before = text[: opened.start()].strip()
                if before:
                    (org_parts if _ORG.match(normalize(before)) or org_open else rest).append(before)
                org_open = False
                continue
            if _NUMBER_ONLY.match(compact):
                cap.number = _clean_number(compact)
                continue
            if _ORG.match(compact):
                org_parts.append(text)
                org_open = True
                continue
            if org_open and fr.x0 <= table_x0 + 0.3 * (table_x1 - table_x0) and not _looks_like_title(text):
                org_parts.append(text)
                continue
            rest.append(text)
        if rest:
            title_lines.append((ln, " ".join(rest)))
    if org_parts:
        cap.org_line = "".join(org_parts)
    title, cap.title_top = _pick_title(title_lines)
    if title:
        if _CONTINUED.search(title):
            cap.continued = True
            title = _CONTINUED.sub("", title).strip()
        title, number = split_number(title)
        if number:
            cap.number = number
        title = _ORDINAL_PREFIX.sub("", title).strip()
        cap.title = title or None
    return cap


def _unit_in(text: str) -> str | None:
    m = _UNIT.search(text.strip())
    return m.group(1) if m else None


def _unit_rest(start: tuple[str, float], fragment: Fragment, text: str) -> str | None:
    """The end of a wrapped 单位 line: the next line's fragment under the cut one's end
    completes the unit ("万" + "元")."""
    _, x1 = start
    m = _UNIT_REST.match(text)
    if not m or not m.group(1) or abs(fragment.x1 - x1) > 4 * max(fragment.size, 1.0):
        return None
    unit = start[0] + m.group(1)
    return unit if unit in ("万元", "千元", "亿元", "元") else None


def _clean_number(compact: str) -> str:
    return compact.replace("—", "-").replace("－", "-")


def _looks_like_title(text: str) -> bool:
    return bool(_TITLE_WORD.search(text)) and len(text) <= 60


def _title_like(text: str) -> bool:
    t = normalize(text)
    return (
        0 < len(t) <= 50
        and not is_page_number(t)
        and not _PART_HEADING.match(t)
        and t[-1] not in "：:。；;，,、"
        and not any(p in t for p in "，。；,;")
    )


def _cut_remark(text: str) -> str:
    """'部门决算单位构成（仅有一个单位的部门，本部分…' → '部门决算单位构成': a remark in
    brackets (unclosed, or a sentence) is not part of a title."""
    m = re.search(r"[（(]", text)
    if not m:
        return text
    inner = text[m.end():]
    close = re.search(r"[)）]", inner)
    remark = inner if close is None else inner[: close.start()]
    if close is None or any(p in remark for p in "，。；,;"):
        return text[: m.start()].strip()
    return text


def _pick_title(lines: list[tuple[Line, str]]) -> tuple[str | None, float | None]:
    """The title: the closest title-like line above the table; a title wrapped over
    several lines of the same print is joined."""
    texts = [_cut_remark(t) for _, t in lines]
    anchor = None
    for i in range(len(lines) - 1, -1, -1):
        text = texts[i]
        if not (_title_like(text) and _TITLE_WORD.search(text)):
            continue
        # A wrapped line of a paragraph goes on into a line that is no title.
        if i + 1 < len(lines) and texts[i + 1] == lines[i + 1][1] and not _title_like(texts[i + 1]):
            below, line = lines[i + 1][0], lines[i][0]
            if below.top - line.bottom <= 1.5 * line.size and line.x1 >= below.x1 - line.size:
                continue
        anchor = i
        break
    if anchor is None:
        return None, None
    run = [anchor]
    while run[0] > 0:
        prev_line = lines[run[0] - 1][0]
        prev_text = texts[run[0] - 1]
        line = lines[run[0]][0]
        gap = line.top - prev_line.bottom
        if (
            _title_like(prev_text)
            and prev_text == lines[run[0] - 1][1]
            and abs(prev_line.size - line.size) <= 0.6
            and gap <= 0.8 * line.size
            and not _NUMBER_ONLY.match(normalize(prev_text))
        ):
            run.insert(0, run[0] - 1)
        else:
            break
    return "".join(texts[i] for i in run).strip() or None, lines[run[0]][0].top


def is_continued_title(text: str) -> bool:
    """A title marked as carried on from the page before ('…表（续）', '续表…')."""
    return _CONTINUED.search(text) is not None


def is_caption_text(text: str) -> bool:
    """A table's number, title, 单位 or 编制单位 line (as opposed to a header label)."""
    t = normalize(text)
    if _UNIT.search(text.strip()) or _ORG.match(t) or _NUMBER_ONLY.match(t):
        return True
    return _title_like(t) and _ends_with_table(t) or bool(NUMBER_PREFIX.match(t) and "表" in t[3:])


def _ends_with_table(compact: str) -> bool:
    """Whether a title ends in 表 (or is the 决算's 单位构成, a table printed without 表), after
    a closing qualifier in brackets."""
    return len(compact) >= 4 and _QUALIFIER.sub("", compact).endswith(("表", "单位构成"))


FOOT_CAPTION_LINES = 5


def read_foot_caption(lines: list[Line]) -> Caption | None:
    """A table's caption printed alone at the foot of a page, its grid on the next: the run
    of caption lines (number, title, 单位, 编制单位) that ends the page — only a page number
    below it — holding a table's title. `lines` are those below everything else on the page."""
    printed = [ln for ln in lines if not is_page_number(ln.text)]
    run: list[Line] = []
    for ln in reversed(printed):
        if len(run) >= FOOT_CAPTION_LINES or not (is_caption_text(ln.text) or _UNIT_OPEN.search(ln.text.strip())):
            break
        run.insert(0, ln)
    if not any(_is_table_title(ln.text) for ln in run):
        return None
    cap = read_caption(run, min(ln.x0 for ln in run), max(ln.x1 for ln in run))
    return cap if cap.title else None


def _is_table_title(text: str) -> bool:
    t = _CONTINUED.sub("", normalize(text))
    return not _UNIT.search(t) and not _ORG.match(t) and (
        (_title_like(t) and _ends_with_table(t)) or bool(NUMBER_PREFIX.match(t) and "表" in t[3:])
    )


def is_note_start(text: str) -> bool:
    t = normalize(text)
    return bool(_NOTE_START.match(t) or _FORMULA.search(t))


def read_notes(lines: list[Line], limit_gap: float) -> tuple[list[str], float | None]:
    """Notes printed right below a table: '注：…', '说明：…', formula lines, '本单位无…'.

    `lines` are the lines below the table, top to bottom. A note's wrapped continuation
    lines follow it closely. Returns the notes and the bottom of the last one.
    """
    notes: list[str] = []
    bottom: float | None = None
    prev: Line | None = None
    in_note = False
    for ln in lines:
        text = ln.text
        if is_page_number(text):
            break
        gap = ln.top - (prev.bottom if prev is not None else ln.top)
        if is_note_start(text):
            notes.append(text)
            in_note = True
        elif in_note and prev is not None and gap <= limit_gap * max(ln.size, 1.0):
            if _starts_item(text) or not notes:
                notes.append(text)
            else:
                notes[-1] = notes[-1] + text
        else:
            break
        bottom = ln.bottom
        prev = ln
    return notes, bottom


def _starts_item(text: str) -> bool:
    return bool(re.match(r"^\s*([0-9]+[、.．]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)", text))
