"""A table without rules carried over two more pages without its header, its leading column
(the 科目 of a 政府采购 table, filled only on its first row) empty on both: each such page lays
one column fewer than the first, the same columns as the page before it — the table carried
on, every row kept, not a second table."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

TITLE = "政府采购预算表"
HEADER = [["支出经济分类科目", "项目名称", "经济科目", "采购品目", "采购方式", "金额"]]
ITEMS = [("印刷费", "印刷服务", "分散自行组织"), ("会议费", "会议服务", "分散自行组织"),
         ("维修（护）费", "办公设备维修和保养服务", "分散自行组织"), ("租赁费", "其他房地产服务", "部门集中采购"),
         ("物业管理费", "物业管理服务", "部门集中采购"), ("公务用车运行维护费", "车辆维修和保养服务", "分散自行组织")]
BODY = [["商品和服务支出", "", "", "", "", "1,234.50"]] + [
    ["", f"项目{k + 1}", name, item, how, f"{(k + 1) * 37}.{k % 10}0"] for k, (name, item, how) in enumerate(ITEMS * 3)
]


def test_pages_laying_the_columns_of_the_page_before_carry_the_table_on(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", break_before=(7, 13), repeat_header=False)
    printed = builder.table(spec)
    builder.save()
    assert len(printed.pages) == 3
    tables = read_document(tmp_path / "t.pdf").tables
    [table] = [t for t in tables if normalize(t.title) == TITLE]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
