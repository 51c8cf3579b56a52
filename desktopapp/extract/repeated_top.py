"""The lines repeated atop every page of a table set without rules: its header.

A form printed over several pages (a 绩效目标表) repeats its first row atop each page
('项目名称 | 服务运行经费 | 项目编码'). Read page by page, a page poor in prose or in
figures is found by its first figure, and every line above that figure is taken for the
header: the form's first row, and with it the rows of the form that happen to stand above
the page's first figure ('项目主管部门 …' on one page, '项目支出明细测算 | 项目活动 …' on
another). Those lines differ from page to page, so the page is not seen to carry on the
table, and the rows are laid out as header labels and lost.

What the pages repeat is the header, whatever the template: the table's first lines when
the next pages start with them too. Lines below them were not repeated, so they are rows.
A table whose whole header is repeated on each page is left as it was.
"""

from __future__ import annotations

from dataclasses import replace

from desktopapp.core.numbers import normalize
from desktopapp.extract.grid_aligned.blocks import CELL_GAP
from desktopapp.extract.grid_aligned.build import RegionText, prepare
from desktopapp.extract.page_tables import Piece
from desktopapp.extract.text import Line, fragments, group_lines


def repeats_first_line(first: Piece, piece: Piece) -> bool:
    """The piece, set without rules, starts with the table's first line of text (several
    cells: a title or a lone label says nothing)."""
    if first.aligned is None or piece.aligned is None:
        return False
    return _common_top(_lines(first.aligned), _lines(piece.aligned)) >= 1


def header_of_repeated_lines(group: list[Piece]) -> None:
    """Where the header of a table set by alignment alone and continued over pages ends:
    after the lines all its pages start with, when a page's header took more lines than
    those, or when a page was read without a header (its repeated lines, standing between
    the columns, would lay columns of their own). A header closed by a rule, or printed
    whole on two pages (its lines perhaps grouped otherwise), is left as it is."""
    texts = [p.aligned for p in group]
    if len(group) < 2 or any(t is None or t.region.kind != "aligned" for t in texts):
        return
    heads = [_head_chars(t) for t in texts if t.region.header_bottom is not None]
    if any(a == b for i, a in enumerate(heads) for b in heads[i + 1 :]):
        return
    lines = [_lines(t) for t in texts]
    k = min(_common_top(lines[0], other) for other in lines[1:])
    if k < 1:
        return
    for piece, text, own in zip(group, texts, lines):
        bottom = text.region.header_bottom
        if len(own) <= k or (bottom is not None and own[k].cy > bottom):
            continue  # no header beyond the repeated lines
        cut = (own[k - 1].bottom + own[k].top) / 2
        chars = [c for b in text.head_blocks + text.body_blocks for c in b.chars]
        again = prepare(chars, replace(text.region, header_bottom=cut))
        if again is not None:
            piece.aligned = again


def _head_chars(text: RegionText) -> list[str]:
    return sorted(c.text for b in text.head_blocks for c in b.chars if not c.text.isspace())


def _lines(text: RegionText) -> list[Line]:
    return group_lines([c for b in text.head_blocks + text.body_blocks for c in b.chars])


def _common_top(a: list[Line], b: list[Line]) -> int:
    """How many leading lines of `a` and `b` hold the same text, when one of them is a line
    of several cells (a line of one text is no evidence: a caption, a wrapped label; but a
    grouping band '栏目' may stand alone above the repeated labels)."""
    k = 0
    while k < min(len(a), len(b)) and _key(a[k]) == _key(b[k]):
        k += 1
    if not any(len(fragments(line, 0, CELL_GAP)) >= 2 for line in a[:k]):
        return 0
    return k


def _key(line: Line) -> str:
    return "".join(normalize(line.text).split())
