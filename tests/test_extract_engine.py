"""The reading engine as a whole: what the document is, its pages, progress and cancel,
tables printed in unusual ways, notes, and the same result in one or two processes.

Every PDF here is built with reportlab (tests/helpers/pdfgen.py or a few lines of canvas code).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktopapp.core.errors import CancelledError, NoTablesError, ScannedPdfError
from desktopapp.core.header_spans import column_labels
from desktopapp.core.model import DocKind, Page
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.extract.docinfo import document_kind
from tests.helpers.pdfgen import FONT, H, PdfBuilder, TableSpec, generated_rows, read_labels, register_fonts
from tests.helpers.specs import (
    INCOME_HEADER,
    INCOME_ROWS,
    ORG,
    PROJECT_HEADER,
    PROJECT_ROWS,
    expenditure_spec,
)

CONTENTS = ["表1 收支总表 ........ 3", "表5 一般公共预算支出表 ........ 4"]


@pytest.fixture(scope="module")
def disclosure(tmp_path_factory) -> Path:
    """Cover, 目录, running text, then 表1 and 表5 (the latter continued over two pages)."""
    path = tmp_path_factory.mktemp("engine") / "budget.pdf"
    b = PdfBuilder(path)
    b.cover([ORG, "2024年单位预算"])
    b.text_page(CONTENTS, heading="目录", indent=False)
    b.text_page(["本单位2024年收支总预算1982.31万元。"], heading="第一部分 单位概况")
    b.table(
        TableSpec(
            "收支总表",
            [["项目", "预算数"]],
            [["一、一般公共预算拨款收入", "1,826.31"], ["二、其他收入", "156.00"], ["收入总计", "1,982.31"]],
            number="表1",
            org=ORG,
            notes=["注：1行＝（2＋3）行。"],
        )
    )
    b.table(
        TableSpec(
            "一般公共预算支出表",
            [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            generated_rows(70),
            number="表5",
            org=ORG,
        )
    )
    return b.save().path


@pytest.fixture(scope="module")
def document(disclosure):
    return read_document(disclosure, workers=1)


def test_document_kind_organisation_year_and_contents(document):
    assert document.kind == DocKind.UNIT_BUDGET
    assert document.organization == ORG
    assert document.year == 2024
    assert [normalize(t) for t in document.toc] == ["表1收支总表", "表5一般公共预算支出表"]


def test_tables_in_reading_order_with_ids_kinds_and_notes(document):
    assert [t.id for t in document.tables] == ["T1", "T2"]
    first, second = document.tables
    assert (first.number, first.title, first.kind, first.unit) == ("表1", "收支总表", "budget_summary", "万元")
    assert first.organization_line and ORG in normalize(first.organization_line)
    assert any("1行＝（2＋3）行" in n for n in first.notes), "公式注释应归入表注"
    assert second.kind == "general_budget_expenditure"
    assert len(second.pages) == 2 and len(second.body) == 70
    assert second.body[0][2].value is not None and isinstance(second.body[0][2].value, Decimal)


def test_every_page_has_its_text_lines_and_tables(document):
    assert len(document.pages) == document.page_count
    for page in document.pages:
        assert page.has_text_layer
        assert page.lines, f"第 {page.number} 页没有文字行"
        for line in page.lines:
            assert 0 <= line.box.x0 < line.box.x1 <= page.width + 1
            assert 0 <= line.box.top < line.box.bottom <= page.height + 1
    by_page = {p.number: p.table_ids for p in document.pages}
    assert by_page[1] == [] and by_page[3] == []
    for table in document.tables:
        for n in table.pages:
            assert table.id in by_page[n]
    narrative = document.narrative_pages()
    assert any("1982.31万元" in p.text for p in narrative)


def test_two_processes_read_the_same_tables(disclosure, document):
    parallel = read_document(disclosure, workers=2)
    assert [(t.title, t.pages, t.header_texts(), t.body_texts()) for t in parallel.tables] == [
        (t.title, t.pages, t.header_texts(), t.body_texts()) for t in document.tables
    ]
    assert [p.text for p in parallel.pages] == [p.text for p in document.pages]


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_reported_page_by_page(disclosure, workers):
    seen: list[tuple[int, int]] = []
    read_document(disclosure, progress=lambda done, total: seen.append((done, total)), workers=workers)
    total = seen[-1][1]
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == list(range(1, total + 1))


def test_cancel_stops_reading(disclosure):
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(CancelledError):
        read_document(disclosure, cancel=cancel, workers=1)


def test_text_only_pdf_has_no_tables(tmp_path):
    b = PdfBuilder(tmp_path / "narrative.pdf")
    b.text_page(["这是一份只有文字的说明，没有任何表格。"] * 3, heading="情况说明")
    with pytest.raises(NoTablesError) as err:
        read_document(b.save().path)
    assert "表格" in err.value.message


def test_pdf_without_text_layer_is_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.setFillGray(0.3)
        c.rect(60, 400, 400, 200, fill=1, stroke=0)  # a picture, no text
        c.showPage()
    c.save()
    with pytest.raises(ScannedPdfError) as err:
        read_document(path)
    assert "扫描件" in err.value.message


def _canvas(path: Path) -> canvas.Canvas:
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 10)
    return c


def test_empty_table_printed_as_caption_and_note_only(tmp_path):
    """A fund table with nothing to show may be printed as its title and a note: still a table."""
    path = tmp_path / "empty.pdf"
    b = PdfBuilder(path)
    b.table(expenditure_spec("lines"))
    b.save()
    c = _canvas(tmp_path / "note-only.pdf")
    c.drawString(60, 780, "表8")
    c.setFont(FONT, 16)
    c.drawCentredString(297, 750, "政府性基金预算支出表")
    c.setFont(FONT, 10)
    c.drawString(60, 720, "编制单位：" + ORG)
    c.drawRightString(535, 720, "单位：万元")
    c.drawString(60, 690, "注：本单位无政府性基金预算收支，故本表无数据。")
    c.showPage()
    c.save()
    document = read_document(tmp_path / "note-only.pdf")
    (table,) = document.tables
    assert (table.number, table.title, table.unit, table.kind) == ("表8", "政府性基金预算支出表", "万元", "gov_fund_expenditure")
    assert table.body == [] and table.is_empty
    assert any("本单位无政府性基金预算收支" in n for n in table.notes)


def test_title_and_unit_printed_inside_the_ruled_frame(tmp_path):
    """Some exports rule the title and 单位 rows with the grid: they are the caption, not rows."""
    c = _canvas(tmp_path / "framed.pdf")
    xs = [60, 200, 320, 440]
    tops = [800, 780, 760, 740, 720, 700]
    c.setLineWidth(0.5)
    for y in tops:
        c.line(xs[0], y, xs[-1], y)
    for x in (xs[0], xs[-1]):
        c.line(x, tops[0], x, tops[-1])
    for x in xs[1:-1]:
        c.line(x, tops[2], x, tops[-1])  # the first two rows are merged across the frame
    c.setFont(FONT, 14)
    c.drawCentredString(250, 785, "财政拨款收支总表")
    c.setFont(FONT, 10)
    c.drawRightString(435, 766, "单位：万元")
    for row, texts in enumerate([["项目", "预算数", "上年数"], ["一、一般公共预算", "1,826.31", "1,700.00"], ["合计", "1,826.31", "1,700.00"]]):
        for col, text in enumerate(texts):
            c.drawString(xs[col] + 4, tops[2 + row] - 14, text)
    c.showPage()
    c.save()
    (table,) = read_document(tmp_path / "framed.pdf").tables
    assert table.title == "财政拨款收支总表" and table.unit == "万元"
    assert table.header_texts() == [["项目", "预算数", "上年数"]]
    assert table.body_texts() == [["一、一般公共预算", "1,826.31", "1,700.00"], ["合计", "1,826.31", "1,700.00"]]
    assert table.kind == "fiscal_summary"


def test_final_accounts_document_and_public_numbers(tmp_path):
    """决算 tables numbered 公开01表 …: kinds of the final accounts, number kept apart from the title."""
    b = PdfBuilder(tmp_path / "final.pdf")
    b.cover(["上海市XX局", "2024年度部门决算"])
    b.table(
        TableSpec(
            "收入支出决算总表",
            [["项目", "决算数", "项目", "决算数"]],
            [["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"], ["总计", "2,940.05", "总计", "2,106.66"]],
            number="公开01表",
            org="编制部门：上海市XX局",
            org_label="",
            number_above_title=False,
        )
    )
    document = read_document(b.save().path)
    assert document.kind == DocKind.DEPT_FINAL and document.year == 2024
    (table,) = document.tables
    assert (table.number, table.title, table.kind) == ("公开01表", "收入支出决算总表", "final_summary")



def test_document_kind_from_the_table_titles_when_the_first_pages_do_not_tell():
    pages = [Page(number=n, width=595, height=842, text="上海市XX局") for n in range(1, 10)]
    assert document_kind(pages, ["收入支出决算总表", "支出决算表", "收支总表"]) == DocKind.DEPT_FINAL
    assert document_kind(pages, ["收支总表", "支出决算表"]) == DocKind.DEPT_BUDGET
    assert document_kind(pages, []) == DocKind.UNKNOWN
    pages[0].text = "2024年度单位预算"
    assert document_kind(pages, ["收入支出决算总表"]) == DocKind.UNIT_BUDGET  # the cover tells first

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
ROWS = [
    ["", "合计", "1,982.31", "1,583.46", "398.85"],
    ["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"],
    ["20801", "人力资源和社会保障管理事务", "1,498.47", "1,099.62", "398.85"],
    ["2080101", "行政运行", "1,099.62", "1,099.62", ""],
    ["2080109", "社会保险经办机构", "398.85", "-", "398.85"],
    ["210", "卫生健康支出", "190.28", "190.28", "0.00"],
]
COL_X = [50, 110, 270, 350, 430, 510]


def _ruled_table(path: Path, *, row_rules: bool, column_rules: bool) -> Path:
    """支出总表 drawn with rules between the rows only, or between the columns only."""
    c = _canvas(path)
    c.setFont(FONT, 16)
    c.drawCentredString(280, 790, "支出总表")
    c.setFont(FONT, 9)
    c.drawString(COL_X[0], 765, "编制单位：" + ORG)
    c.drawRightString(COL_X[-1], 765, "单位：万元")
    top, height = 755, 20
    bottoms = [top - height * (k + 1) for k in range(len(ROWS) + 1)]
    c.setLineWidth(0.5)
    for y in [top] + bottoms:
        if row_rules or y in (top, bottoms[0], bottoms[-1]):
            c.line(COL_X[0], y, COL_X[-1], y)
    if column_rules:
        for x in COL_X:
            c.line(x, top, x, bottoms[-1])
    for r, row in enumerate([HEADER] + ROWS):
        base = top - height * r - 14
        for k, text in enumerate(row):
            if k >= 2 and r > 0:
                c.drawRightString(COL_X[k + 1] - 4, base, text)
            else:
                c.drawString(COL_X[k] + 4, base, text)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("row_rules", "column_rules"), [(True, False), (False, True)], ids=["rows-ruled", "columns-ruled"])
def test_tables_ruled_in_one_direction_only(tmp_path, row_rules, column_rules):
    path = _ruled_table(tmp_path / "ruled.pdf", row_rules=row_rules, column_rules=column_rules)
    (table,) = read_document(path).tables
    assert (table.title, table.unit, table.kind) == ("支出总表", "万元", "expenditure_summary")
    assert [normalize(t) for t in column_labels(table)] == HEADER
    assert table.body_texts() == ROWS
    dash, zero = table.body[4][3], table.body[5][4]
    assert dash.text == "-" and dash.value is None
    assert zero.text == "0.00" and zero.value == Decimal("0.00")


class _RunningHeaderBuilder(PdfBuilder):
    """Prints the document's name atop every page, as some publishers do."""

    def _finish_page(self) -> None:
        if self.surface is not None:
            self.surface.text(self.surface.width / 2, 30, "武汉市某单位2024年单位预算", 9, "c")
        super()._finish_page()


