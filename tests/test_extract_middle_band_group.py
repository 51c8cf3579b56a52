"""A group label in the middle band of a three-band header without rules ('收入' over 项目 |
决算数) is centred in its own band — and may happen to lie near the centre of the span from
the top band down to the header's foot too. It groups the labels below; it is no column of
its own, even in a table with no figure to mark its columns."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "收入支出决算总表"
HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4)],
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "决算数", "项目", "决算数"],
]
BODY = [
    ["一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", ""],
    ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
    ["三、国有资本经营预算财政拨款收入", "", "三、国防支出", ""],
    ["四、上级补助收入", "", "四、公共安全支出", ""],
    ["", "", "五、教育支出", ""],
    ["本年收入合计", "", "本年支出合计", ""],
]


@pytest.mark.parametrize("style", ["no_rules", "three_line"])
def test_middle_band_group_label_is_not_a_column(tmp_path, style):
    builder = PdfBuilder(tmp_path / "t.pdf")
    printed = builder.table(TableSpec(TITLE, HEADER, BODY, style=style, header_line_count=3))
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert table.n_cols == 4
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    lowest = [normalize(c.text) for c in table.header[-1]]
    assert lowest == ["项目", "决算数", "项目", "决算数"]
