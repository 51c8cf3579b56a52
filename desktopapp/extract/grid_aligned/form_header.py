"""A table of figures with a column of prose (委托事项内容 beside 合计 …) whose names wrap in
a narrow first column looks like a form too (prose_forms.py: short labels down its left edge,
sentences beside them) and is found as one, without a header: its labels would be laid as
body rows, labels of neighbouring columns joined. Found by its figures (regions.text_regions)
from the same top line, it shows where its header ends: the form keeps that header, unless
the header is a form's recurring band or holds a target value (form_bands.py)."""

from __future__ import annotations

from dataclasses import replace

from desktopapp.extract.grid_aligned.blocks import CELL_GAP
from desktopapp.extract.grid_aligned.form_bands import without_form_rows_header
from desktopapp.extract.grid_aligned.regions import Region, text_regions
from desktopapp.extract.header import is_data_amount
from desktopapp.extract.layout import Char
from desktopapp.extract.text import fragments, group_lines

SAME_TOP = 2.0  # points
MAX_LABEL = 12  # characters of a column label
MIN_FIGURE_ROWS = 2  # body lines with two amounts or more


def with_table_header(chars: list[Char], region: Region) -> Region:
    if region.header_bottom is not None:
        return region
    for table in text_regions(chars):
        if (
            table.header_bottom is not None
            and abs(table.top - region.top) <= SAME_TOP
            and region.top < table.header_bottom < region.bottom
            and _table_of_figures(chars, replace(table, bottom=region.bottom))
        ):
            return without_form_rows_header(chars, replace(region, header_bottom=table.header_bottom))
    return region


def _table_of_figures(chars: list[Char], table: Region) -> bool:
    """Column labels over rows of figures: the header holds short labels only (a form's first
    rows hold values: '武汉市人力资源和社会保障局江…', '5617989'), and lines of the body carry
    two amounts or more (a form's values are one figure beside each label)."""
    assert table.header_bottom is not None
    inside = [c for c in chars if table.top <= c.cy <= table.bottom and table.x0 <= c.cx <= table.x1]
    head_ok, figure_rows = True, 0
    for i, line in enumerate(group_lines(inside)):
        texts = [f.text.strip() for f in fragments(line, i, CELL_GAP) if f.text.strip()]
        if line.cy < table.header_bottom:
            head_ok = head_ok and all(
                len(t) <= MAX_LABEL and not is_data_amount(t) and not any(p in t for p in "，。；") for t in texts
            )
        elif sum(1 for t in texts if is_data_amount(t)) >= 2:
            figure_rows += 1
    return head_ok and figure_rows >= MIN_FIGURE_ROWS
