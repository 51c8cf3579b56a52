"""A form printed without rules whose header is a band ('栏目') over its first row, a label and
a value centred over the rest of the row ('单位名称' | the unit's name), typed over several
lines: the value is no column of its own, and the pages after the first, which repeat that
header with its lines falling into rows otherwise, carry the form on (extract/assemble.py,
grid_aligned/form_rows.py)."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

OVERVIEW = (
    "以民生为本为工作主线，加快完善社会保障机制，积极夯实基础建设，不断完善服务体系，"
    "承担辖区范围内用人单位及其职工参加社会保险的经办服务工作。"
)
E = ""
BODY = [
    ["填报人", "郭萌", E, E, "联系电话", "65608392", E, E],
    ["总体资金情况", "收入构成", "财政拨款", "1,826.31", "92.00%", "1,775.32", "1,805.55", E],
    [E, E, "单位资金", "156.00", "8.00%", "460.00", "50.00", E],
    [E, E, "合计", "1,982.31", "100.00%", "2,235.32", "1,855.55", E],
    ["职能概述", OVERVIEW, E, E, E, E, E, E],
    ["长期目标1：", "全面推进全民参保登记计划。", E, E, E, E, E, E],
    ["长期绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", E, E],
    [E, "产出指标", "数量指标", "参保扩面人次", "1.06万/年", "计划标准", E, E],
    [E, "效益指标", "社会效益指标", "综合覆盖率", "90%以上", "计划标准", E, E],
    ["长期目标2：", "保障各项社保待遇按时足额支付。", E, E, E, E, E, E],
    ["长期绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", E, E],
    [E, "产出指标", "质量指标", "养老金社会化发放率", "100%", "计划标准", E, E],
    ["年度目标1：", "推动社会保险征缴扩面1.06万人次。", E, E, E, E, E, E],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "2022年", "2023年", "预期当年实现值", "指标值确定依据"],
    [E, "产出指标", "数量指标", "养老保险扩面人次", "5100", "4000", "4000", "计划标准"],
]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def test_a_form_under_a_band_over_its_label_and_value_row_is_read_over_its_pages(tmp_path):
    spec = TableSpec(
        "整体支出绩效目标表",
        [[H("栏目", colspan=8)], ["单位名称", H("某市人力资源和社会保障局江汉社会保险管理处", colspan=7)]],
        BODY,
        style="no_rules",
        header_line_count=3,
        body_spans={(4, 1): 7},
        break_before=(4, 8),
        # A narrow label column: '长期目标1：' runs on into its value.
        col_widths=[49.5, 145.0, 62.0, 112.0, 145.0, 120.0, 60.0, 64.0],
    )
    builder = PdfBuilder(tmp_path / "form.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    assert len(printed.pages) >= 2
    [table] = read_document(tmp_path / "form.pdf").tables
    assert table.pages == printed.pages
    assert _texts(table.body_texts()) == _texts(printed.body)
