"""Amounts quoted in the narrative against the tables and against each other."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.narrative_support import errors, make_doc, run, table, warnings

FINAL_SUMMARY = table(
    "T1",
    "收入支出决算总表",
    "final_summary",
    [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]],
    [
        ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"],
        ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
        ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
        ["总计", "2,995.39", "总计", "2,995.39"],
    ],
)


def _final_doc(text: str, *tables):
    return make_doc([text], list(tables) or [FINAL_SUMMARY], kind=DocKind.DEPT_FINAL)


def test_headline_total_differing_from_the_table_is_an_error_pointing_at_the_cell():
    doc = _final_doc(
        "一、收入支出决算总体情况说明\n某某局2024年度收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元。\n"
    )
    found = run(doc, "narrative_amount_vs_table")
    assert len(errors(found)) == 1
    f = found[0]
    assert f.quote == "某某局2024年度收入支出总计0万元"
    assert f.page == 1
    assert [(c.table, c.row, c.col) for c in f.cells] == [("T1", 3, 1)]
    assert f.expected == "2,995.39" and f.actual == "0"


def test_headline_total_equal_to_the_table_passes():
    doc = _final_doc("一、收入支出决算总体情况说明\n某某局2024年度收入支出总计2995.39万元。\n")
    assert run(doc, "narrative_amount_vs_table") == []


def test_a_figure_of_the_text_against_a_blank_cell_is_a_hint_not_a_disagreement():
    """A blank cell is not printed (a figure printed once across columns, or left out), never
    0.00: the text's figure against it is not checked, and the officer is told so."""
    rows = [list(r) for r in FINAL_SUMMARY.body_texts()]
    rows[3][1] = rows[3][3] = ""
    header = [[c.text for c in r] for r in FINAL_SUMMARY.header]
    blank = table("T1", "收入支出决算总表", "final_summary", header, rows)
    doc = _final_doc("一、收入支出决算总体情况说明\n某某局2024年度收入支出总计2995.39万元。\n", blank)
    found = run(doc, "narrative_amount_vs_table")
    assert errors(found) == [] and warnings(found) == []
    assert [f.severity.value for f in found] == ["info"] and "空白" in found[0].message


GENERAL_YUAN = table(
    "T2",
    "2026年部门一般公共预算支出功能分类预算表",
    "general_budget_expenditure",
    [
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
    ],
    [
        ["221", "", "", "住房保障支出", "4521559.00", "4521559.00", "0.00"],
        ["221", "02", "", "住房改革支出", "4521559.00", "4521559.00", "0.00"],
        ["221", "02", "01", "住房公积金", "2087959.00", "2087959.00", "0.00"],
        ["221", "02", "03", "购房补贴", "2433600.00", "2433600.00", "0.00"],
        ["合计", "", "", "", "4521559.00", "4521559.00", "0.00"],
    ],
    unit="元",
)


def test_item_in_wan_matches_a_yuan_table_at_the_texts_precision_and_a_second_amount_is_caught():
    text = (
        "财政拨款支出主要内容如下：\n"
        "12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：缴纳住房公积金。"
        "2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%。\n"
    )
    doc = make_doc([text], [GENERAL_YUAN], year=2026)
    found = run(doc, "narrative_amount_vs_table")
    # 208.8 万元 = 2,087,959.00 元 at one decimal: fine; 201.50 is not
    assert len(found) == 1
    assert found[0].quote == "2026年预算安排201.50万元"
    assert found[0].expected == "208.80"
    assert [(c.table, c.row) for c in found[0].cells] == [("T2", 2)]
    # the percentage follows from the table's figure: reported once, by the amount check
    assert run(doc, "narrative_change") == []


