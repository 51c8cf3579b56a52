"""A table without rules in narrow columns whose last rows carry no amount, one cell of each
wrapped over lines that start above the row's other cells ('指标设' | '一级指标 … 分值权重' |
'定依据'): those rows still belong to the table, every cell whole."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["资金来源", "金额", "指标值", "指标设定依据", "分值权重"]]
BODY = [
    ["财政资金", "1,041.14", "上级安排", "", ""],
    ["其他资金", "0.00", "其他", "", ""],
    ["一级指标", "", "指标值", "指标设定依据", "分值权重"],
    ["履职效能", "", ">96598人", "人社统E11表国统制【2021】162号", "10"],
]


def test_trailing_rows_with_a_cell_wrapped_above_them_stay_in_the_table(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("部门整体绩效目标表", HEADER, BODY, style="no_rules",
                     col_widths=[50.0, 44.0, 50.0, 36.0, 44.0], fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    body = [[normalize(t) for t in row] for row in table.body_texts()]
    assert body == [[normalize(t) for t in row] for row in printed.body]
    assert body[-1][-2:] == ["人社统E11表国统制【2021】162号", "10"]
