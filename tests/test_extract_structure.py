"""What lies around the grids and across pages, read for any template: a 单位 line wrapped
over two lines, a label above or beside the title, a caption alone at the foot of a page,
a row or a header continued over a page break, text hidden outside the page's box.

Each fixture is a PDF printed with tests/helpers/pdfgen_structure.py; the tests say what
the officer would see (the unit, the number and title, one row, one table)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktopapp.core.model import Box, Cell, Document
from desktopapp.core.numbers import normalize, parse_amount
from desktopapp.extract import read_document
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PrintedDocument
from tests.helpers.pdfgen_structure import StructureBuilder, StructureSpec


def _spec(**fields) -> StructureSpec:
    values = dict(
        title="一般公共预算支出表",
        header=EXPENDITURE_HEADER,
        body=EXPENDITURE_ROWS,
        org=None,
        notes=[],
    )
    values.update(fields)
    return StructureSpec(**values)


def _read(directory: Path, name: str, fill) -> tuple[Document, PrintedDocument]:
    builder = StructureBuilder(directory / f"{name}.pdf")
    fill(builder)
    printed = builder.save()
    return read_document(printed.path), printed


@pytest.mark.parametrize(
    ("parts", "unit"),
    [(("单位：", "万元"), "万元"), (("金额单位：万", "元"), "万元"), (("单位：", "元"), "元")],
)
@pytest.mark.parametrize("style", ["lines", "three_line"])
def test_unit_line_wrapped_over_two_lines_keeps_the_unit(tmp_path, parts, unit, style):
    document, _ = _read(
        tmp_path, "unit", lambda b: b.table(_spec(unit=None, unit_lines=parts, style=style, number="表5"))
    )
    (table,) = document.tables
    assert table.unit == unit
    assert table.title == "一般公共预算支出表"
    assert table.body[0][2].value == Decimal("1826.31")


@pytest.mark.parametrize("label", ["公开表1", "附表3", "表一", "公开01表", "表1-2", "附表 5", "附件2-1"])
@pytest.mark.parametrize("on_unit_line", [False, True])
def test_small_label_by_the_title_is_the_number_not_the_title(tmp_path, label, on_unit_line):
    document, _ = _read(
        tmp_path,
        "label",
        lambda b: b.table(_spec(title="部门收支总表", label=label, label_on_unit_line=on_unit_line, style="lines")),
    )
    (table,) = document.tables
    assert table.title == "部门收支总表"
    assert table.number == label.replace(" ", "")
    assert table.kind == "budget_summary"
    assert table.unit == "万元"


def _names(table) -> list[str]:
    return [normalize(next((c.text for c in row if c.text and not c.covered and parse_amount(c.text) is None), "")) for row in table.body]


def _broken_row_table(first: list[str], second: list[str], style: str, coded: bool) -> StructureSpec:
    """A table whose page ends on `first` and whose next page starts with `second`."""
    filler = [[f"{k + 1}、其他项目{k}", "1.00", "1.00", ""] for k in range(3)]
    rows = [*filler, first, second, ["九、住房保障支出", "2.00", "2.00", ""]]
    header: list = ["项目", "合计", "基本支出", "项目支出"]
    widths = [80.0, 80.0, 80.0, 80.0]
    if coded:
        rows = [[("" if k in (len(filler) + 1,) else f"{201 + k}"), *r] for k, r in enumerate(rows)]
        header = ["科目编码", *header]
        widths = [60.0, *widths]
    return _spec(
        title="部门支出总表",
        header=[header],
        body=rows,
        col_widths=widths,
        style=style,
        break_before=(len(filler) + 1,),
    )


@pytest.mark.parametrize(("style", "coded"), [
    ("lines", False), ("lines", True), ("wps_rects", False), ("wps_rects", True),
    ("three_line", False), ("three_line", True), ("no_rules", False), ("no_rules", True),
])
def test_name_broken_by_a_page_is_one_row(tmp_path, style, coded):
    """Ruled cells show the name running to the cell's edge; without rules the two parts
    together make a 科目's name."""
    spec = _broken_row_table(["八、社会保障和就", "", "", ""], ["业支出", "30.00", "20.00", "10.00"], style, coded)
    document, printed = _read(tmp_path, "broken", lambda b: b.table(spec))
    (table,) = document.tables
    assert table.pages == [1, 2]
    names = _names(table)
    assert "八、社会保障和就业支出" in names and "业支出" not in names
    assert len(table.body) == len(spec.body) - 1
    row = table.body[names.index("八、社会保障和就业支出")]
    figures = [c.value for c in row[2 if coded else 1 :]]
    assert figures == [Decimal("30.00"), Decimal("20.00"), Decimal("10.00")]
    if coded:
        assert row[0].text == "204"
    name = next(c for c in row if normalize(c.text) == "八、社会保障和就业支出")
    # Both parts of the name keep where they were printed.
    assert name.page == 1 and name.continued and name.continued[0][0] == 2
    first_part = printed.tables[0].cells[spec.break_before[0] - 1][1 if coded else 0]
    assert first_part.contains((name.box.x0 + name.box.x1) / 2, (name.box.top + name.box.bottom) / 2)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (["一、基本支出", "", "", ""], ["工资福利支出", "30.00", "20.00", "10.00"]),  # a short group row
        (["八、社会保障和就业", "", "", ""], ["（一）行政事业单位养老", "30.00", "20.00", "10.00"]),  # next starts an item
        (["八、社会保障和就业", "", "", ""], ["合计", "30.00", "20.00", "10.00"]),
        (["八、社会保障和就业", "1.00", "", ""], ["业支出", "30.00", "20.00", "10.00"]),  # figures of its own
    ],
)
@pytest.mark.parametrize("style", ["lines", "wps_rects", "three_line"])
def test_rows_around_a_page_break_without_clear_evidence_stay_apart(tmp_path, first, second, style):
    spec = _broken_row_table(first, second, style, coded=False)
    document, _ = _read(tmp_path, "apart", lambda b: b.table(spec))
    (table,) = document.tables
    assert len(table.body) == len(spec.body)
    names = _names(table)
    assert normalize(first[0]) in names and normalize(second[0]) in names


