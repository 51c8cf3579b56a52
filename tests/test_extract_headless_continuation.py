"""A table printed without rules, continued at the top of the next page with neither title
nor header, whose first column is empty on that page (a 政府采购 table's 采购品目大类,
filled only on its group rows): the page's rows are the table's, in the columns printed."""

from __future__ import annotations

from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]]
GROUP = [
    ["", "机要及电子政务业务费", "办公设备购置", "", "", "30.00"],
    ["", "", "", "台式计算机（20万以下）", "分散自行组织", "12.00"],
    ["", "", "", "便携式计算机（20万以下）", "分散自行组织", "6.00"],
    ["", "", "", "打印设备（20万以下）", "分散自行组织", "12.00"],
]
SERVICES = [
    ["", "省委办公厅承办的会议费", "会议费", "", "", "872.10"],
    ["", "", "", "会议服务", "政府集中采购", "872.10"],
    ["", "文印、机要及办公自动化经费", "印刷费", "", "", "152.00"],
    ["", "", "", "印刷和出版服务", "政府集中采购", "152.00"],
    ["", "行政运转保障经费", "物业管理费", "", "", "189.00"],
    ["", "", "", "物业管理服务", "政府集中采购", "189.00"],
]


def test_headless_page_without_its_first_column_continues_the_table(tmp_path):
    body = [["合计", "", "", "", "", "1,243.10"], ["一、货物A", "", "", "", "", "30.00"], *GROUP,
            ["三、服务C", "", "", "", "", "1,213.10"], *SERVICES]
    spec = TableSpec("2019年政府采购预算表", HEADER, body, style="no_rules", repeat_header=False,
                     break_before=(len(body) - len(SERVICES),))
    builder = PdfBuilder(tmp_path / "procurement.pdf")
    builder.table(spec, landscape=True)
    document = read_document(builder.save().path)
    (table,) = document.tables
    assert table.pages == [1, 2]
    assert table.body_texts() == body
