"""A 绩效 form printed without rules, carried onto a page that starts with its indicators'
sub-header ('近两年指标值' … '预期当年实现值' | '2022年' '2023年') and indicators whose values
are measures with units ('2万笔', '300人次'): the first plain figure comes rows later, yet
lines holding several measures side by side are the form's rows, not its header — every row
is read in its own columns."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

E = ""
BODY = [
    ["填报人", "郭萌", E, E, "联系电话", "65608392", E, E],
    ["总体资金情况", "收入构成", "财政拨款", "1,826.31", "92.00%", "1,775.32", "1,805.55", E],
    [E, E, "合计", "1,826.31", "100.00%", "1,775.32", "1,805.55", E],
    ["年度目标1：", "推动社会保险征缴扩面1.06万人次。", E, E, E, E, E, E],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", E, E, "指标值确定依据"],
    [E, E, E, E, "近两年指标值", E, "预期当年实现值", E],
    [E, E, E, E, "2022年", "2023年", E, E],
    [E, "产出指标", "数量指标", "聘用编外人员人数", "42", "41", "41", "计划标准"],
    [E, E, E, "月社会保险业务经办量", "2万笔", "2万笔", "2万笔", "计划标准"],
    [E, E, E, "社会保险业务培训人次", "300人次", "300人次", "300人次", "计划标准"],
    [E, E, "质量指标", "编外人员考核合格率", "90%", "90%", "90%", "计划标准"],
    [E, E, E, "社会保险综合覆盖率", "97%", "97%", "97%", "计划标准"],
]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def test_indicator_rows_of_measures_atop_a_page_are_rows_not_header(tmp_path):
    spec = TableSpec(
        "整体支出绩效目标表",
        [["单位名称", H("某市人力资源和社会保障局江汉社会保险管理处", colspan=7)]],
        BODY,
        style="no_rules",
        break_before=(5,),
        col_widths=[49.5, 145.0, 62.0, 112.0, 145.0, 120.0, 60.0, 64.0],
    )
    builder = PdfBuilder(tmp_path / "form.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) == 2
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == printed.pages
    assert _texts(table.body_texts()) == _texts(printed.body)
