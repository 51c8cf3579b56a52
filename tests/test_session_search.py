"""Searching a document's text (Ctrl+F): table cells and the running text of its pages."""

from __future__ import annotations

from decimal import Decimal

from desktopapp.core.model import Box, Cell, Document, Page, Table, TextLine
from desktopapp.session.search import find_text


def _document() -> Document:
    table = Table(id="T1", title="支出总表", number="表3", pages=[2], bbox_by_page={2: Box(50, 100, 550, 300)})
    table.body = [
        [Cell.from_text("201", 2, Box(50, 120, 100, 140), numeric=False),
         Cell.from_text("一般公共服务支出", 2, Box(100, 120, 300, 140), numeric=False),
         Cell.from_text("1,826.31", 2, Box(300, 120, 400, 140))],
        [Cell.from_text("208", 2, Box(50, 140, 100, 160), numeric=False),
         Cell.from_text("社会保障和就业支出", 2, Box(100, 140, 300, 160), numeric=False),
         Cell.from_text("1,608.43", 2, Box(300, 140, 400, 160))],
    ]
    text_page = Page(1, 595, 842, lines=[
        TextLine("第三部分 情况说明", Box(50, 60, 300, 75)),
        TextLine("本单位2024年收支总预算1826.31万元，其中社会保障和", Box(50, 80, 540, 95)),
        TextLine("就业支出1608.43万元。", Box(50, 96, 300, 111)),
    ])
    table_page = Page(2, 595, 842, lines=[
        TextLine("支出总表", Box(250, 80, 350, 95)),  # the title, above the table's box
        TextLine("201 一般公共服务支出 1,826.31", Box(50, 120, 400, 140)),  # the grid's own line
    ])
    return Document(source="x.pdf", sha256="0" * 64, page_count=2, tables=[table], pages=[text_page, table_page])


def test_a_figure_is_found_in_the_text_and_in_the_cell_whatever_its_separators():
    hits = find_text(_document(), "1826.31")
    assert [(h.page, h.table, h.row, h.col) for h in hits] == [(1, None, -1, -1), (2, "T1", 0, 2)]
    assert hits[0].box == Box(50, 80, 540, 95) and hits[1].box == Box(300, 120, 400, 140)
    assert [h.text for h in find_text(_document(), "1,608.43")] == ["就业支出1608.43万元。", "1,608.43"]


def test_words_are_found_across_spaces_and_the_grid_line_is_not_a_hit_of_its_own():
    hits = find_text(_document(), "一般 公共服务")
    assert [(h.table, h.row, h.col) for h in hits] == [("T1", 0, 1)]  # not the page line inside the table
    titles = find_text(_document(), "支出总表")
    assert [(h.page, h.is_cell) for h in titles] == [(2, False)]
    assert [h.page for h in find_text(_document(), "情况 说明")] == [1]


def test_a_correction_is_found_as_shown_and_nothing_for_an_empty_query():
    document = _document()
    document.tables[0].body[1][2].corrected = Decimal("1610.43")
    hits = find_text(document, "1610.43")
    assert [(h.table, h.row, h.col, h.text) for h in hits] == [("T1", 1, 2, "1,610.43")]
    assert find_text(document, "  ") == [] and find_text(None, "支出") == []
    assert find_text(document, "不存在的文字") == []