def test_running_header_is_not_a_title_of_continued_tables(tmp_path):
    b = _RunningHeaderBuilder(tmp_path / "headed.pdf")
    for number, title in (("表3", "支出总表"), ("表5", "一般公共预算支出表")):
        b.table(TableSpec(title, [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], generated_rows(70), number=number, org=ORG))
    printed = b.save()
    document = read_document(printed.path)
    assert [(t.number, t.title, t.pages) for t in document.tables] == [
        (p.number, p.title, p.pages) for p in printed.tables
    ]
    assert all(len(t.body) == 70 for t in document.tables)


def test_note_in_the_last_row_of_the_frame_and_unit_in_the_title(tmp_path):
    c = _canvas(tmp_path / "inner-note.pdf")
    xs = [60, 260, 360, 460]
    tops = [760, 740, 720, 700, 680]
    c.setLineWidth(0.5)
    for y in tops:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, tops[0], x, tops[-2] if x not in (xs[0], xs[-1]) else tops[-1])
    c.setFont(FONT, 14)
    c.drawCentredString(260, 780, "一般公共预算“三公”经费支出表（单位：万元）")
    c.setFont(FONT, 10)
    c.drawString(60, 765 + 0, "")
    for row, texts in enumerate([["项目", "预算数", "上年数"], ["合计", "10.81", "10.81"], ["公务接待费", "0.83", "0.83"]]):
        for col, text in enumerate(texts):
            c.drawString(xs[col] + 4, tops[row] - 14, text)
    c.drawString(xs[0] + 4, tops[3] - 14, "注：本单位无因公出国（境）费。")
    c.drawString(60, 650, "编制单位（盖章）：" + ORG)
    c.showPage()
    c.save()
    (table,) = read_document(tmp_path / "inner-note.pdf").tables
    assert (table.title, table.unit, table.kind) == ("一般公共预算“三公”经费支出表", "万元", "three_public")
    assert table.body_texts() == [["合计", "10.81", "10.81"], ["公务接待费", "0.83", "0.83"]]
    assert table.notes and table.notes[0].startswith("注：本单位无因公出国")


