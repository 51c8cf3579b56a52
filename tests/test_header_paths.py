"""A column's header path is read once (core.header_spans): the grid, the change log and the
workbook show it as printed; the structure's Column.path is the same reading with the 栏次 marker
row, printed column numbers and 单位: lines taken out."""

from __future__ import annotations

from desktopapp.core.header_spans import column_labels, column_paths, header_spans
from desktopapp.core.model import Cell, Table
from desktopapp.export.json_out import document_from_json
from desktopapp.tables.columns import header_paths
from desktopapp.tables.structure import structure_of


def _json_table(header: list[list[str]], body: list[list[str]], title: str = "支出总表") -> Table:
    return document_from_json({"tables": [{"title": title, "header": header, "body": body}]}).tables[0]


def _body(*rows: tuple[str, ...]) -> list[list[Cell]]:
    return [[Cell.from_text(t) for t in row] for row in rows]


def test_structure_paths_are_the_printed_paths_without_marker_row_and_unit_line():
    header = [
        ["单位：万元", "", "", ""],
        ["科目编码", "科目名称", "支出预算", ""],
        ["", "", "合计", "基本支出"],
        ["※", "※", "1", "2"],
    ]
    table = _json_table(header, [["201", "一般公共服务支出", "10.00", "10.00"]])
    printed = column_paths(table)
    assert printed[2] == ["单位：万元", "支出预算", "合计", "1"]  # the window shows the header as printed
    paths, numbers = header_paths(table)
    assert paths == [("科目编码",), ("科目名称",), ("支出预算", "合计"), ("支出预算", "基本支出")]
    assert numbers == {1: 2, 2: 3}
    structure = structure_of(table)
    assert [c.path for c in structure.columns] == paths
    assert structure.column(3).number == 2
    # apart from what the structure takes out, the two readings are one
    for path, shown in zip(paths, printed):
        assert list(path) == [t for t in shown if t not in ("单位：万元", "※", "1", "2")]


def test_a_merge_recorded_deeper_than_the_boxes_printed_beneath_it_stops_above_them():
    # 财政拨款“三公”经费支出决算表: 公务接待费 recorded three rows deep over its 预算数 | 决算数 row
    header = [
        [Cell("财政拨款“三公”经费", col_span=4)] + [Cell("", covered=True)] * 3,
        [Cell("合计", row_span=2, col_span=2), Cell("", covered=True), Cell("公务接待费", row_span=3, col_span=2),
         Cell("", covered=True)],
        [Cell("", covered=True)] * 4,
        [Cell("预算数"), Cell("决算数"), Cell("预算数"), Cell("决算数")],
    ]
    table = Table(id="T1", title="财政拨款“三公”经费支出决算表", header=header,
                  body=_body(("1.00", "0.90", "1.00", "0.90")))
    spans = {(s.text, s.row, s.col, s.row_span, s.col_span) for s in header_spans(table)}
    assert ("公务接待费", 1, 2, 2, 2) in spans
    assert ("预算数", 3, 2, 1, 1) in spans and ("决算数", 3, 3, 1, 1) in spans
    assert column_labels(table)[3] == "财政拨款“三公”经费/公务接待费/决算数"
    assert structure_of(table).column(3).path == ("财政拨款三公经费", "公务接待费", "决算数")  # quotes dropped


def test_a_blank_box_beside_a_label_merged_down_is_its_own_column():
    # 上年结转结余情况明细表 read from a three-line rendering: 项目名称 recorded three rows deep,
    # the box right of it blank and 总计 printed below it — 总计 is not under 项目名称
    header = [
        [Cell("项目名称", row_span=3), Cell(""), Cell("财政拨款", col_span=2), Cell("", covered=True)],
        [Cell("", covered=True), Cell("总计", row_span=2), Cell("合计", row_span=2), Cell("项目支出", row_span=2)],
        [Cell("", covered=True)] * 4,
    ]
    table = Table(id="T1", title="上年结转结余情况明细表", header=header,
                  body=_body(("总计", "5.13", "5.13", "5.13"), ("某项目", "5.13", "5.13", "5.13")))
    assert column_paths(table)[1] == ["总计"]
    structure = structure_of(table)
    assert structure.column(1).path == ("总计",)
    assert structure.column(1).is_total


def test_spaced_and_full_width_header_texts():
    table = _json_table([["项    目", "金额（万元）"]], [["合计", "1.00"]])
    assert column_labels(table) == ["项目", "金额（万元）"]
    assert header_paths(table)[0] == [("项目",), ("金额(万元)",)]
