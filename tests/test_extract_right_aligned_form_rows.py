"""A three-line form (no vertical rules) whose value column is right-aligned (a column holding
amounts, printed against the right edge of its cells): a text there that ends where the
column's other texts end, with the cells beside it empty ('1.一般公共预算财政拨款' under
'来源项目'; '金额' over its amounts), stays in its column — it is aligned, not centred
over the empty columns around it (grid_aligned/build.py)."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "项目支出绩效目标表"
# The band over the label columns, the header's texts typed over three lines.
HEADER = [
    [H("栏目", colspan=4), H("项目编码", colspan=4, rowspan=2)],
    ["项目名称", H("服务运行经费", colspan=3)],
]
E = ""
BODY = [
    ["项目主管部门", "某市人力资源和社会保障局", E, E, "项目执行单位", "某市投诉咨询中心", E, E],
    ["项目负责人", "熊军", E, E, "联系电话", "85370050", E, E],
    ["起始年度", "2024", E, E, "终止年度", E, E, E],
    ["项目总预算", "483.41", E, E, "项目当年预算", "483.41", E, E],
    ["项目资金来源", "来源项目", E, E, "金额", E, E, E],
    [E, "合计", E, E, "483.41", E, E, E],
    [E, "1.一般公共预算财政拨款", E, E, "483.41", E, E, E],
    [E, "2.政府性基金预算财政拨款", E, E, E, E, E, E],
    ["项目支出明细", "项目活动", "活动内容", "经济分类", "金额", "测算依据", "备注", E],
    [E, "服务运行", "支付人员经费", "劳务费", "300.00", "按合同", E, E],
    [E, "服务运行", "支付物业费用", "物业管理费", "183.41", "按合同", E, E],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "2022年", "2023年", "2024年", "依据"],
    [E, "产出指标", "数量指标", "人工接听量", "60万", "60万", "60万", "计划指标"],
]


def test_right_aligned_texts_of_a_three_line_form_stay_in_their_column(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="three_line", header_line_count=3)
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