@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_vertical_and_wrapped_headers_without_rules(tmp_path, style):
    """Stacked one-character headers in narrow columns and headers wrapped in narrow
    columns, in tables with no vertical rules: every column found, labels and rows exact."""
    b = PdfBuilder(tmp_path / f"{style}.pdf")
    widths = [52.0, 140.0, 52.0, 52.0, 52.0] + [22.0] * 7 + [36.0] + [22.0] * 6
    b.table(
        TableSpec("收入总表", INCOME_HEADER, INCOME_ROWS, number="表2", org=ORG, col_widths=widths,
                  vertical_header_cols=frozenset(range(5, 19)), font_size=8, style=style),
        landscape=True,
    )
    b.table(TableSpec("项目支出表", PROJECT_HEADER, PROJECT_ROWS, number="表10", org=ORG, font_size=8, style=style),
            rotate=90)
    printed = b.save()
    document = read_document(printed.path)
    assert [t.title for t in document.tables] == ["收入总表", "项目支出表"]
    for table, want in zip(document.tables, printed.tables, strict=True):
        assert [normalize(x) for x in read_labels(table)] == [normalize(x) for x in want.column_labels()]
        assert [[normalize(x) for x in row] for row in table.body_texts()] == [[normalize(x) for x in row] for row in want.body]
        for span in want.merged_spans:
            cell = table.header[span.row][span.col]
            assert (normalize(cell.text), cell.row_span, cell.col_span) == (normalize(span.text), span.rowspan, span.colspan)


