"""“三公”经费 items printed as columns: which column is 公务接待费 is read from the header. A
header read by position whose bands cross (a lower label reaching past its group) names no
item for certain, so the 三公 table is not compared with the 基本支出表 — while the same
figures under a header read as printed still have their shortfall caught."""

from __future__ import annotations

from desktopapp.core.model import Cell
from tests.helpers.rules_support import document, findings, table

NESTED = [
    ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
    ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
]
FIGURES = [["2.00", "", "1.90", "", "1.90", "0.10"]]


def _basic(reception: str):
    rows = [
        ["", "合计", "1,583.46", "1,366.95", "216.51"],
        ["302", "商品和服务支出", "216.51", "", "216.51"],
        ["30217", "公务接待费", reception, "", reception],
        ["30231", "公务用车运行维护费", "1.90", "", "1.90"],
    ]
    return table("T6", "一般公共预算基本支出表", [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]], rows,
                 kind="basic_expenditure")


def _crossing_three_public():
    """公务用车购置及运行费 over columns 2-4, and under it 公务用车运行费 read as reaching
    over column 5 too (公务接待费's): the bands cross."""
    three = table("T7", "一般公共预算“三公”经费支出表", NESTED, FIGURES)
    three.strategy = "aligned"
    top = [Cell(text="“三公”经费合计", row_span=2), Cell(text="因公出国（境）费", row_span=2),
           Cell(text="公务用车购置及运行费", col_span=3), Cell(covered=True), Cell(covered=True),
           Cell(text="公务接待费")]
    low = [Cell(covered=True), Cell(covered=True), Cell(text="小计"), Cell(text="公务用车购置费"),
           Cell(text="公务用车运行费", col_span=2), Cell(covered=True)]
    three.header = [top, low]
    return three


def test_a_crossing_header_makes_no_comparison_with_basic_expenditure():
    assert findings(document(_crossing_three_public(), _basic("0.30")), "three_public_vs_basic") == []


def test_a_header_read_as_printed_still_has_its_shortfall_caught():
    three = table("T7", "一般公共预算“三公”经费支出表", NESTED, FIGURES)
    [f] = findings(document(three, _basic("0.30")), "three_public_vs_basic")
    assert f.severity.value == "error" and "30217" in f.message
