"""A page's text as lines of running text: white space dropped, full-width digits narrowed,
page numbers dropped, each line with its box and printed width.

Some Word/WPS exports print figures in a second font whose baseline sits a few points lower;
plain text extraction then puts all figures of a line on a line of their own
("本年收入合计 万元，其中：" / "2946.25 …"). `_repair_orphan_figures` puts them back into
the gaps they left when the counts agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.model import Page

# One-to-one replacements (offsets stay valid): full-width digits and number signs.
WIDTH_MAP = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．％"}
WIDTH_MAP[ord("，")] = ord("，")  # keep the Chinese comma distinct from the thousands comma
_WIDE = re.compile("[０-９．％]")
_WS = re.compile(r"\s+")
_ORPHAN_TOKEN = re.compile(r"^(?:[-+]?\d[\d,]*(?:\.\d+)?[%％]?|[“”\"‘’]+)$")
_PAGE_NUMBER = re.compile(r"^(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(?:共\s*\d+\s*页)?|\d{1,3})$")


@dataclass
class Line:
    """A line of running text (`short` / `very_short` are set when its page is read)."""

    page: int
    text: str  # white space removed
    raw: str
    x0: float | None = None
    x1: float | None = None
    width_units: float = 0.0
    short: bool = False  # ends clearly before the right margin
    very_short: bool = False
    top: float | None = None


_NARROW = re.compile(r"[\x21-\u2e7f]")


def _width_units(text: str) -> float:
    """Printed width in full-width characters (ASCII digits and letters count about half)."""
    spaces = text.count(" ")
    narrow = len(_NARROW.findall(text))
    return (len(text) - spaces - narrow) + narrow * 0.55 + spaces * 0.3


def _page_raw_lines(page: Page) -> list[tuple[str, float | None, float | None, float | None]]:
    if page.lines:
        return [
            (ln.text, ln.box.x0, ln.box.x1, ln.box.top) if ln.box else (ln.text, None, None, None)
            for ln in page.lines
        ]
    return [(t, None, None, None) for t in (page.text or "").splitlines()]


def _gaps(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WS.finditer(text)]


_NUMBER_NEXT = set("万元%％个辆台人年月日次项批")
_NUMBER_BEFORE = set("占为计达约至的是比较于长降：:")
_LINE_HEAD_AFTER_FIGURE = set("、.．；;，,。）)万元%％个辆台年")


def _is_figure(token: str) -> bool:
    return token[0].isdigit() or token[0] in "+-"


def _fill_gaps(text: str, tokens: list[str]) -> str | None:
    """Put `tokens` (left to right) into the holes of `text`: its white-space gaps and its ends.

    Every figure must land in a hole that looks like one (followed by 万元 / % / 年 …, or
    after 为 / 占 / 的 …); a gap may stay empty only when it does not look like a hole (a
    real space). Among the possible assignments the one using the line ends least wins.
    Returns None when there is none.
    """
    text = text.strip()
    if not text or len(tokens) > 12:
        return None
    gaps = _gaps(text)
    slots = [(0, 0)] + gaps + [(len(text), len(text))]
    last = len(slots) - 1
    takes = [False] * len(slots)
    for i, (a, b) in enumerate(slots):
        before = text[a - 1] if a > 0 else ""
        after = text[b] if b < len(text) else ""
        takes[i] = after in _NUMBER_NEXT or before in _NUMBER_BEFORE
    takes[0] = text[0] in _LINE_HEAD_AFTER_FIGURE or text[0] in _NUMBER_NEXT
    best: tuple[int, list[int]] | None = None

    def search(ti: int, si: int, chosen: list[int]) -> None:
        nonlocal best
        if ti == len(tokens):
            if any(takes[g] and g not in chosen for g in range(1, last)):
                return
            cost = sum(1 for c in chosen if c in (0, last))
            if best is None or cost < best[0]:
                best = (cost, list(chosen))
            return
        for sj in range(si, last + 1):
            if any(takes[x] and 0 < x < last for x in range(si, sj) if x not in chosen):
                break
            if _is_figure(tokens[ti]) and not takes[sj]:
                continue
            chosen.append(sj)
            # the end slots can hold several tokens; a gap holds one
            search(ti + 1, sj if sj in (0, last) else sj + 1, chosen)
            chosen.pop()

    search(0, 0, [])
    if best is None:
        return None
    pieces: dict[int, list[str]] = {}
    for tok, si in zip(tokens, best[1]):
        pieces.setdefault(si, []).append(tok)
    out, pos = [], 0
    for si in sorted(pieces):
        a, b = slots[si]
        out.append(text[pos:a])
        out.append("".join(pieces[si]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _repair_orphan_figures(raw: list[str]) -> list[str]:
    """Merge lines holding only figures back into the text line above them (see module doc)."""
    lines = [r.rstrip() for r in raw]
    orphan = [
        i > 0 and bool(t.strip()) and all(_ORPHAN_TOKEN.match(tok) for tok in t.split())
        for i, t in enumerate(lines)
    ]
    if not any(orphan):
        return lines
    n_orphans = sum(orphan)
    out: list[str] = []
    for i, t in enumerate(lines):
        if orphan[i] and out:
            is_last = i == len(lines) - 1
            if not (is_last and n_orphans == 1 and _PAGE_NUMBER.match(t.strip())):
                filled = _fill_gaps(out[-1], t.split())
                if filled is not None:
                    out[-1] = filled
                    continue
        out.append(t)
    return out


def _strip_page_furniture(lines: list[tuple[str, float | None, float | None]]):
    out = list(lines)
    while out and _PAGE_NUMBER.match(out[-1][0].strip()):
        out.pop()
    while out and _PAGE_NUMBER.match(out[0][0].strip()) and len(out[0][0].strip()) <= 5:
        out.pop(0)
    return out


def lines_of(page: Page) -> list[Line]:
    """The lines of running text of a page, in reading order."""
    raw = _page_raw_lines(page)
    texts = _repair_orphan_figures([r[0] for r in raw])
    if len(texts) == len(raw):
        raw = [(texts[i], *raw[i][1:]) for i in range(len(raw))]
    else:  # lines were merged: boxes no longer line up
        raw = [(t, None, None, None) for t in texts]
    raw = _strip_page_furniture([r for r in raw if r[0].strip()])
    out = []
    for text, x0, x1, top in raw:
        squeezed = _WS.sub("", text)
        if _WIDE.search(squeezed):  # translate is slow: most lines have nothing to map
            squeezed = squeezed.translate(WIDTH_MAP)
        if squeezed:
            out.append(Line(page.number, squeezed, text, x0, x1, _width_units(text.strip()), top=top))
    return out
