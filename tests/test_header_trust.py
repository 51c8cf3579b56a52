"""A header read by position alone whose bands do not nest gives no column sums: the rules
abstain instead of calling every row of a correct table wrong, while the same table printed
with rules (its header read as printed) still has its slip caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.header_spans import Span
from desktopapp.core.model import Cell, Table
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from desktopapp.tables.header_trust import bands_cross
from desktopapp.tables.structure import structure_of
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

# 部门支出总体情况表 with a grouping band "栏目" above its header, every header text typed over
# three lines: without vertical rules the band over the label columns is read reaching over
# part of 支出预算's columns.
DEEP_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=7)],
    [H("科目", colspan=3), H("支出预算", colspan=4)],
    [
        H("功能分类科目编码", colspan=3),
        H("功能分类科目名称", rowspan=2),
        H("合计", rowspan=2),
        H("基本支出", rowspan=2),
        H("项目支出", rowspan=2),
    ],
    ["类", "款", "项"],
    ["※", "※", "※", "※", "1", "2", "3"],
]


def _body(other_total: str) -> list[list[str]]:
    """总计 = 基本支出 + 项目支出 in every row; `other_total` is the 合计 printed for 其他支出."""
    return [
        ["", "", "", "总计", "1,041.14", "1,036.02", "5.12"],
        ["208", "", "", "社会保障和就业支出", "927.19", "927.19", ""],
        ["208", "01", "", "人力资源和社会保障管理事务", "850.36", "850.36", ""],
        ["208", "01", "01", "行政运行", "612.20", "612.20", ""],
        ["208", "01", "02", "一般行政管理事务", "238.16", "238.16", ""],
        ["208", "05", "", "行政事业单位养老支出", "76.83", "76.83", ""],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "76.83", "76.83", ""],
        ["210", "", "", "卫生健康支出", "41.07", "41.07", ""],
        ["210", "11", "", "行政事业单位医疗", "41.07", "41.07", ""],
        ["210", "11", "01", "行政单位医疗", "41.07", "41.07", ""],
        ["221", "", "", "住房保障支出", "67.76", "67.76", ""],
        ["221", "02", "", "住房改革支出", "67.76", "67.76", ""],
        ["221", "02", "01", "住房公积金", "67.76", "67.76", ""],
        ["229", "", "", "其他支出", other_total, "", "5.12"],
        ["229", "99", "", "其他支出", other_total, "", "5.12"],
        ["229", "99", "99", "其他支出", other_total, "", "5.12"],
    ]


def _row_sum_errors(path: Path, style: str, other_total: str) -> list[str]:
    builder = PdfBuilder(path)
    spec = TableSpec(
        "部门支出总体情况表", DEEP_HEADER, _body(other_total), unit="万元", style=style, header_line_count=3
    )
    builder.table(spec, landscape=False)
    builder.save()
    document = read_document(path)
    return [f.message for f in run_checks(document) if f.rule == "row_sum" and f.severity.value == "error"]


@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_deep_header_read_by_position_raises_no_false_row_sum(tmp_path, style):
    assert _row_sum_errors(tmp_path / f"{style}.pdf", style, "5.12") == []


def test_same_table_ruled_still_catches_a_row_slip(tmp_path):
    errors = _row_sum_errors(tmp_path / "lines.pdf", "lines", "5.21")
    assert any("5.21" in m for m in errors)


def _table(header: list[list[Cell]], strategy: str) -> Table:
    body = [[Cell.from_text(t) for t in ["合计", "10.00", "4.00", "6.00"]]]
    return Table(id="T1", title="支出总表", header=header, body=body, strategy=strategy)


def _spanned(text: str, col_span: int = 1, row_span: int = 1) -> Cell:
    return Cell(text=text, col_span=col_span, row_span=row_span)


def test_bands_crossing_each_other_are_told():
    nested = [Span(0, 0, 1, 1, "项目"), Span(0, 1, 1, 3, "支出"), Span(1, 1, 1, 1, "合计"), Span(1, 2, 1, 2, "基本")]
    crossing = [Span(0, 0, 1, 2, "栏目"), Span(1, 1, 1, 3, "支出预算"), Span(2, 1, 1, 1, "合计")]
    assert not bands_cross(nested)
    assert bands_cross(crossing)


def _three_band_header(band_width: int) -> list[list[Cell]]:
    """栏目 over the label column (band_width 1) or, read wrongly, reaching over 支出预算 too."""
    top = [_spanned("栏目", col_span=band_width)] + [Cell(covered=True)] * (band_width - 1)
    top += [Cell()] * (4 - band_width)
    return [
        top,
        [_spanned("项目"), _spanned("支出预算", col_span=3), Cell(covered=True), Cell(covered=True)],
        [Cell(), _spanned("合计"), _spanned("基本支出"), _spanned("项目支出")],
    ]


def test_a_crossing_header_states_no_total_column():
    layout = structure_of(_table(_three_band_header(2), "hrules"))
    assert layout.header_doubtful
    assert not any(c.is_total for c in layout.columns)


def test_a_nesting_header_keeps_its_total_column():
    layout = structure_of(_table(_three_band_header(1), "hrules"))
    assert not layout.header_doubtful
    assert layout.columns[1].is_total
