"""Counts of the narrative against the tables: 一级/二级项目 of the 项目支出表."""

from __future__ import annotations

from test_narrative_support import errors, make_doc, run, table, warnings

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
