"""A blank total cell is "not printed", never 0.00.

Jiangsu prints 当年支出小计 / 支出合计 once across 功能分类 | 支出用途; printed without the merge,
the 功能分类 金额 of that row is simply blank. No rule may read such a blank as 0 and raise a
错误 or 警告 against the figures it would total (row sums, the 收支总表 outline, the 科目
hierarchy, the same figure in another table, 三公 against 基本支出). A printed total that is
wrong is still an error: the checks are not switched off, only the blank is not taken as 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.extract import read_document
from desktopapp.rules import run_checks
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

SUMMARY_HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=4)],
    [H("项目名称", rowspan=2), H("金额", rowspan=2), H("功能分类", colspan=2), H("支出用途", colspan=2)],
    ["功能科目名称", "金额", "项目名称", "金额"],
]
EXPENDITURE_HEADER: list[list[H | str]] = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


def _summary_rows(function_total: str = "", uses_total: str = "1,000.00") -> list[list[str]]:
    return [
        ["一、财政拨款", "1,000.00", "一、一般公共服务支出", "800.00", "一、基本支出", "600.00"],
        ["1.一般公共预算", "1,000.00", "二、社会保障和就业支出", "150.00", "二、项目支出", "400.00"],
        ["2.政府性基金预算", "", "三、住房保障支出", "50.00", "", ""],
        ["二、财政专户管理资金", "", "", "", "", ""],
        ["当年收入小计", "1,000.00", "当年支出小计", function_total, "", uses_total],
        ["上年结转资金", "", "结转下年资金", "", "", ""],
        ["收入合计", "1,000.00", "支出合计", function_total, "", uses_total],
    ]


def _expenditure_rows(total_201: str = "", total_all: str = "1,000.00") -> list[list[str]]:
    return [
        ["", "合计", total_all, "600.00", "400.00"],
        ["201", "一般公共服务支出", total_201, "500.00", "300.00"],
        ["20101", "人大事务", "800.00", "500.00", "300.00"],
        ["208", "社会保障和就业支出", "150.00", "100.00", "50.00"],
        ["20805", "行政事业单位养老支出", "150.00", "100.00", "50.00"],
        ["221", "住房保障支出", "50.00", "", "50.00"],
        ["22102", "住房改革支出", "50.00", "", "50.00"],
    ]


def _pdf(tmp_path: Path, style: str, summary: list[list[str]], expenditure: list[list[str]]) -> Path:
    path = tmp_path / f"blank-total-{style}.pdf"
    builder = PdfBuilder(path)
    builder.table(
        TableSpec(
            title="2018年度某某部门收支预算总表",
            number="一",
            header=SUMMARY_HEADER,
            body=summary,
            col_widths=[90, 60, 120, 60, 100, 60],
            style=style,
        ),
        landscape=True,
    )
    builder.table(
        TableSpec(
            title="2018年度某某部门一般公共预算支出预算表",
            number="二",
            header=EXPENDITURE_HEADER,
            body=expenditure,
            style=style,
        )
    )
    builder.save()
    return path


def _raised(doc, rule: str) -> list:
    return [f for f in run_checks(doc) if f.rule == rule and f.severity.value in ("error", "warning")]


@pytest.mark.parametrize("style", ["lines", "no_rules"])
def test_blank_summary_total_is_not_compared_as_zero(tmp_path, style):
    doc = read_document(_pdf(tmp_path, style, _summary_rows(), _expenditure_rows(total_201="800.00")))
    summary = next(t for t in doc.tables if "收支预算总表" in t.title)
    row = next(r for r in summary.body if r[2].text == "当年支出小计")
    assert row[3].text == "" and row[5].text == "1,000.00"  # read as printed: the blank stays blank
    assert _raised(doc, "summary_sum") == []
    assert _raised(doc, "cross_table") == []


@pytest.mark.parametrize("style", ["lines", "no_rules"])
def test_a_printed_wrong_summary_total_is_still_an_error(tmp_path, style):
    doc = read_document(
        _pdf(tmp_path, style, _summary_rows(function_total="1,100.00"), _expenditure_rows(total_201="800.00"))
    )
    errors = [f for f in _raised(doc, "summary_sum") if f.severity.value == "error"]
    assert any(f.message.startswith("当年支出小计") and "1,100.00" in f.message for f in errors)


def test_blank_class_total_is_not_compared_as_zero(tmp_path):
    """The 201 row prints its 基本支出 and 项目支出 but leaves its 合计 blank."""
    doc = read_document(_pdf(tmp_path, "lines", _summary_rows("1,000.00"), _expenditure_rows(total_201="")))
    for rule in ("row_sum", "code_hierarchy_sum", "cross_table"):
        assert not [f for f in _raised(doc, rule) if "201" in f.message or "一般公共服务" in f.message], rule


def test_a_printed_wrong_class_total_is_still_an_error(tmp_path):
    doc = read_document(
        _pdf(tmp_path, "lines", _summary_rows("1,000.00"), _expenditure_rows(total_201="900.00"))
    )
    assert any("201" in f.message for f in _raised(doc, "row_sum") if f.severity.value == "error")
    assert any(f.severity.value == "error" for f in _raised(doc, "code_hierarchy_sum"))


def test_blank_grand_total_is_not_compared_as_zero(tmp_path):
    doc = read_document(
        _pdf(
            tmp_path, "lines", _summary_rows("1,000.00"), _expenditure_rows(total_201="800.00", total_all="")
        )
    )
    assert _raised(doc, "code_hierarchy_sum") == []
    assert not [f for f in _raised(doc, "row_sum") if "合计" in f.message.split("：")[0]]
    assert _raised(doc, "cross_table") == []


THREE_PUBLIC_HEADER: list[list[H | str]] = [
    [
        H("“三公”经费合计", rowspan=2),
        H("因公出国（境）费", rowspan=2),
        H("公务用车购置及运行费", colspan=3),
        H("公务接待费", rowspan=2),
    ],
    ["小计", "公务用车购置费", "公务用车运行费"],
]


def _three_public_pdf(tmp_path: Path, three_public_row: list[str]) -> Path:
    path = tmp_path / "three-public.pdf"
    builder = PdfBuilder(path)
    builder.table(
        TableSpec("2018年度某某部门一般公共预算“三公”经费支出预算表", THREE_PUBLIC_HEADER, [three_public_row])
    )
    builder.table(
        TableSpec(
            "2018年度某某部门一般公共预算基本支出预算表",
            [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
            [
                ["", "合计", "2.10", "", "2.10"],
                ["302", "商品和服务支出", "2.10", "", "2.10"],
                ["30217", "公务接待费", "0.20", "", "0.20"],
                ["30231", "公务用车运行维护费", "1.90", "", "1.90"],
            ],
        )
    )
    builder.save()
    return path


def test_blank_three_public_cells_are_not_compared_as_zero(tmp_path):
    # 公务接待费 left blank, the 三公 合计 left blank: neither is 0.00 against its parts or 30217.
    doc = read_document(_three_public_pdf(tmp_path, ["", "", "1.90", "", "1.90", ""]))
    for rule in ("three_public_vs_basic", "three_public_sum", "row_sum"):
        assert _raised(doc, rule) == [], rule


def test_a_printed_three_public_figure_below_the_basic_one_is_still_an_error(tmp_path):
    doc = read_document(_three_public_pdf(tmp_path, ["2.00", "", "1.90", "", "1.90", "0.10"]))
    [below] = _raised(doc, "three_public_vs_basic")
    assert below.severity.value == "error" and "30217" in below.message


FUND_HEADER: list[list[H | str]] = [
    [
        H("项目", colspan=2),
        H("年初结转和结余", rowspan=2),
        H("本年收入", rowspan=2),
        H("本年支出", colspan=3),
        H("年末结转和结余", rowspan=2),
    ],
    ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
]


def _fund_pdf(tmp_path: Path, closing: str) -> Path:
    path = tmp_path / "fund.pdf"
    builder = PdfBuilder(path)
    rows = [
        ["", "合计", "10.00", "5.00", "12.00", "", "12.00", closing],
        ["229", "其他支出", "10.00", "5.00", "12.00", "", "12.00", closing],
    ]
    builder.table(TableSpec("政府性基金预算财政拨款收入支出决算表", FUND_HEADER, rows), landscape=True)
    builder.save()
    return path


def test_blank_closing_balance_is_not_compared_as_zero(tmp_path):
    """年末结转和结余 left blank: not 0.00 against 年初 + 收入 − 支出 (3.00)."""
    doc = read_document(_fund_pdf(tmp_path, ""))
    assert _raised(doc, "balance_columns") == []
    doc = read_document(_fund_pdf(tmp_path, "2.00"))  # printed and wrong: still an error
    assert [f.severity.value for f in _raised(doc, "balance_columns")] == ["error", "error"]
