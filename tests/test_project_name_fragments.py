"""A project name read by position alone as only the tail (or start) of the name the 项目支出表
prints — a name wrapped in a narrow column that lost a line — is a warning to check, not an
error; printed with rules, or differing otherwise, it stays an error."""

from __future__ import annotations

import pytest

from tests.helpers.rules_support import document, findings, table

FULL = "社会保险业务经办大厅管理服务经费(非政府采购)"


def _documents(printed_name: str, strategy: str):
    projects = table(
        "T10",
        "项目支出预算表",
        [["项目名称", "部门(单位)名称", "合计"]],
        [[FULL, "某局", "70.49"], ["档案中心运行费", "某中心", "26.97"]],
        kind="project_expenditure",
    )
    entrusted = table(
        "T11",
        "财政拨款委托业务费支出预算表",
        [["部门/单位/项目名称", "委托事项内容", "合计"]],
        [["某局", "", "70.49"], [printed_name, "大厅运行", "70.49"]],
        kind="entrusted_business",
    )
    entrusted.strategy = strategy
    return document(projects, entrusted)


@pytest.mark.parametrize("strategy", ["aligned", "hrules"])
def test_a_tail_read_by_position_is_a_warning(strategy):
    [f] = findings(_documents("办大厅管理服务经费(非政府采购)", strategy), "project_name")
    assert f.severity.value == "warning" and "按位置读出" in f.message


def test_the_same_tail_in_a_ruled_table_is_an_error():
    [f] = findings(_documents("办大厅管理服务经费(非政府采购)", "ruled"), "project_name")
    assert f.severity.value == "error"


def test_a_different_name_read_by_position_is_still_an_error():
    [f] = findings(_documents("社会保险业务经办大厅管理服务费用(非政府采购)", "aligned"), "project_name")
    assert f.severity.value == "error" and f.cells[0].table == "T11"


def _projects_read_as(name_cell: str, strategy: str):
    projects = table(
        "T10",
        "项目支出预算表",
        [["项目名称", "部门(单位)名称", "合计"]],
        [[name_cell, "某局", "70.49"], ["档案中心运行费", "某中心", "26.97"]],
        kind="project_expenditure",
    )
    projects.strategy = strategy
    entrusted = table(
        "T11",
        "财政拨款委托业务费支出预算表",
        [["部门/单位/项目名称", "委托事项内容", "合计"]],
        [["某局", "", "70.49"], ["大厅管理服务经费", "大厅运行", "70.49"]],
        kind="entrusted_business",
    )
    entrusted.strategy = "ruled"
    return document(projects, entrusted)


def test_a_name_run_together_with_its_neighbour_in_a_position_read_project_table_is_a_warning():
    # Read without rules, the 项目支出表's name cell took the unit's last line too.
    [f] = findings(_projects_read_as("某局大厅管理服务经费处", "aligned"), "project_name")
    assert f.severity.value == "warning" and "连在一起" in f.message


def test_the_same_name_inside_a_ruled_project_table_name_stays_an_error():
    [f] = findings(_projects_read_as("某局大厅管理服务经费处", "ruled"), "project_name")
    assert f.severity.value == "error"
