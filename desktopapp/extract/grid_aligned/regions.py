"""Where a table without vertical rules lies on the page: between long horizontal rules of
the same extent (a three-line table), or as a run of lines whose fragments include amounts
(a table set by alignment alone)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from desktopapp.core.numbers import normalize
from desktopapp.extract.captions import is_caption_text, is_continued_title, is_note_start, is_page_number
from desktopapp.extract.geometry import RuleLine
from desktopapp.extract.grid_aligned.blocks import CELL_GAP, ink_x1
from desktopapp.extract.header import is_body_row, is_column_number_row, is_data_amount
from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, fragments, group_lines

SAME_EXTENT = 4.0  # rules whose ends are this close (points) frame the same table
MIN_RULE = 100.0  # a table rule is at least this long
_UNIT_LINE = re.compile(r"单位[:：]\s*(人民币)?\s*(万元|千元|亿元|元)")
# A 单位 line wrapped over two lines: '单位：' | '万元' (the first perhaps after the 编制单位).
_UNIT_OPEN = re.compile(r"[（(]?(计量|金额)?单位[:：](人民币)?(万|千|亿)?")
_ORG_THEN_UNIT_OPEN = re.compile(r"(编制|填报)(单位|部门)[:：].*?" + _UNIT_OPEN.pattern)
_UNIT_REST = re.compile(r"(万元|千元|亿元|元)[)）]?")
# The first line of an amount its narrow column wrapped ("1,982." over "31").
_CODE = re.compile(r"\d{3,7}")  # a 科目 code: three to seven digits, nothing else
# How a table's row starts: a 科目 code, or an item numbered '一、'.
_ROW_START = re.compile(r"\d{3,7}$|\d{3,7}\s|[一二三四五六七八九十]+、")
_TARGET_MARK = re.compile(r"[≥≤><=＞＜≧≦]")  # a target value compared (≥95%, ≤500 元)
_TOTAL_LABEL = re.compile(r"合计|总计")
_WRAPPED_AMOUNT_HEAD = re.compile(r"[-+]?\d{1,3}(,\d{3})+\.|[-+]?\d{2,}\.")


@dataclass
class Region:
    x0: float
    x1: float
    top: float
    bottom: float
    header_bottom: float | None  # where the header ends (its closing rule), if known
    inner_rules: list[RuleLine] = field(default_factory=list)  # rules inside the header
    kind: str = "hrules"  # "hrules": framed by rules; "aligned": found by alignment alone
    # A candidate only: kept when it carries on the table of the page before (continued_top.py).
    continuation_only: bool = False
    frame_x1: float | None = None  # where the page's text ends on the right (its last cells end there)


def three_line_regions(hrules: list[RuleLine], chars: list[Char]) -> list[Region]:
    """Regions framed by long horizontal rules of the same extent."""
    long_rules = sorted((h for h in hrules if h.hi - h.lo >= MIN_RULE), key=lambda h: h.pos)
    used: set[int] = set()
    regions: list[Region] = []
    for i, first in enumerate(long_rules):
        if i in used:
            continue
        chain = [first]
        for j in range(i + 1, len(long_rules)):
            h = long_rules[j]
            if j in used or abs(h.lo - first.lo) > SAME_EXTENT or abs(h.hi - first.hi) > SAME_EXTENT:
                continue
            if _caption_between(chars, chain[-1], h):
                break
            chain.append(h)
            used.add(j)
        if len(chain) < 2:
            continue
        top, bottom = chain[0], chain[-1]
        header_bottom = chain[1].pos if len(chain) >= 3 else None
        if len(chain) >= 4:
            # Rules between all rows: the header ends where the rows start to carry data.
            header_bottom = _header_end(chars, chain)
        if header_bottom is None and not _has_amounts(chars, first, bottom):
            header_bottom = bottom.pos  # an empty table: its header closed by the bottom rule
        inner = [h for h in hrules if top.pos + 1 < h.pos < bottom.pos - 1 and (h not in chain or (
            header_bottom is not None and h.pos < header_bottom - 1))]
        regions.append(
            Region(
                first.lo,
                first.hi,
                top.pos,
                bottom.pos,
                header_bottom,
                [h for h in inner if header_bottom is not None and h.pos < header_bottom - 1],
            )
        )
    return regions


def _header_end(chars: list[Char], chain: list[RuleLine]) -> float | None:
    """Where the header ends in a table ruled between every row: after a column-number row,
    or before the first row that carries data."""
    for upper, lower in zip(chain, chain[1:]):
        inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
        texts = [f.text for i, ln in enumerate(group_lines(inside)) for f in fragments(ln, i, CELL_GAP)]
        if is_column_number_row(texts):
            return lower.pos
        if is_body_row(texts):
            return upper.pos if upper is not chain[0] else None
    return None


def _has_amounts(chars: list[Char], upper: RuleLine, lower: RuleLine) -> bool:
    inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
    return any(is_data_amount(f.text) for i, ln in enumerate(group_lines(inside)) for f in fragments(ln, i))


def _caption_between(chars: list[Char], upper: RuleLine, lower: RuleLine) -> bool:
    """A table's title or 单位 line between two rules: they belong to different tables."""
    inside = [c for c in chars if upper.pos < c.cy < lower.pos and upper.lo - 2 <= c.cx <= upper.hi + 2]
    if not inside:
        return False
    lines = group_lines(inside)
    if all(is_caption_text(ln.text) for ln in lines):
        return True  # only a caption (a title printed alone between two tables' rules)
    sizes = sorted(ln.size for ln in lines)
    body = statistics.median(sizes)
    return any(_UNIT_LINE.search(ln.text) or ln.size > body * 1.25 for ln in lines)


