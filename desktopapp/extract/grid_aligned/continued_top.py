"""A page that carries on a table without rules and holds none of its figures: its header
repeated at the top of the page, then only rows without figures ('附属单位上缴收入',
'220 自然资源海洋气象等支出' wrapped in a narrow column) — the rows between the figures of
the page before and those of the page after (a 收支总表's one side run on while the other
has ended).

Nothing on the page itself tells such rows from text: they are not body rows by their
look (no code, no '一、'), so captioned.py does not take them. The region is found here as
a candidate only (`Region.continuation_only`): assembly keeps it when its top rows repeat
the header of the table that ended the page before, and drops it otherwise."""

from __future__ import annotations

import statistics
from dataclasses import replace

from desktopapp.extract.captions import is_page_number
from desktopapp.extract.grid_aligned.captioned import _is_big_title, _is_caption_line
from desktopapp.extract.grid_aligned.regions import Region, _close, _line_kind, unwrap_digit_labels
from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, fragments, group_lines

MAX_HEADER_LINES = 8  # a deep header: a banner ('栏目'), its groups, labels wrapped over lines
MAX_LABEL_CHARS = 6  # a header label's characters on one line ('一般公共' wrapped)
WRAPPED_GAP = 0.6  # ems between the lines of one wrapped label (rows stand further apart)


def repeated_header_regions(chars: list[Char]) -> list[Region]:
    lines = group_lines(chars)
    while lines and is_page_number(lines[0].text):
        lines = lines[1:]
    if not lines:
        return []
    frags = [fragments(ln, i) for i, ln in enumerate(lines)]
    kinds = [_line_kind(ln, fr) for ln, fr in zip(lines, frags)]
    unwrap_digit_labels(lines, frags, kinds)
    size = statistics.median(ln.size for ln in lines)
    # A deep header whose labels stand staggered, one a line ('栏目' | '金额' | '项目' | '名称').
    head = _staggered_header(lines, frags, kinds, size) if kinds[0] == "label" else 0
    if not (head and all(len(frags[k]) == 1 for k in range(head))):
        head = _header_lines(lines, kinds)
        if head >= len(lines) or "row" not in kinds[:head] or kinds[head] != "label":
            return []
    last = head - 1
    while (
        last + 1 < len(lines)
        and kinds[last + 1] in ("row", "label")
        and lines[last + 1].size <= 1.2 * size
        and not _is_caption_line(lines[last + 1].text)
        and not _is_big_title(lines[last + 1], size)
        and _close(lines[last], lines[last + 1], None)
    ):
        last += 1
    if last + 1 < len(lines) and kinds[last + 1] == "data":
        return []  # rows with figures follow: the finders of tables with figures judge them
    members = lines[: last + 1]
    region = Region(
        min(ln.x0 for ln in members) - 2,
        max(ln.x1 for ln in members) + 2,
        lines[0].top - 1,
        lines[last].bottom + 1,
        (lines[head - 1].bottom + lines[head].top) / 2,
        [],
        "aligned",
    )
    return [replace(region, continuation_only=True)]


def _header_lines(lines: list, kinds: list[str]) -> int:
    """How many of the page's first lines are header: lines of several labels each, with the
    lines of one label among them — a banner over them ('栏目' over '收入 | 支出'), the lines
    of a label wrapped in its narrow column ('经济' | '分类' | '科目') set tight against the
    header's rows. The first body row stands a row's spacing lower."""
    head = 0
    while (
        head < len(lines) and head < MAX_HEADER_LINES and kinds[head] in ("row", "label")
        and (head == 0 or _close(lines[head - 1], lines[head], None))
        and (kinds[head] == "row" or head == 0 or _wrapped_in_header(lines, kinds, head))
    ):
        head += 1
    return head


def _staggered_header(lines: list, frags: list[list[Fragment]], kinds: list[str], size: float) -> int:
    """The lines of a deep header repeated atop the page whose labels stand staggered, one a
    line ('栏目' | '金额' centred on its two bands | '项目' | '名称'): short labels close
    together, three at least, over a first row whose name starts left of every label (names
    left-aligned in their cells, labels centred over them). The index of that row, or 0."""
    labels: list = []
    for k in range(min(len(lines), MAX_HEADER_LINES + 1)):
        if k and not _close(lines[k - 1], lines[k], None):
            return 0
        if len(labels) >= 3 and lines[k].x0 < min(f.x0 for f in labels) - size:
            return k if kinds[k] in ("row", "label") else 0
        if kinds[k] not in ("row", "label") or any(len(f.text.replace(" ", "")) > MAX_LABEL_CHARS for f in frags[k]):
            return 0
        labels.extend(frags[k])
    return 0


def _wrapped_in_header(lines, kinds: list[str], k: int) -> bool:
    """Line k, one label, is a line of a header label wrapped over lines: set tight under the
    line above, or — the header's labels so far all alone on their lines (a banner) — its
    first line, tight over the header's first row. (A label tight over a row under a row is
    a body row's name wrapped around its cells: '服务对象满' | the row | '意度指标'.)"""
    def tight(upper: int, lower: int) -> bool:
        return lines[lower].top - lines[upper].bottom <= WRAPPED_GAP * lines[lower].size
    opens = "row" not in kinds[:k] and k + 1 < len(lines) and kinds[k + 1] == "row"
    return tight(k - 1, k) or (opens and tight(k, k + 1))
