"""Every table layout an officer meets, read back exactly as it was printed.

Each fixture (tests/conftest.py) is a PDF rendered by tests/helpers/pdfgen.py together with the
truth of what was printed; the assertions compare `read_document` with that truth: the
table is found once (even when continued over pages) on the right pages, with its
number, title and unit, every body row as printed (wrapped text joined, repeated headers
left out), merged header spans, codes, "-" / "" / "0.00" kept apart, Decimal values, and
every cell pointing at the place on the page where it was printed.
"""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from desktopapp.core.model import Document, Table
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers import REPO_ROOT, sample_budget
from tests.helpers.pdfgen import STYLES, PrintedDocument, PrintedTable, read_labels

SAMPLE = REPO_ROOT / "resources" / "sample-dept-budget.pdf"

_cache: dict[str, Document] = {}


def read(printed: PrintedDocument) -> Document:
    """Read each fixture once per session (several tests look at the same document)."""
    key = str(printed.path)
    if key not in _cache:
        _cache[key] = read_document(printed.path)
    return _cache[key]


def norm_grid(rows: list[list[str]]) -> list[list[str]]:
    return [[normalize(text) for text in row] for row in rows]


def find_table(document: Document, printed: PrintedTable) -> Table:
    titles = [t.title for t in document.tables]
    matches = [t for t in document.tables if normalize(t.title) == normalize(printed.title)]
    assert matches, f"未找到表格“{printed.title}”；读到的表格：{titles}"
    assert len(matches) == 1, (
        f"表格“{printed.title}”被读成了 {len(matches)} 张表：{[t.pages for t in matches]}"
    )
    return matches[0]


def assert_tables_found(document: Document, printed: PrintedDocument) -> list[Table]:
    found = [find_table(document, p) for p in printed.tables]
    assert len(document.tables) == len(printed.tables), (
        f"应有 {len(printed.tables)} 张表，读到 {len(document.tables)} 张：{[t.title for t in document.tables]}"
    )
    return found


def assert_caption(table: Table, printed: PrintedTable) -> None:
    assert table.number == printed.number
    assert normalize(table.title) == normalize(printed.title)
    assert table.unit == printed.unit
    assert table.pages == printed.pages
    if printed.org_line:
        assert table.organization_line is not None
        assert normalize(printed.org_line.split("：", 1)[1]) in normalize(table.organization_line)


def assert_body(table: Table, printed: PrintedTable) -> None:
    got = norm_grid(table.body_texts())
    want = norm_grid(printed.body)
    assert len(got) == len(want), f"{printed.title}：应有 {len(want)} 行，读到 {len(got)} 行"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"{printed.title} 第 {i + 1} 行：读到 {g}，印的是 {w}"


def assert_header(table: Table, printed: PrintedTable) -> None:
    """Column labels as printed, and every merged header cell with its span."""
    assert [normalize(x) for x in read_labels(table)] == [normalize(x) for x in printed.column_labels()]
    assert len(table.header) == len(printed.header), (
        f"{printed.title}：表头应有 {len(printed.header)} 行，读到 {len(table.header)} 行"
    )
    for span in printed.merged_spans:
        cell = table.header[span.row][span.col]
        assert normalize(cell.text) == normalize(span.text)
        assert (cell.row_span, cell.col_span) == (span.rowspan, span.colspan), (
            f"表头“{span.text}”应合并 {span.rowspan} 行 {span.colspan} 列，读到 {cell.row_span} 行 {cell.col_span} 列"
        )


def assert_cells_located(table: Table, printed: PrintedTable, document: PrintedDocument) -> None:
    """Every printed cell remembers its page, and its box lies inside the page where the text was printed."""
    for r, row in enumerate(printed.cells):
        for c, where in enumerate(row):
            if not where.text.strip():
                continue
            cell = table.body[r][c]
            label = f"{printed.title} 第 {r + 1} 行第 {c + 1} 列“{where.text}”"
            assert cell.page == where.page, f"{label}：页码应为 {where.page}，读到 {cell.page}"
            assert cell.box is not None, f"{label}：没有位置"
            page = document.pages[where.page - 1]
            assert 0 <= cell.box.x0 < cell.box.x1 <= page.width + 0.5, f"{label}：{cell.box} 超出页面宽度"
            assert 0 <= cell.box.top < cell.box.bottom <= page.height + 0.5, (
                f"{label}：{cell.box} 超出页面高度"
            )
            cx, cy = (cell.box.x0 + cell.box.x1) / 2, (cell.box.top + cell.box.bottom) / 2
            assert where.contains(cx, cy), f"{label}：位置 {cell.box.as_list()} 不在印刷位置 {where.box} 内"


