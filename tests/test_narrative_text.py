"""Punctuation, template text, years, names and wording of the narrative."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.narrative_support import errors, make_doc, run, table, warnings

# ---------------------------------------------------------------- punctuation


def test_doubled_full_stop():
    doc = make_doc(
        [
            "5、信息化建设（13项）227.88万元。主要用于：信息化建设及运行维护等方面的支出。。2025年执行数为60.41万元。\n"
        ]
    )
    found = run(doc, "narrative_double_punct")
    assert len(errors(found)) == 1
    assert found[0].quote.endswith("支出。。")


def test_a_run_of_full_stops_filling_a_blank_is_no_doubled_mark():
    """A unit list left with "。。。" rows (a template's blanks, a table read as text) is no
    slip; a full stop typed twice beside it still is."""
    text = "本部门所属单位包括：上海市某某中心、上海市某某研究所、。。。、。。。等单位，决算为汇总决算。。\n"
    found = run(make_doc([text]), "narrative_double_punct")
    assert [f.actual for f in errors(found)] == ["。。"]
    assert found[0].quote.endswith("汇总决算。。")


def test_paragraph_ending_with_semicolon_before_a_heading():
    text = (
        "二、收入决算情况说明\n"
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；\n"
        "三、支出决算情况说明\n"
        "本年支出合计2940.05万元。\n"
    )
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_paragraph_end")
    assert [f.quote for f in found] == ["占0.21%；"]
    assert found[0].severity.value == "warning"


def test_list_items_may_end_with_semicolons():
    text = "四、实施方案\n1.签订购买服务合同，委托其提供专业服务；\n2.配齐配强调解员，及时化解矛盾纠纷；\n3.全年开展专题培训。\n"
    assert run(make_doc([text]), "narrative_paragraph_end") == []


def test_sentence_without_closing_mark():
    text = (
        "政府性基金拨款支出预算0万元，与2025年预算持平。\n"
        "财政拨款收入支出增加的主要原因是工作量增加\n"
        "财政拨款支出主要内容如下：\n"
        "1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。\n"
    )
    found = run(make_doc([text]), "narrative_paragraph_end")
    assert [f.quote for f in found] == ["财政拨款收入支出增加的主要原因是工作量增加"]


def test_unbalanced_brackets_and_quotes():
    text = (
        "绩效自评的项目39个，涉及预算金额4415.48万元，平均得分99.33分（其中，绩效评级为“优”的项目39个；"
        "绩效评级为“良”的项目0个。绩效自评中共发现问题0个。\n"
        "4.开展“人民调解协议书检查”、优秀调解案例”活动。\n"
    )
    found = run(make_doc([text]), "narrative_brackets")
    quotes = [f.quote for f in found]
    assert any(q.startswith("平均得分99.33分（其中") for q in quotes)
    assert any("优秀调解案例”活动" in q for q in quotes)
    assert errors(found) == []


def test_unfinished_sentence():
    found = run(
        make_doc(["机关运行经费支出142.80万元，比2023年度减少13.52万元。主要原因是。\n"]),
        "narrative_unfinished",
    )
    assert len(errors(found)) == 1 and "主要原因是。" in found[0].quote


# ---------------------------------------------------------------- template text


def test_template_text_left_in_a_real_document():
    text = (
        "2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，下降（增长）27.78%。\n"
        "截至2024年12月31日，上海市某某区某某局部门（单位）共有车辆0辆。\n"
        "上海市某某区XX局2024年度无政府性基金预算财政拨款收入和支出。\n"
    )
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_template_text")
    assert len(errors(found)) == 3
    assert {f.actual for f in found} == {"下降（增长）", "部门（单位）", "XX"}


def test_both_directions_left_before_a_zero_change_is_a_warning():
    """“增加（减少）0万元” misstates nothing (either word is true of 0); before a real change the
    direction is missing, which is an error."""
    text = (
        "2024年本年预算数比2023年预算数增加（减少）0万元。\n"
        "2024年一般公共预算拨款比2023年预算数增加（减少）12.50万元。\n"
    )
    found = run(make_doc([text]), "narrative_template_text")
    assert sorted((f.actual, "12.50" in f.quote, f.severity.value) for f in found) == [
        ("增加（减少）", False, "warning"),
        ("增加（减少）", True, "error"),
    ]


def test_a_blank_template_is_not_reported_as_template_text():
    text = "\n".join(
        f"{i}、XX（类）XX（款）XX（项）。年初预算为XXX万元，支出决算为XXX万元。决算数大于（小于）预算数的主要原因：XXXXXXXX。"
        for i in range(1, 6)
    )
    assert run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_template_text") == []


# ---------------------------------------------------------------- years


def test_budget_compared_with_its_own_year():
    text = "2026年，某某局收入预算9628.22万元，其中：财政拨款收入9628.22万元，比2026年预算增加793.14万元；事业收入0万元。\n"
    found = run(make_doc([text], year=2026), "narrative_year")
    assert len(errors(found)) == 1
    assert found[0].quote == "比2026年预算增加793.14万元"
    ok = text.replace("比2026年", "比2025年")
    assert run(make_doc([ok], year=2026), "narrative_year") == []


def test_final_account_heading_and_asset_date_of_another_year():
    text = (
        "第三部分 上海市某某区某某局2023年度部门决算情况说明\n"
        "一、收入支出决算总体情况说明\n"
        "某某局2024年度收入支出总计2995.39万元。\n"
        "截至2023年12月31日，上海市某某区某某局共有车辆0辆。\n"
    )
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_year")
    quotes = sorted(f.quote for f in errors(found))
    assert quotes == ["截至2023年12月31日", "第三部分上海市某某区某某局2023年度部门决算情况说明"]


def test_budget_assets_as_of_the_previous_year_are_fine():
    text = "截至2025年8月31日，某某局共有车辆3辆。\n五、实施周期\n2026年1月1日-2026年12月31日\n"
    assert run(make_doc([text], year=2026), "narrative_year") == []


# ---------------------------------------------------------------- names

GENERAL = table(
    "T1",
    "一般公共预算财政拨款支出决算表",
    "final_general_budget_expenditure",
    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
    [
        ["210", "卫生健康支出", "114.97", "114.97", ""],
        ["21011", "行政事业单位医疗", "114.97", "114.97", ""],
        ["2101101", "行政单位医疗", "114.97", "114.97", ""],
        ["221", "住房保障支出", "289.59", "289.59", ""],
        ["22102", "住房改革支出", "289.59", "289.59", ""],
        ["2210201", "住房公积金", "289.59", "289.59", ""],
        ["合计", "", "404.56", "404.56", ""],
    ],
)


def test_outdated_class_name_is_an_error():
    text = "11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）114.97万元。主要用于：医疗保险。\n"
    found = run(make_doc([text], [GENERAL], kind=DocKind.DEPT_FINAL), "narrative_subject_name")
    assert len(errors(found)) == 1
    assert found[0].expected == "卫生健康支出"
    assert "医疗卫生与计划生育支出（210类）" in found[0].quote


def test_sub_item_name_not_used_by_the_tables_is_a_warning():
    text = "12、住房保障支出（类）住房保障支出（款）住房公积金（项）。主要用于：住房公积金。年初预算为289.59万元，支出决算为289.59万元。\n"
    found = run(make_doc([text], [GENERAL], kind=DocKind.DEPT_FINAL), "narrative_subject_name")
    assert len(warnings(found)) == 1 and errors(found) == []
    assert "住房改革支出" in found[0].message
    good = text.replace("住房保障支出（款）", "住房改革支出（款）")
    assert run(make_doc([good], [GENERAL], kind=DocKind.DEPT_FINAL), "narrative_subject_name") == []


BUDGET_GENERAL = table(
    "T1",
    "一般公共预算支出表",
    "general_budget_expenditure",
    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
    [
        ["208", "社会保障和就业支出", "96.01", "96.01", ""],
        ["20805", "行政事业单位养老支出", "94.99", "94.99", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "94.99", "94.99", ""],
        ["20899", "其他社会保障和就业支出", "1.02", "1.02", ""],
        ["2089999", "其他社会保障和就业支出", "1.02", "1.02", ""],
        ["合计", "", "96.01", "96.01", ""],
    ],
)


def test_subject_name_missing_a_character_is_a_name_mismatch():
    text = "5.社会保障和就业支出(类)其他社会保障就业支出(款)其他社会保障就业支出(项)1.02万元，比2023年预算增加1.02万元。\n"
    found = run(make_doc([text], [BUDGET_GENERAL]), "narrative_subject_name")
    assert len(errors(found)) == 1
    assert found[0].actual == "其他社会保障就业支出" and found[0].expected == "其他社会保障和就业支出"
    assert [(c.table, c.row) for c in found[0].cells] == [("T1", 3)]


def test_subject_name_with_an_extra_word_is_a_name_mismatch():
    text = "4.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费（项）94.99万元。\n"
    found = run(make_doc([text], [BUDGET_GENERAL]), "narrative_subject_name")
    assert [f.expected for f in errors(found)] == ["机关事业单位基本养老保险缴费支出"]


def test_subject_name_longer_than_the_tables_is_only_a_warning():
    cut = table(
        "T1",
        "一般公共预算支出表",
        "general_budget_expenditure",
        [["科目编码", "科目名称", "合计"]],
        [["208", "社会保障和就业支出", "1.02"], ["20899", "其他社会保障和就业支", "1.02"], ["合计", "", "1.02"]],
    )
    text = "5.社会保障和就业支出（类）其他社会保障和就业支出（款）1.02万元。\n"
    found = run(make_doc([text], [cut]), "narrative_subject_name")
    assert len(warnings(found)) == 1 and errors(found) == []


def test_subject_names_spelled_as_in_the_tables_pass():
    text = (
        "4.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）94.99万元。\n"
        "5.社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）1.02万元。\n"
    )
    assert run(make_doc([text], [BUDGET_GENERAL]), "narrative_subject_name") == []


def test_listed_expense_item_with_nothing_in_the_basic_table():
    basic = table(
        "T2",
        "一般公共预算财政拨款基本支出决算表",
        "final_basic_expenditure",
        [["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]],
        [
            ["30101", "基本工资", "262.33", "30201", "办公费", "21.21"],
            ["30302", "退休费", "69.10", "30229", "福利费", "42.77"],
            ["30310", "个人农业生产补贴", "", "31002", "办公设备购置", "13.58"],
            ["人员经费合计", "", "331.43", "公用经费合计", "", "77.56"],
        ],
    )
    text = (
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
        "一般公共预算财政拨款基本支出409.99万元。其中：人员经费331.43万元，主要包括：基本工资、退休费、个人农业生产补贴；"
        "公用经费77.56万元，主要包括：办公费、福利费、办公设备购置。\n"
    )
    found = run(make_doc([text], [basic], kind=DocKind.DEPT_FINAL), "narrative_expense_items")
    assert [f.actual for f in found] == ["个人农业生产补贴"]
    assert found[0].quote.endswith("个人农业生产补贴；")
    assert [(c.table, c.row, c.col) for c in found[0].cells] == [("T2", 2, 2)]


BUDGET_BASIC = table(
    "T6",
    "一般公共预算基本支出预算表",
    "basic_expenditure",
    [["经济分类科目", "合计", "人员经费", "公用经费"]],
    [
        ["一、工资福利支出", "1,994.29", "1,994.29", ""],
        ["基本工资", "1,019.79", "1,019.79", ""],
        ["津贴补贴", "634.05", "634.05", ""],
        ["其他社会保障缴费", "35.02", "35.02", ""],
        ["住房公积金", "296.26", "296.26", ""],
        ["其他工资福利支出", "9.17", "9.17", ""],
        ["二、商品和服务支出", "213.34", "", "213.34"],
        ["办公费", "39.10", "", "39.10"],
        ["维修（护）费", "6.90", "", "6.90"],
        ["其他交通费用", "163.96", "", "163.96"],
        ["其他商品和服务支出", "3.38", "", "3.38"],
        ["三、对个人和家庭的补助", "227.42", "227.42", ""],
        ["退休费", "212.37", "212.37", ""],
        ["其他对个人和家庭的补助", "15.05", "15.05", ""],
    ],
)


def test_listed_expense_items_the_basic_table_does_not_print():
    text = (
        "人员经费2221.71万元，主要包括：基本工资、津贴补贴、社会保障缴费、其他工资福利支出、离休费、退休费、"
        "抚恤金、生活补助、助学金、住房公积金、其他对个人和家庭的补助支出。\n"
        "公用经费213.34万元，主要包括：办公费、维修（护）费、其他交通补助、其他商品和服务支出。\n"
    )
    found = run(make_doc([text], [BUDGET_BASIC]), "narrative_expense_items")
    assert errors(found) == []
    absent = next(f for f in found if "离休费" in f.actual)
    assert absent.actual == "离休费、抚恤金、生活补助、助学金"
    assert "抚恤金、生活补助、助学金" in absent.quote
    renamed = next(f for f in found if f.actual == "其他交通补助")
    assert renamed.expected == "其他交通费用"
    assert [(c.table, c.row) for c in renamed.cells] == [("T6", 9)]
    assert len(found) == 2


def test_listed_expense_items_printed_in_the_basic_table_pass():
    text = (
        "人员经费2221.71万元，主要包括：基本工资、津贴补贴、社会保障缴费、住房公积金、其他工资福利支出、退休费、"
        "其他对个人和家庭的补助。\n"
        "公用经费213.34万元，主要用于：办公费、维修(护)费、其他交通费用、其他商品和服务支出等。\n"
    )
    assert run(make_doc([text], [BUDGET_BASIC]), "narrative_expense_items") == []


def test_items_of_a_class_the_table_prints_only_as_a_total_are_not_reported():
    def basic(*detail: list[str]):
        return table(
            "T6",
            "一般公共预算基本支出预算表",
            "basic_expenditure",
            [["经济分类科目", "合计", "人员经费", "公用经费"]],
            [
                ["工资福利支出", "1,994.29", "1,994.29", ""],
                *detail,
                ["商品和服务支出", "213.34", "", "213.34"],
                ["对个人和家庭的补助", "227.42", "227.42", ""],
            ],
        )

    text = "人员经费2221.71万元，主要包括：基本工资、津贴补贴、离休费、抚恤金。\n"
    assert run(make_doc([text], [basic()]), "narrative_expense_items") == []
    # 住房公积金 was a 303 item in an earlier edition: printing it does not detail 303
    detailed_301 = basic(["住房公积金", "296.26", "296.26", ""])
    assert run(make_doc([text], [detailed_301]), "narrative_expense_items") == []


# ---------------------------------------------------------------- wording


def test_flat_wording():
    text = (
        "2026年“三公”经费预算数为10.81万元，比2025年预算持平。其中：\n"
        "（三）公务接待费0.83万元。与2025年预算持平，主要原因是公务接待无变化。\n"
    )
    found = run(make_doc([text], year=2026), "narrative_flat_wording")
    messages = " ".join(f.message for f in found)
    assert "与…持平" in messages and "句号" in messages
    assert all(f.severity.value == "warning" for f in found)


def test_flat_but_explained_by_a_decrease():
    text = "与2023年度相比，财政拨款收入支出总计持平。主要原因：项目支出中合同支付进度等原因减少支付。\n"
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_flat_wording")
    assert len(found) == 1 and found[0].quote == "财政拨款收入支出总计持平"


def test_organization_named_differently_where_it_speaks_of_itself():
    text = (
        "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。\n"
        "上海市普陀区规划与自然资源局2024年度无政府性基金预算财政拨款收入和支出。\n"
    )
    doc = make_doc([text], kind=DocKind.DEPT_FINAL, organization="上海市普陀区规划和自然资源局")
    found = run(doc, "narrative_org_name")
    assert len(found) == 1 and found[0].actual == "上海市普陀区规划与自然资源局"


def test_department_wording_in_a_unit_document():
    text = "2024年本部门政府采购预算4万元。\n"
    found = run(make_doc([text], kind=DocKind.UNIT_BUDGET), "narrative_unit_wording")
    assert len(found) == 1 and found[0].actual == "本部门"
    assert run(make_doc([text], kind=DocKind.DEPT_BUDGET), "narrative_unit_wording") == []


def test_budget_system_terms_are_not_the_document_calling_itself_a_department():
    text = "深化部门预算改革，加强部门预算管理，健全预算支出标准体系。\n"
    assert run(make_doc([text], kind=DocKind.UNIT_BUDGET), "narrative_unit_wording") == []
    slip = "2024年本部门预算安排政府采购4万元。\n"
    found = run(make_doc([slip], kind=DocKind.UNIT_BUDGET), "narrative_unit_wording")
    assert len(found) == 1 and found[0].actual == "本部门"


def test_department_wording_in_the_unit_budget_of_a_department_is_a_warning():
    cover = "上海市2025年市级单位预算\n"
    text = "上海市财政局是主管全市财政工作的市政府组成部门。\n2025年部门预算安排购置车辆0辆。\n"
    doc = make_doc([cover, text], kind=DocKind.UNIT_BUDGET, organization="上海市财政局")
    found = run(doc, "narrative_unit_wording")
    assert found and errors(found) == []
    plain = make_doc([cover, "2025年部门预算安排购置车辆0辆。\n"], kind=DocKind.UNIT_BUDGET, organization="上海市财政局")
    assert len(errors(run(plain, "narrative_unit_wording"))) == 1


def test_heading_differing_from_the_table_of_contents_and_missing_table():
    toc = "目 录\n一、收入支出决算总表\n二、支出决算表\n十一、其他重要事项说明\n"
    body = "十一、其他重要事项的情况说明\n（一）机关运行经费支出情况\n机关运行经费支出184.65万元。\n"
    summary = table("T1", "收入支出决算总表", "final_summary", [["项目", "决算数"]], [["总计", "1.00"]])
    doc = make_doc([toc, body], [summary], kind=DocKind.DEPT_FINAL)
    headings = run(doc, "narrative_heading_vs_toc")
    assert [f.quote for f in headings] == ["十一、其他重要事项的情况说明"]
    missing = run(doc, "narrative_toc_table_missing")
    assert [f.quote for f in missing] == ["二、支出决算表"]
    assert missing[0].page == 1


def test_table_titles_printed_with_the_organisation_or_a_qualifier_match_the_contents():
    toc = "目 录\n一、收支预算总表\n二、一般公共预算支出预算表\n三、支出预算表\n四、政府采购支出预算表\n"
    tables = [
        table("T1", "2017年度江苏省某某院部门收支预算总表", "budget_summary", [["项目", "金额"]], [["合计", "1.00"]]),
        table("T2", "一般公共预算支出预算表（功能科目）", "general_budget_expenditure", [["项目", "金额"]], [["合计", "1.00"]]),
        table("T3", "一般公共预算基本支出预算表", "basic_expenditure", [["项目", "金额"]], [["合计", "1.00"]]),
    ]
    doc = make_doc([toc], tables, organization="江苏省某某院")
    missing = run(doc, "narrative_toc_table_missing")
    # a title ending in the entry's name after table words ("…基本支出预算表") is another table
    assert sorted(f.quote for f in missing) == ["三、支出预算表", "四、政府采购支出预算表"]


def test_contents_entry_naming_the_funds_a_title_leaves_out_matches_the_table():
    """The 目录's "一般公共预算三公经费…表" is the printed "“三公”经费…表" (a 三公 table covers
    一般公共预算 money); a prefix naming other funds, or a table not printed, is still missing."""
    toc = (
        "目 录\n一、收支预算总表\n二、一般公共预算三公经费、会议费、培训费支出预算表\n"
        "三、政府性基金预算三公经费、会议费、培训费支出预算表\n四、一般公共预算支出预算表\n"
    )
    tables = [
        table("T1", "收支预算总表", "budget_summary", [["项目", "金额"]], [["合计", "1.00"]]),
        table("T2", "“三公”经费、会议费、培训费支出预算表", "three_public", [["项目", "金额"]], [["合计", "1.00"]]),
        table("T3", "支出预算表", "expenditure_summary", [["项目", "金额"]], [["合计", "1.00"]]),
    ]
    missing = run(make_doc([toc], tables), "narrative_toc_table_missing")
    assert sorted(f.quote for f in missing) == [
        "三、政府性基金预算三公经费、会议费、培训费支出预算表",
        "四、一般公共预算支出预算表",
    ]


def test_most_contents_entries_unmatched_give_one_warning():
    toc = "目 录\n" + "".join(f"{n}、第{n}张预算表\n" for n in "一二三四五")
    summary = table("T1", "收支总表", "budget_summary", [["项目", "金额"]], [["合计", "1.00"]])
    found = run(make_doc([toc], [summary]), "narrative_toc_table_missing")
    assert len(found) == 1 and errors(found) == []
    assert "5 张表中有 5 张" in found[0].message


def test_a_section_heading_is_not_compared_with_a_table_of_the_same_number():
    toc = "目 录\n第一部分 情况说明\n四、财政拨款收支预算总体情况\n第二部分 预算表\n四、财政拨款收支预算总表\n"
    body = "四、财政拨款收支预算总体情况说明\n财政拨款收入1.00万元。\n"
    doc = make_doc([toc, body])
    assert [f.expected for f in run(doc, "narrative_heading_vs_toc")] == ["四、财政拨款收支预算总体情况"]


def test_sentence_stopping_where_the_reason_should_follow():
    text = (
        "四、财政拨款收入支出决算总体情况说明\n"
        "财政拨款收入支出总计2961.68万元，比2023年度减少63.14万元。主要原因是\n"
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "一般公共预算财政拨款支出2940.05万元。\n"
    )
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_unfinished")
    assert len(errors(found)) == 1 and found[0].quote.endswith("主要原因是")


def test_bracket_pair_printed_in_two_widths_is_a_warning():
    text = (
        "1.因公出国（境)经费0万元，与上年持平，无变化。\n"
        "2.公务用车购置及运行维护费1万元（公务用车购置费0万元，公务用车运行维护费1万元)，比上年减少0.20万元。\n"
        "5.社会保障和就业支出(类）其他社会保障和就业支出（款）：反映其他支出。\n"
    )
    found = run(make_doc([text]), "narrative_brackets")
    assert errors(found) == []
    quotes = [f.quote for f in found]
    assert len(quotes) == 3
    assert "因公出国（境)经费" in quotes[0]
    assert "公务用车运行维护费1万元)" in quotes[1]
    assert "社会保障和就业支出(类）其他" in quotes[2]
    assert "全角" in found[0].message and "半角" in found[2].message


def test_bracket_pairs_of_one_width_pass():
    text = "1.因公出国（境）经费0万元(含车辆购置税)。社会保障和就业支出（类）其他社会保障和就业支出（款）。\n"
    assert run(make_doc([text]), "narrative_brackets") == []
