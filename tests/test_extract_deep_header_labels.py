"""Deep headers read by position (no rules, or three-line print): each label reads as one
cell of its own band.

- A label spread down its tall cell one character a line ('收' … '入') is one label "收入",
  not stacked header rows of lone characters.
- A group label ('栏目', '项目') over a pair of labels of one band whose line counts differ
  (功能分类科目编码 in three lines beside 科目名称 in two: their tops differ, their middles
  do not) or that stand a couple of lines lower is a band of its own, not run into the
  label under it ("项目科目名称")."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Document
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import H, PdfBuilder, PrintedTable, TableSpec

SUMMARY_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4)],
    [H("收      入", colspan=2), H("支      出", colspan=2)],
    ["项    目", "预算数", "项    目", "预算数"],
]
SUMMARY_BODY = [
    ["一、一般公共预算拨款收入", "1,826.31", "一、一般公共服务支出", ""],
    ["二、政府性基金预算拨款收入", "", "二、社会保障和就业支出", "1,608.43"],
    ["三、其他收入", "156.00", "三、卫生健康支出", "190.28"],
    ["", "", "四、住房保障支出", "183.60"],
    ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
]

INCOME_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("本年收入合计", rowspan=3), H("财政拨款收入", rowspan=3), H("其他收入", rowspan=3)],
    [H("项目", colspan=2)],
    ["功能分类科目编码", "科目名称"],
]
INCOME_BODY = [
    ["合计", "", "980.00", "900.00", "80.00"],
    ["208", "社会保障和就业支出", "700.00", "650.00", "50.00"],
    ["20805", "行政事业单位养老支出", "700.00", "650.00", "50.00"],
    ["210", "卫生健康支出", "280.00", "250.00", "30.00"],
    ["21011", "行政事业单位医疗", "280.00", "250.00", "30.00"],
]

BY_UNIT_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("合计", rowspan=3), H("基本支出", colspan=3, rowspan=2), H("项目支出", rowspan=3)],
    [H("单位编码", rowspan=2), H("单位名称", rowspan=2)],
    ["小计", "人员经费", "公用经费"],
]
BY_UNIT_BODY = [
    ["合计", "", "1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"],
    ["503", "武汉市人力资源和社会保障局", "1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"],
    ["503004", "江汉社会保险管理处", "1,826.31", "1,583.46", "1,366.95", "216.51", "242.85"],
]


def _read(path: Path, title: str, header: list[list[H | str]], body: list[list[str]],
          style: str, landscape: bool = False) -> tuple[Document, PrintedTable]:
    builder = PdfBuilder(path)
    printed = builder.table(TableSpec(title, header, body, style=style, header_line_count=3), landscape=landscape)
    builder.save()
    return read_document(path), printed


def _header_texts(document: Document, title: str) -> list[list[str]]:
    [table] = [t for t in document.tables if normalize(t.title) == normalize(title)]
    return [[normalize(c.text) for c in row if not c.covered and c.text.strip()] for row in table.header]


def _body(document: Document, title: str) -> list[list[str]]:
    [table] = [t for t in document.tables if normalize(t.title) == normalize(title)]
    return [[normalize(t) for t in row] for row in table.body_texts()]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_a_label_spread_one_character_a_line_reads_as_one_label(tmp_path, style):
    document, printed = _read(tmp_path / "summary.pdf", "收支总表", SUMMARY_HEADER, SUMMARY_BODY, style)
    header = _header_texts(document, "收支总表")
    assert header == [["栏目"], ["收入", "支出"], ["项目", "预算数", "项目", "预算数"]]
    assert _body(document, "收支总表") == [[normalize(t) for t in row] for row in printed.body]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_a_group_label_over_labels_of_unequal_lines_is_a_band_of_its_own(tmp_path, style):
    title = "收入决算表"
    document, printed = _read(tmp_path / "income.pdf", title, INCOME_HEADER, INCOME_BODY, style)
    header = _header_texts(document, title)
    assert ["项目"] in header
    assert "科目名称" in header[-1] and "功能分类科目编码" in header[-1]
    assert _body(document, title) == [[normalize(t) for t in row] for row in printed.body]
    assert not [f for f in run_checks(document) if f.severity.value == "error"]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_a_group_label_a_few_lines_above_its_pair_is_a_band_of_its_own(tmp_path, style):
    title = "一般公共预算支出表(分单位)"
    document, printed = _read(tmp_path / "by_unit.pdf", title, BY_UNIT_HEADER, BY_UNIT_BODY, style)
    header = _header_texts(document, title)
    assert "栏目" in header[0]
    assert not any("栏目" in text and text != "栏目" for row in header for text in row)
    assert any("单位编码" in row and "单位名称" in row for row in header)
    assert _body(document, title) == [[normalize(t) for t in row] for row in printed.body]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_a_group_label_reaching_over_two_bands_heads_all_its_parts(tmp_path, style):
    """'基本支出' centred across the '栏目' band and its own, over 小计 | 人员经费 | 公用经费:
    one cell spanning the three columns, not only the middle one (小计 and 公用经费 then
    stood as columns of their own beside it)."""
    title = "一般公共预算支出表(分单位)"
    document, _ = _read(tmp_path / "by_unit.pdf", title, BY_UNIT_HEADER, BY_UNIT_BODY, style)
    [table] = [t for t in document.tables if normalize(t.title) == normalize(title)]
    [group] = [c for row in table.header for c in row if normalize(c.text) == "基本支出"]
    assert group.col_span == 3
    parts = [normalize(c.text) for c in table.header[-1] if c.text.strip()]
    assert parts[-3:] == ["小计", "人员经费", "公用经费"]


FUND_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("年初结转和结余", rowspan=3), H("本年收入", rowspan=3), H("栏目", colspan=3),
     H("年末结转和结余", rowspan=3)],
    [H("项目", colspan=2), H("本年支出", colspan=3)],
    ["功能分类科目编码", "科目名称", H("", colspan=3)],
]
FUND_BODY = [["合计", "", "", "", "合计", "基本支出", "项目支出", ""]]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_an_empty_table_whose_part_labels_stand_in_its_row_keeps_its_columns(tmp_path, style):
    """An empty table (no figures) whose '本年支出' parts are printed in its only row
    ('合计 基本支出 项目支出'): '本年支出', centred between two of them, groups them and
    is no column of its own."""
    title = "政府性基金预算财政拨款收入支出决算表"
    document, printed = _read(tmp_path / "fund.pdf", title, FUND_HEADER, FUND_BODY, style, landscape=True)
    [table] = [t for t in document.tables if normalize(t.title) == normalize(title)]
    assert table.n_cols == 8
    assert _body(document, title) == [[normalize(t) for t in row] for row in printed.body]