def test_text_running_past_its_cell_into_an_empty_neighbour(tmp_path):
    """Excel prints unwrapped text over the empty cell to its right: it is still one cell's text."""
    c = _canvas(tmp_path / "overflow.pdf")
    xs = [60, 120, 200, 300, 400]
    tops = [760, 740, 720, 700]
    c.setLineWidth(0.5)
    for y in tops:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, tops[0], x, tops[-1])
    c.setFont(FONT, 16)
    c.drawCentredString(230, 780, "支出总表")
    c.setFont(FONT, 10)
    rows = [["科目编码", "科目名称", "", "合计"], ["2080505", "机关事业单位基本养老保险缴费支出", "", "94.99"], ["合计", "", "", "94.99"]]
    for r, texts in enumerate(rows):
        for k, text in enumerate(texts):
            if k == 3:
                c.drawRightString(xs[4] - 4, tops[r] - 14, text)
            elif text:
                c.drawString(xs[k] + 4, tops[r] - 14, text)  # the long name runs across the rule at x=200
    c.showPage()
    c.save()
    (table,) = read_document(tmp_path / "overflow.pdf").tables
    assert table.body_texts()[0] == ["2080505", "机关事业单位基本养老保险缴费支出", "", "94.99"]


FINAL_SUMMARY_HEADER = [
    [H("收入", colspan=3), H("支出", colspan=3)],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["栏次", "", "1", "栏次", "", "2"],
]
FINAL_SUMMARY_ROWS = [
    ["一、一般公共预算财政拨款收入", "1", "1,578.60", "一、一般公共服务支出", "32", ""],
    ["八、其他收入", "8", "", "八、社会保障和就业支出", "39", "1,291.79"],
    ["", "9", "", "九、卫生健康支出", "40", "149.91"],
    ["本年收入合计", "27", "1,578.60", "本年支出合计", "58", "1,587.74"],
    ["", "30", "", "", "61", ""],
    ["总计", "31", "1,587.74", "总计", "62", "1,587.74"],
]
SANGONG_FINAL_HALF = [H("合计", rowspan=2), H("因公出国（境）费", rowspan=2), H("公务用车购置及运行维护费", colspan=3), H("公务接待费", rowspan=2)]
SANGONG_FINAL_HEADER = [
    [H("预算数", colspan=6), H("决算数", colspan=6)],
    SANGONG_FINAL_HALF + SANGONG_FINAL_HALF,
    ["小计", "公务用车购置费", "公务用车运行维护费"] * 2,
    [str(i) for i in range(1, 13)],
]


