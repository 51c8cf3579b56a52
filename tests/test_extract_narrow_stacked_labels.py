"""Labels of narrow neighbouring columns wrapped a character or two per line ('政府' | '性' |
'基金' …  beside '国有' | '资' | '本经' …) in a header without vertical rules: a single
character on a line is one line of its own column's label, never joined with its
neighbour's as one label spread over a cell — every column is kept."""

from __future__ import annotations

import pytest

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "项目支出预算表"
FUNDS = ["一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"]
HEADER: list[list[H | str]] = [
    [H("项目", colspan=3), H("合计", rowspan=2), H("本年预算", colspan=5)],
    ["类型", "项目名称", "部门(单位)名称", *FUNDS],
]
BODY = [
    ["专项业务支出", "", "", "1752.29", "1540.11", "", "", "", "212.18"],
    ["", "信息系统建设与运维", "吉林省社会保险事业管理局(本级)", "389.00", "374.60", "", "", "", "14.40"],
    ["", "档案管理运行", "吉林省社会保险档案管理中心", "26.97", "24.84", "", "", "", "2.13"],
    ["", "社会保险业务经办管理", "吉林省社会保险事业管理局(本级)", "1336.32", "1140.67", "", "", "", "195.65"],
]
WIDTHS = [60.0, 200.0, 200.0, 40.0, 30.0, 29.0, 29.0, 29.0, 30.0]


@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_narrow_columns_with_stacked_labels_keep_their_columns(tmp_path, style):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style=style, header_line_count=3, col_widths=WIDTHS, fill_width=False)
    printed = builder.table(spec, landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert table.n_cols == 9
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    lowest = [normalize(c.text) for c in table.header[-1]]
    assert lowest[4:] == FUNDS
