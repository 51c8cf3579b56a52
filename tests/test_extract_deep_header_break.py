"""Tables of figures printed without rules under a deep header (a '栏目' band over the
labels, labels typed over several lines) and broken by pages. The header's lines stagger:
'2024 年预算数' wraps at its digits ('202' | '4 年' | '预算数'), '金额' stands between the
lines of '项目' | '名称', '经济' | '分类' | '科目' runs beside the rows of the other labels.
The officer still sees every row once, on all the table's pages, the name the page broke
('维修（' | '护）费') whole."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import CELL_PAD_X, H, PdfBuilder, TableSpec


def _chars_wide(n: int) -> float:
    """A column whose names wrap at n characters."""
    return n * 9.0 + 2 * CELL_PAD_X + 1.0


def _read(path, title: str) -> tuple[list[int], list[list[str]]]:
    [table] = [t for t in read_document(path).tables if normalize(t.title) == title]
    return table.pages, [[normalize(t) for t in row] for row in table.body_texts()]


def _joined(body: list[list[str]], r: int) -> list[list[str]]:
    """The printed rows r and r + 1 (one row broken by the page) as one."""
    out = [list(row) for row in body]
    out[r : r + 2] = [[a + b for a, b in zip(out[r], out[r + 1])]]
    return [[normalize(t) for t in row] for row in out]


def test_page_of_rows_without_figures_under_a_deep_header_carries_the_table_on(tmp_path):
    """Page 2 holds only the repeated header (its year wrapped at the digits) and 收入 rows
    without figures: it belongs to the table, whose totals follow on page 3."""
    title = "收支预算总表"
    header: list = [
        [H("栏目", colspan=4)],
        [H("收入", colspan=2), H("支出", colspan=2)],
        ["项目", "2024 年预算数", "项目", "2024 年预算数"],
    ]
    body = [
        ["一、财政拨款收入", "5,905.48", "一、社会保障和就业支出", "5,401.46"],
        ["一般公共预算拨款收入", "5,905.48", "二、卫生健康支出", "207.76"],
        ["政府性基金预算拨款收入", "", "三、住房保障支出", "296.26"],
        ["二、事业收入", "", "", ""],
        ["附属单位上缴收入", "", "", ""],  # page 2: no figures at all
        ["其他收入", "", "", ""],
        ["本年收", "", "", ""],  # the name the page broke
        ["入合计", "5,905.48", "本年支出合计", "5,905.48"],  # page 3
        ["收入总计", "5,905.48", "支出总计", "5,905.48"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(title, header, body, style="no_rules", col_widths=[_chars_wide(3), 60.0, 200.0, 60.0],
                     break_before=(4, 7), header_line_count=3)
    assert builder.table(spec).pages == [1, 2, 3]
    pages, read = _read(builder.save().path, title)
    assert pages == [1, 2, 3]
    assert read == _joined(body, 6)


def test_one_row_under_a_staggered_header_starts_the_table_on_its_page(tmp_path):
    """The first page holds one row of figures under '栏目' | '项目' '名称' | '金额' (no line
    with two labels) and the first line of a name the page broke: the table starts there,
    under its title, its total kept."""
    title = "收入预算总表"
    header: list = [[H("栏目", colspan=2), H("金额", rowspan=2)], [H("项目名称", colspan=2)]]
    body = [
        ["收入总计", "", "33,172.15"],
        ["一般公共", "", ""],  # the name the page broke
        ["预算资金", "小计", "33,172.15"],  # page 2
        ["", "公共财政拨款(补助)资金", "33,172.15"],
        ["", "专项收入", ""],
        ["政府性基金", "小计", ""],  # wraps where the broken name did
        ["其他资金", "小计", ""],
        ["", "事业收入", ""],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(title, header, body, style="no_rules", col_widths=[_chars_wide(4), 200.0, 120.0],
                     break_before=(2,), header_line_count=2)
    assert builder.table(spec).pages == [1, 2]
    pages, read = _read(builder.save().path, title)
    assert pages == [1, 2]
    assert read == _joined(body, 1)


def test_page_of_a_deep_header_and_a_broken_name_joins_the_table(tmp_path):
    """Page 2 holds the repeated header, '经济分类科目' wrapped beside the other labels, and
    only the first line of a name the page broke; its figures top page 3. One table, the
    name whole on one row with its figures."""
    title = "一般公共预算基本支出预算表"
    header: list = [
        [H("栏目", colspan=4)],
        [H("经济分类科目", rowspan=2), H("合计", rowspan=2), H("人员经费", rowspan=2), H("公用经费", rowspan=2)],
        [],
    ]
    body = [
        ["办公费", "39.10", "", "39.10"],
        ["印刷费", "2.95", "", "2.95"],
        ["水费", "6.20", "", "6.20"],
        ["维修（", "", "", ""],  # page 2: the name the page broke
        ["护）费", "6.90", "", "6.90"],  # page 3
        ["租赁费", "6.00", "", "6.00"],
        ["会议费", "7.60", "", "7.60"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(title, header, body, style="no_rules", col_widths=[_chars_wide(3), 80.0, 80.0, 80.0],
                     break_before=(3, 4), header_line_count=3)
    assert builder.table(spec).pages == [1, 2, 3]
    pages, read = _read(builder.save().path, title)
    assert pages == [1, 2, 3]
    assert read == _joined(body, 3)
