"""Tables laid on the pages the ways other templates print them (the layouts of
benchmarks/holdout_layouts.py): a caption alone at the foot of a page whose title ends in a
qualifier after 表 or is the 决算's 单位构成, a row whose name the page broke in a table with
its code in several columns.

Each fixture is printed with tests/helpers/pdfgen_structure.py; the tests say what the officer
sees: each table under its own title, one row where one was printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Document
from desktopapp.extract import read_document
from tests.helpers.pdfgen import (
    CELL_PAD_X,
    EXPENDITURE_HEADER,
    EXPENDITURE_ROWS,
    H,
    PrintedDocument,
    register_fonts,
    text_width,
)
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec


def _spec(**fields) -> StructureSpec:
    values = dict(title="一般公共预算支出表", header=EXPENDITURE_HEADER, body=EXPENDITURE_ROWS, notes=[])
    values.update(fields)
    return StructureSpec(**values)


def _read(directory: Path, name: str, fill) -> tuple[Document, PrintedDocument]:
    builder = StructureBuilder(directory / f"{name}.pdf")
    fill(builder)
    printed = builder.save()
    return read_document(printed.path), printed


@pytest.mark.parametrize("title", ["一般公共预算支出表（功能科目）", "一般公共预算支出表(分单位)"])
def test_caption_at_the_foot_with_a_qualifier_after_the_title_titles_the_next_grid(tmp_path, title):
    first = _spec(title="财政拨款收支总表", number="表4", body=EXPENDITURE_ROWS[:6])
    second = _spec(title=title, number="表5", body=EXPENDITURE_ROWS[6:])

    def fill(b: StructureBuilder) -> None:
        b.table(first)
        b.table_with_caption_at_foot(second)

    document, _ = _read(tmp_path, "foot-qualified", fill)
    assert [t.title for t in document.tables] == ["财政拨款收支总表", title]
    above, below = document.tables
    assert len(above.body) == 6 and len(below.body) == len(EXPENDITURE_ROWS) - 6
    assert (below.number, below.unit, below.pages) == ("表5", "万元", [2])


def test_unit_composition_caption_at_the_foot_of_a_text_page_titles_the_next_grid(tmp_path):
    rows = [["1", "某某区财政局（本级）", ""], ["2", "某某区财政局财政所", "预算不单列，并入本级"]]
    spec = _spec(title="部门决算单位构成", header=[["序号", "单位名称", "备注"]], body=rows, unit=None)

    def fill(b: StructureBuilder) -> None:
        b.text_page(["以下为部门决算公开表格。"], heading="第二部分 公开表格")
        b.table_with_caption_at_foot(spec)

    document, _ = _read(tmp_path, "foot-composition", fill)
    (table,) = document.tables
    assert (table.title, table.kind, table.pages) == ("部门决算单位构成", "unit_composition", [2])
    assert len(table.body) == len(rows)


def _filled_by(text: str) -> float:
    """A column width that `text` fills to the cell's edge (as a name wrapping when the
    page ended does)."""
    register_fonts()
    return text_width(text, 9.0) + 2 * CELL_PAD_X + 2


CODED_HEADER: list = [
    [H("科目编码", colspan=3), H("科目名称", rowspan=2), H("合计", rowspan=2), H("基本支出", rowspan=2)],
    ["类", "款", "项"],
]


def _coded(first_name: str, second_name: str, second_figures: list[str]) -> StructureSpec:
    filler = [["201", "01", f"{k + 1:02d}", f"其他项目{k}", "1.00", "1.00"] for k in range(3)]
    rows = [
        *filler,
        ["208", "05", "05", first_name, "", ""],
        ["", "", "", second_name, *second_figures],
        ["221", "02", "01", "住房公积金", "2.00", "2.00"],
    ]
    return _spec(
        title="一般公共预算支出表",
        header=CODED_HEADER,
        body=rows,
        col_widths=[40.0, 40.0, 40.0, _filled_by(first_name), 80.0, 80.0],
        break_before=(len(filler) + 1,),
    )


def test_name_broken_by_a_page_in_a_table_coded_in_class_item_columns_is_one_row(tmp_path):
    """类 | 款 | 项 printed in three columns: the codes stay with the name's first part."""
    spec = _coded("机关事业单位基本养老", "保险缴费支出", ["94.99", "94.99"])
    document, _ = _read(tmp_path, "coded", lambda b: b.table(spec))
    (table,) = document.tables
    assert len(table.body) == len(spec.body) - 1
    row = next(r for r in table.body if any(c.text == "机关事业单位基本养老保险缴费支出" for c in r))
    assert [c.text for c in row] == ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "94.99", "94.99"]
    assert table.pages == [1, 2]