@pytest.mark.parametrize("style", ["lines", "wps_rects", "three_line", "no_rules"])
def test_final_accounts_with_line_numbers_and_column_numbers(tmp_path, style):
    """决算 tables: 行次 columns, a 栏次 / 1 2 … row closing the header, formula notes."""
    b = PdfBuilder(tmp_path / f"final-{style}.pdf")
    b.cover(["武汉市某社会保险管理处", "2023年度单位决算"])
    b.table(TableSpec("2023年度收入支出决算总表", FINAL_SUMMARY_HEADER, FINAL_SUMMARY_ROWS, number="公开01表",
                      org="武汉市某社会保险管理处", org_label="单位：", style=style,
                      notes=["注：本表反映单位本年度的总收支和年末结转结余情况。", "27行＝（1＋2＋3＋4＋5＋6+7+8）行；31行＝（27＋28＋29）行。"]))
    b.table(TableSpec("2023年度财政拨款“三公”经费支出决算表", SANGONG_FINAL_HEADER,
                      [["0.56", "", "0.56", "", "0.56", "", "0.56", "", "0.56", "", "0.56", ""]],
                      number="公开09表", org="武汉市某社会保险管理处", org_label="单位：", style=style, font_size=8), landscape=True)
    printed = b.save()
    document = read_document(printed.path)
    assert document.kind == DocKind.UNIT_FINAL
    assert [(t.number, t.kind) for t in document.tables] == [("公开01表", "final_summary"), ("公开09表", "final_three_public")]
    for table, want in zip(document.tables, printed.tables, strict=True):
        assert table.body_texts() == want.body
        assert len(table.header) == len(want.header)
        for span in want.merged_spans:
            cell = table.header[span.row][span.col]
            assert (normalize(cell.text), cell.row_span, cell.col_span) == (normalize(span.text), span.rowspan, span.colspan)
    assert any("27行＝" in n for n in document.tables[0].notes)
