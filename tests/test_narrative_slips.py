"""Writing slips: a year without 年, "、和", a word doubled across a 科目 marker."""

from __future__ import annotations

from desktopapp.core.model import DocKind
from tests.helpers.narrative_support import errors, make_doc, run, table, warnings

# ---------------------------------------------------------------- year form


def test_year_without_nian_in_the_text_is_an_error():
    text = "1、前两年预算安排情况：2022预算安排288.76万元；2023年预算安排609.95万元。\n"
    found = run(make_doc([text]), "narrative_year_form")
    assert len(errors(found)) == 1
    assert "2022预算安排" in found[0].quote
    assert found[0].expected == "2022年"


def test_last_year_written_without_nian():
    text = "主要原因：项目支出增加，较上一度增加1133.95万元。\n"
    found = run(make_doc([text], kind=DocKind.DEPT_FINAL), "narrative_year_form")
    assert [f.expected for f in found] == ["上一年度"]
    assert "较上一度增加1133.95万元" in found[0].quote


def test_years_written_out_and_document_numbers_pass():
    text = (
        "2022年预算安排288.76万元，2023年度预算609.95万元，比上年度增加，较上一年度减少。\n"
        "依据《关于加强人民调解工作的意见》（沪司规〔2015〕6号）。项目支出2024.50万元。\n"
    )
    assert run(make_doc([text]), "narrative_year_form") == []


def test_year_without_nian_in_a_text_table_points_at_the_cell():
    sheet = table(
        "T9",
        "项目支出绩效目标表",
        "project_performance",
        [["项目", "内容"]],
        [
            ["项目名称", "社会保险业务工作经费"],
            ["项目概况", "1、前两年预算安排情况：2022预算安排288.76万元；2023年预算安排609.95万元。"],
        ],
    )
    sheet.numeric = False
    found = run(make_doc(["说明。\n"], [sheet]), "narrative_year_form")
    assert len(found) == 1
    assert [(c.table, c.row, c.col) for c in found[0].cells] == [("T9", 1, 1)]
    assert "2022预算安排" in found[0].quote


# ---------------------------------------------------------------- 、和


def test_enumeration_comma_before_the_closing_conjunction():
    text = "内设办公室、人事教育处、财务管理处、和某某省社会保险档案管理中心（某某省社会保险计算中心）。\n"
    found = run(make_doc([text]), "narrative_enum_conjunction")
    assert len(warnings(found)) == 1 and errors(found) == []
    assert "、和某某省" in found[0].quote


def test_names_starting_with_he_and_conjunctions_without_comma_pass():
    text = (
        "所属单位有延吉市、和龙市、图们市。内设办公室、人事处和档案中心。\n"
        "主要用于办公费、印刷费以及差旅费。做到应收尽收、及时足额。\n"
    )
    assert run(make_doc([text]), "narrative_enum_conjunction") == []


# ---------------------------------------------------------------- doubled word


def test_word_doubled_across_the_class_marker():
    text = (
        "社会保障和就业（类）支出5401.46万元，占91.5%。\n"
        "卫生健康支出（类）支出207.76万元，占3.5%，主要用于缴纳职工医疗保险费。\n"
    )
    found = run(make_doc([text]), "narrative_doubled_word")
    assert len(errors(found)) == 1
    assert "卫生健康支出（类）支出" in found[0].quote


def test_names_following_a_marker_are_not_doubles():
    text = "1.其他支出（类）其他支出（款）其他支出（项）12.00万元。公共卫生（款）卫生监督机构（项）3.00万元。\n"
    assert run(make_doc([text]), "narrative_doubled_word") == []


# ---------------------------------------------------------------- 科目 definitions


def test_definition_writing_the_subject_name_with_one_character_changed():
    text = (
        "5.社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）："
        "反映除上述项目以外用于社会保险和就业方面的支出。\n"
    )
    found = run(make_doc([text]), "narrative_name_in_definition")
    assert len(warnings(found)) == 1 and errors(found) == []
    assert found[0].actual == "社会保险和就业" and found[0].expected == "社会保障和就业"
    assert "社会保险和就业方面的支出" in found[0].quote


def test_definition_changing_the_first_character_of_the_name_s_opening_word():
    text = (
        "6.卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）：反映财政部门安排的"
        "失业单位基本医疗保险缴费经费，未参加医疗保险的事业单位的公费医疗经费。\n"
    )
    found = run(make_doc([text]), "narrative_name_in_definition")
    assert [(f.severity.value, f.actual, f.expected) for f in found] == [("warning", "失业单位", "事业单位")]


def test_definitions_using_their_own_words_pass():
    text = (
        "5.社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）："
        "反映除上述项目以外用于社会保障和就业方面的支出。\n"
        "4.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）："
        "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。\n"
        "6.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）：反映财政部门安排的行政单位"
        "（包括实行公务员管理的事业单位，下同）基本医疗保险缴费经费。\n"
        "7.社会保障和就业支出（类）就业补助（款）其他就业补助支出（项）：反映其他用于就业补助方面的支出，"
        "包括失业人员的补助。\n"
    )
    assert run(make_doc([text]), "narrative_name_in_definition") == []


# ---------------------------------------------------------------- 只要 / 主要


def test_zhiyao_without_a_completed_condition_is_zhuyao():
    text = "（九）其他收入：指除上述收入以外的各项收入，只要包括非本级财政拨款、事业单位的投资收益等收入。\n"
    found = run(make_doc([text]), "narrative_zhiyao")
    assert len(warnings(found)) == 1 and found[0].expected == "主要"
    assert "只要包括" in found[0].quote


def test_zhiyao_in_a_condition_passes():
    text = "只要是符合条件的项目，就纳入绩效评价范围。其他收入主要包括非本级财政拨款。只要有结余均应上缴。\n"
    assert run(make_doc([text]), "narrative_zhiyao") == []


def test_subject_cited_with_its_marker_then_the_sentences_word_is_standard():
    text = (
        "6．法院（款）其他法院支出（项）支出910万元，与上年一致。\n"
        "2．行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）支出1326.81万元。\n"
        "1．住房改革支出（款）住房公积金（项）支出1398.26万元。\n"
        "2．社会保障和就业（类）支出2254.76万元，主要用于离退休人员。\n"
    )
    assert run(make_doc([text]), "narrative_doubled_word") == []


def test_word_printed_twice_without_a_marker():
    text = "一般公共服务支出支出1200.00万元，主要用于机构运行。\n"
    found = run(make_doc([text]), "narrative_doubled_word")
    assert len(errors(found)) == 1 and "一般公共服务支出支出" in found[0].quote


# ---------------------------------------------------------------- parallel clauses


def test_a_yearly_clause_printed_with_its_word_cut_short():
    text = "2022年预算安排896万元，2023年预算安排85.41万元，2024年预算安483.41万元，较上年增加398万元。\n"
    found = run(make_doc([text]), "narrative_parallel_word")
    assert [(f.severity.value, f.actual, f.expected) for f in found] == [("warning", "预算安", "预算安排")]
    assert "2024年预算安483.41" in found[0].quote


def test_yearly_clauses_in_different_words_pass():
    text = (
        "2022年预算安排896万元，2023年预算安排85.41万元，2024年预算483.41万元。\n"
        "2023年支出决算为85.41万元，2024年预算安排483.41万元。\n"
    )
    assert run(make_doc([text]), "narrative_parallel_word") == []