def text_regions(chars: list[Char], figure: Callable[[str], bool] | None = None, wide: float = 1.2) -> list[Region]:
    """Tables printed without any rule: runs of lines whose fragments include amounts,
    with the header lines above them (up to the caption) and no paragraph between.
    `figure` widens what marks a row of data among several cells, `wide` is the gap (ems)
    that parts two cells (sparse_forms.py)."""
    lines = group_lines(chars)
    frags = [fragments(ln, i, wide) for i, ln in enumerate(lines)]
    kinds = [_line_kind(ln, fr, figure) for ln, fr in zip(lines, frags)]
    unwrap_digit_labels(lines, frags, kinds)
    for k, kind in enumerate(kinds):
        if kind == "stop" and interleaved_number(lines, k):
            kinds[k] = "row"  # '207' centred on '文化旅游体育与' | '传媒支出': no page number
    _wrapped_cell_lines(lines, frags, kinds)
    for k in range(1, len(lines)):
        opened = _compact(lines[k - 1].text)
        if (_UNIT_OPEN.fullmatch(opened) or _ORG_THEN_UNIT_OPEN.fullmatch(opened)) and _UNIT_REST.fullmatch(
            _compact(lines[k].text)
        ):
            kinds[k - 1] = kinds[k] = "stop"  # a 单位 line wrapped over two: caption, not header
    row_pitch = _row_pitch([ln for ln, kind in zip(lines, kinds) if kind in ("data", "row")])
    if row_pitch is None or row_pitch > 4 * statistics.median(ln.size for ln in lines):
        row_pitch = _wrapped_row_pitch([ln for ln, kind in zip(lines, kinds) if kind != "stop"])
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if kinds[i] != "data":
            i += 1
            continue
        first = last = i
        j = i + 1
        # Wrapped cell text gives lines of one fragment ('label') inside the table.
        while j < len(lines) and kinds[j] != "stop" and _close(lines[j - 1], lines[j], row_pitch):
            if kinds[j] == "data":
                last = j
            j += 1
        # Trailing rows without amounts ('上年结转结余 | 年终结转结余') and the wrapped end
        # of the last row belong to the table.
        while last + 1 < j and (
            kinds[last + 1] == "row" or lines[last + 1].top - lines[last].bottom <= 0.6 * lines[last].size
            or _opens_wrapped_row(lines, kinds, last + 1, j)
        ):
            last += 1
        # Rows after the last amount whose cells start where the table's cells start, at the
        # table's line pitch ('专项收入' alone in the name column of an empty row).
        starts = _cell_edges(frags[first : last + 1])
        size = statistics.median(lines[k].size for k in range(first, last + 1))
        while (
            last + 1 < len(lines)
            and kinds[last + 1] in ("label", "row")
            and lines[last + 1].size <= 1.1 * size
            and lines[last + 1].top - lines[last].bottom <= 1.5 * size
            and _on_edges(frags[last + 1], starts)
        ):
            last += 1
        data_lines = sum(1 for k in range(first, last + 1) if kinds[k] == "data")
        head = first
        while (
            head > 0
            and kinds[head - 1] in ("row", "label")
            and _close(lines[head - 1], lines[head], row_pitch)
            and lines[head - 1].size <= 1.2 * lines[head].size  # not the title
        ):
            head -= 1
        # Rows above the first amount that read as data (a code, '一、…') are body rows.
        body_first = first
        if head < first < last and _wrapped_around(frags, lines, first):
            body_first = first - 1  # the first line of a name wrapped around the row's figures
        body_first = _stacked_onto(frags, lines, body_first, head)
        while body_first > head:
            # A cell wrapped over lines is judged by its first line ('廿四、债务发行' | '费用支出').
            top = body_first - 1
            while top > head and _continues(frags[top - 1], frags[top], lines[top - 1], lines[top]):
                top -= 1
            if not is_body_row([f.text for f in frags[top]]):
                break
            body_first = top
        body_first = _rows_on_body_edges(frags, lines, body_first, head, starts)
        # The table's last row broken by the page: its code and name end it, its figures
        # top the next page. Its code is no figure, the lines above are judged without it.
        tail = 1 if last > first and kinds[last] == "data" and _code_and_name(frags[last]) else 0
        strong = data_lines - tail == 1 and head < first and (
            sum(_amount_part(f.text) for f in frags[first]) >= 3
            # One row alone under a header of several labels (a table's last row carried
            # onto a page of its own, under its repeated header).
            or (len(frags[first]) >= 2 and _labels_side_by_side(frags[head:first], frags[first])
                and kinds[first - 1] in ("row", "label")
                and _labels_only([fragments(lines[k], k, CELL_GAP) for k in range(head, first)]))
        ) or (data_lines == 1 and _lone_row_atop_page(frags, lines, first))
        if (data_lines - tail >= 2 or strong) and _columns_align([frags[k] for k in range(body_first, last + 1 - tail)]):
            members = range(head, last + 1)
            x0 = min(lines[k].x0 for k in members)
            x1 = max(lines[k].x1 for k in members)
            header_bottom = None
            if body_first > head:
                header_bottom = (lines[body_first - 1].bottom + lines[body_first].top) / 2
            regions.append(
                Region(x0 - 2, x1 + 2, lines[head].top - 1, lines[last].bottom + 1, header_bottom, [], "aligned")
            )
        i = last + 1
    return regions