def test_two_rows_without_figures_around_a_page_break_stay_apart(tmp_path):
    """The name on the page's last row fills its cell, but the next page's first row has no
    figures either: two rows (上级补助收入, 附属单位上缴收入), not one."""
    spec = _coded("上级补助收入", "附属单位上缴收入", ["", ""])
    document, _ = _read(tmp_path, "figureless", lambda b: b.table(spec))
    (table,) = document.tables
    assert len(table.body) == len(spec.body)


FORM_HEADER: list = [["项目", "资金来源", "支出类别", "金额", "占比"]]


def test_name_broken_by_a_page_in_a_performance_form_is_one_row(tmp_path):
    """A 绩效 form (a table of sentences): the row's figures went on with its name's rest."""
    filler = [["年度预算", f"来源{k}", f"人员类项目支出{k}", "1.00", "1.00%"] for k in range(3)]
    rows = [*filler, ["", "", "运转类项目", "", ""], ["", "", "支出", "216.51", "11.00%"], ["", "", "其他", "2.00", "2.00%"]]
    spec = _spec(
        title="整体支出绩效目标表",
        header=FORM_HEADER,
        body=rows,
        unit=None,
        col_widths=[90.0, 90.0, _filled_by("运转类项目"), 80.0, 80.0],
        break_before=(len(filler) + 1,),
    )
    document, _ = _read(tmp_path, "form", lambda b: b.table(spec))
    (table,) = document.tables
    assert [c.text for c in table.body[len(filler)]] == ["", "", "运转类项目支出", "216.51", "11.00%"]
    assert len(table.body) == len(rows) - 1


@pytest.mark.parametrize("neighbour_wrapped", [True, False])
@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_name_broken_by_a_page_without_vertical_rules_is_one_row(tmp_path, style, neighbour_wrapped):
    """No cell edge is printed: the name's first part ends where another name of its column
    wrapped, or as far right of the column's centred header label as the names start left of
    it (a name no 科目 list knows, 三、单位预留机动经费)."""
    last = "五、其他交通运输支出" if neighbour_wrapped else "项目3"
    filler = [["", f"项目{k}", "1.00", "1.00"] for k in range(3)] + [["", last, "1.00", "1.00"]]
    rows = [*filler, ["", "三、单位预留", "", ""], ["", "机动经费", "3,258.06", "3,258.06"], ["", "四、其他", "2.00", "2.00"]]
    spec = _spec(
        title="一般公共预算支出表",
        header=[["科目编码", "科目名称", "合计", "基本支出"]],
        body=[[f"{201 + k}" if k < 4 else "", *row[1:]] for k, row in enumerate(rows)],
        col_widths=[60.0, _filled_by("三、单位预留"), 80.0, 80.0],
        style=style,
        break_before=(len(filler) + 1,),
    )
    document, _ = _read(tmp_path, f"unruled-{style}-{neighbour_wrapped}", lambda b: b.table(spec))
    (table,) = document.tables
    names = [row[1].text for row in table.body]
    assert "三、单位预留机动经费" in names and "机动经费" not in names
    row = table.body[names.index("三、单位预留机动经费")]
    assert [c.text for c in row[2:]] == ["3,258.06", "3,258.06"]


@pytest.mark.parametrize("label", [None, "公开表1"])
def test_unit_wrapped_after_the_org_line_above_a_table_without_rules_is_caption(tmp_path, label):
    """'编制单位：某某单位 … 单位：' | '万元' above a table set without rules: the unit and
    the 编制单位 are read, neither line is a header row."""
    spec = _spec(style="no_rules", org="某某单位", label=label, unit_lines=("单位：", "万元"))
    document, printed = _read(tmp_path, "org-unit", lambda b: b.table(spec))
    (table,) = document.tables
    assert (table.title, table.number, table.unit) == ("一般公共预算支出表", label, "万元")
    assert table.organization_line == "编制单位：某某单位"
    assert [c.text for c in table.header[0] if c.text][:2] == ["科目编码", "科目名称"]
    assert [[c.text for c in row] for row in table.body] == printed.tables[0].body
