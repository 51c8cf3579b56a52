"""A total printed once across column groups, and a 小计 row under the last numbered item.

Jiangsu's 收支预算总表 prints 当年支出小计 / 支出合计 once for its two expenditure groups (功能分类 |
支出用途): the label is merged across 功能科目名称 | 金额 | 项目名称, the figure stands in the last 金额.
Both groups' totals are that figure; 当年收入小计 adds up the items above it, it is no part of
"三、其他资金".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Cell
from desktopapp.extract import read_document
from desktopapp.rules import run_checks
from desktopapp.tables.structure import structure_of
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec
from tests.helpers.rules_support import document, findings, table

SUMMARY_HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=4)],
    [H("项目名称", rowspan=2), H("金额", rowspan=2), H("功能分类", colspan=2), H("支出用途", colspan=2)],
    ["功能科目名称", "金额", "项目名称", "金额"],
]


def summary_rows(basic: str = "600.00", social: str = "150.00", subtotal: str = "1,000.00") -> list[list[str]]:
    return [
        ["一、财政拨款", "1,000.00", "一、一般公共服务支出", "800.00", "一、基本支出", basic],
        ["1.一般公共预算", "1,000.00", "二、社会保障和就业支出", social, "二、项目支出", "400.00"],
        ["2.政府性基金预算", "", "三、住房保障支出", "50.00", "", ""],
        ["二、财政专户管理资金", "", "", "", "", ""],
        ["三、其他资金", "", "", "", "", ""],
        ["当年收入小计", subtotal, "当年支出小计", "", "", "1,000.00"],
        ["上年结转资金", "", "结转下年资金", "", "", ""],
        ["收入合计", "1,000.00", "支出合计", "", "", "1,000.00"],
    ]


MERGED = {(5, 2): 3, (6, 2): 3, (7, 2): 3}


STYLES = ("lines", "wps_rects", "three_line", "no_rules")


def _pdf(tmp_path: Path, rows: list[list[str]], style: str = "lines") -> Path:
    path = tmp_path / f"merged-total-{style}.pdf"
    builder = PdfBuilder(path)
    builder.table(
        TableSpec(
            title="2017年度某某部门收支预算总表",
            number="一",
            header=SUMMARY_HEADER,
            body=rows,
            body_spans=MERGED,
            col_widths=[90, 60, 120, 60, 100, 60],
            style=style,
        ),
        landscape=True,
    )
    builder.table(
        TableSpec(
            title="2017年度某某部门一般公共预算支出预算表",
            number="二",
            header=[["功能科目编码", "功能科目名称", "金额"]],
            body=[
                ["", "合计", "1,000.00"],
                ["201", "一般公共服务支出", "800.00"],
                ["208", "社会保障和就业支出", "150.00"],
                ["221", "住房保障支出", "50.00"],
            ],
            style=style,
        )
    )
    builder.save()
    return path


def _errors(doc, rule: str) -> list:
    return [f for f in run_checks(doc) if f.rule == rule and f.severity.value == "error"]


def test_total_merged_across_groups_is_each_groups_total(tmp_path):
    doc = read_document(_pdf(tmp_path, summary_rows()))
    summary = next(t for t in doc.tables if "收支预算总表" in t.title)
    total_row = next(i for i, r in enumerate(summary.body) if r[0].text == "收入合计")
    # Read as printed: one label merged over three columns, the figure in the last one.
    assert summary.body[total_row][2].col_span == 3
    assert summary.body[total_row][3].covered and summary.body[total_row][4].covered
    layout = structure_of(summary, doc)
    assert layout.cell(total_row, 3).amount == layout.cell(total_row, 5).amount == 1000
    # The 支出用途 group knows its rows by the merged label.
    uses = layout.segments[-1]
    assert uses.rows[total_row].label == "支出合计"
    assert _errors(doc, "summary_sum") == []
    assert _errors(doc, "cross_table") == []


@pytest.mark.parametrize("style", STYLES)
def test_no_false_error_in_any_print_style(tmp_path, style):
    doc = read_document(_pdf(tmp_path, summary_rows(), style))
    assert [f for f in run_checks(doc) if f.severity.value == "error"] == []


@pytest.mark.parametrize("style", STYLES)
def test_a_wrong_item_in_either_group_is_still_an_error(tmp_path, style):
    doc = read_document(_pdf(tmp_path, summary_rows(basic="650.00"), style))
    found = _errors(doc, "summary_sum")
    assert found and all("1,000.00" in f.message and "1,050.00" in f.message for f in found)
    doc = read_document(_pdf(tmp_path, summary_rows(social="160.00"), style))
    found = _errors(doc, "summary_sum")
    assert found and all("1,010.00" in f.message for f in found)


@pytest.mark.parametrize("style", STYLES)
def test_subtotal_row_is_no_part_of_the_item_above(tmp_path, style):
    doc = read_document(_pdf(tmp_path, summary_rows(), style))
    assert not [f for f in run_checks(doc) if f.rule == "summary_sum" and "其他资金" in f.message]
    doc = read_document(_pdf(tmp_path, summary_rows(subtotal="1,100.00"), style))
    found = _errors(doc, "summary_sum")
    assert any(f.message.startswith("当年收入小计") for f in found)
    assert not any("其他资金" in f.message for f in found)


def test_figure_merged_across_value_columns_stands_for_each():
    header = [["收入", "", "支出", "", "", ""], ["项目", "金额", "功能分类", "金额", "支出用途", "金额"]]
    rows = [
        ["一、财政拨款", "1,000.00", "一、一般公共服务支出", "1,000.00", "一、基本支出", "1,000.00"],
        ["收入合计", "1,000.00", "支出合计", "1,000.00", "", ""],
    ]
    t = table("T1", "收支预算总表", header, rows, kind="budget_summary")
    t.body[1][3].col_span = 3
    t.body[1][4] = Cell(covered=True)
    t.body[1][5] = Cell(covered=True)
    doc = document(t)
    layout = structure_of(t, doc)
    assert layout.cell(1, 5).amount == 1000
    assert findings(doc, "summary_sum", "error") == []
    t.body[0][5] = Cell.from_text("900.00")
    assert findings(doc, "summary_sum", "error")


def test_workbook_keeps_the_merged_total_as_one_box(tmp_path):
    import openpyxl

    from desktopapp.export.xlsx import export_workbook

    doc = read_document(_pdf(tmp_path, summary_rows()))
    export_workbook(doc, run_checks(doc), [], tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[1]  # after 审核意见
    merged = [r for r in ws.merged_cells.ranges]
    body = [r for r in merged if ws.cell(r.min_row, r.min_col).value == "支出合计"]
    assert len(body) == 1 and (body[0].min_col, body[0].max_col) == (3, 5)
    total = ws.cell(body[0].min_row, 6).value
    assert total == 1000
    cells = [c for r in merged for c in r.cells]
    assert len(cells) == len(set(cells))


def test_label_merged_over_every_figure_of_the_row_abstains():
    """支出合计 merged across both groups with no figure left to pair: not read as 0."""
    header = [["收入", "", "支出", "", "", ""], ["项目", "金额", "功能分类", "金额", "支出用途", "金额"]]
    rows = [
        ["一、财政拨款", "1,000.00", "一、一般公共服务支出", "1,000.00", "一、基本支出", "1,000.00"],
        ["收入合计", "1,000.00", "支出合计", "", "", ""],
    ]
    t = table("T1", "收支预算总表", header, rows, kind="budget_summary")
    t.body[1][2].col_span = 4
    for c in (3, 4, 5):
        t.body[1][c] = Cell(covered=True)
    doc = document(t)
    layout = structure_of(t, doc)
    assert layout.hidden(1, 3) and layout.hidden(1, 5)
    assert findings(doc, "summary_sum", "error") == []


def test_header_broken_by_a_page_end_is_read_whole():
    """财政拨款收支总表 whose page ends after its first header row: the rest of the header tops the
    next page and is no body row (else 支出用途 / 项目名称 are read as items and sums fire)."""
    from desktopapp.extract.assemble import build_table
    from desktopapp.extract.captions import Caption
    from desktopapp.extract.page_tables import Piece

    def cells(texts: list[str], page: int) -> list[Cell]:
        return [Cell(t, page) for t in texts]

    first = Piece(1, [cells(["收入", "", "支出", ""], 1)], "ruled", Caption(title="财政拨款收支预算总表"))
    rest = [
        ["项目名称", "金额", "支出用途", ""],
        ["", "", "项目名称", "金额"],
        ["一、一般公共预算", "1,000.00", "一、基本支出", "600.00"],
        ["", "", "二、项目支出", "400.00"],
        ["收入合计", "1,000.00", "支出合计", "1,000.00"],
    ]
    second = Piece(2, [cells(r, 2) for r in rest], "ruled", Caption())
    t = build_table([first, second], "T1", final_document=False)
    assert [[c.text for c in r] for r in t.header][1:] == rest[:2]
    assert t.body[0][0].text == "一、一般公共预算" and len(t.body) == 3
    assert findings(document(t), "summary_sum", "error") == []


def test_figure_merged_over_parts_of_one_group_is_not_each_parts_value():
    """A figure centred over 人员经费 | 公用经费 is their sum, not each one's: nothing is inferred."""
    header = [["科目名称", "合计", "人员经费", "公用经费"]]
    rows = [["合计", "300.00", "300.00", ""], ["工资福利支出", "300.00", "200.00", "100.00"]]
    t = table("T1", "一般公共预算基本支出表", header, rows, kind="basic_expenditure")
    t.body[0][2].col_span = 2
    t.body[0][3] = Cell(covered=True)
    doc = document(t)
    layout = structure_of(t, doc)
    assert layout.hidden(0, 3) and layout.cell(0, 3).amount is None
    assert not [f for f in findings(doc, severity="error") if f.rule in ("row_sum", "code_hierarchy_sum")]


def test_a_merged_text_row_without_figures_does_not_stop_the_sum_above_it():
    header = [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]]
    rows = [
        ["一、本年收入", "1,000.00", "一、基本支出", "600.00"],
        ["1.一般公共预算", "900.00", "二、项目支出", "400.00"],
        ["（本行为说明，不含金额）", "", "", ""],
        ["本年收入合计", "1,000.00", "本年支出合计", "1,000.00"],
    ]
    t = table("T1", "收支总表", header, rows, kind="budget_summary")
    t.body[2][0].col_span = 4
    for c in (1, 2, 3):
        t.body[2][c] = Cell(covered=True)
    found = findings(document(t), "summary_sum", "error")
    assert [f.message.split("：")[0] for f in found] == ["一、本年收入"]  # 1,000 ≠ 900: still caught
