"""Relations inside one table: row sums from the header, code hierarchy, units, projects."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.rules_support import EXPENDITURE_HEADER, document, findings, table, touches


def expenditure(rows, title="支出总表", header=EXPENDITURE_HEADER):
    return document(table("T1", title, header, rows))


# ---------------------------------------------------------------- row sums


def test_total_equals_basic_plus_project_passes():
    doc = expenditure([["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"]])
    assert findings(doc, "row_sum") == []


def test_total_not_basic_plus_project_is_an_error_naming_every_cell():
    doc = expenditure([["20801", "人力资源和社会保障管理事务", "1,498.47", "1,099.62", "395.85"]])
    [f] = findings(doc, "row_sum")
    assert f.severity.value == "error"
    assert (
        "20801 人力资源和社会保障管理事务" in f.message
        and "1,498.47" in f.message
        and "1,495.47" in f.message
    )
    assert f.expected == "1,495.47" and f.actual == "1,498.47" and f.difference == "3.00"
    assert [(c.row, c.col) for c in f.cells] == [(0, 2), (0, 3), (0, 4)]  # the total first


def test_rounding_tail_is_a_warning_and_beyond_it_an_error():
    tail = expenditure([["2080109", "社会保险经办机构", "212.08", "170.88", "41.19"]])
    [f] = findings(tail, "row_sum")
    assert f.severity.value == "warning" and "尾差" in f.message
    beyond = expenditure([["2080109", "社会保险经办机构", "212.10", "170.88", "41.19"]])
    [g] = findings(beyond, "row_sum")
    assert g.severity.value == "error"


def test_blank_part_beside_a_printed_part_counts_as_zero():
    ok = expenditure([["2080101", "行政运行", "1,099.62", "1,099.62", ""]])
    assert findings(ok, "row_sum") == []
    wrong = expenditure([["2080101", "行政运行", "1,099.62", "", "1,000.00"]])
    [f] = findings(wrong, "row_sum")
    assert f.severity.value == "error" and f.expected == "1,000.00"


def test_a_blank_total_or_parts_all_blank_are_not_printed_never_zero():
    """A blank is a figure printed once across columns, or left out: never a 0.00 to compare."""
    blank_total = expenditure([["2080101", "行政运行", "", "1,000.00", "99.62"]])
    assert findings(blank_total, "row_sum") == []
    blank_parts = expenditure([["2080101", "行政运行", "1,099.62", "", ""]])
    assert findings(blank_parts, "row_sum") == []
    zero_parts = expenditure([["2080101", "行政运行", "1,099.62", "0.00", "0.00"]])  # printed zeros
    [f] = findings(zero_parts, "row_sum")
    assert f.severity.value == "error" and f.expected == "0.00"


def test_zero_figures_are_checked_too():
    doc = expenditure([["2080101", "行政运行", "0.00", "0.00", "5.00"]])
    [f] = findings(doc, "row_sum")
    assert f.severity.value == "error"


def test_nested_header_basic_subtotal_equals_personnel_plus_public():
    header = [
        ["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"],
        ["", "", "", "小计", "人员经费", "公用经费", ""],
    ]
    good = ["2080101", "行政运行", "1,099.62", "1,099.62", "894.84", "204.78", ""]
    bad = ["2080109", "社会保险经办机构", "242.85", "10.00", "3.00", "6.00", "232.85"]
    doc = document(table("T1", "一般公共预算支出表", header, [good, bad], kind="general_budget_expenditure"))
    found = findings(doc, "row_sum")
    assert len(found) == 1
    assert touches(found[0], "T1", 1, 3) and "人员经费" in found[0].message


def test_income_total_is_this_year_plus_carry_over_and_subtotals_their_sources():
    header = [
        ["单位代码", "单位名称", "合计", "本年收入", "", "", "上年结转结余", ""],
        ["", "", "", "小计", "一般公共预算", "其他收入", "小计", "一般公共预算"],
    ]
    rows = [["503004", "某单位", "2,000.31", "1,982.31", "1,826.31", "156.00", "18.00", "18.00"]]
    assert findings(document(table("T1", "收入总表", header, rows)), "row_sum") == []
    rows[0][5] = "150.00"
    found = findings(document(table("T1", "收入总表", header, rows)), "row_sum")
    assert len(found) == 1 and touches(found[0], "T1", 0, 3) and found[0].severity.value == "error"


def test_budget_and_final_versions_are_checked_separately():
    header = [
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
        [
            "预算数",
            "决算数",
            "预算数",
            "决算数",
            "预算数",
            "决算数",
            "预算数",
            "决算数",
            "预算数",
            "决算数",
            "预算数",
            "决算数",
        ],
    ]
    row = ["2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39"]
    doc = document(table("T1", "财政拨款“三公”经费支出决算表", header, [row]), kind=DocKind.DEPT_FINAL)
    assert findings(doc, "row_sum") == []
    row[1] = "0.49"
    [f] = findings(document(table("T1", "财政拨款“三公”经费支出决算表", header, [row])), "row_sum")
    assert touches(f, "T1", 0, 1) and "决算数" in f.message


# ---------------------------------------------------------------- code hierarchy

ROWS = [
    ["合计", "", "1,982.31", "1,583.46", "398.85"],
    ["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"],
    ["20801", "人力资源和社会保障管理事务", "1,498.47", "1,099.62", "398.85"],
    ["2080101", "行政运行", "1,099.62", "1,099.62", ""],
    ["2080109", "社会保险经办机构", "398.85", "", "398.85"],
    ["20805", "行政事业单位养老支出", "109.96", "109.96", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "109.96", "109.96", ""],
    ["221", "住房保障支出", "373.88", "373.88", ""],
    ["22102", "住房改革支出", "373.88", "373.88", ""],
    ["2210201", "住房公积金", "373.88", "373.88", ""],
]


def test_code_hierarchy_holds():
    assert findings(expenditure([list(r) for r in ROWS]), "code_hierarchy_sum") == []


def test_kuan_not_sum_of_xiang_is_reported_with_all_cells():
    rows = [list(r) for r in ROWS]
    rows[2][2] = "1,501.47"  # 20801 合计
    rows[2][3] = "1,102.62"
    found = findings(expenditure(rows), "code_hierarchy_sum", "error")
    kuan = [f for f in found if f.cells[0].row == 2 and f.cells[0].col == 2]
    assert kuan, found
    f = kuan[0]
    assert "20801" in f.message and "1,501.47" in f.message and "1,498.47" in f.message
    assert {(c.row, c.col) for c in f.cells} == {(2, 2), (3, 2), (4, 2)}
    # the class above sees it too
    assert any(f.cells[0].row == 1 for f in found)


def test_split_code_columns_are_read_as_one_code():
    header = [
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
    ]
    rows = [
        ["", "", "", "总计", "1,036.02", "1,036.02", ""],
        ["208", "", "", "社会保障和就业支出", "927.19", "927.19", ""],
        ["208", "01", "", "人力资源和社会保障管理事务", "850.36", "850.36", ""],
        ["208", "01", "07", "社会保险业务管理事务", "850.36", "850.36", ""],
        ["208", "05", "", "行政事业单位养老支出", "76.83", "76.83", ""],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "76.83", "76.83", ""],
        ["221", "", "", "住房保障支出", "108.83", "108.83", ""],
        ["221", "02", "", "住房改革支出", "108.83", "108.83", ""],
        ["221", "02", "01", "住房公积金", "108.83", "108.83", ""],
    ]
    assert findings(expenditure(rows, header=header), "code_hierarchy_sum") == []
    rows[3][4] = rows[3][5] = "805.36"
    found = findings(expenditure(rows, header=header), "code_hierarchy_sum", "error")
    assert found and all("20801" in f.message for f in found)
    assert all(touches(f, "T1", 3) for f in found)


def test_split_code_rows_printing_only_the_new_part_inherit_the_class():
    header = [["类", "款", "项", "科目名称", "合计"]]
    rows = [
        ["208", "", "", "社会保障和就业支出", "100.00"],
        ["", "05", "", "行政事业单位养老支出", "100.00"],
        ["", "", "05", "机关事业单位基本养老保险缴费支出", "90.00"],
    ]
    [f] = findings(expenditure(rows, header=header), "code_hierarchy_sum", "error")
    assert "20805" in f.message and f.cells[0].row == 1


def test_total_row_equals_the_sum_of_the_classes():
    rows = [list(r) for r in ROWS]
    rows[0][2] = "1,992.31"
    found = findings(expenditure(rows), "code_hierarchy_sum", "error")
    assert len(found) == 1 and found[0].cells[0].row == 0 and "各类之和" in found[0].message


def test_codeless_economic_classes_sum_their_items():
    header = [["经济分类科目", "合计", "人员经费", "公用经费"]]
    rows = [
        ["一、工资福利支出", "300.00", "300.00", ""],
        ["基本工资", "100.00", "100.00", ""],
        ["津贴补贴", "200.00", "200.00", ""],
        ["二、商品和服务支出", "60.00", "", "60.00"],
        ["办公费", "50.00", "", "50.00"],
        ["公务接待费", "20.00", "", "20.00"],
    ]
    doc = document(table("T1", "一般公共预算基本支出预算表", header, rows, kind="basic_expenditure"))
    found = findings(doc, "code_hierarchy_sum", "error")
    assert found and all(f.cells[0].row == 3 for f in found)


def test_department_row_equals_its_units():
    header = [["单位编码", "单位名称", "合计", "基本支出", "项目支出"]]
    rows = [
        ["合计", "", "300.00", "200.00", "100.00"],
        ["503", "某局", "300.00", "200.00", "100.00"],
        ["503001", "某局本级", "200.00", "150.00", "50.00"],
        ["503004", "某中心", "90.00", "50.00", "40.00"],
    ]
    doc = document(
        table("T1", "一般公共预算支出表(分单位)", header, rows, kind="general_budget_expenditure_by_unit")
    )
    found = findings(doc, "unit_rows_sum", "error")
    assert found and all(f.cells[0].row == 1 for f in found)
    assert "所属单位之和" in found[0].message


def test_parent_project_equals_its_projects():
    header = [["项目编码", "项目名称", "项目单位", "合计", "一般公共预算"]]
    rows = [
        ["", "", "", "398.85", "242.85"],
        ["503", "某局", "", "398.85", "242.85"],
        ["420100225030030000105", "社会保障工作", "", "398.85", "242.85"],
        ["42010022503T000000163", "社会保险业务工作经费", "某中心", "300.00", "200.00"],
        ["42010022503T000000164", "信息化运维", "某中心", "98.85", "32.85"],
    ]
    doc = document(table("T1", "项目支出表", header, rows, kind="project_expenditure"))
    found = findings(doc, "project_hierarchy_sum", "error")
    assert len(found) == 1 and found[0].cells[0].row == 2 and found[0].cells[0].col == 4
    assert {c.row for c in found[0].cells} == {2, 3, 4}


def test_a_table_printed_unit_by_unit_is_checked_block_by_block():
    rows = [
        ["208", "社会保障和就业支出", "100.00", "100.00", ""],
        ["20805", "行政事业单位养老支出", "100.00", "100.00", ""],
        ["208", "社会保障和就业支出", "50.00", "50.00", ""],
        ["20805", "行政事业单位养老支出", "50.00", "50.00", ""],
    ]
    assert findings(expenditure(rows), "code_hierarchy_sum") == []
    rows[3][2] = rows[3][3] = "40.00"
    [f] = [f for f in findings(expenditure(rows), "code_hierarchy_sum") if f.severity.value == "error"][:1]
    assert f.cells[0].row == 2 and touches(f, "T1", 3)


def test_two_totals_under_one_label_give_no_row_relation():
    """A misread header (总计 and 合计 side by side under 财政拨款) must not invent 总计 = 合计 + …"""
    from desktopapp.export.json_out import document_from_json
    from desktopapp.rules import run_checks

    doc = document_from_json(
        {
            "doc_kind": "dept_budget",
            "tables": [
                {
                    "title": "上年结转结余情况明细表",
                    "kind": "carryover",
                    "unit": "万元",
                    "pages": [1],
                    "header": [
                        ["财政拨款", "", "", "", ""],
                        ["项目名称", "总计", "合计", "基本支出", "项目支出"],
                    ],
                    "body": [["总计", "5.13", "5.13", "", "5.13"]],
                }
            ],
        }
    )
    assert not [f for f in run_checks(doc) if f.rule == "row_sum" and f.severity.value == "error"]


def test_hand_built_cells_carry_their_values():
    t = table(
        "T1",
        "支出总表",
        EXPENDITURE_HEADER,
        [["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"]],
    )
    cell = t.body[0][2]
    assert str(cell.value) == "1608.43" and cell.decimals == 2
