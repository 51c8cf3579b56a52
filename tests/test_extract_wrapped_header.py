"""A header label wrapped onto one line more than its box holds prints that line across the rule
below it: the line belongs to the header, not to the first body row (js 政府采购预算表 "采购组织形" /
"式" printed over the 合计 row)."""

from __future__ import annotations

from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder

XS = [60.0, 160.0, 260.0, 360.0]
YS = [100.0, 124.0, 146.0, 168.0, 190.0]  # header row, then three body rows
SIZE = 10.0


def _pdf(tmp_path, overflow: bool, raised: float = 0.0):
    """`raised`: body text set that much higher in its rows (tight print crossing the rules)."""
    path = tmp_path / f"wrapped-{overflow}-{raised}.pdf"
    builder = PdfBuilder(path)
    s = builder.new_page()
    s.text(210, 80, "政府采购预算表", 14, "c")
    for y in YS:
        s.hline(XS[0], XS[-1], y)
    for x in XS:
        s.vline(x, YS[0], YS[-1])
    s.text(64, 116, "采购品目", SIZE)
    if overflow:
        s.text(164, 116, "采购组织形", SIZE)
        s.text(164, 116 + 1.25 * SIZE, "式", SIZE)  # the wrapped line crosses the rule at 124
    else:
        s.text(164, 116, "采购组织形式", SIZE)
    s.text(356, 116, "总计", SIZE, "r")
    body = [("合计", "", "1,422.50"), ("一、货物", "分散采购", "84.00"), ("二、服务", "集中采购", "1,338.50")]
    for (a, b, c), top in zip(body, YS[1:]):
        s.text(64, top + 15 - raised, a, SIZE)
        s.text(164, top + 15 - raised, b, SIZE)
        s.text(356, top + 15 - raised, c, SIZE, "r")
    builder.save()
    return path


def test_wrapped_header_line_over_the_rule_stays_in_the_header(tmp_path):
    table = read_document(_pdf(tmp_path, overflow=True)).tables[0]
    assert [c.text for c in table.header[-1]] == ["采购品目", "采购组织形式", "总计"]
    assert [c.text for c in table.body[0]] == ["合计", "", "1,422.50"]


def test_body_text_in_its_row_is_not_moved(tmp_path):
    table = read_document(_pdf(tmp_path, overflow=False)).tables[0]
    assert [c.text for c in table.body[1]] == ["一、货物", "分散采购", "84.00"]
    assert [c.text for c in table.body[0]] == ["合计", "", "1,422.50"]


def test_tight_rows_whose_text_all_crosses_the_rule_stay_as_they_are(tmp_path):
    table = read_document(_pdf(tmp_path, overflow=False, raised=9.0)).tables[0]
    assert [c.text for c in table.body[1]] == ["一、货物", "分散采购", "84.00"]
    assert [c.text for c in table.body[2]] == ["二、服务", "集中采购", "1,338.50"]