def _lone_row_atop_page(frags: list[list[Fragment]], lines, first: int) -> bool:
    """A table's last row carried alone onto the next page, with no header repeated: the
    page's first line (a page number or running line above it aside), a row that starts
    as a table's row starts (a 科目 code, '一、…') with its figures in cells of their own.
    Or the row under the table's title marked continued ('…（续）') and its 单位 line, no
    header repeated: then its total ('合计') too."""
    above = [k for k in range(first) if not is_page_number(lines[k].text)]
    row = [f.text.strip() for f in frags[first]]
    continued = bool(above) and any(is_continued_title(_compact(lines[k].text)) for k in above) and all(
        _UNIT_LINE.search(lines[k].text) or is_caption_text(_compact(lines[k].text)) for k in above
    )
    starts = _ROW_START.match(row[0]) or (continued and _TOTAL_LABEL.fullmatch(_compact(row[0])))
    return (
        (not above or continued) and len(row) >= 2 and bool(starts)
        and all(is_data_amount(t) for t in row[-1].split()) and "." in row[-1]
    )


def _code_and_name(row: list[Fragment]) -> bool:
    """A 科目 or unit code and a name beside it, nothing else ('503 | 武汉市人力资源')."""
    return (
        len(row) == 2 and _CODE.fullmatch(normalize(row[0].text).strip()) is not None
        and not _amount_part(row[1].text) and not any(p in row[1].text for p in "，。；")
    )