def test_a_row_with_its_own_code_after_the_break_stays_apart(tmp_path):
    spec = _broken_row_table(["八、社会保障和就", "", "", ""], ["业支出", "30.00", "20.00", "10.00"], "lines", coded=True)
    spec.body[4][0] = "20801"  # the second part has a code of its own: a row of its own
    document, _ = _read(tmp_path, "own-code", lambda b: b.table(spec))
    (table,) = document.tables
    assert len(table.body) == len(spec.body)


@pytest.mark.parametrize("style", ["lines", "wps_rects", "three_line"])
@pytest.mark.parametrize("with_label", [False, True])
def test_caption_alone_at_the_foot_of_a_page_titles_the_grid_on_the_next(tmp_path, style, with_label):
    first = _spec(title="一般公共预算支出表", number="表5", style=style, body=EXPENDITURE_ROWS[:6])
    second = _spec(
        title="一般公共预算基本支出表",
        label="表6" if with_label else None,
        style=style,
        body=EXPENDITURE_ROWS[6:],
    )

    def fill(b: StructureBuilder) -> None:
        b.table(first)
        b.table_with_caption_at_foot(second)

    document, printed = _read(tmp_path, "foot", fill)
    assert [t.title for t in document.tables] == ["一般公共预算支出表", "一般公共预算基本支出表"]
    above, below = document.tables
    assert above.pages == [1] and 2 in below.pages
    assert len(above.body) == 6 and len(below.body) == len(EXPENDITURE_ROWS) - 6
    assert below.kind == "basic_expenditure" and below.unit == "万元"
    assert below.number == ("表6" if with_label else None)


def test_caption_at_the_foot_of_a_text_page_titles_the_grid_on_the_next(tmp_path):
    def fill(b: StructureBuilder) -> None:
        b.text_page(["本部门2024年收支预算总计1,826.31万元。"] * 3, heading="第二部分 部门预算情况说明")
        b.table_with_caption_at_foot(_spec(title="一般公共预算支出表", label="表5"))

    document, _ = _read(tmp_path, "foot-text", fill)
    (table,) = document.tables
    assert (table.number, table.title, table.kind) == ("表5", "一般公共预算支出表", "general_budget_expenditure")
    assert len(table.body) == len(EXPENDITURE_ROWS)


@pytest.mark.parametrize("parser", ["pdfplumber", "pdfium"])
def test_text_outside_the_visible_page_box_is_not_read(tmp_path, monkeypatch, parser):
    import desktopapp.extract.pages as pages

    monkeypatch.setattr(pages, "TABLE_PARSER", parser)

    def fill(b: StructureBuilder) -> None:
        b.text_page(["本部门2024年收支预算总计1,826.31万元。"], heading="第二部分 部门预算情况说明")
        b.hide_outside_view("隐藏页眉：附表9", "隐藏文字：本部门收入合计999.99万元")
        b.table(_spec(title="一般公共预算支出表", number="表5", body=EXPENDITURE_ROWS))
        b.hide_outside_view("表9 隐藏表", "隐藏文字：合计 999.99")
        b.text_page(["以上为本部门预算情况。"])

    document, _ = _read(tmp_path, "cropped", fill)
    assert all("隐藏" not in page.text for page in document.pages)
    assert "本部门2024年收支预算总计" in document.pages[0].text
    assert "以上为本部门预算情况" in document.pages[2].text
    (table,) = document.tables
    assert (table.number, table.title) == ("表5", "一般公共预算支出表")
    assert len(table.body) == len(EXPENDITURE_ROWS)
    assert all("隐藏" not in c.text and "999" not in c.text for row in table.body for c in row)


