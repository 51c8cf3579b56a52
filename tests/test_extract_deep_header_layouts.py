"""Deep headers (a grouping band, labels typed over several lines) in the page layouts other
templates use — the combinations benchmarks/holdout_layouts.py --style header_bands /
three_line_deep / no_rules_deep measures:

- a two-sided 收支总表 without vertical rules on a landscape page: its group labels
  ('收  入' over 项目 | 预算数) stand in the wide gap after the short names of the 项目
  column and group its two columns — they head no column of their own;
- such a table continued over the next page under its repeated header, where the
  continuation leaves a grouped column empty: the group label ('支出用途') still groups
  its two columns there, as the first page's body shows, and heads none of its own;
- a blank template (no figures) on a wide page: '项目' over 功能分类科目编码 | 科目名称,
  reaching over the long names, groups the two; '科目名称', centred right of the names,
  heads their column, not one of its own;
- a table with no figures and no rules whose title ends the page before: its header, a
  '栏目' band over the labels, tops the next page and the table is read under that title.
"""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules import run_checks
from tests.helpers.pdfgen import H
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec

TWO_SIDED_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4)],
    [H("收      入", colspan=2), H("支      出", colspan=2)],
    ["项    目", "预算数", "项    目", "预算数"],
]
TWO_SIDED_BODY = [
    ["一、一般公共预算拨款收入", "1,826.31", "一、一般公共服务支出", ""],
    ["二、政府性基金预算拨款收入", "", "二、公共安全支出", ""],
    ["三、事业收入", "", "三、社会保障和就业支出", "1,608.43"],
    ["四、其他收入", "156.00", "四、卫生健康支出", "190.28"],
    ["", "", "五、住房保障支出", "183.59"],
    ["本年收入合计", "1,982.31", "本年支出合计", "1,982.31"],
]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_two_sided_table_with_deep_header_on_a_landscape_page_keeps_its_four_columns(tmp_path, style):
    spec = StructureSpec(
        title="收支总表", header=TWO_SIDED_HEADER, body=TWO_SIDED_BODY, style=style, header_line_count=3
    )
    builder = StructureBuilder(tmp_path / "two-sided.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "two-sided.pdf").tables
    assert table.n_cols == 4
    assert _texts(table.body_texts()) == _texts(printed.body)
    assert table.body[3][3].value is not None and str(table.body[3][3].value) == "190.28"


THREE_GROUP_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=6)],
    [H("收入", colspan=2), H("支出", colspan=4)],
    [H("项目名称", rowspan=2), H("金额", rowspan=2), H("功能分类", colspan=2), H("支出用途", colspan=2)],
    ["功能科目名称", "金额", "项目名称", "金额"],
]
FUNCTIONS = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
             "文化体育与传媒支出", "社会保障和就业支出", "节能环保支出", "城乡社区支出", "农林水支出",
             "交通运输支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出", "住房保障支出"]
NUMERALS = "一二三四五六七八九十"


def _numbered(k: int, name: str) -> str:
    tens, unit = divmod(k + 1, 10)
    prefix = ("十" if tens else "") + (NUMERALS[unit - 1] if unit else "") if k >= 9 else NUMERALS[k]
    return f"{prefix}、{name}"


def _three_group_body(copies: int) -> list[list[str]]:
    names = [_numbered(k, n) for k, n in enumerate(FUNCTIONS)] * copies
    body = [["", "", name, f"{100 + 7 * k}.00" if k % 3 == 0 else "", "", ""] for k, name in enumerate(names)]
    body[0][0:2], body[1][0:2] = ["一、财政拨款", "3,172.15"], ["二、其他资金", "12.00"]
    body[0][4:6], body[1][4:6] = ["一、基本支出", "2,570.82"], ["二、项目支出", "613.33"]
    return body