def _rows_on_body_edges(frags: list[list[Fragment]], lines, body_first: int, head: int,
                        edges: tuple[list[float], list[float]]) -> int:
    """The first body line, moved up over lines without figures whose every cell starts
    where the body's text cells start, from its first column on ('国有资本经营预算拨款' |
    '223 国有资本经营预算支出' topping a page the table continues on). Header labels are
    centred in their cells, and the top line of the header stays its header. A line set
    tight under the one above is the end of a wrapped cell: left to the rules above."""
    lefts, _ = edges
    while body_first - 1 > head:
        k = body_first - 1
        row = frags[k]
        if not lefts or not row or abs(row[0].x0 - lefts[0]) > 1.0 or not _on_edges(row, edges):
            break
        if lines[k].top - lines[k - 1].bottom <= 0.6 * lines[k].size:
            break
        body_first -= 1
    return body_first


def interleaved_number(lines: list, k: int) -> bool:
    """A lone small number standing between the lines of the text beside it (a 序号 or a 科目
    code centred on a name wrapped over two lines, a year wrapped at its space, '2023' | '年'):
    a cell of a row, no page number (which stands alone)."""
    text = re.sub(r"\s+", "", lines[k].text)
    if not re.fullmatch(r"\d{1,4}", text):
        return False
    line = lines[k]
    return any(
        0 <= j < len(lines) and lines[j].top < line.bottom and line.top < lines[j].bottom
        for j in (k - 1, k + 1)
    )


def _cell_edges(rows: list[list[Fragment]]) -> tuple[list[float], list[float]]:
    """Where the table's text cells start and its amounts end. A 科目 code starts a cell too:
    '合计' under a column of codes starts where they start."""
    lefts = sorted({round(f.x0, 1) for row in rows for f in row if not _amount_part(f.text) or _CODE.fullmatch(f.text)})
    rights = sorted({round(f.x1, 1) for row in rows for f in row if _amount_part(f.text)})
    return lefts, rights


def _on_edges(row: list[Fragment], edges: tuple[list[float], list[float]], tol: float = 1.0) -> bool:
    """Every cell of the line starts where text cells of the table start (or, an amount,
    ends where its amounts end)."""
    lefts, rights = edges
    return bool(row) and all(
        any(abs((f.x1 if _amount_part(f.text) else f.x0) - e) <= tol for e in (rights if _amount_part(f.text) else lefts))
        for f in row
    )


def _columns_align(rows: list[list[Fragment]], tol: float = 1.5) -> bool:
    """A grid's cells stand in columns: some cell after the first of a line starts (text)
    or ends (amounts) where a cell of another line does. Running text spaced out by
    justification has its figures ('2019 年度') wherever the words put them. A line's first
    cell counts when it is an amount: the line's name stands on lines of its own, wrapped
    in a narrow column above and below its figures."""
    inner = [row[0:] if _amount_part(row[0].text) else row[1:] for row in rows if len(row) >= 2]
    if len(inner) < 2:
        return True  # one line of figures: judged by what stands around it
    anchors = [
        [(f.x1, True) if _amount_part(f.text) or _amount_tail(f.text) else (f.x0, False) for f in row] for row in inner
    ]
    for k, row in enumerate(anchors):
        for other in anchors[k + 1 :]:
            if any(a == c and abs(x - y) <= tol for x, a in row for y, c in other):
                return True
    return False


def _amount_tail(text: str) -> bool:
    """The last digits of an amount wrapped in its narrow column ('1,982.3' | '1'): they end
    where the amounts of the column end."""
    return re.fullmatch(r"\d{1,2}", normalize(text).strip()) is not None


