"""Tables printed without rules and without a single figure — an empty table ('合计' alone
under its header) or a blank template — are found right under their caption and read as
printed; a caption over running text stays text."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

EMPTY = TableSpec(
    "政府性基金预算财政拨款支出预算表",
    [["功能科目代码", "功能科目名称", "金额"]],
    [["", "合计", ""]],
    style="no_rules",
)
SUMMARY_HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "决算数", "项目", "决算数"],
]
BLANK_SUMMARY = [
    ["一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", ""],
    ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
    ["三、上级补助收入", "", "三、国防支出", ""],
    ["", "", "四、公共安全支出", ""],
    ["本年收入合计", "", "本年支出合计", ""],
    ["总计", "", "总计", ""],
]
FILLED = TableSpec(
    "一般公共预算支出预算表",
    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
    [
        ["", "合计", "1,200.00", "900.00", "300.00"],
        ["201", "一般公共服务支出", "1,200.00", "900.00", "300.00"],
        ["20101", "人大事务", "700.00", "600.00", "100.00"],
        ["20102", "政协事务", "500.00", "300.00", "200.00"],
    ],
    style="no_rules",
)


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_an_empty_table_without_rules_is_read_under_its_caption(tmp_path, style):
    builder = PdfBuilder(tmp_path / "empty.pdf")
    spec = TableSpec(EMPTY.title, EMPTY.header, EMPTY.body, style=style)
    printed = builder.table(spec)
    builder.save()
    document = read_document(tmp_path / "empty.pdf")
    [table] = document.tables
    assert normalize(table.title) == normalize(printed.title)
    assert _texts(table.body_texts()) == _texts(printed.body)
    assert [normalize(c.text) for c in table.header[-1]] == ["功能科目代码", "功能科目名称", "金额"]


def test_a_blank_template_without_rules_keeps_its_rows_and_columns(tmp_path):
    builder = PdfBuilder(tmp_path / "blank.pdf")
    printed = builder.table(TableSpec("收入支出决算总表", SUMMARY_HEADER, BLANK_SUMMARY, style="no_rules"))
    builder.save()
    [table] = read_document(tmp_path / "blank.pdf").tables
    assert table.n_cols == 4
    assert _texts(table.body_texts()) == _texts(printed.body)


def test_an_empty_table_beside_a_filled_one_leaves_its_slip_caught(tmp_path):
    """The empty table is found on its page; the filled table's slip (20101 printed 710.00
    where 600.00 + 100.00 make 700.00) is still an error."""
    slipped = [list(r) for r in FILLED.body]
    slipped[2][2] = "710.00"
    builder = PdfBuilder(tmp_path / "two.pdf")
    builder.table(TableSpec(FILLED.title, FILLED.header, slipped, style="no_rules"))
    builder.table(EMPTY)
    builder.save()
    document = read_document(tmp_path / "two.pdf")
    assert [normalize(t.title) for t in document.tables] == [normalize(FILLED.title), normalize(EMPTY.title)]
    errors = [f for f in run_checks(document) if f.severity.value == "error"]
    assert any("710" in f.message for f in errors), [f.message for f in errors]


def test_a_caption_over_running_text_is_no_table(tmp_path):
    builder = PdfBuilder(tmp_path / "prose.pdf")
    builder.text_page(
        [
            "单位：万元",
            "部门预算支出主要用于保障机构正常运转和履行职能，具体情况见下。",
            "一、部门职责",
            "二、机构设置",
            "负责本部门预算编制与执行的日常管理工作，按规定公开预算信息。",
        ],
        heading="一般公共预算支出预算表",
    )
    builder.save()
    assert read_document(tmp_path / "prose.pdf").tables == []


def test_a_list_of_units_under_a_large_title_without_表_is_a_table(tmp_path):
    """部门决算单位构成: no 单位 line, no 表 in its title, no figure — a numbered list of
    units under its header, read as printed."""
    spec = TableSpec(
        "部门决算单位构成",
        [["序号", "单位名称", "备注"]],
        [["1", "上海市普陀区规划和自然资源局（本级）", ""], ["2", "上海市普陀区土地发展中心", ""], ["3", "上海市普陀区确权登记事务中心", ""]],
        unit=None,
        style="no_rules",
    )
    builder = PdfBuilder(tmp_path / "units.pdf")
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "units.pdf").tables
    assert normalize(table.title) == "部门决算单位构成"
    assert _texts(table.body_texts()) == _texts(printed.body)


def test_an_empty_table_under_a_header_in_three_bands_is_read(tmp_path):
    """'无' and 合计 under a header whose labels, centred in their columns over three bands,
    start nowhere in common: a header line of several labels still makes it a table."""
    header: list[list[H | str]] = [
        [H("项目", colspan=4), H("政府性基金预算支出", colspan=3)],
        [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
         H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
        ["类", "款", "项"],
    ]
    body = [["无", "", "", "", "", "", ""], ["合计", "", "", "", "", "", ""]]
    builder = PdfBuilder(tmp_path / "bands.pdf")
    printed = builder.table(TableSpec("政府性基金预算支出功能分类预算表", header, body, unit="元", style="no_rules"))
    builder.save()
    [table] = read_document(tmp_path / "bands.pdf").tables
    assert normalize(table.title) == "政府性基金预算支出功能分类预算表" and table.unit == "元"
    assert [normalize(row[0]) for row in table.body_texts()] == ["无", "合计"]
    assert table.n_cols == len(printed.body[0])