def assert_table_exact(document: Document, printed_doc: PrintedDocument, printed: PrintedTable) -> Table:
    table = find_table(document, printed)
    assert_caption(table, printed)
    assert_header(table, printed)
    assert_body(table, printed)
    assert_cells_located(table, printed, printed_doc)
    return table


# ----------------------------------------------------------------------------- rule styles


@pytest.mark.parametrize("style", STYLES)
def test_each_rule_style_reads_the_table_exactly(styled_pdfs, style):
    printed_doc = styled_pdfs[style]
    document = read(printed_doc)
    assert_tables_found(document, printed_doc)
    table = assert_table_exact(document, printed_doc, printed_doc.tables[0])
    assert any("按支出功能分类科目列示" in normalize(n) for n in table.notes)
    assert document.pages[0].table_ids == [], "概况页不应被当作表格"


def test_printed_number_forms_stay_distinct(styled_pdfs):
    """Thousands separators, blanks, "-" and "0.00" are kept as printed, with their Decimal values."""
    printed = styled_pdfs["lines"].tables[0]
    table = find_table(read(styled_pdfs["lines"]), printed)
    body = table.body
    total = body[0][2]
    assert total.text == "1,826.31" and total.value == Decimal("1826.31") and total.decimals == 2
    assert body[3][2].value == Decimal("1099.62")
    dash = body[6][6]
    assert dash.text == "-" and dash.value is None and not dash.is_blank
    zero = body[7][5]
    assert zero.text == "0.00" and zero.value == Decimal("0.00") and zero.decimals == 2
    blank = body[8][5]
    assert blank.is_blank and blank.value is None
    assert body[2][0].text == "20801", "科目编码按印刷保留，不当作数值"


# ----------------------------------------------------------------------------- header forms


def test_vertical_header_text_is_read_as_one_label(vertical_header_pdf):
    document = read(vertical_header_pdf)
    (table,) = assert_tables_found(document, vertical_header_pdf)
    printed = vertical_header_pdf.tables[0]
    assert_table_exact(document, vertical_header_pdf, printed)
    labels = [normalize(x) for x in read_labels(table)]
    assert "本年收入政府性基金预算" in labels
    assert "上年结转结余单位资金" in labels


def test_wrapped_names_are_joined_without_separator(wrapped_names_pdf):
    document = read(wrapped_names_pdf)
    (table,) = assert_tables_found(document, wrapped_names_pdf)
    assert_table_exact(document, wrapped_names_pdf, wrapped_names_pdf.tables[0])
    texts = table.body_texts()
    assert texts[3][0] == "42010022503T000000163", "折行的项目编码应完整拼接"
    assert texts[3][1] == "社会保险业务工作经费"
    assert texts[3][2] == "武汉市人力资源和社会保障局江汉社会保险管理处"
    assert table.body[4][3].value == Decimal("0.00") and table.body[4][4].text == "-"


def test_codes_split_into_class_section_item_columns(split_codes_pdf):
    document = read(split_codes_pdf)
    (table,) = assert_tables_found(document, split_codes_pdf)
    assert_table_exact(document, split_codes_pdf, split_codes_pdf.tables[0])
    texts = table.body_texts()
    assert texts[3][:4] == ["208", "01", "01", "行政运行"]
    assert texts[2][:3] == ["208", "01", ""]
    labels = [normalize(x) for x in read_labels(table)]
    assert labels[:3] == ["科目编码类", "科目编码款", "科目编码项"]


# ----------------------------------------------------------------------------- across pages


def test_table_continued_over_pages_is_one_table(continued_pdf):
    document = read(continued_pdf)
    (table,) = assert_tables_found(document, continued_pdf)
    printed = continued_pdf.tables[0]
    assert len(printed.pages) >= 3
    assert_table_exact(document, continued_pdf, printed)
    header_words = {"科目编码", "科目名称"}
    assert not any(
        normalize(row[0]) in header_words or normalize(row[1]) in header_words for row in table.body_texts()
    ), "续页上重复的表头不应进入表体"
    assert not any("续" in normalize(row[1]) for row in table.body_texts())
    last = table.body[-1]
    assert last[0].page == printed.pages[-1]