def _continues(upper: list[Fragment], lower: list[Fragment], upper_line, lower_line) -> bool:
    """The lower line only carries on cells of the upper one: set right under it, each of
    its fragments under one of the upper line's."""
    if lower_line.top - upper_line.bottom > 0.6 * lower_line.size or not lower:
        return False
    return all(any(min(u.x1, f.x1) - max(u.x0, f.x0) > 0 and abs(u.x0 - f.x0) <= 1.0 for u in upper) for f in lower)


def _wrapped_around(frags: list[list[Fragment]], lines, k: int) -> bool:
    """Line k holds a row's figures centred between the two lines of a name wrapped in its
    narrow column ('城乡社区规划与' | 2739.56 | '管理'): the line above starts the row."""
    above, data, below = frags[k - 1], frags[k], frags[k + 1]
    size = lines[k].size
    if lines[k].top - lines[k - 1].bottom > 0.6 * size or lines[k + 1].top - lines[k].bottom > 0.6 * size:
        return False
    if not above or any(_amount_part(f.text) for f in above):
        return False
    beside = all(min(ink_x1(u), ink_x1(f)) - max(u.x0, f.x0) <= 0 for u in above for f in data)
    carried = all(any(abs(u.x0 - f.x0) <= 1.0 for f in below) for u in above)
    return beside and carried


def _stacked_onto(frags: list[list[Fragment]], lines, k: int, head: int) -> int:
    """The first body row's cells may start lines above its figures (a sentence wrapped over
    many lines in its column, the row's figures centred on it): lines above the row whose
    every text is carried on, tight under it, by a text starting where it starts are the
    row's (the first text under it in its column, lines of other cells set between)."""
    while k > head and frags[k - 1] and all(_carried_below(u, frags, lines, k) for u in frags[k - 1]):
        k -= 1
    return k


def _carried_below(upper: Fragment, frags: list[list[Fragment]], lines, start: int) -> bool:
    if _amount_part(upper.text):
        return False
    for m in range(start, len(lines)):
        below = [f for f in frags[m] if min(f.x1, upper.x1) - max(f.x0, upper.x0) > 0]
        if below:
            f = below[0]
            tight = lines[m].top - lines[start - 1].bottom <= 0.6 * lines[m].size
            return tight and abs(f.x0 - upper.x0) <= 1.0 and not _amount_part(f.text)
    return False


def _opens_wrapped_row(lines, kinds: list[str], k: int, end: int) -> bool:
    """Line k is the first line of a cell wrapped in a narrow column above its row's other
    cells ('指标设' | '一级指标 … 分值权重' | '定依据'): lines set at the line pitch of wrapped
    text (closer than rows are set) lead from it to a line of several cells."""
    m = k
    while m + 1 < end and lines[m + 1].top - lines[m].bottom <= 0.6 * lines[m + 1].size:
        m += 1
        if kinds[m] in ("row", "data"):
            return True
    return False


def _tight(upper, lower) -> bool:
    """Two lines set at the line pitch of wrapped text (closer than rows are set)."""
    return lower.top - upper.bottom <= 0.6 * lower.size


def _wrapped_cell_lines(lines, frags: list[list[Fragment]], kinds: list[str]) -> None:
    """A long line of one text set right above or below a line of the table, starting where
    one of its cells starts (or beside the figures of a row set between its lines), is a
    line of a cell wrapped in its column (a sentence in a prose column beside the row's
    figures), not running text: a label line of the table."""
    changed = True
    while changed:
        changed = False
        for k, kind in enumerate(kinds):
            if kind != "stop" or len(frags[k]) != 1 or _fixed_stop(lines[k].text):
                continue
            start = frags[k][0].x0
            for m in (k - 1, k + 1):
                if not 0 <= m < len(lines) or kinds[m] == "stop":
                    continue
                upper, lower = (lines[m], lines[k]) if m < k else (lines[k], lines[m])
                if lower.top - upper.bottom > 0.6 * lines[k].size:
                    continue
                own = frags[k][0]
                beside = kinds[m] == "data" and all(min(f.x1, own.x1) - max(f.x0, own.x0) <= 0 for f in frags[m])
                if beside or any(abs(f.x0 - start) <= 1.0 for f in frags[m]) or _starts_in_stack(
                    lines, frags, kinds, m, m - k, start
                ):
                    kinds[k] = "label"
                    changed = True
                    break


