"""Text crossing a ruled cell's side is read into the cell it belongs to (extract/cell_spill.py).

A label wider than its narrow cell ends across the rule, beside the next cell's own text; a
line right-aligned in its cell, wider than the cell, spills its first character over the rule
on the left. Both are read as an officer reads the printed form.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktopapp.extract import read_document
from tests.helpers.pdfgen import FONT, register_fonts

XS = [60, 110, 230, 330, 430]  # column rules
SIZE = 9


def _form(path) -> None:
    """项目支出绩效目标表, ruled: 项目 | 内容 | 说明 | 金额."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 16)
    c.drawCentredString(245, 790, "项目支出绩效目标表")
    c.setFont(FONT, SIZE)
    c.drawRightString(430, 772, "单位：万元")
    # Row bottoms (reportlab y, from the top rule down).
    tops = [765, 745, 725, 705, 640, 620]
    c.setLineWidth(0.5)
    for y in tops:
        c.line(XS[0], y, XS[-1], y)
    for x in XS:
        c.line(x, tops[0], x, tops[-1])

    def left(col: int, row: int, text: str, dy: float = 0.0) -> None:
        c.drawString(XS[col] + 4, tops[row] - 14 - dy, text)

    def right(col: int, row: int, text: str, dy: float = 0.0) -> None:
        c.drawRightString(XS[col + 1] - 4, tops[row] - 14 - dy, text)

    for col, text in enumerate(["项目", "内容", "说明"]):
        left(col, 0, text)
    right(3, 0, "金额")
    left(0, 1, "项目名称")
    left(1, 1, "社保业务经费")
    left(2, 1, "按月支付")
    right(3, 1, "398.85")
    # The label '长期目标1：' is wider than its cell: its colon's box reaches over the rule
    # at x=110, and the value beside it starts where the column's texts start.
    left(0, 2, "长期目标1：")
    left(1, 2, "全面推进参保登记。")
    left(2, 2, "计划标准")
    right(3, 2, "156.00")
    # A sentence right-aligned in its cell over four lines; its second line is wider than the
    # cell: its '2' stands left of the rule at x=110, the '、' after it across the rule.
    left(0, 3, "主要内容", dy=24)
    for k, line in enumerate(["1、保障经办业务的开支；", "2、做好社会保险的政策宣传、", "扩面、稽核等工作；", "3、做好社区服务管理。"]):
        right(1, 3, line, dy=k * 12)
    left(2, 3, "计划标准")
    right(3, 3, "242.85")
    left(0, 4, "合计")
    right(3, 4, "797.70")
    c.showPage()
    c.save()


def test_label_across_the_rule_and_a_line_spilled_left_are_read_into_their_cells(tmp_path):
    path = tmp_path / "form.pdf"
    _form(path)
    (table,) = read_document(path).tables
    body = table.body_texts()
    assert body[1][:3] == ["长期目标1：", "全面推进参保登记。", "计划标准"]
    assert body[2][0] == "主要内容"
    assert body[2][1] == "1、保障经办业务的开支；2、做好社会保险的政策宣传、扩面、稽核等工作；3、做好社区服务管理。"
    assert [row[3] for row in body] == ["398.85", "156.00", "242.85", "797.70"]
