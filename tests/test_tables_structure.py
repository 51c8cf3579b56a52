"""A table's structure read once from its texts: kind, column roles and kinds, total and part
columns, column groups, row roles and scope — the same answer for the rules, the grid and the
workbook."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from desktopapp.core.model import Cell, DocKind, Document, Table
from desktopapp.export.xlsx import export_workbook
from desktopapp.rules import Checker
from desktopapp.tables.columns import ColumnKind
from desktopapp.tables.kinds import KIND_NAMES, TableKind, classify, kind_of
from desktopapp.tables.rows import RowRole
from desktopapp.tables.scope import Funds, Part, scope_of
from desktopapp.tables.structure import structure_of


def _table(
    title: str,
    header: list[list[str]],
    body: list[list[str]],
    kind: str = "other",
    number: str | None = None,
) -> Table:
    return Table(
        id="T1",
        title=title,
        number=number,
        kind=kind,
        unit="万元",
        header=[[Cell(text=t) for t in row] for row in header],
        body=[[Cell.from_text(t) for t in row] for row in body],
    )


def _expenditure() -> Table:
    """一般公共预算支出表: 科目编码 | 科目名称 | 合计 | 基本支出 (人员经费 公用经费) | 项目支出."""
    return _table(
        "一般公共预算支出表",
        [
            ["科目编码", "科目名称", "合计", "基本支出", "", "项目支出"],
            ["", "", "", "人员经费", "公用经费", ""],
        ],
        [
            ["", "合计", "100.00", "80.00", "", "20.00"],
            ["208", "社会保障和就业支出", "100.00", "80.00", "", "20.00"],
            ["20801", "人力资源和社会保障管理事务", "100.00", "80.00", "", "20.00"],
            ["2080101", "行政运行", "70.00", "70.00", "", ""],
            ["2080109", "社会保险经办机构", "30.00", "10.00", "", "20.00"],
        ],
    )


def test_table_kind_is_a_str_enum_with_todays_ids():
    assert TableKind.BUDGET_SUMMARY == "budget_summary"
    assert classify("收支总表") is TableKind.BUDGET_SUMMARY
    assert classify("收入支出决算总表").is_final
    assert {k.value for k in TableKind} == set(KIND_NAMES)
    assert KIND_NAMES["three_public"] == "“三公”经费支出表"  # plain strings find their names


def test_a_table_without_kind_is_classified_the_readers_way():
    table = _table("部门收支总体情况表", [["项目"]], [], number="表1")
    assert kind_of(table) is TableKind.BUDGET_SUMMARY
    final = Document(source="x.pdf", sha256="", page_count=1, kind=DocKind.DEPT_FINAL, tables=[table])
    assert kind_of(table, final) is TableKind.FINAL_SUMMARY
    table.kind = "gov_fund_expenditure"  # the reader's kind wins over the title
    assert kind_of(table, final) is TableKind.GOV_FUND_EXPENDITURE


def test_column_roles_and_kinds():
    structure = structure_of(_expenditure())
    assert structure.kind == "general_budget_expenditure"
    assert [c.role for c in structure.columns] == ["code", "name", "value", "value", "value", "value"]
    assert structure.segments[0].rows[3].code_kind == "function"
    assert structure.column_kinds == ["code", "text", "amount", "amount", "amount", "amount"]
    assert structure.code_columns == {0}


def test_total_and_part_columns_from_a_two_band_header():
    structure = structure_of(_expenditure())
    total, personnel, public, project = (structure.columns[i] for i in (2, 3, 4, 5))
    assert total.is_total and not personnel.is_total
    assert personnel.parts_of == [2] and public.parts_of == [2] and project.parts_of == [2]
    relation = structure.segments[0].relations[0]
    assert relation.total is total and relation.parts == [personnel, public, project]
    assert personnel.group == ("基本支出",) and project.group == ()
    assert [c.index for c in structure.column_groups[("基本支出",)]] == [3, 4]


def test_a_subtotal_column_makes_its_own_relation():
    table = _table(
        "一般公共预算基本支出表",
        [["经济分类科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
        [["301", "工资福利支出", "80.00", "80.00", ""]],
    )
    structure = structure_of(table)
    assert structure.columns[2].is_total
    assert [c.index for c in structure.segments[0].relations[0].parts] == [3, 4]
    assert structure.columns[0].code_kind == "economic"


def test_row_roles():
    table = _table(
        "“三公”经费支出表",
        [["项目", "预算数"]],
        [
            ["合计", "30.00"],
            ["一、因公出国（境）费", "10.00"],
            ["二、公务用车购置及运行维护费", "20.00"],
            ["其中：公务用车运行维护费", "20.00"],
            ["小计", "20.00"],
            ["", ""],
        ],
    )
    rows = structure_of(table).segments[0].rows
    assert [r.role for r in rows] == [
        RowRole.TOTAL,
        RowRole.LEAF,
        RowRole.LEAF,
        RowRole.QIZHONG,
        RowRole.SUBTOTAL,
        RowRole.NONE,
    ]
    coded = structure_of(_expenditure()).segments[0].rows
    assert [r.role for r in coded] == ["total", "group", "group", "leaf", "leaf"]


def test_scope_funds_and_parts():
    assert scope_of("budget_summary", "收支总表").funds is Funds.ALL
    assert scope_of("budget_summary", "收支总表").is_whole
    assert scope_of("fiscal_summary", "财政拨款收支总表").funds is Funds.FISCAL
    general = scope_of("final_general_budget_expenditure", "一般公共预算财政拨款支出决算表")
    assert general.funds is Funds.GENERAL_BUDGET and general.is_whole
    assert scope_of("gov_fund_expenditure", "政府性基金预算支出表").funds is Funds.GOV_FUND
    assert scope_of("final_state_capital", "国有资本经营预算财政拨款支出决算表").funds is Funds.STATE_CAPITAL
    basic = scope_of("basic_expenditure", "一般公共预算基本支出表")
    assert (basic.funds, basic.parts) == (Funds.GENERAL_BUDGET, (Part.BASIC,))
    three = scope_of("three_public", "2026年部门“三公”经费和机关运行经费预算表")
    assert three.parts == (Part.THREE_PUBLIC, Part.RUNNING_COSTS) and not three.is_whole
    assert scope_of("final_three_public", "“三公”经费支出决算表").funds is Funds.FISCAL
    assert scope_of("other", "政府采购预算表").parts == (Part.PROCUREMENT,)
    assert structure_of(_expenditure()).scope.funds is Funds.GENERAL_BUDGET


def test_structure_is_kept_until_a_text_changes():
    table = _expenditure()
    first = structure_of(table)
    table.body[3][2].corrected = Decimal("71.00")  # a corrected figure: same structure
    assert structure_of(table) is first
    table.header[0][2].text = "预算数"  # an edited text: read again
    again = structure_of(table)
    assert again is not first
    assert first.columns[2].is_total and not again.columns[2].is_total


def test_grid_workbook_and_rules_agree_on_code_columns(tmp_path):
    table = _table(
        "一般公共预算支出表",
        [["类", "款", "项", "科目名称", "金额"]],
        [["208", "01", "01", "行政运行", "12.00"], ["208", "01", "09", "社会保险经办机构", "3.50"]],
    )
    structure = structure_of(table)
    assert structure.column_kinds == [ColumnKind.CODE] * 3 + [ColumnKind.TEXT, ColumnKind.AMOUNT]
    assert [c.role for c in structure.columns][:3] == ["code"] * 3  # what the rules read
    assert structure.segments[0].rows[0].code == "2080101"
    document = Document(source="x.pdf", sha256="", page_count=1, tables=[table])
    path = tmp_path / "book.xlsx"
    export_workbook(document, [], [], path)
    sheet = openpyxl.load_workbook(path).worksheets[1]  # after 审核意见
    body = 3 + len(table.header)
    written = [sheet.cell(row=body, column=c + 1) for c in range(5)]
    assert [c.value for c in written[:3]] == ["208", "01", "01"]  # codes stay text, zeros kept
    assert all(c.number_format == "@" for c in written[:3])
    assert written[4].value == 12


def test_recheck_reads_the_structure_again_only_when_a_text_changed():
    table = _expenditure()
    table.body[3][3] = Cell.from_text("60.00")  # 行政运行: 70.00 ≠ 60.00 + 0
    document = Document(source="x.pdf", sha256="", page_count=1, tables=[table])
    checker = Checker(document)
    assert any(f.rule == "row_sum" for f in checker.check_all())
    structure = structure_of(table, document)
    table.body[3][3].corrected = Decimal("70.00")
    assert not any(f.rule == "row_sum" for f in checker.recheck("T1"))
    assert structure_of(table, document) is structure
    table.body[3][3].corrected = None
    table.header[0][2].text = "预算数"  # no longer a total over its neighbours
    assert not any(f.rule == "row_sum" for f in checker.recheck("T1"))
    assert structure_of(table, document) is not structure


def test_split_codes_printing_only_the_new_part_complete_from_the_rows_above():
    """类 | 款 | 项 printed only where a level changes: the levels left of the printed part are
    the rows above's, the levels right of it are not (a 款 after a 项 row is a 款)."""
    table = _table(
        "一般公共预算支出表",
        [["科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""]],
        [
            ["", "", "", "合计", "101.00"],
            ["208", "", "", "社会保障和就业支出", "100.00"],
            ["", "01", "", "人力资源和社会保障管理事务", "60.00"],
            ["", "", "01", "行政运行", "60.00"],
            ["", "05", "", "行政事业单位养老支出", "40.00"],
            ["", "", "05", "机关事业单位基本养老保险缴费支出", "40.00"],
            ["210", "", "", "卫生健康支出", "1.00"],
            ["", "11", "", "行政事业单位医疗", "1.00"],
            ["", "", "01", "行政单位医疗", "1.00"],
        ],
    )
    rows = structure_of(table).segments[0].rows
    assert [r.code for r in rows] == [
        None, "208", "20801", "2080101", "20805", "2080505", "210", "21011", "2101101"
    ]
    assert [r.role for r in rows][4:6] == [RowRole.GROUP, RowRole.LEAF]


def test_a_row_knows_the_column_its_label_is_printed_in():
    table = _table(
        "一般公共预算基本支出表",
        [["科目编码", "", "科目名称", "合计"], ["类", "款", "", ""]],
        [
            ["人员经费合计", "", "", "2,152.26"],  # a label over the blank code columns
            ["301", "", "工资福利支出", "2,000.00"],
            ["", "01", "基本工资", "2,000.00"],
        ],
    )
    rows = structure_of(table).segments[0].rows
    assert [(r.label, r.label_col) for r in rows] == [
        ("人员经费合计", 0),
        ("工资福利支出", 2),
        ("基本工资", 2),
    ]
    assert [r.code for r in rows] == [None, "301", "30101"]


def test_a_label_merged_down_is_not_a_band_over_the_next_column():
    """A three-line header may print 总计 a row lower than 项目名称: 项目名称 (nothing under it)
    labels its own column only, as the grid and the workbook show it; 财政拨款 (labels under it)
    is a band over the columns to its right."""
    table = _table(
        "上年结转结余情况明细表",
        [
            ["项目名称", "", "财政拨款", "", ""],
            ["", "总计", "合计", "基本支出", "项目支出"],
        ],
        [["某某中心", "5.13", "5.13", "", "5.13"]],
    )
    paths = [c.path for c in structure_of(table).columns]
    assert paths == [
        ("项目名称",),
        ("总计",),
        ("财政拨款", "合计"),
        ("财政拨款", "基本支出"),
        ("财政拨款", "项目支出"),
    ]
