"""The narrative against the reference's: what an officer sees in the 对比 findings, and the
silence where the comparison is unsure."""

from __future__ import annotations

from desktopapp.compare.relation import Relation
from desktopapp.compare.text import RULE_CHANGED, RULE_REASON, RULE_TERM, text_findings
from desktopapp.compare.text_subjects import RULE_SUBJECT
from desktopapp.core.model import DocKind, Document
from tests.helpers.narrative_support import make_doc
from tests.helpers.rules_support import table

INTRO = "一、部门主要职能。负责全区财政收支管理工作。"


def _pair(current: str, reference: str, **kwargs) -> tuple[Document, Document]:
    cur = make_doc([INTRO, current], year=2025, **kwargs)
    ref = make_doc([INTRO, reference], year=2024, **kwargs)
    return cur, ref


def test_a_reason_copied_from_last_year_while_its_amounts_changed_is_a_hint_showing_both_texts():
    cur, ref = _pair(
        "住房公积金支出120.00万元，比上年增加20.00万元，主要原因是调整了住房公积金缴存标准。",
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
    )
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    # the same direction with other amounts is often right (a standard raised again): 提示
    assert f.rule == RULE_REASON and f.severity.value == "info"
    assert "120.00万元" in f.message and "100.00万元" in f.message and "参考文件" in f.message
    assert f.page == 2 and f.reference_page == 2
    assert f.quote.startswith("住房公积金支出120.00万元")


def test_a_reason_in_its_own_sentence_is_read_with_the_statement_before_it():
    cur, ref = _pair(
        "公务接待费支出5.00万元，比上年减少1.00万元。主要原因是压减了公务接待费的支出安排。",
        "公务接待费支出6.00万元，比上年增加1.00万元。主要原因是压减了公务接待费的支出安排。",
    )
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_REASON and "增减方向" in f.message and f.severity.value == "warning"
    assert "5.00万元" in f.message and "6.00万元" in f.message


def test_silence_when_the_figures_are_the_same_or_the_reason_was_rewritten():
    same_figures = _pair(
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
    )
    new_reason = _pair(
        "住房公积金支出120.00万元，比上年增加20.00万元，主要原因是新增人员三名。",
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
    )
    for cur, ref in (same_figures, new_reason):
        assert text_findings(cur, ref, Relation.PREVIOUS_YEAR) == []


def test_silence_when_the_sentences_do_not_align():
    # The same reason under a statement of something else: no pair, so nothing is said.
    cur, ref = _pair(
        "机关运行经费支出30.00万元，较上年有所增加，主要原因是调整了住房公积金缴存标准。",
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
    )
    assert text_findings(cur, ref, Relation.PREVIOUS_YEAR) == []


def test_nothing_is_compared_for_unrelated_documents():
    cur, ref = _pair(
        "住房公积金支出120.00万元，比上年增加20.00万元，主要原因是调整了住房公积金缴存标准。",
        "住房公积金支出100.00万元，比上年增加8.00万元，主要原因是调整了住房公积金缴存标准。",
    )
    assert text_findings(cur, ref, Relation.UNRELATED) == []


def test_the_level_of_the_reference_kept_in_a_copied_sentence_is_a_warning():
    cur, ref = _pair("本预算为市级部门预算，包括机关本级。", "本预算为市级部门预算，包括机关本级。")
    cur.level, ref.level = "区级", "市级"
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_TERM and "市级" in f.message and "区级" in f.message
    cur.level = "市级"  # the document's facts agree with the text: nothing to say
    assert text_findings(cur, ref, Relation.PREVIOUS_YEAR) == []


def test_a_unit_document_saying_本部门_as_the_department_reference_did_is_a_warning():
    text = "本部门2025年收入预算500.00万元。"
    cur = make_doc([INTRO, text], kind=DocKind.UNIT_BUDGET, year=2025)
    ref = make_doc([INTRO, text.replace("2025", "2024")], kind=DocKind.DEPT_BUDGET, year=2024)
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_TERM and "单位公开文件" in f.message and "“部门”" in f.message


