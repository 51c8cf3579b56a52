"""A sentence in a narrow column of a three-line table (no vertical rules) whose closing full stop
overhangs its cell (a stop never starts a line), the next cell's text printed over the stop's
blank half ('反映数字化质检工作规范率。' | '≥95%'): two cells, as read (extract/text.py)."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

EXPLAIN = "反映数字化质检工作规范率。"  # twelve characters and the stop that overhangs
HEADER = [["二级指标", "三级指标", "指标解释", "指标值", "预算金额"]]
BODY = [
    ["数量指标", "质检案件数量", "反映质检案件数量。", "≥300件", "12.50"],
    ["质量指标", "质检工作规范率", EXPLAIN, "≥95%", "8.00"],
    ["时效指标", "按时完成率", "反映按时完成情况。", "100%", "6.40"],
]


def test_a_full_stop_overhanging_its_cell_under_the_next_cells_text_parts_them(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec("项目支出绩效目标表", HEADER, BODY, style="three_line",
                     col_widths=[60.0, 90.0, 12 * 9.0 + 8.0, 60.0, 60.0], fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "t.pdf").tables
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
