"""The text parser the narrative checks share (documents built with tests/helpers/narrative_support.py)."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from desktopapp.rules.narrative.parse import parse_document
from tests.helpers.narrative_support import make_doc, table

# ---------------------------------------------------------------- parser tests


def test_figures_moved_to_a_line_of_their_own_are_put_back():
    # Word exports print figures in a lower-baseline font: plain text puts them on the next line
    page = (
        "二、收入决算情况说明\n"
        "本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他\n"
        "2946.25 2940.05 99.79%\n"
        "收入 万元，占 。\n"
        "6.2 0.21%\n"
    )
    nt = parse_document(make_doc([page]))
    assert (
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。"
        in nt.flow
    )
    assert [m.value for m in nt.mentions if m.kind == "amount"] == [
        parse(x) for x in ("2946.25", "2940.05", "6.2")
    ]


def parse(text: str):
    from decimal import Decimal

    return Decimal(text)


def test_lines_wrapping_inside_a_number_are_joined():
    page = (
        "1.社会保障和就业支出(类)人力资源和社会保障管理事务(款)行政运行(项)1099.\n"
        "62万元，比 2023年预算减少 32.79万元，下降 2.9%，主要是人员及工资结构有所变动。\n"
    )
    nt = parse_document(make_doc([page]))
    amounts = [m for m in nt.mentions if m.kind == "amount"]
    assert amounts[0].value == parse("1099.62")
    assert nt.page_at(amounts[0].start) == 1


def test_headings_start_paragraphs_and_sections():
    page = (
        "三、支出决算情况说明\n"
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。\n"
        "四、财政拨款收入支出决算总体情况说明\n"
        "财政拨款收入支出总计2961.68万元。\n"
    )
    nt = parse_document(make_doc([page], kind=DocKind.DEPT_FINAL))
    headings = [p.text for p in nt.paragraphs if p.heading]
    assert headings == ["三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明"]
    body = [p for p in nt.paragraphs if not p.heading]
    assert body[0].section.endswith("三、支出决算情况说明")
    assert body[1].section.endswith("四、财政拨款收入支出决算总体情况说明")


def test_document_year_and_kind_are_read_from_the_titles_when_unknown():
    cover = "上海市某某区某某局\n2024年度部门决算\n"
    body = (
        "第三部分 上海市某某区某某局2024年度部门决算情况说明\n与2023年度相比，收入支出总计减少56.95万元。\n"
    )
    doc = make_doc([cover, body], kind=DocKind.UNKNOWN, year=None, organization=None)
    nt = parse_document(doc)
    assert nt.year == 2024
    assert nt.is_final is True


def test_toc_entries_table_titles_and_a_paragraph_running_over_a_page_end():
    toc = "目录\n一、部门主要职能………1\n二、部门预算编制说明及收支\n情况………2\n三、名词解释………3\n"
    before = (
        "二、收入预算情况说明\n"
        "2024年收入预算合计1,234.56万元，其中一般公共预算拨款收入1,200.00万元，比2023年预算增\n"
    )
    after = "加34.56万元，主要原因是人员经费增加。\n三、名词解释\n"
    general = table(
        "T1", "一般公共预算支出表", "general_budget_expenditure", [["科目编码", "科目名称", "合计"]],
        [["208", "社会保障和就业支出", "1.00"]],
    )
    nt = parse_document(make_doc([toc, before, after], [general]))
    # a wrapped 目录 entry is one entry, dot leaders and page numbers dropped
    assert nt.toc == [(1, "一、部门主要职能"), (1, "二、部门预算编制说明及收支情况"), (1, "三、名词解释")]
    assert nt.loose_lines == [(4, "一般公共预算支出表")]
    assert nt.headings == [(2, "二、收入预算情况说明"), (3, "三、名词解释")]
    heading, body, last = nt.paragraphs
    assert body.text.endswith("比2023年预算增加34.56万元，主要原因是人员经费增加。") and body.page == 2
    assert nt.page_at(nt.flow.index("加34.56")) == 3  # the paragraph's second line is on page 3
    assert (heading.ends_page, body.ends_page, last.ends_page) == (False, True, True)
    assert body.section == heading.text and last.section == last.text


def test_subject_rows_are_the_structures_rows():
    """The narrative reads 科目 codes and names from the table's structure: split 类|款|项 codes
    completed from the rows above, a unit code (503) never taken for a 类 code."""
    from desktopapp.rules.narrative.tables import TableIndex

    split = table(
        "T5",
        "一般公共预算支出表",
        "general_budget_expenditure",
        [["科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""]],
        [
            ["", "", "", "合计", "100.00"],
            ["208", "", "", "社会保障和就业支出", "100.00"],
            ["", "01", "", "人力资源和社会保障管理事务", "60.00"],
            ["", "", "01", "行政运行", "60.00"],
            ["", "05", "", "行政事业单位养老支出", "40.00"],
            ["", "", "05", "机关事业单位基本养老保险缴费支出", "40.00"],
        ],
    )
    by_unit = table(
        "T6",
        "一般公共预算支出表（分单位）",
        "general_budget_expenditure_by_unit",
        [["单位编码", "单位名称", "合计"]],
        [["503", "某某区某某局", "100.00"], ["503004", "某某区某某中心", "100.00"]],
    )
    index = TableIndex(make_doc(["正文"], [split, by_unit]))
    assert [(cr.code, cr.name) for cr in index.item_rows(split)][1:] == [
        ("208", "社会保障和就业支出"),
        ("20801", "人力资源和社会保障管理事务"),
        ("2080101", "行政运行"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ]
    row, depth = index.resolve_item(split, ["社会保障和就业支出", "行政事业单位养老支出"], [None, None])
    assert depth == 2 and row.row == 4 and row.name_col == 3
    assert [cr.code for cr in index.item_rows(by_unit)] == [None, None]


def test_a_rows_figure_is_read_through_the_structure():
    """The figure of a labelled row is the first value column right of the label on its side:
    a figure printed in whole 元 (4,668,000) is a figure, not a 科目 code; a total printed once
    across column groups is each group's, pointing at the cell where it is printed."""
    from desktopapp.core.model import Cell
    from desktopapp.rules.narrative.tables import TableIndex

    summary = table(
        "T1",
        "收支预算总表",
        "budget_summary",
        [["收入", "", "支出", "", "", ""], ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"]],
        [
            ["一般公共预算", "4,668,000", "三、卫生健康支出", "4,668,000", "工资福利支出", "4,668,000"],
            ["当年收入小计", "4,668,000", "当年支出小计", "", "", "4,668,000"],
        ],
        unit="元",
    )
    merged = summary.body[1][2]
    merged.col_span = 3
    summary.body[1][3] = Cell(text="", covered=True)
    summary.body[1][4] = Cell(text="", covered=True)
    index = TableIndex(make_doc(["正文"], [summary]))
    health = index.labelled(summary, ("卫生健康支出",))
    assert (health.row, health.col, str(health.value)) == (0, 3, "466.8")
    spent = index.labelled(summary, ("当年支出小计",))
    assert (spent.row, spent.col, str(spent.value)) == (1, 5, "466.8")


def test_economic_items_of_the_basic_table_are_its_structures_rows():
    """The items a 基本支出 table prints are its rows' names on each side, with the column of their
    figure: a figure in whole 元 counts, a total label merged over the code and name columns reads
    the figure column, not the covered name column."""
    from desktopapp.core.model import Cell
    from desktopapp.rules.narrative.names import _basic_names
    from desktopapp.rules.narrative.tables import TableIndex

    basic = table(
        "T7",
        "一般公共预算基本支出表",
        "basic_expenditure",
        [["经济分类科目编码", "科目名称", "金额", "经济分类科目编码", "科目名称", "金额"]],
        [
            ["301", "工资福利支出", "1,200,000", "302", "商品和服务支出", "10,000"],
            ["30103", "奖金", "1,200,000", "30201", "办公费", "10,000"],
            ["人员经费合计", "", "1,200,000", "公用经费合计", "", "10,000"],
        ],
        unit="元",
    )
    for k in (0, 3):
        basic.body[2][k].col_span = 2
        basic.body[2][k + 1] = Cell(text="", covered=True)
    TableIndex(make_doc(["正文"], [basic])).coded(basic)  # the structure read with the document
    names = {name: [(r, c) for _, r, c in hits] for name, hits in _basic_names([basic]).items()}
    assert names["奖金"] == [(1, 2)] and names["办公费"] == [(1, 5)]
    assert names["人员经费合计"] == [(2, 2)] and names["公用经费合计"] == [(2, 5)]