def _starts_in_stack(lines, frags: list[list[Fragment]], kinds: list[str], m: int, step: int, start: float) -> bool:
    """A line further on in the stack of table lines set tight from line m on (step ±1) has
    a cell starting at `start`: the sentence wrapped on in its column below the row's other
    cells ('反映督察工作…服务质' | '服务质量提升率' | '量提升率。')."""
    for _ in range(3):
        n = m + step
        if not 0 <= n < len(lines) or kinds[n] == "stop" or not _tight(*sorted((lines[m], lines[n]), key=lambda ln: ln.top)):
            return False
        if any(abs(f.x0 - start) <= 1.0 for f in frags[n]):
            return True
        m = n
    return False


def _fixed_stop(text: str) -> bool:
    return bool(_UNIT_LINE.search(text)) or is_note_start(text) or is_page_number(text)


def unwrap_digit_labels(lines, frags: list[list[Fragment]], kinds: list[str]) -> None:
    """Lines read as data whose figures are first lines of header labels wrapped in narrow
    cells ('202' | '4年预算数') are header rows (labels) instead."""
    for k in range(len(lines) - 1):
        if kinds[k] == "data" and _label_wrapped_at_digits(frags[k], _close_below(lines, frags, k), lines[k], lines[k + 1]):
            kinds[k] = "row" if len(frags[k]) >= 2 else "label"


def _close_below(lines, frags: list[list[Fragment]], k: int) -> list[Fragment]:
    """The fragments of the lines set tight under line k, nearest first. In a deep header
    the labels of neighbouring columns wrap at staggered heights: the line right under
    '202' may be another column's '本年 上年', its '4年' a line lower."""
    out: list[Fragment] = []
    for j in range(k + 1, min(k + 4, len(lines))):
        if lines[j].top - lines[j - 1].bottom > 0.6 * lines[k].size:
            break
        out.extend(frags[j])
    return out


def _label_wrapped_at_digits(frags: list[Fragment], below: list[Fragment], line, next_line) -> bool:
    """The line's figures are all first lines of labels wrapped in a narrow cell ('202' |
    '4年预算数'): the text right under each (the nearest below in its column) carries it on
    into no figure."""
    if next_line.top - line.bottom > 0.6 * line.size:
        return False
    figures = [f for f in frags if _amount_part(f.text)]

    def carried(f: Fragment) -> bool:
        under = next((g for g in below if min(f.x1, g.x1) - max(f.x0, g.x0) > 0), None)
        return (
            under is not None and not _amount_part(under.text)
            and not _amount_part(f.text + under.text) and under.text[:1].isdigit()
        )

    return bool(figures) and all(carried(f) for f in figures)


def _row_pitch(lines) -> float | None:
    """The pitch of table rows on the page: the usual step between lines of several cells
    (steps within a wrapped cell, under one and a half lines of text, left out)."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top >= 1.5 * b.size]
    return statistics.median(steps) if len(steps) >= 2 else None


def _wrapped_row_pitch(lines) -> float | None:
    """The pitch of table rows when most rows are names wrapped in a narrow column, one text
    per line ('（廿一）其他支' | '出'): the usual step between the first lines of stacks of
    lines set at the line pitch of wrapped text."""
    tops: list[float] = []
    for upper, lower in zip([None, *lines], lines):
        if upper is None or lower.top - upper.bottom > 0.6 * lower.size:
            tops.append(lower.top)
    size = statistics.median(ln.size for ln in lines) if lines else 0.0
    steps = [b - a for a, b in zip(tops, tops[1:]) if b - a >= 1.5 * size]
    return statistics.median(steps) if len(steps) >= 3 else None


def _close(upper, lower, row_pitch: float | None) -> bool:
    """Two lines of one table: no wider apart than two and a half lines of text, or than
    about two empty rows at the pitch of the page's table rows."""
    gap = lower.top - upper.bottom
    return gap <= 2.5 * lower.size or (row_pitch is not None and row_pitch <= 4 * lower.size and gap <= 2.2 * row_pitch)


