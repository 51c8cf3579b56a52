"""A header read by position (three-line print: horizontal rules only) whose narrow columns carry
labels over several lines: two neighbouring stacks of label lines can land in one header slot
("财政专户国有资管理资本金经营预算收入"). Which column is a total is then not known, so the
table's figures are compared with no other table — no false 错误 — while a slip between two
well-read tables is still reported."""

from __future__ import annotations

from desktopapp.core.model import Severity
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from desktopapp.tables.structure import structure_of
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

SUMMARY_HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "预算数", "项目", "预算数"],
]

# 总计 = 本年预算 合计 + 上年结转结余 合计; the narrow leaf columns wrap their labels over lines.
DEEP_INCOME_HEADER: list[list[H | str]] = [
    [H("栏目"), H("总计", rowspan=4), H("本年预算", colspan=10, rowspan=2), H("上年结转结余", colspan=6, rowspan=2)],
    [H("部门（单位）名称", rowspan=3)],
    [
        H("合计", rowspan=2),
        H("财政拨款收入", colspan=3),
        H("财政专户管理资金收入", rowspan=2),
        H("单位资金收入", colspan=5),
        H("合计", rowspan=2),
        H("财政拨款结转", colspan=3),
        H("非财政拨款结转结余", colspan=2),
    ],
    [
        "一般公共预算收入",
        "政府性基金预算收入",
        "国有资本经营预算收入",
        "事业收入",
        "事业单位经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
        "一般公共预算拨款结转",
        "政府性基金预算拨款结转",
        "国有资本经营预算拨款结转",
        "财政专户管理资金结转结余",
        "单位资金结转结余",
    ],
]

PLAIN_INCOME_HEADER: list[list[H | str]] = [
    [H("部门（单位）名称", rowspan=2), H("总计", rowspan=2), H("本年预算", colspan=2), H("上年结转结余", colspan=2)],
    ["合计", "一般公共预算收入", "合计", "一般公共预算拨款结转"],
]


def _income_row(name: str, current: str, carried: str, total: str) -> list[str]:
    return [name, total, current, current, "", "", "", "", "", "", "", "", carried, carried, "", "", "", ""]


DEEP_INCOME_BODY = [
    _income_row("江汉区社会保险管理处", "1,826.31", "156.00", "1,982.31"),
    _income_row("江汉区社会保险管理处(本级)", "1,500.00", "100.00", "1,600.00"),
    _income_row("江汉区社会保险档案管理中心(江汉区社会保险计算中心)", "326.31", "56.00", "382.31"),
    _income_row("合计", "1,826.31", "156.00", "1,982.31"),
]


def _summary(current_income: str) -> TableSpec:
    body = [
        ["一、一般公共预算拨款收入", current_income, "一、社会保障和就业支出", "1,982.31"],
        ["本年收入合计", current_income, "本年支出合计", "1,982.31"],
        ["上年结转结余", "156.00", "年末结转结余", ""],
        ["收入总计", "1,982.31", "支出总计", "1,982.31"],
    ]
    return TableSpec("收支预算总表", SUMMARY_HEADER, body, number="表1", style="three_line")


def _cross_errors(tmp_path, income: TableSpec, current_income: str = "1,826.31") -> list[str]:
    builder = PdfBuilder(tmp_path / "budget.pdf")
    builder.table(_summary(current_income))
    builder.table(income, landscape=len(income.body[0]) >= 8)
    builder.save()
    document = read_document(tmp_path / "budget.pdf")
    assert [t.title for t in document.tables] == ["收支预算总表", "收入预算总表"]
    return [f.message for f in run_checks(document) if f.rule == "cross_table" and f.severity == Severity.ERROR]


def test_labels_run_together_in_a_deep_three_line_header_raise_no_false_error(tmp_path):
    income = TableSpec(
        "收入预算总表", DEEP_INCOME_HEADER, DEEP_INCOME_BODY, number="表2", style="three_line", header_line_count=3
    )
    assert _cross_errors(tmp_path, income) == []


def test_a_slip_between_two_well_read_three_line_tables_is_still_caught(tmp_path):
    body = [[r[0], r[1], r[2], r[3], r[12], r[13]] for r in DEEP_INCOME_BODY]
    income = TableSpec("收入预算总表", PLAIN_INCOME_HEADER, body, number="表2", style="three_line")
    assert _cross_errors(tmp_path, income) == []
    errors = _cross_errors(tmp_path, income, current_income="1,862.31")
    assert errors and any("1,826.31" in m or "1826.31" in m for m in errors)


# Narrow neighbouring columns whose labels wrap over three lines: "因公出国(境)费" and "公务接待费"
# stand side by side in one header slot when the header is read by position.
THREE_PUBLIC_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=6), H("机关运行经费预算数", rowspan=4)],
    [H("“三公”经费预算数", colspan=6)],
    [H("合计", rowspan=2), H("因公出国(境)费", rowspan=2), H("公务接待费", rowspan=2), H("公务用车购置及运行费", colspan=3)],
    ["小计", "购置费", "运行费"],
]
THREE_PUBLIC_BODY = [["10.81", "0", "0.83", "9.98", "0", "9.98", "217.83"]]


def _three_public(tmp_path, style: str):
    path = tmp_path / f"{style}.pdf"
    builder = PdfBuilder(path)
    spec = TableSpec("“三公”经费和机关运行经费预算表", THREE_PUBLIC_HEADER, THREE_PUBLIC_BODY, style=style, header_line_count=3)
    builder.table(spec)
    builder.save()
    document = read_document(path)
    [table] = document.tables
    return structure_of(table, document)


def test_two_label_stacks_in_one_slot_make_a_position_read_header_doubtful(tmp_path):
    layout = _three_public(tmp_path, "three_line")
    assert layout.header_doubtful
    assert all(not segment.relations for segment in layout.segments)  # no column sums stated


def test_the_same_labels_in_ruled_cells_keep_their_column_sums(tmp_path):
    layout = _three_public(tmp_path, "lines")
    assert not layout.header_doubtful
    totals = {c.label for s in layout.segments for r in s.relations for c in [r.total]}
    assert any("合计" in label or "小计" in label for label in totals)