def test_one_digit_rounding_difference_is_a_warning():
    general = table(
        "T3",
        "一般公共预算财政拨款支出决算表",
        "final_general_budget_expenditure",
        [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        [["210", "卫生健康支出", "236.64", "236.64", ""], ["合计", "", "236.64", "236.64", ""]],
    )
    text = (
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "一般公共预算财政拨款支出236.64万元，主要用于以下方面：卫生健康支出（类）236.63万元，占100.00%。\n"
    )
    found = run(_final_doc(text, general), "narrative_amount_vs_table")
    assert errors(found) == []
    assert len(warnings(found)) == 1
    assert "尾差" in found[0].message


def test_parts_adding_to_the_whole_pass_and_a_rounding_tail_is_a_warning():
    ok = make_doc(
        ["政府采购预算1486.42万元，其中：货物预算3.66万元、工程预算36.44万元、服务预算1446.32万元。\n"]
    )
    assert run(ok, "narrative_parts_sum") == []
    tail = make_doc(
        [
            "政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元。\n"
        ]
    )
    found = run(tail, "narrative_parts_sum")
    assert len(warnings(found)) == 1 and errors(found) == []
    assert "251.25" in found[0].quote and "246.47" in found[0].quote


def test_parts_exceeding_the_whole_are_an_error():
    doc = make_doc(
        ["2024年支出预算720.94万元，其中：基本支出237.53万元，占32.95%；项目支出503.41万元，占67.05%。\n"]
    )
    found = run(doc, "narrative_parts_sum")
    assert len(errors(found)) == 1
    assert found[0].difference == "20.00"


def test_same_item_with_two_amounts_when_no_table_has_it():
    text = (
        "1、住房保障支出（221类）住房改革支出（02款）提租补贴（02项）20.26万元。主要用于：发放补贴。"
        "2026年预算安排20.62万元，比2025年预算执行数增加1.2%。\n"
    )
    found = run(make_doc([text], year=2026), "narrative_item_two_amounts")
    assert len(errors(found)) == 1
    assert "20.62" in found[0].quote


def test_three_public_budget_against_an_empty_table_is_a_warning():
    empty = table(
        "T4",
        "财政拨款“三公”经费支出决算表",
        "final_three_public",
        [
            ["合计", "", "因公出国（境）费", "", "公务接待费", ""],
            ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
        ],
        [],
    )
    text = (
        "七、财政拨款“三公”经费支出决算情况说明\n"
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。\n"
    )
    found = run(_final_doc(text, empty), "narrative_amount_vs_table")
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert found[0].quote == "“三公”经费财政拨款支出年初预算为0.95万元"


BUDGET_SUMMARY_THIS_YEAR = table(
    "T1",
    "收支预算总表",
    "budget_summary",
    [
        ["收入", "", "", "", "支出", "", "", ""],
        ["项目", "2024年预算数", "本年预算", "上年结转", "项目", "2024年预算数", "本年预算", "上年结转"],
    ],
    [
        ["一、财政拨款收入", "5905.48", "5320.79", "584.69", "一、社会保障和就业支出", "5401.46", "4816.77", "584.69"],
        ["一般公共预算拨款收入", "5905.48", "5320.79", "584.69", "二、卫生健康支出", "504.02", "504.02", ""],
        ["本年收入合计", "5905.48", "5320.79", "584.69", "本年支出合计", "5905.48", "5320.79", "584.69"],
        ["收入总计", "5905.48", "5320.79", "584.69", "支出总计", "5905.48", "5320.79", "584.69"],
    ],
)


def _this_year_text(figure: str) -> str:
    return (
        "二、收入预算安排情况\n"
        "2024年收入预算5905.48万元，其中：本年收入5320.79万元，占90.1%；上年结转结余584.69万元，占9.9%。"
        f"本年收入中，一般公共预算拨款收入{figure}万元，占100%。\n"
    )


def test_this_years_income_quoted_with_the_carried_over_money_is_an_error():
    doc = make_doc([_this_year_text("5905.48")], [BUDGET_SUMMARY_THIS_YEAR])
    found = [f for f in run(doc, "narrative_amount_vs_table") if "本年收入中" in f.quote]
    assert len(errors(found)) == 1
    assert found[0].quote == "本年收入中，一般公共预算拨款收入5905.48万元"
    assert found[0].expected == "5,320.79"
    assert [(c.table, c.row, c.col) for c in found[0].cells] == [("T1", 1, 2)]


def test_this_years_income_equal_to_the_this_year_column_passes():
    doc = make_doc([_this_year_text("5320.79")], [BUDGET_SUMMARY_THIS_YEAR])
    assert [f for f in run(doc, "narrative_amount_vs_table") if "本年收入中" in f.quote] == []