def test_total_row_repeated_on_continuation_pages_is_kept_once(continued_total_row_pdf):
    """Wuhan prints the 合计 row again under the repeated header; it is one row of the table."""
    document = read(continued_total_row_pdf)
    (table,) = assert_tables_found(document, continued_total_row_pdf)
    printed = continued_total_row_pdf.tables[0]
    assert_table_exact(document, continued_total_row_pdf, printed)
    assert sum(1 for row in table.body_texts() if normalize(row[1]) == "合计") == 1


# ----------------------------------------------------------------------------- page arrangements


def test_two_tables_on_one_page(two_tables_pdf):
    document = read(two_tables_pdf)
    first, second = assert_tables_found(document, two_tables_pdf)
    for printed in two_tables_pdf.tables:
        assert_table_exact(document, two_tables_pdf, printed)
    assert first.pages == second.pages == [1]
    assert document.tables.index(first) < document.tables.index(second), "表格应按阅读顺序排列"
    assert first.body_texts() == [["2.00", "", "1.90", "", "1.90", "0.10"]]
    assert second.body[2][3].value == Decimal("-0.10")
    assert any("机关运行经费为单位公用经费" in normalize(n) for n in second.notes)
    assert not any("机关运行经费" in normalize(n) for n in first.notes), (
        "第二张表的标题不应成为第一张表的注释"
    )


def test_landscape_page(landscape_pdf):
    document = read(landscape_pdf)
    (table,) = assert_tables_found(document, landscape_pdf)
    assert_table_exact(document, landscape_pdf, landscape_pdf.tables[0])
    assert table.n_cols == 19
    assert document.pages[1].width > document.pages[1].height


def test_rotated_page_reads_like_an_upright_landscape_page(rotated_pdf):
    document = read(rotated_pdf)
    (table,) = assert_tables_found(document, rotated_pdf)
    printed = rotated_pdf.tables[0]
    assert_table_exact(document, rotated_pdf, printed)
    page = document.pages[printed.pages[0] - 1]
    assert page.rotation == 90
    assert table.body[3][3].value == Decimal("398.85")


def test_sideways_table_on_a_portrait_page(sideways_pdf):
    document = read(sideways_pdf)
    (table,) = assert_tables_found(document, sideways_pdf)
    printed = sideways_pdf.tables[0]
    assert_table_exact(document, sideways_pdf, printed)
    assert table.body[3][2].text == "武汉市人力资源和社会保障局江汉社会保险管理处"


def test_shaded_header_background_is_not_a_rule(shaded_header_pdf):
    document = read(shaded_header_pdf)
    assert_tables_found(document, shaded_header_pdf)
    assert_table_exact(document, shaded_header_pdf, shaded_header_pdf.tables[0])


def test_empty_table_with_only_a_note(empty_table_pdf):
    document = read(empty_table_pdf)
    first, empty = assert_tables_found(document, empty_table_pdf)
    assert_table_exact(document, empty_table_pdf, empty_table_pdf.tables[0])
    printed = empty_table_pdf.tables[1]
    assert_caption(empty, printed)
    assert_header(empty, printed)
    assert empty.is_empty
    assert all(cell.is_blank for row in empty.body for cell in row)
    assert any("本单位无政府性基金预算收支" in normalize(n) for n in empty.notes)
    assert first.pages == [1] and empty.pages == [2]


# ----------------------------------------------------------------------------- the shipped sample


@pytest.fixture(scope="session")
def sample_truth(pdf_dir) -> PrintedDocument:
    return sample_budget.build(pdf_dir / "sample-dept-budget.pdf")


def _page_texts(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_shipped_sample_matches_its_script(sample_truth):
    assert _page_texts(SAMPLE) == _page_texts(sample_truth.path), (
        "resources/sample-dept-budget.pdf 与 tests/helpers/sample_budget.py 不一致：请在仓库根目录运行 python3 -m tests.helpers.sample_budget"
    )


def test_sample_has_every_table_once(sample_truth):
    document = read(sample_truth)
    assert_tables_found(document, sample_truth)
    assert [t.number for t in document.tables] == [t.number for t in sample_truth.tables]


SAMPLE_NUMBERS = [spec.number for spec, _landscape in sample_budget.tables()]


@pytest.mark.parametrize(
    "number",
    SAMPLE_NUMBERS,
    ids=[n.replace("附表", "appendix").replace("表", "table") for n in SAMPLE_NUMBERS],
)
def test_sample_table_reads_as_printed(sample_truth, number):
    document = read(sample_truth)
    printed = next(t for t in sample_truth.tables if t.number == number)
    table = assert_table_exact(document, sample_truth, printed)
    for note in printed.notes:
        assert any(normalize(note) in normalize(n) for n in table.notes), f"{number} 缺少注释：{note}"
