"""A table printed without rules whose last row is carried alone onto the next page, with no
header repeated, just above the next table's title: the row is the table's (its group's sum
is then whole), not a line left out of every table."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules import run_checks
from tests.helpers.pdfgen import PdfBuilder, TableSpec

ROWS = [
    ["", "合计", "1,233.40"],
    ["302", "商品和服务支出", "66.00"],
    ["30201", "办公费", "50.00"],
    ["30299", "其他商品和服务支出", "16.00"],
    ["303", "对个人和家庭的补助", "1,167.40"],
    ["30301", "离休费", "301.05"],
    ["30302", "退休费", "864.75"],
    ["30309", "奖励金", "1.60"],
]
NEXT = TableSpec("一般公共预算支出预算表（功能科目）", [["功能科目编码", "功能科目名称", "金额"]],
                 [["", "合计", "900.00"], ["201", "一般公共服务支出", "900.00"]], style="no_rules")


def test_a_last_row_alone_atop_the_next_page_stays_in_its_table(tmp_path):
    spec = TableSpec("一般公共预算基本支出预算表（经济科目）", [["经济科目编码", "经济科目名称", "金额"]], ROWS,
                     style="no_rules", repeat_header=False, break_before=(len(ROWS) - 1,))
    builder = PdfBuilder(tmp_path / "lone.pdf")
    first = builder.table(spec)
    builder.table(NEXT, new_page=False)
    builder.save()
    assert first.pages == [1, 2]

    document = read_document(tmp_path / "lone.pdf")
    basic = next(t for t in document.tables if t.title.startswith("一般公共预算基本支出"))
    assert basic.pages == [1, 2]
    assert [[normalize(t) for t in row] for row in basic.body_texts()] == [
        [normalize(t) for t in row] for row in first.body
    ]
    # the 303 group adds up once its last row is read: no 科目 hierarchy finding on it
    findings = run_checks(document)
    assert not [f for f in findings if f.rule == "code_hierarchy_sum" and "303" in f.message]
