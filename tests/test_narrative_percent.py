"""Percentages and comparisons recomputed from the amounts the text quotes (interval arithmetic)."""

from __future__ import annotations

from decimal import Decimal

from desktopapp.core.model import DocKind
from desktopapp.rules.narrative.percent import interval, percent_gap, ratio_range
from tests.helpers.narrative_support import errors, make_doc, run, warnings


def _final(text: str):
    return make_doc([text], kind=DocKind.DEPT_FINAL)


def test_share_that_no_admissible_amounts_give_is_an_error():
    text = (
        "（二）一般公共预算财政拨款支出决算结构情况\n"
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "住房保障支出（类）445.69万元，占15.16%。\n"
    )
    found = run(_final(text), "narrative_share")
    assert len(errors(found)) == 1
    f = found[0]
    assert f.quote == "一般公共服务支出（类）2106.66万元，占71.73%"
    assert f.expected == "71.65%"


def test_share_admissible_only_through_the_rounding_of_the_amounts_passes():
    # 0.05 / 0.15 = 33.33%, but 0.055 / 0.145 = 37.9%: a printed 36% is possible
    assert run(make_doc(["“三公”经费0.15万元，其中：公务接待费0.05万元，占36%。\n"]), "narrative_share") == []
    # …while 60% is not
    found = run(make_doc(["“三公”经费0.15万元，其中：公务接待费0.05万元，占60%。\n"]), "narrative_share")
    assert len(errors(found)) == 1


def test_interval_arithmetic_helpers():
    rng = ratio_range(interval(Decimal("2106.66"), 2), interval(Decimal("2940.05"), 2))
    assert rng[0] < Decimal("71.6536") < rng[1]
    assert percent_gap((Decimal("71.65"), 2), rng) == 0
    assert percent_gap((Decimal("71.73"), 2), rng) > Decimal("0.05")


def test_truncated_share_is_a_rounding_warning():
    text = "本年支出合计9759.38万元。\n一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。\n"
    found = run(_final(text), "narrative_share")
    assert errors(found) == [] and len(warnings(found)) == 1


def test_share_without_a_designated_whole_is_not_judged():
    # the whole of "项目支出" is not the 基本支出 list before it
    text = "基本支出1583.46万元，占86.70%，其中：人员经费1366.95万元、公用经费216.51万元；项目支出242.85万元，占13.30%。\n"
    found = run(make_doc([text]), "narrative_share")
    assert errors(found) == []


def test_change_percentage_from_the_change_amount():
    ok = "2024年收支总预算1982.31万元，比2023年预算减少253.01万元，下降11.32%。\n"
    assert run(make_doc([ok]), "narrative_change") == []
    bad = "2024年收支总预算1982.31万元，比2023年预算减少253.01万元，下降12.76%。\n"
    found = run(make_doc([bad]), "narrative_change")
    assert len(errors(found)) == 1 and found[0].expected == "11.32%"


def test_change_percentage_from_two_amounts_and_its_direction():
    wrong_direction = (
        "6、公共安全支出（204类）司法（06款）其他司法支出（99项）3845.49万元。2025年当年预算执行数为43269.3万元，"
        "2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。\n"
    )
    found = run(make_doc([wrong_direction], year=2026), "narrative_change")
    assert len(errors(found)) == 1
    assert "下降" in found[0].message
    assert "43269.3" in found[0].quote and "17.62%" in found[0].quote
    right = (
        "9、职业年金缴费支出91.97万元。2025年当年预算执行数为77.99万元，2026年预算安排91.97万元，"
        "比2025年预算执行数增加17.93%。\n"
    )
    assert run(make_doc([right], year=2026), "narrative_change") == []


def test_completion_ratio():
    text = "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。\n"
    found = run(_final(text), "narrative_completion")
    assert len(warnings(found)) == 1  # 95.457 → 95.46: off by one in the last digit
    text = "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的90.45%。\n"
    assert len(errors(run(_final(text), "narrative_completion"))) == 1


def test_budget_final_wording_against_the_two_amounts():
    text = (
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为1560.05万元，"
        "支出决算为1511.89万元。决算数大于预算数的主要原因：人员变化。\n"
        "2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：医疗保险。年初预算为62.29万元，"
        "支出决算为60.99万元。决算数小于预算数的主要原因：测算充分。\n"
        "3、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：补贴。年初预算为258.50万元，"
        "支出决算为258.50万元。决算数与预算数基本持平。\n"
    )
    found = run(_final(text), "narrative_budget_final_wording")
    assert len(errors(found)) == 1
    assert found[0].quote.startswith("支出决算为1511.89万元")
    assert found[0].expected == "小于"


def test_percentage_without_percent_sign():
    text = "与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95。主要原因：项目增加。\n"
    found = run(_final(text), "narrative_percent_sign")
    assert len(errors(found)) == 1
    assert "13.95" in found[0].quote
