"""A column of figures headed by nothing but the words of the label columns ('栏目' read by
position as reaching over the figures): what its figures are is not known, so they are
compared with no other table — while the same figures under their printed label ('预算数')
are, and a real difference is still an error."""

from __future__ import annotations

from tests.helpers.rules_support import document, findings, table

INCOME_HEADER = [["单位名称", "合计", "一般公共预算拨款收入", "其他收入"]]


def _summary(value_label: str):
    header = [["收入", "", "支出", ""], ["项目", value_label, "项目", "预算数"]]
    rows = [
        ["一、一般公共预算拨款收入", "584.69", "一、社会保障和就业支出", "5,905.48"],
        ["本年收入合计", "584.69", "本年支出合计", "5,905.48"],
        ["收入总计", "584.69", "支出总计", "5,905.48"],
    ]
    summary = table("T1", "收支预算总表", header, rows, kind="budget_summary")
    summary.strategy = "aligned"
    return summary


def _income():
    rows = [["合计", "5,905.48", "5,905.48", ""], ["吉林省社会保险事业管理局", "5,905.48", "5,905.48", ""]]
    return table("T2", "收入预算总表", INCOME_HEADER, rows, kind="income_summary")


def test_figures_under_a_band_word_are_compared_with_nothing():
    doc = document(_summary("栏目"), _income())
    assert not [f.message for f in findings(doc, "cross_table", "error") if "584.69" in f.message]


def test_the_same_figures_under_their_label_are_still_checked():
    doc = document(_summary("预算数"), _income())
    assert [f.message for f in findings(doc, "cross_table", "error") if "584.69" in f.message]