LOWER_BAND = ["科目编码", "科目名称", "合计", "小计", "人员经费", "公用经费", "项目支出"]
MERGED_BANDS = ["科目编码", "科目名称", "合计", "基本支出小计", "人员经费", "公用经费", "项目支出"]


@pytest.mark.parametrize("repeated", [LOWER_BAND, MERGED_BANDS, EXPENDITURE_HEADER[1]])
@pytest.mark.parametrize("style", ["lines", "wps_rects"])
def test_header_repeated_in_part_on_the_next_page_is_no_body_row(tmp_path, repeated, style):
    """The continuation page prints the header's lower band only (the labels of the
    columns merged over both bands written in it, or not), or both bands run together."""
    widths = [60.0, 170.0, 60.0, 60.0, 60.0, 60.0, 60.0]
    first = _spec(title="一般公共预算支出表", number="表5", style=style, body=EXPENDITURE_ROWS[:9], col_widths=widths)
    header = [["", "", "", *repeated, ""]] if repeated is EXPENDITURE_HEADER[1] else [list(repeated)]
    rest = _spec(title="", unit=None, style=style, body=EXPENDITURE_ROWS[9:], header=header, col_widths=widths)

    def fill(b: StructureBuilder) -> None:
        b.table(first)
        rest.caption_drawn = True
        b.table(rest)

    document, _ = _read(tmp_path, "band", fill)
    (table,) = document.tables
    assert table.pages == [1, 2]
    assert [[normalize(c.text) for c in row] for row in table.body] == [
        [normalize(t) for t in row] for row in EXPENDITURE_ROWS
    ]


def test_a_running_footer_like_a_title_does_not_split_a_continued_table(tmp_path):
    """A line ending in 表 printed at the foot of every page is no caption of the grid that
    tops the next page."""
    spec = _spec(title="一般公共预算支出表", number="表5", body=EXPENDITURE_ROWS * 4)

    class FooterBuilder(StructureBuilder):
        def _finish_page(self) -> None:
            if self.surface is not None:
                s = self.surface
                s.text(s.width / 2, s.height - 40, "某某局2024年部门预算公开表", 9, "c")
            super()._finish_page()

    builder = FooterBuilder(tmp_path / "footer.pdf")
    builder.table(spec)
    printed = builder.save()
    document = read_document(printed.path)
    (table,) = document.tables
    assert table.pages == printed.tables[0].pages and len(table.pages) >= 2
    assert len(table.body) == len(spec.body)



def test_header_repeated_with_an_empty_band_is_no_body_row(tmp_path):
    """A repeated header read with an empty band between its labels (a label line set lower
    than its neighbours): the whole header is skipped on the next page, so the name the page
    broke joins its rest and no empty or "科目编码" row reaches the body."""
    from desktopapp.extract.assemble import build_table
    from desktopapp.extract.captions import Caption
    from desktopapp.extract.page_tables import Piece

    header = [
        ["", "支出功能分类", "项目", "科目名称", "本年收入合计", "财政拨款收入"],
        ["", "", "", "", "", ""],
        ["", "科目编码", "", "", "", ""],
    ]

    def piece(page: int, body: list[list[str]]) -> Piece:
        rows = [[Cell(t, page, Box(10.0 * c, 20.0 * r, 10.0 * c + 9, 20.0 * r + 9)) for c, t in enumerate(row)]
                for r, row in enumerate([*header, *body])]
        return Piece(page=page, rows=rows, strategy="aligned", caption=Caption(title="收入决算表" if page == 1 else None),
                     header_hint=3, xs=[10.0 * c for c in range(7)])

    first = piece(1, [["208", "05", "01", "行政单位离退休", "84.65", "84.65"],
                      ["208", "05", "05", "机关事业单位基本养", "", ""]])
    first.names_at_edge = [first.rows[-1][3]]
    rest = piece(2, [["", "", "", "老保险缴费支出", "160.75", "160.75"],
                     ["208", "05", "06", "机关事业单位职业年金缴费支出", "80.38", "80.38"]])
    table = build_table([first, rest], "T1", final_document=True)
    assert [[normalize(c.text) for c in row] for row in table.body] == [
        ["208", "05", "01", "行政单位离退休", "84.65", "84.65"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
        ["208", "05", "06", "机关事业单位职业年金缴费支出", "80.38", "80.38"],
    ]
