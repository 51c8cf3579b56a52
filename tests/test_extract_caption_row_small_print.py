"""A 绩效 form without rules in small print whose caption row is read as its header:
'栏目' over '单位名称' | the unit's name, the name centred across the rest of the row. In
7.5 pt type the name falls in the gap between two columns' figures (当年金额 | 占比); it
heads no column of its own, and every row keeps its cells in their columns (the 占比
checked against 当年金额 ÷ 合计)."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules import run_checks
from tests.helpers.pdfgen import H
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec

UNIT = "武汉市人力资源和社会保障局江汉社会保险管理处"
HEADER: list[list[H | str]] = [
    [H("栏目", colspan=8)],
    [H("单位名称"), H(UNIT, colspan=7)],
]
# As a spreadsheet prints it on a landscape page: the last column is left empty by these rows.
WIDTHS = [45.0, 155.0, 52.0, 104.0, 155.0, 155.0, 45.0, 45.0]
BODY = [
    ["填报人", "郭萌", "", "", "联系电话", "65608392", "", ""],
    ["总体资金情况", "总体资金情况", "", "当年金额", "占比", "近两年收支金额", "", ""],
    ["", "", "", "", "", "2023年", "2022年", ""],
    ["", "收入构成", "财政拨款", "1,826.31", "92.13%", "1,775.32", "1,805.55", ""],
    ["", "", "财政专户管理资金", "", "", "", "", ""],
    ["", "", "单位资金", "156.00", "7.87%", "460.00", "50.00", ""],
    ["", "", "合计", "1,982.31", "100.00%", "2,235.32", "1,855.55", ""],
    ["", "支出构成", "人员类项目支出", "1,366.95", "68.96%", "1,408.86", "1,319.70", ""],
    ["", "", "运转类项目支出", "216.51", "10.92%", "216.51", "247.09", ""],
    ["", "", "特定目标类项目支出", "398.85", "20.12%", "609.95", "288.76", ""],
    ["", "", "合计", "1,982.31", "100.00%", "2,235.32", "1,855.55", ""],
    ["年度工作任务", "1：推动社会保险征缴扩面。2：按时拨付退休人员养老金。3：按时拨付失业人员失业保险金。"
     "4：开展退休人员养老金资格年审。5：落实城乡居民基本养老保险待遇确定和基础养老金正常调整机制。", "", "", "", "", "", ""],
]


def test_unit_name_centred_across_a_caption_row_in_small_print_heads_no_column(tmp_path):
    spec = StructureSpec(
        title="整体支出绩效目标表", number="表11", unit="万元", header=HEADER, body=BODY, style="no_rules",
        header_line_count=3, body_spans={(1, 5): 2},
        font_size=7.5, title_size=13.0, body_row_height=11.0, header_row_height=12.0,
        col_widths=WIDTHS, fill_width=False, align="lllrrrrr",
    )
    builder = StructureBuilder(tmp_path / "form.pdf")
    printed = builder.table(spec, landscape=True)
    builder.save()
    document = read_document(tmp_path / "form.pdf")
    [table] = document.tables
    assert _texts(_used(table.body_texts())) == _texts(_used(printed.body))
    # Shares printed to two decimals, as the amounts give them: no false 错误 from a share
    # read beside the wrong amount.
    assert not [f for f in run_checks(document) if f.severity.value == "error"]


def _used(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the columns on their right that no row fills."""
    width = max((c + 1 for row in rows for c, text in enumerate(row) if text.strip()), default=0)
    return [row[:width] for row in rows]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]
