"""Tables without rules in narrow columns: a 科目 name wrapped over two lines in its cell, its
code centred between the two lines. A code of three digits standing alone between lines is no
page number: the row, and the rows under it, stay in the table — also when the table is a
blank template with no figure at all."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
WIDTHS = [38.0, 69.0, 40.0, 40.0, 40.0]


def _rows(figures: bool) -> list[list[str]]:
    rows = [
        ["205", "教育支出", "12.00", "10.00", "2.00"],
        ["20502", "普通教育", "12.00", "10.00", "2.00"],
        ["207", "文化旅游体育与传媒支出", "5.00", "5.00", "0.00"],
        ["20799", "其他文化旅游体育与传媒支出", "5.00", "5.00", "0.00"],
        ["合计", "", "17.00", "15.00", "2.00"],
    ]
    return rows if figures else [row[:2] + ["", "", ""] for row in rows]


@pytest.mark.parametrize("figures", [True, False], ids=["figures", "blank-template"])
def test_wrapped_name_with_its_code_between_the_lines_is_one_row(tmp_path, figures):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("一般公共预算财政拨款支出决算表", HEADER, _rows(figures), style="no_rules",
                     col_widths=WIDTHS, fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    body = [[normalize(t) for t in row] for row in table.body_texts()]
    assert body == [[normalize(t) for t in row] for row in printed.body]
    assert body[2][:2] == ["207", "文化旅游体育与传媒支出"]
