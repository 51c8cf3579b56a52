"""What the grid and the page view derive from the document: header spans, column kinds, quoted lines."""

from __future__ import annotations

import pytest

from desktopapp._qt.header_layout import HeaderSpan, header_spans
from desktopapp._qt.locate import cell_at, quote_boxes
from desktopapp.core.model import Box, Cell, Document, Page, Table, TextLine
from desktopapp.export.json_out import document_from_json
from desktopapp.tables.structure import structure_of

pytestmark = pytest.mark.gui


def _table(header: list[list[str]], body: list[list[str]]) -> Table:
    return document_from_json({"tables": [{"title": "收入决算表", "header": header, "body": body}]}).tables[0]


def test_header_spans_inferred_from_blank_merged_cells():
    # 收入决算表 as a corpus truth prints it: merged cells left blank
    table = _table(
        [
            ["项目", "", "", "", "本年收入合计", "财政拨款收入"],
            ["支出功能分类", "", "", "科目名称", "", ""],
            ["科目编码", "", "", "", "", ""],
        ],
        [["类", "款", "项", "合计", "2,946.25", "2,940.05"]],
    )
    spans = {(s.text, s.row, s.col, s.row_span, s.col_span) for s in header_spans(table)}
    assert ("项目", 0, 0, 1, 4) in spans
    assert ("支出功能分类", 1, 0, 1, 3) in spans
    assert ("科目名称", 1, 3, 2, 1) in spans
    assert ("科目编码", 2, 0, 1, 3) in spans
    assert ("本年收入合计", 0, 4, 3, 1) in spans and ("财政拨款收入", 0, 5, 3, 1) in spans


def test_header_group_does_not_spill_over_its_parent():
    table = _table([["合计", "基本支出", "", "项目支出"], ["", "人员经费", "公用经费", ""]], [["1", "1", "0", "0"]])
    spans = {(s.text, s.row, s.col, s.row_span, s.col_span) for s in header_spans(table)}
    assert ("基本支出", 0, 1, 1, 2) in spans
    assert ("合计", 0, 0, 2, 1) in spans and ("项目支出", 0, 3, 2, 1) in spans


def test_recorded_spans_are_used_as_read():
    header = [[Cell("科目", col_span=2), Cell("", covered=True), Cell("合计", row_span=2)],
              [Cell("编码"), Cell("名称"), Cell("", covered=True)]]
    table = Table(id="T1", title="支出总表", header=header, body=[[Cell.from_text(x) for x in ("201", "x", "1.00")]])
    assert sorted(header_spans(table), key=lambda s: (s.row, s.col)) == [
        HeaderSpan(0, 0, 1, 2, "科目"),
        HeaderSpan(0, 2, 2, 1, "合计"),
        HeaderSpan(1, 0, 1, 1, "编码"),
        HeaderSpan(1, 1, 1, 1, "名称"),
    ]


def test_codes_and_names_stay_text_figures_are_amounts():
    table = _table(
        [["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        [["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"], ["20801", "人力资源", "", "-", "0.00"]],
    )
    assert structure_of(table).column_kinds == ["code", "text", "amount", "amount", "amount"]
    split = _table([["类", "款", "项", "科目名称", "金额"]], [["208", "01", "01", "行政运行", "12.00"]])
    assert structure_of(split).column_kinds[:3] == ["code", "code", "code"]


def test_quote_is_found_across_line_breaks_and_spaces():
    page = Page(number=9, width=595, height=842, lines=[
        TextLine("一、收支预算总体情况", Box(80, 100, 300, 112)),
        TextLine("2024年收支总预算 1982.31万元，比2023年预算减少", Box(80, 120, 500, 132)),
        TextLine("253.01万元，下降11.32%。", Box(80, 140, 260, 152)),
    ])
    boxes = quote_boxes(page, "比2023年预算减少253.01万元")
    assert boxes == [page.lines[1].box, page.lines[2].box]
    assert quote_boxes(page, "收支总预算1982.31万元") == [page.lines[1].box]
    assert quote_boxes(page, "完全不在此页") == []


def test_click_finds_the_innermost_cell():
    table = Table(id="T1", title="t", pages=[3], body=[[
        Cell("1.00", page=3, box=Box(100, 100, 160, 118)),
        Cell("2.00", page=3, box=Box(160, 100, 220, 118)),
    ]])
    document = Document(source="x.pdf", sha256="", page_count=3, tables=[table])
    assert cell_at(document, 3, 170, 110).col == 1
    assert cell_at(document, 3, 110, 110).col == 0
    assert cell_at(document, 2, 110, 110) is None
    assert cell_at(document, 3, 50, 50) is None


def test_command_line_arguments():
    from pathlib import Path

    from desktopapp._qt.app import USAGE, _parse

    assert _parse([]) == (None, False, None)
    assert _parse(["--sample"]) == (None, True, None)
    assert _parse(["预算.pdf"]) == (Path("预算.pdf"), False, None)
    assert _parse(["--help"])[2] == USAGE
    assert "无法识别的参数" in _parse(["--bogus"])[2]
