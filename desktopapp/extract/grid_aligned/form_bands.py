"""Lines taken for a header that are rows of a form: a band of column labels that recurs in
the body (a 绩效 form's '一级指标 二级指标 三级指标 指标值 …' printed again over each goal's
indicators), or lines holding a target value ('80%以上', '≥85%').

A table prints its header once atop a page; labels printed again lower in the same run of
aligned lines are rows of a form, each band heading the indicators under it. Taken for the
page's header, the first band is laid as header cells (labels centred in tall cells, spread
into the form's first row above them) while the same band lower down is read as rows: read
both as rows, so every band of the form comes out alike and the page's first row (the
form's '单位名称 …' repeated atop each page) stays a row of its own. A header labels its
columns and holds no target value: lines above a form's first plain figure that hold one
are its rows (a continuation page of indicators, whose first figure comes late), and so are lines
holding two measures or more ('2万笔' | '2万笔' beside an indicator's wrapped name).
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktopapp.core.numbers import normalize
from desktopapp.extract.grid_aligned.blocks import CELL_GAP
from desktopapp.extract.grid_aligned.regions import Region
from desktopapp.extract.grid_aligned.sparse_forms import is_measure
from desktopapp.extract.layout import Char
from desktopapp.extract.text import fragments, group_lines

MIN_LABELS = 3  # labels of the header band found again below it
# A target compared or in percent ('≥85%', '80%以上'); a number before words may be a
# column's year ('2023年预算数') or a 科目 code and its name ('227预备费') in a header.
_TARGET = re.compile(r"[≥≤><=＞＜≧≦%]")
_YEAR_FIRST = re.compile(r"\d+\s*[年月日号]")


def without_form_rows_header(chars: list[Char], region: Region) -> Region:
    """The region without a header when its header holds a target value or most of its
    header labels recur in its body at the same places."""
    if region.header_bottom is None:
        return region
    inside = [c for c in chars if region.top <= c.cy <= region.bottom and region.x0 <= c.cx <= region.x1]
    lines = group_lines(inside)
    head: list[tuple[str, float]] = []
    body: list[tuple[str, float]] = []
    for i, line in enumerate(lines):
        side = head if line.cy < region.header_bottom else body
        side.extend((normalize(f.text), f.x0) for f in fragments(line, i, CELL_GAP) if f.text.strip())
    if any(is_measure(text) and _TARGET.search(text) for text, _ in head) or _measures_in_a_line(lines, region):
        return replace(region, header_bottom=None)
    labels = [(text, x) for text, x in head if len(text) >= 2]  # not a wrapped label's last character
    if len(labels) < MIN_LABELS:
        return region
    size = sorted(c.size for c in inside)[len(inside) // 2] if inside else 9.0
    again = sum(1 for text, x in labels if any(t == text and abs(bx - x) <= size for t, bx in body))
    if again >= MIN_LABELS and 2 * again >= len(labels):
        return replace(region, header_bottom=None)
    return region


def _measures_in_a_line(lines: list, region: Region) -> bool:
    """A header line holding two measures or more ('2万笔' '2万笔', '300人次' '300人次'): the
    values of an indicator's row, set beside a name wrapped over the lines around them."""
    return any(
        line.cy < region.header_bottom
        and sum(1 for f in fragments(line, i, CELL_GAP) if _counted(normalize(f.text))) >= 2
        for i, line in enumerate(lines)
    )


def _counted(text: str) -> bool:
    """A measure counting something ('2万笔', '300人次'), not a column's year ('2024年预算数')."""
    return is_measure(text) and not _YEAR_FIRST.match(text)
