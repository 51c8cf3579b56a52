"""Counts of the narrative against the tables: 一级/二级项目 of the 项目支出表."""

from __future__ import annotations

from tests.helpers.narrative_support import errors, make_doc, run, table, warnings

PROJECTS = table(
    "T10",
    "项目支出预算表",
    "project_expenditure",
    [["类型", "项目名称", "", "单位名称", "合计"], ["", "一级项目", "二级项目", "", ""]],
    [
        ["专项业务支出", "", "", "", "300.00"],
        ["", "信息系统建设与运维", "", "", "200.00"],
        ["", "", "信息系统运维经费(政府采购)", "某某局(本级)", "120.00"],
        ["", "", "信息系统运维经费(非政府采购)", "某某局(本级)", "80.00"],
        ["", "档案管理运行", "", "", "100.00"],
        ["", "", "档案中心运行费", "某某档案中心", "60.00"],
        ["", "", "档案数字化经费", "某某档案中心", "40.00"],
        ["合计", "", "", "", "300.00"],
    ],
)


def _text(first: int, second: int) -> str:
    return f"2024年部门项目支出300.00万元，其中：一级项目{first}个，二级项目{second}个；使用本年拨款300.00万元。\n"


def test_project_count_differing_from_the_project_table_is_an_error():
    found = run(make_doc([_text(2, 3)], [PROJECTS]), "narrative_project_count")
    assert len(errors(found)) == 1
    assert found[0].quote == "二级项目3个"
    assert found[0].expected == "4" and found[0].actual == "3"
    assert {(c.table, c.col) for c in found[0].cells} == {("T10", 2)}
    assert len(found[0].cells) == 4


def test_project_count_equal_to_the_project_table_passes():
    assert run(make_doc([_text(2, 4)], [PROJECTS]), "narrative_project_count") == []


def test_counts_of_performance_targets_or_other_money_are_not_compared():
    text = (
        "2024年，预算支出300.00万元全面实施绩效目标管理。设置了整体支出绩效目标、1个二级项目支出绩效目标。\n"
        "2024年政府采购预算50.00万元，其中：二级项目1个。\n"
        "2024年新增项目支出20.00万元，其中：二级项目1个。\n"
    )
    assert run(make_doc([text], [PROJECTS]), "narrative_project_count") == []


def test_a_project_name_printed_twice_makes_a_differing_count_a_warning():
    shared = table(
        "T10",
        "项目支出预算表",
        "project_expenditure",
        [["一级项目", "二级项目", "单位名称", "合计"]],
        [
            ["档案管理运行", "档案中心运行费", "某某档案中心", "60.00"],
            ["档案管理运行", "档案中心运行费", "某某分中心", "40.00"],
            ["合计", "", "", "100.00"],
        ],
    )
    text = "2024年部门项目支出100.00万元，其中：二级项目3个。\n"
    found = run(make_doc([text], [shared]), "narrative_project_count")
    assert len(warnings(found)) == 1 and errors(found) == []


def _sheet(annual: str, goal_one: str):
    sheet = table(
        "T12",
        "整体支出绩效目标表",
        "overall_performance",
        [["单位名称", "某某局", "", ""]],
        [
            ["整体绩效总目标", "长期目标", "年度目标", ""],
            ["", "目标1：全面推进全民参保登记计划。", annual, ""],
            ["年度目标1：", goal_one, "", ""],
            ["", "数量指标", "养老保险扩面人次", "4000"],
            ["", "数量指标", "社会保险业务培训人次", "300人次"],
        ],
    )
    sheet.numeric = False
    return sheet


def test_one_target_with_two_figures_in_the_performance_sheet_is_a_warning():
    sheet = _sheet("目标1：推动社会保险征缴扩面1.45万人次。目标2：按时拨付养老金。", "推动社会保险征缴扩面1.06万人次。")
    found = run(make_doc(["说明。\n"], [sheet]), "narrative_target_figures")
    assert len(warnings(found)) == 1 and errors(found) == []
    assert "扩面1.45万人次" in found[0].quote and "扩面1.06万人次" in found[0].message
    assert [(c.row, c.col) for c in found[0].cells] == [(1, 2), (2, 1)]


def test_one_target_with_the_same_figure_and_bounds_pass():
    sheet = _sheet(
        "目标1：推动社会保险征缴扩面1.06万人次。社会保险综合覆盖率不低于95%。",
        "推动社会保险征缴扩面1.06万人次。社会保险综合覆盖率不低于97%。",
    )
    assert run(make_doc(["说明。\n"], [sheet]), "narrative_target_figures") == []