def test_the_old_name_of_the_organisation_kept_in_a_sentence_is_a_warning_an_abbreviation_is_not():
    text = "上海市某某区规划局负责全区规划管理。"
    cur = make_doc([INTRO, text], organization="上海市某某区规划和自然资源局", year=2025)
    ref = make_doc([INTRO, text], organization="上海市某某区规划局", year=2024)
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_TERM and "上海市某某区规划局" in f.message and "规划和自然资源局" in f.message
    abbreviated = make_doc([INTRO, "中共某某区委办公厅负责文电工作。"], organization="中共某某区委办公厅")
    full = make_doc([INTRO, "中共某某区委办公厅负责文电工作。"], organization="中国共产党某某区委员会办公厅")
    assert text_findings(abbreviated, full, Relation.PREVIOUS_YEAR) == []


def test_last_years_year_left_in_one_sentence_while_the_others_moved_on_is_a_warning():
    moved = [
        "{y}年收入预算100.00万元。",
        "{y}年支出预算100.00万元。",
        "{y}年一般公共预算财政拨款支出80.00万元。",
        "{y}年三公经费预算5.00万元。",
    ]
    cur_text = "".join(s.format(y=2025) for s in moved) + "2024年政府性基金预算支出为零。"
    ref_text = "".join(s.format(y=2024) for s in moved) + "2024年政府性基金预算支出为零。"
    cur, ref = _pair(cur_text, ref_text)
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_TERM and "2024年" in f.message and f.quote.startswith("2024年政府性基金")


def test_an_earlier_version_lists_each_changed_sentence_and_not_a_sentence_only_split_differently():
    cur = make_doc([INTRO, "收入合计120.00万元。支出合计118.00万元，比上年增加2.00万元。"])
    ref = make_doc([INTRO, "收入合计110.00万元。支出合计118.00万元，\n比上年增加2.00万元。"])
    found = text_findings(cur, ref, Relation.EARLIER_VERSION)
    assert [f.rule for f in found] == [RULE_CHANGED]
    [f] = found
    assert f.severity.value == "info" and "110.00万元" in f.message and "120.00万元" in f.message
    assert f.message.index("110.00") < f.message.index("120.00")  # before → after


def _subjects(name_205: str, name_210: str):
    return table(
        "T2",
        "一般公共预算支出表",
        [["科目编码", "科目名称", "合计"]],
        [["205", name_205, "10.00"], ["210", name_210, "5.00"]],
        kind="general_budget_expense",
        page=3,
    )


def _with_subjects(name_205: str, name_210: str) -> Document:
    doc = make_doc([INTRO])
    doc.tables.append(_subjects(name_205, name_210))
    doc.pages[0].table_ids = []
    return doc


def test_a_subject_name_differing_from_the_reference_is_a_warning_only_when_the_reference_is_the_standard():
    cur = _with_subjects("教育支出", "医疗卫生与计划生育支出")
    ref = _with_subjects("教育支出", "卫生健康支出")
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_SUBJECT and f.severity.value == "warning"
    assert f.actual == "医疗卫生与计划生育支出" and f.expected == "卫生健康支出"
    assert [(c.table, c.row) for c in f.cells] == [("T2", 1)]
    assert [(c.table, c.row) for c in f.reference_cells] == [("T2", 1)] and f.reference_page == 3
    # Renamed as the classification was: the current document prints the name in force.
    assert text_findings(ref, cur, Relation.PREVIOUS_YEAR) == []


def test_a_subject_name_differing_where_no_standard_name_is_known_is_a_hint():
    cur = _with_subjects("教育事业支出", "卫生健康支出")
    ref = _with_subjects("教育类支出", "卫生健康支出")
    [f] = text_findings(cur, ref, Relation.PREVIOUS_YEAR)
    assert f.rule == RULE_SUBJECT and f.severity.value == "info" and "更名" in f.message


def test_an_earlier_version_printing_the_sentence_on_a_table_page_has_not_lost_it():
    moved = "（十）执行国家和本市债务管理的制度和政策。"
    cur = make_doc([INTRO, moved + "收入合计120.00万元。"])
    ref = make_doc([INTRO, "收入合计120.00万元。"])
    ref.pages[0].text += moved  # printed above a table there: not read as running text
    ref.pages[0].table_ids = ["T1"]
    assert text_findings(cur, ref, Relation.EARLIER_VERSION) == []
    ref.pages[0].text = INTRO
    [added] = text_findings(cur, ref, Relation.EARLIER_VERSION)
    assert "较早版本中没有此句" in added.message and "债务管理" in added.message