def _line_kind(line, frags: list[Fragment], figure: Callable[[str], bool] | None = None) -> str:
    """data: a table row with amounts; row: several cells; label: a short header line;
    stop: captions, notes, running text."""
    text = line.text
    if _UNIT_LINE.search(text) or is_note_start(text) or is_page_number(text):
        return "stop"
    if len(text) > 30 and any(p in text for p in "，。；") and not _cells_beside_sentence(frags, figure):
        return "stop"
    if len(frags) >= 2 and any(_amount_part(f.text) or (figure is not None and figure(_after_sentence(f.text))) for f in frags):
        return "data"
    if frags and all(_amount_part(f.text) for f in frags):
        return "data"  # amounts alone: centred between the lines of names wrapped beside them
    if len(frags) >= 2 or _close_labels(line):
        return "row"
    return "label" if len(text) <= 20 else "stop"


def _cells_beside_sentence(frags: list[Fragment], figure: Callable[[str], bool] | None) -> bool:
    """A line of a sentence wrapped in its narrow column beside the row's other cells: several
    cells, the sentence's punctuation in one short one of them. Its figures may stand on it
    (a row: data) or on the next line (small print: the names and the sentence start a line
    above the row's centred figures; a row line). Read for amounts alone (`figure` None, a
    form's 测算依据 beside its 金额), a line with a target compared ('≥95%') is left to the
    reading of forms by their measures."""
    prose = [f for f in frags if any(p in f.text for p in "，。；")]
    if not (len(frags) >= 3 and len(prose) == 1 and len(prose[0].text) <= 20):
        return False
    return figure is not None or not any(_TARGET_MARK.search(f.text) for f in frags)


def _after_sentence(text: str) -> str:
    """What follows a sentence's last mark: the next cell's text when the mark hung against it
    ('反映…规范率。≥95%')."""
    return re.split(r"[，。；]", text)[-1]
def _close_labels(line) -> bool:
    """A long line that is short labels of narrow columns standing closer than an em apart
    ('预算 决算 预算 决算 …'), not one text: parted at the spacing of cells, it gives three
    labels or more of two to twelve characters, none a sentence."""
    parts = [f.text.strip() for f in fragments(line, 0, CELL_GAP)]
    return len(parts) >= 3 and all(2 <= len(t) <= 12 and not any(p in t for p in "，。；,;：:") for t in parts)


def _amount_part(text: str) -> bool:
    """An amount, or the first line of one wrapped in its narrow column ('1,982.' | '31'):
    either stands in a body row."""
    return is_data_amount(text) or _WRAPPED_AMOUNT_HEAD.fullmatch(normalize(text)) is not None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def _labels_side_by_side(lines: list[list[Fragment]], row: list[Fragment]) -> bool:
    """Two header labels stand side by side: on one line, or — over a row ending in an
    amount, a table of figures — on lines set at staggered heights that overlap (each label
    centred in its own cell of a deep header: '金额' beside '项目' | '名称' wrapped over two
    lines; a form's '单位' | '名称' beside its unit's name is no such header)."""
    if any(len(frags) >= 2 for frags in lines):
        return True
    if not is_data_amount(row[-1].text.strip()):
        return False
    labels = [f for frags in lines for f in frags]
    return any(
        a.line != b.line and min(a.bottom, b.bottom) > max(a.top, b.top) and (a.x1 < b.x0 or b.x1 < a.x0)
        for i, a in enumerate(labels) for b in labels[i + 1 :]
    )


def _labels_only(lines: list[list[Fragment]]) -> bool:
    """Lines of column labels: short texts, no sentence (a chart's legend or a paragraph's
    words spread over the line are no header)."""
    return all(len(f.text) <= 12 and not any(p in f.text for p in "，。；,;%：:") for frags in lines for f in frags)