def test_group_label_over_a_column_left_empty_on_the_continuation_page_heads_no_column(tmp_path):
    spec = StructureSpec(
        title="收支预算总表", header=THREE_GROUP_HEADER, body=_three_group_body(3), style="three_line",
        header_line_count=3, repeat_header=True, continued_title=True,
    )
    builder = StructureBuilder(tmp_path / "continued.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) >= 2
    [table] = read_document(tmp_path / "continued.pdf").tables
    assert table.n_cols == 6
    assert _texts(table.body_texts()) == _texts(printed.body)


TEMPLATE_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("合计", rowspan=3), H("基本支出", rowspan=3), H("项目支出", rowspan=3)],
    [H("项目", colspan=2)],
    ["功能分类科目编码", "科目名称"],
]
TEMPLATE_BODY = [
    ["205", "教育支出", "", "", ""],
    ["20502", "普通教育", "", "", ""],
    ["2050205", "高等教育", "", "", ""],
    ["207", "文化旅游体育与传媒支出", "", "", ""],
    ["20799", "其他文化旅游体育与传媒支出", "", "", ""],
    ["合计", "", "", "", ""],
]


def test_blank_template_with_a_group_label_over_its_long_names_keeps_its_five_columns(tmp_path):
    spec = StructureSpec(
        title="一般公共预算财政拨款支出决算表", header=TEMPLATE_HEADER, body=TEMPLATE_BODY, style="three_line",
        header_line_count=3,
    )
    builder = StructureBuilder(tmp_path / "template.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "template.pdf").tables
    assert table.n_cols == 5
    assert _texts(table.body_texts()) == _texts(printed.body)


BLANK_HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4)],
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "决算数", "项目", "决算数"],
]
BLANK_BODY = [
    ["一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", ""],
    ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
    ["三、上级补助收入", "", "三、国防支出", ""],
    ["本年收入合计", "", "本年支出合计", ""],
    ["总计", "", "总计", ""],
]


def test_blank_table_without_rules_under_a_title_left_on_the_page_before_is_read(tmp_path):
    builder = StructureBuilder(tmp_path / "orphan.pdf")
    builder.text_page(["以下为部门决算公开表格。"], heading="第二部分 公开表格")
    spec = StructureSpec(
        title="收入支出决算总表", number="公开01表", header=BLANK_HEADER, body=BLANK_BODY, style="no_rules",
        header_line_count=3,
    )
    printed = builder.table_with_caption_at_foot(spec)
    builder.save()
    [table] = read_document(tmp_path / "orphan.pdf").tables
    assert (table.title, table.number, table.pages) == ("收入支出决算总表", "公开01表", printed.pages)
    assert _texts(table.body_texts()) == _texts(printed.body)
    assert any("栏目" in normalize(c.text) for row in table.header for c in row)


def test_a_contents_heading_over_a_list_atop_a_page_is_no_table(tmp_path):
    builder = StructureBuilder(tmp_path / "contents.pdf")
    builder.text_page(["以下为部门决算公开表格。"], heading="第二部分 公开表格")
    builder.text_page(["一、收入支出决算总表", "二、收入决算表", "三、支出决算表"], heading="目录", size=9.0)
    builder.save()
    assert read_document(tmp_path / "contents.pdf").tables == []


LONE_ROWS = [
    ["221", "", "", "住房保障支出", "445.69"],
    ["221", "02", "", "住房改革支出", "445.69"],
    ["221", "02", "01", "住房公积金", "187.19"],
    ["221", "02", "03", "购房补贴", "258.50"],
]


def test_a_last_row_alone_under_its_continued_title_stays_in_its_table(tmp_path):
    """Its 款's sum is whole: no false 错误 '住房改革支出 ≠ 所属项级科目之和'."""
    header: list[list[H | str]] = [
        [H("栏目", colspan=5)],
        [H("功能分类科目编码", colspan=3), H("科目名称", rowspan=2), H("本年收入合计", rowspan=2)],
        ["类", "款", "项"],
    ]
    spec = StructureSpec(
        title="收入决算表", header=header, body=LONE_ROWS, style="no_rules", header_line_count=2,
        repeat_header=False, continued_title=True, break_before=(len(LONE_ROWS) - 1,),
    )
    following = StructureSpec(title="支出决算表", header=[["项目", "金额"]], body=[["合计", "900.00"]],
                              style="no_rules")
    builder = StructureBuilder(tmp_path / "lone.pdf")
    printed = builder.table(spec, landscape=True)
    builder.table(following, new_page=False, landscape=True)
    builder.save()
    assert printed.pages == [1, 2]
    document = read_document(tmp_path / "lone.pdf")
    income = next(t for t in document.tables if t.title == "收入决算表")
    assert income.pages == [1, 2]
    assert _texts(income.body_texts()) == _texts(printed.body)
    assert not [f for f in run_checks(document) if f.severity.value == "error"]
