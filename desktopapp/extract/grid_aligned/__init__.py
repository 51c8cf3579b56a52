"""Grids without vertical rules: three-line tables and tables set by alignment alone.

A three-line table is bounded by a top and a bottom rule of the same width; the first
full-width rule below the top one closes the header; shorter rules inside the header
underline grouped (merged) header cells. Without any rule, a table is a run of lines
whose fragments stand in the same columns, with amounts among them — or, a table with no
figures at all (empty, or a blank template), right under its caption (captioned.py).

Columns come from the fragments of the body and of the lowest header band: overlapping
x-extents form one column; a fragment reaching over several columns is a merged cell.
Body rows are stacks of fragments that overlap vertically (a name wrapped over lines is
one cell, the amounts beside it are centred on it).

regions.py finds the tables; blocks.py stacks their text into cells; columns.py,
rows.py and header_cells.py find the columns, body rows and header cells; build.py lays
the grid. `find_aligned_grids` is the entry.
"""

from __future__ import annotations

from dataclasses import replace

from desktopapp.extract.geometry import RuleLine
from desktopapp.extract.grid import Grid
from desktopapp.extract.grid_aligned.build import RegionText, build_grid, make_grid, shared_columns
from desktopapp.extract.grid_aligned.captioned import captioned_regions
from desktopapp.extract.grid_aligned.continued_top import repeated_header_regions
from desktopapp.extract.grid_aligned.form_bands import without_form_rows_header
from desktopapp.extract.grid_aligned.form_header import with_table_header
from desktopapp.extract.grid_aligned.prose_forms import prose_form_regions
from desktopapp.extract.grid_aligned.regions import Region, text_regions, three_line_regions
from desktopapp.extract.grid_aligned.rows import split_tall_rows
from desktopapp.extract.grid_aligned.sparse_forms import sparse_form_regions
from desktopapp.extract.header import is_data_amount
from desktopapp.extract.layout import Char


def find_aligned_grids(
    chars: list[Char], free_hrules: list[RuleLine], ruled: list[Grid], width: float, height: float
) -> tuple[list[tuple[Grid, RegionText]], list[Char]]:
    found: list[tuple[Grid, RegionText]] = []
    rest = chars
    # The page's text frame ends on the right where its text does, or as far from the right
    # edge as its text starts from the left (margins alike: a table's last cell reaches there).
    frame_x1 = max(max(c.x1 for c in chars), width - min(c.x0 for c in chars)) if chars else None
    finders = (
        lambda cs: three_line_regions(free_hrules, cs), prose_form_regions, text_regions, sparse_form_regions,
        captioned_regions, repeated_header_regions,
    )
    for finder in finders:
        if finder in (text_regions, sparse_form_regions) and not any(c.text.isdigit() for c in rest):
            continue  # a table without rules is found by its figures: none left
        for region in finder(rest):
            if any(_overlaps(region, g) for g in ruled) or any(_overlaps(region, g) for g, _ in found):
                continue
            if finder in (text_regions, sparse_form_regions):
                region = without_form_rows_header(rest, region)
            elif finder is prose_form_regions:
                region = with_table_header(rest, region)
            region = replace(region, frame_x1=frame_x1)
            inside = [c for c in rest if region.top - 1 <= c.cy <= region.bottom + 1 and region.x0 - 3 <= c.cx <= region.x1 + 3]
            built = build_grid(inside, region)
            if built is None or not (_valid(built[0]) or (finder is captioned_regions and _blank_under_header(built[0]))):
                continue
            found.append(built)
            ids = {id(c) for c in inside}
            rest = [c for c in rest if id(c) not in ids]
    return found, rest


def _blank_under_header(grid: Grid) -> bool:
    """A blank table under its caption: a header line labelling most of its columns (three
    at least) over rows of names alone — a figure-less template or its page continued
    ('十、节能环保支出' one a row), whose rows hold one cell each."""
    head = grid.header_rows_hint
    texts = grid.texts()
    if not head or head >= len(texts) or grid.n_cols < 3:
        return False
    labelled = max(sum(1 for t in row if t) for row in texts[:head])
    return labelled >= max(3, (grid.n_cols + 1) // 2 + 1)


def _overlaps(region: Region, grid: Grid) -> bool:
    return not (region.bottom < grid.top or region.top > grid.bottom or region.x1 < grid.x0 or region.x0 > grid.x1)


def _valid(grid: Grid) -> bool:
    """A table has several columns in use, not a paragraph between two rules."""
    if grid.n_cols < 2:
        return False
    texts = grid.texts()
    head = grid.header_rows_hint
    if grid.strategy == "hrules" and head and any(any(row) for row in texts[head:]):
        # Framed by rules of one extent with its header closed by a rule of its own: a
        # table, even an empty one ('无') whose header text stands in many bands.
        return True
    multi = sum(1 for row in texts if sum(1 for t in row if t) >= 2)
    amounts = sum(1 for row in texts for t in row if is_data_amount(t))
    return multi >= max(1, len(texts) // 4) or amounts > 0


__all__ = ["RegionText", "find_aligned_grids", "make_grid", "shared_columns", "split_tall_rows"]
