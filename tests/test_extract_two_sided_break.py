"""A 收支总表 (收入 | 支出 side by side) printed without rules and broken by pages: the 收入
side's names wrap in a narrow column, and the page breaks one of them ('本年收' | '入合计').
A page may then hold nothing but the repeated header and the 收入 side's rows without
figures (the 支出 side ended on the page before); the next page carries the totals. The
officer sees every row once, the broken name whole, on the table's three pages."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import CELL_PAD_X, H, PdfBuilder, TableSpec

TITLE = "收支预算总表"
HEADER: list = [[H("收入", colspan=2), H("支出", colspan=2)], ["项目", "预算数", "项目", "预算数"]]
NAME_WIDTH = 3 * 9.0 + 2 * CELL_PAD_X + 1.0  # three characters a line: the names wrap
WIDTHS = [NAME_WIDTH, 90.0, 200.0, 90.0]


def _read(path) -> tuple[list[int], list[list[str]]]:
    [table] = [t for t in read_document(path).tables if normalize(t.title) == TITLE]
    return table.pages, [[normalize(t) for t in row] for row in table.body_texts()]


def _joined(body: list[list[str]], r: int) -> list[list[str]]:
    """The printed rows r and r + 1 (one row broken by the page) as one."""
    out = [list(row) for row in body]
    out[r : r + 2] = [[a + b for a, b in zip(out[r], out[r + 1])]]
    return [[normalize(t) for t in row] for row in out]


def test_page_of_rows_without_figures_under_the_repeated_header_carries_the_table_on(tmp_path):
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
    printed = builder.table(TableSpec(TITLE, HEADER, body, style="no_rules", col_widths=WIDTHS, break_before=(4, 7)))
    assert printed.pages == [1, 2, 3]
    pages, read = _read(builder.save().path)
    assert pages == [1, 2, 3]
    assert read == _joined(body, 6)


def test_continuation_page_whose_total_row_starts_with_its_figure_is_read(tmp_path):
    """On the next page the names wrap around their figures, and the total row's line starts
    with the figure (its name '收入总' | '计' on lines of its own)."""
    body = [
        ["一、财政拨款收入", "96,282,213.44", "一、公共安全支出", "87,267,272.44"],
        ["1.一般公共预算", "96,282,213.44", "二、社会保障和就业支出", "3,343,704.00"],
        ["2.政府性基金预算", "0.00", "三、卫生健康支出", "1,149,678.00"],
        ["二、事", "", "", ""],  # the name the page broke
        ["业收入", "0.00", "", ""],
        ["三、事业单位经营收入", "0.00", "", ""],
        ["四、其他收入", "0.00", "", ""],
        ["收入总计", "96,282,213.44", "支出总计", "96,282,213.44"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    printed = builder.table(TableSpec(TITLE, HEADER, body, unit="元", style="no_rules", col_widths=WIDTHS, break_before=(4,)))
    assert printed.pages == [1, 2]
    pages, read = _read(builder.save().path)
    assert pages == [1, 2]
    assert read == _joined(body, 3)


def test_rows_without_figures_under_another_header_stay_out_of_the_table(tmp_path):
    """The next page starts with labels standing in the table's columns that are not its
    header (another grid, no title): no continuation — the table keeps its own rows only."""
    body = [
        ["一、财政拨款收入", "5,905.48", "一、社会保障和就业支出", "5,401.46"],
        ["一般公共预算拨款收入", "5,905.48", "二、卫生健康支出", "207.76"],
        ["收入总计", "5,905.48", "支出总计", "5,905.48"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    builder.table(TableSpec(TITLE, HEADER, body, style="no_rules", col_widths=WIDTHS))
    other_header: list = [["名称", "联系人", "联系地址", "联系电话"]]
    other_body = [["附属单位上缴收入", "", "", ""], ["其他收入", "", "", ""]]
    other = builder.table(TableSpec("", other_header, other_body, unit=None, style="no_rules", col_widths=WIDTHS))
    assert other.pages == [2]
    pages, read = _read(builder.save().path)
    assert pages == [1]
    assert read == [[normalize(t) for t in row] for row in body]


def test_economic_table_side_name_broken_under_a_header_run_together(tmp_path):
    """A two-sided 经济分类 table (类 | 款 | 科目名称 | 决算数 on each side) whose left names
    wrap in a narrow column: the header's labels over it run together in that column, wider
    than its names, yet the name the page broke ('个人农' | '业生产补贴') is one row."""
    header: list = [
        [H("经济分类", colspan=2), H("科目名称", rowspan=3), H("决算数", rowspan=3),
         H("经济分类", colspan=2), H("科目名称", rowspan=3), H("决算数", rowspan=3)],
        [H("科目编码", colspan=2), H("科目编码", colspan=2)],
        ["类", "款", "类", "款"],
    ]
    body = [
        ["301", "", "工资福利支出", "2,082.85", "302", "", "商品和服务支出", "171.07"],
        ["301", "99", "其他工资福利支出", "91.03", "302", "14", "租赁费", ""],
        ["303", "", "对个人和家庭的补助", "69.41", "302", "15", "会议费", ""],
        ["303", "01", "离休费", "", "302", "16", "培训费", "4.05"],
        ["303", "02", "退休费", "69.10", "302", "17", "公务接待费", ""],
        ["303", "09", "奖励金", "0.31", "302", "28", "工会经费", "24.42"],
        ["303", "10", "个人农", "", "", "", "", ""],  # the name the page broke
        ["", "", "业生产补贴", "", "302", "29", "福利费", "42.77"],
        ["303", "11", "代缴社会保险费", "", "302", "31", "公务用车运行维护费", ""],
        ["人员经费合计", "", "", "2,222.36", "公用经费合计", "", "", "242.25"],
    ]
    title = "一般公共预算财政拨款基本支出决算表"
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(title, header, body, style="no_rules", col_widths=[120, 57, 42, 80, 123, 55, 229, 50],
                     break_before=(7,))
    assert builder.table(spec, landscape=True).pages == [1, 2]
    [table] = [t for t in read_document(builder.save().path).tables if normalize(t.title) == title]
    assert table.pages == [1, 2]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == _joined(body, 6)


SPENDING_WRAPPED = ["（十八）粮油物资储备支出", "（十九）国有资本经营预算支出", "（二十）灾害防治及应急管理支出",
                    "（廿一）其他支出", "（廿二）债务还本支出", "（廿三）债务付息支出"]


def test_empty_rows_kept_on_a_continuation_page_of_wrapped_names(tmp_path):
    """The page carrying the table on holds, between its first and last one-line rows, only
    names wrapped over lines: the empty rows printed around '二、年终结转结余' stay rows."""
    body = [
        ["一、本年收入", "1,826.31", "一、本年支出", "1,826.31"],
        ["（一）一般公共预算拨款", "1,826.31", "（一）社会保障和就业支出", "1,452.43"],
        ["（二）政府性基金预算拨款", "", "（二）卫生健康支出", "190.28"],
        ["", "", "预备费", "183.59"],  # page 2: its first row and its last on one line
        *[["", "", name, ""] for name in SPENDING_WRAPPED],
        ["", "", "", ""],
        ["", "", "二、年终结转结余", ""],
        ["", "", "", ""],
        ["收入总计", "1,826.31", "支出总计", "1,826.31"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    widths = [170.0, 90.0, 60.0, 90.0]  # the 支出 names wrap at six characters
    printed = builder.table(TableSpec(TITLE, HEADER, body, style="no_rules", col_widths=widths, break_before=(3,)))
    assert printed.pages == [1, 2]
    pages, read = _read(builder.save().path)
    assert pages == [1, 2]
    assert read == [[normalize(t) for t in row] for row in body]


def test_empty_row_kept_among_the_few_rows_ending_a_table_on_its_page(tmp_path):
    """Three rows end the table on the next page, an empty one printed among them: with so
    few steps between rows, the smaller step is the pitch and the wider one holds the row."""
    body = [
        ["一、本年收入", "5,905.48", "一、本年支出", "5,905.48"],
        ["一般公共预算拨款", "5,905.48", "（一）社会保障和就业支出", "5,401.46"],
        ["政府性基金预算拨款", "", "（二）卫生健康支出", "207.76"],
        ["国有资本经营预算拨款", "", "（三）住房保障支出", "296.26"],  # page 2
        ["", "", "", ""],
        ["", "", "二、结转下年", ""],
        ["收入总计", "5,905.48", "支出总计", "5,905.48"],
    ]
    builder = PdfBuilder(tmp_path / "t.pdf")
    printed = builder.table(TableSpec(TITLE, HEADER, body, style="no_rules", break_before=(3,)))
    assert printed.pages == [1, 2]
    pages, read = _read(builder.save().path)
    assert pages == [1, 2]
    assert read == [[normalize(t) for t in row] for row in body]
