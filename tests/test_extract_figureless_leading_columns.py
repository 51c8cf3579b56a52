"""Tables without rules and without figures, printed one after another.

A blank template's 科目 carried onto the next page under no repeated header fills only its
first columns there (code, name): that page's rows continue the table, its empty amount
columns kept. A '备注' label centred over a last column that reaches the page's right margin
heads the remarks left-aligned in it, not a column of its own beside them."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

TITLE = "一般公共预算财政拨款支出决算表"
HEADER: list[list[H | str]] = [
    [H("项目", colspan=2), H("合计", rowspan=2), H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
    ["功能分类科目编码", "科目名称"],
]
BODY = [
    ["205", "教育支出", "", "", ""],
    ["20502", "普通教育", "", "", ""],
    ["2050205", "高等教育", "", "", ""],
    ["207", "文化旅游体育与传媒支出", "", "", ""],
    ["20799", "其他文化旅游体育与传媒支出", "", "", ""],
    ["合计", "", "", "", ""],
]


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in rows]


def test_a_blank_template_carried_on_without_its_header_stays_one_table(tmp_path):
    builder = PdfBuilder(tmp_path / "blank.pdf")
    builder.table(TableSpec(TITLE, HEADER, BODY, style="no_rules", repeat_header=False, break_before=(2,)),
                  landscape=True)
    builder.save()
    [table] = read_document(tmp_path / "blank.pdf").tables
    assert normalize(table.title) == TITLE
    assert _texts(table.body_texts()) == BODY
    assert {cell.page for row in table.body for cell in row} == {1, 2}


def test_a_remarks_label_centred_over_a_cell_reaching_the_margin_heads_its_remarks(tmp_path):
    title = "部门决算单位构成"
    body = [["1", "某区财政局（本级）", ""], ["2", "某区财政局财政所", "预算不单列，并入本级"],
            ["3", "某区国库收付中心", "预算不单列，并入本级"]]
    builder = PdfBuilder(tmp_path / "units.pdf")
    builder.table(TableSpec(title, [["序号", "单位名称", "备注"]], body, style="no_rules", unit=None), landscape=True)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "units.pdf").tables if normalize(t.title) == title]
    assert [normalize(c.text) for c in table.header[0]] == ["序号", "单位名称", "备注"]
    assert _texts(table.body_texts()) == _texts(body)
