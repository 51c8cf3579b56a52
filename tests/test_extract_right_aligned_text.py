"""A form without rules whose text column is right-aligned (指标设定依据 printed against the
right edge of its cell, as Excel prints a column formatted so): texts of one width start at
one x there too, which is no left edge of a column; a wide one reaching back under the
column on its left stays in its own column; and a name wrapped in its cell whose line ends
in a full-width comma keeps the short text printed just after that comma's blank out of its
cell ('…发展成果，' | '长期')."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

TITLE = "部门整体绩效目标表"
HEADER = [["部门名称", "", "昌吉市社会保险中心", "", "", ""]]
BASIS = "人社统E11表国统制【2021】162号"
LAW = "《中华人民共和国社会保险法》主席令35号"
BODY = [
    ["部门联系人", "", "马瑞娟", "联系电话", "2267794", ""],
    ["年度预算(万元)", "", "资金来源", "", "资金总额(万元)", ""],
    ["", "", "财政资金(万元)", "上级安排", "0.00", ""],
    ["", "", "", "本级安排", "1,041.14", ""],
    ["", "", "其他资金(万元)", "其他", "0.00", ""],
    ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
    ["履职效能", "数量指标", "企业职工基本养老保险参保人数", ">96598人", BASIS, "10"],
    ["", "数量指标", "机关事业单位基本养老保险参保人数", ">9935人", BASIS, "10"],
    ["", "数量指标", "工伤保险参保人数", ">73565人", BASIS, "10"],
    ["", "数量指标", "失业保险参保人数", ">61861人", BASIS, "10"],
    ["", "质量指标", "社会待遇足额发放率", "=100%", LAW, "10"],
    ["", "时效指标", "社会保险待遇发放及时率", "=100%", LAW, "10"],
    ["社会效益", "社会效益指标", "维护公民参加社会保险和享受社会保险待遇的合法权益，使公民共享发展成果，促进社会和谐稳定。",
     "长期", LAW, "20"],
]
# The name column just wide enough that its second line ends in '，' at the cell's edge.
WIDTHS = [54.0, 50.0, 167.0, 40.0, 166.0, 32.0]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_right_aligned_text_column_and_comma_ended_lines(tmp_path, style):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style=style, col_widths=WIDTHS, fill_width=False,
                     align="llllrl")
    printed = builder.table(spec)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert table.n_cols == 6
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
