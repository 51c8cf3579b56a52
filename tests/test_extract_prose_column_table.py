"""A table of figures printed without rules with a column of prose (委托事项内容) beside
names wrapped in a narrow first column: short names down its left edge with sentences beside
them look like a 绩效 form, but the table's header and columns stand as printed — the labels
stay header cells, each over its own column (one left empty in the body too), and every row
keeps its figures."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "财政拨款委托业务费支出预算表"
HEADER: list = [
    [H("部门/单位/项目名称", rowspan=2), H("委托事项内容", rowspan=2), H("财政拨款收入", colspan=4),
     H("是否政府采购(是/否)", rowspan=2)],
    ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入"],
]
AUDIT = ("全省社会保险系统经办审计(根据《社会保险经办审计办法》,委托会计师事务所开展经办审计或者协助"
         "开展经办审计,所需经费列入本单位预算。2024年计划成立9个审计组,对9个经办机构开展一次审计)")
MONITOR = "网络监测服务(为我局提供全省社保系统网络监测服务,检测网站、微博等形态媒体,监测相关信息)。"
ARCHIVE = "业务档案托管及数字化(将已经整理完成的历史档案进行电子化、数字化并进行存储备份,提供档案查阅利用服务)。"
BODY = [
    ["吉林省社会保险事业管理局", "", "50.48", "50.48", "", "", ""],
    ["吉林省社会保险事业管理局(本级)", "", "44.70", "44.70", "", "", ""],
    ["社会保险审计、评估专项经费(政府采购)", AUDIT, "29.70", "29.70", "", "", "是"],
    ["社会保险系统培训、印刷、宣传经费", MONITOR, "15.00", "15.00", "", "", "否"],
    ["吉林省社会保险档案管理中心", "", "5.78", "5.78", "", "", ""],
    ["档案中心运行费", ARCHIVE, "5.78", "5.78", "", "", "否"],
]


def test_table_with_a_prose_column_keeps_its_header_and_columns(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules",
                     col_widths=[60.0, 230.0, 45.0, 70.0, 70.0, 70.0, 60.0])
    builder.table(spec, landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    leaves = [normalize(c.text) for c in table.header[-1]]
    assert leaves[2:6] == ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入"]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in BODY
    ]
