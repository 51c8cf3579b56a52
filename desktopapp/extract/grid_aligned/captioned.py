"""Tables without rules and without figures: an empty table ('合计' alone under its header)
or a blank template. Nothing but its caption tells such a table from text, so it is taken
only right under a table's caption (its title — ending in 表, or printed large and naming a
budget table — or its 单位 line), as a run of
short lines standing in columns: header labels, then rows that read as body rows (a code,
'一、…', 合计, a numbered list)."""

from __future__ import annotations

import re
import statistics

from desktopapp.extract.captions import is_caption_text
from desktopapp.extract.grid_aligned.blocks import CELL_GAP
from desktopapp.extract.grid_aligned.regions import (
    Region,
    _close,
    _columns_align,
    _labels_only,
    _line_kind,
    interleaved_number,
)
from desktopapp.extract.header import header_row_count
from desktopapp.extract.layout import Char
from desktopapp.extract.text import fragments, group_lines

_UNIT_MARK = re.compile(r"单位\s*[:：]")
_TITLE_WORD = re.compile(r"表|情况|预算|决算|明细|构成")
MIN_LINES = 2  # a header line and a body row at least


def captioned_regions(chars: list[Char]) -> list[Region]:
    lines = group_lines(chars)
    if not lines:
        return []
    frags = [fragments(ln, i) for i, ln in enumerate(lines)]
    kinds = [_line_kind(ln, fr) for ln, fr in zip(lines, frags)]
    for k in range(len(lines)):
        if kinds[k] == "stop" and interleaved_number(lines, k):
            kinds[k] = "row"
    size = statistics.median(ln.size for ln in lines)
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        # A page's first lines may be a table's header repeated over its continuation, or
        # the header of one whose caption ended the page before — perhaps under a grouping
        # label alone on its line ('栏目').
        page_top = i == 0 and (kinds[0] == "row" or _band_label_over_rows(lines, kinds, size))
        if not (page_top or _is_caption_line(lines[i].text) or _is_big_title(lines[i], size)):
            i += 1
            continue
        first = i if page_top else i + 1
        while first < len(lines) and _is_caption_line(lines[first].text) and first - i <= 2:
            first += 1  # the title, then the 单位 line (perhaps wrapped: '单位：' | '万元')
        while first < len(lines) and _is_unit_rest(lines[first].text):
            first += 1
        last = first - 1
        while (
            last + 1 < len(lines)
            and kinds[last + 1] in ("row", "label")
            and lines[last + 1].size <= 1.2 * size
            and _close(lines[last], lines[last + 1], None)
        ):
            last += 1
        run = range(first, last + 1)
        ends_on_figures = last + 1 < len(lines) and kinds[last + 1] == "data"
        if len(run) >= MIN_LINES and not ends_on_figures:
            body_first = _body_start(lines, frags, run) if any(kinds[k] == "row" for k in run) else None
            if body_first is None:
                # Narrow columns stand closer than an em apart ('功能 功能 金额').
                close = {k: fragments(lines[k], k, CELL_GAP) for k in run}
                if any(len(close[k]) >= 2 for k in run):
                    body_first = _body_start(lines, close, run)
            if body_first is None and page_top:
                body_first = _names_under_centred_labels(lines, frags, run, size)
            # A lone label atop a page over a list ('目录' | '一、…') is no header: a header
            # holds three labels at least.
            if page_top and kinds[0] == "label" and body_first is not None and sum(
                len(frags[k]) for k in range(first, body_first)
            ) < 3:
                body_first = None
            if body_first is not None:
                members = list(run)
                regions.append(
                    Region(
                        min(lines[k].x0 for k in members) - 2,
                        max(lines[k].x1 for k in members) + 2,
                        lines[first].top - 1,
                        lines[last].bottom + 1,
                        (lines[body_first - 1].bottom + lines[body_first].top) / 2,
                        [],
                        "aligned",
                    )
                )
        i = max(i + 1, last + 1)
    return regions


def _band_label_over_rows(lines: list, kinds: list[str], size: float) -> bool:
    """The page opens with short labels in body type (no caption), one a line, close above
    lines of several cells: the upper bands of a header, its labels staggered in height."""
    for k in range(min(len(lines), 7)):
        if k and not _close(lines[k - 1], lines[k], None):
            return False
        if kinds[k] == "row":
            return k > 0
        if kinds[k] != "label" or lines[k].size > 1.2 * size or _is_caption_line(lines[k].text):
            return False
    return False


def _body_start(lines: list, frags: list, run: range) -> int | None:
    """The first body line of a run under a caption, when its lines read as a header over
    body rows — line by line, or else row by row (lines wrapped in their cells stacked)."""
    for stacks in ([[k] for k in run], _row_stacks(lines, run)):
        texts = [[f.text for f in sorted((f for k in st for f in frags[k]), key=lambda f: f.x0)] for st in stacks]
        head = header_row_count(texts)
        # Cells standing in columns — or a header line of three labels or more: labels
        # centred in their columns start nowhere in particular.
        spread = any(len(frags[k]) >= 3 for st in stacks[:head] for k in st)
        if head < len(stacks) and _inside_stack(lines, run, stacks[head][0]):
            continue  # a label set between the wrapped lines of its neighbours ('合计'): no row
        if 0 < head < len(texts) and (spread or _columns_align([frags[k] for k in run])):
            return stacks[head][0]
    return None


def _names_under_centred_labels(lines: list, frags: list, run: range, size: float) -> int | None:
    """A header repeated atop a continuation page (one line of short labels) over rows with
    no figure that read as no body row by their words ('上年结转和结余资金 | 小计'): the row
    starts left of every label, as names left-aligned in their cells do under labels centred
    over them, at a row's distance from the labels."""
    first = run[0]
    if len(run) < 2 or len(frags[first]) < 2 or not _labels_only([frags[first]]):
        return None
    if len(frags[first + 1]) > len(frags[first]) and _labels_only([frags[first + 1]]):
        return None  # more labels under the line's: the header's lower band ('项目 | 预算数' under '收入')
    below = lines[first + 1]
    if below.top - lines[first].bottom < 0.6 * size:
        return None  # a label wrapped over two lines
    if below.x0 > min(f.x0 for f in frags[first]) - size:
        return None
    return first + 1


def _inside_stack(lines: list, run: range, k: int) -> bool:
    """Line k starts above the foot of a line before it: it stands among wrapped lines of
    the same band, and no row can begin with it."""
    return any(lines[j].bottom - 0.5 > lines[k].top for j in run if j < k)


def _row_stacks(lines: list, run: range) -> list[list[int]]:
    """The run's lines in rows: lines set closer than rows are (a name wrapped in its cell,
    with the 序号 centred on it overlapping its lines) are one row."""
    stacks: list[list[int]] = []
    for k in run:
        if stacks and lines[k].top < max(lines[j].bottom for j in stacks[-1]) + 0.3 * lines[k].size:
            stacks[-1].append(k)
        else:
            stacks.append([k])
    return stacks


def _is_caption_line(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    return bool(_UNIT_MARK.search(t)) or (is_caption_text(t) and t.endswith("表"))


def _is_big_title(line, size: float) -> bool:
    """A title printed larger than the text around it that names a table without the word
    表 ('部门决算单位构成')."""
    t = re.sub(r"\s+", "", line.text)
    return line.size >= 1.3 * size and len(t) <= 40 and _TITLE_WORD.search(t) is not None and not any(
        p in t for p in "，。；：:"
    )


def _is_unit_rest(text: str) -> bool:
    return re.sub(r"\s+", "", text) in ("万元", "千元", "亿元", "元")
