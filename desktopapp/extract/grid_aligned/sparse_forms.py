"""Forms poor in plain amounts (绩效指标 tables) printed without rules: where they lie.

Such a form's values are measures — a target with its comparison and unit ('≥40 万元',
'>=99%', '=1 次', '70 人', '≤5个工作日') — and its plain amounts are few (the funds of a
project, once) or none (a continuation page). A measure standing as a cell of its own beside
other cells marks a row of data as an amount does; the table is then found like any table set
by alignment (regions.text_regions: rows whose cells stand in columns, the header lines above
them). In running text such a value is part of a sentence, not a fragment of its own, and a
line of prose is never a row.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktopapp.core.numbers import normalize
from desktopapp.extract.grid_aligned.blocks import CELL_GAP
from desktopapp.extract.grid_aligned.regions import Region, text_regions
from desktopapp.extract.header import is_data_amount
from desktopapp.extract.layout import Char
from desktopapp.extract.text import fragments, group_lines

# A comparison, a number, then a percent sign or a short unit ('万元', '平方米', '元/人/天').
_MEASURE = re.compile(r"(?:[≥≤><=＞＜≧≦]=?)?\s*\d+(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff/]{1,6})?")
# A comparison before a number, or a unit right after one (a year or a date excepted).
_MEASURE_MARK = re.compile(r"[≥≤><=＞＜≧≦]\s*\d|\d\s*(?![年月日号])[\u4e00-\u9fff]")
_DATE_UNIT = re.compile(r"\d+\s*[年月日号]")  # '2023 年': a year or a date, not a measure


def is_measure(text: str) -> bool:
    """A target value of an indicator: a number with a comparison, a percent sign or a unit."""
    t = normalize(text).strip()
    if not _MEASURE.fullmatch(t) or _DATE_UNIT.fullmatch(t):
        return False
    return not t.isdigit()  # a bare integer is a code, a count or a column number


def sparse_form_regions(chars: list[Char]) -> list[Region]:
    """Regions of tables whose rows carry measures where other tables carry amounts. Lines
    above the first row that head no columns (a form's rows of a label and its value, the
    form's first row repeated atop a continuation page) are rows of the form, not a header."""
    if not _measure_rows(chars):
        return []  # most pages: not worth laying out again
    regions = text_regions(chars, figure=is_measure, wide=CELL_GAP)
    return [r if r.header_bottom is None or _heads_columns(chars, r) else replace(r, header_bottom=None) for r in regions]


def _measure_rows(chars: list[Char]) -> bool:
    """A line of several cells with a measure among them (a continuation page may hold one row)."""
    text = "".join(c.text for c in chars)
    if not _MEASURE_MARK.search(text):
        return False  # told from the page's characters alone, before laying out its lines
    for i, line in enumerate(group_lines(chars)):
        if not any(ch.isdigit() for ch in line.text):
            continue
        frags = fragments(line, i, CELL_GAP)
        if len(frags) >= 2 and any(is_measure(f.text) and not is_data_amount(f.text) for f in frags):
            return True
    return False


def _heads_columns(chars: list[Char], region: Region) -> bool:
    """A line above the region's first row holds labels over at least half of its cells."""
    inside = [c for c in chars if region.top <= c.cy <= region.bottom and region.x0 <= c.cx <= region.x1]
    lines = group_lines(inside)
    cells = [len(fragments(ln, i, CELL_GAP)) for i, ln in enumerate(lines)]
    head = [n for ln, n in zip(lines, cells) if ln.cy < region.header_bottom]
    first_row = next((n for ln, n in zip(lines, cells) if ln.cy >= region.header_bottom), 0)
    return bool(head) and max(head) >= 3 and 2 * max(head) >= first_row
