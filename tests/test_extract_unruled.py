"""Tables whose structure is read from position: rules drawn as filled paths, tables without
any rule, headers in several bands. Each PDF is rendered by tests/helpers/pdfgen.py and the
reading is compared with what was printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Document, Table
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, PrintedTable, TableSpec, register_fonts, text_width

# 收支预算总表 as Jiangsu prints it: 支出 split into 功能分类 and 支出用途, each over a name
# and an amount column, while 项目名称 and 金额 of 收入 reach down through both bands.
SUMMARY_HEADER: list[list[H | str]] = [
    [H("收入", colspan=2), H("支出", colspan=4)],
    [H("项目名称", rowspan=2), H("金额", rowspan=2), H("功能分类", colspan=2), H("支出用途", colspan=2)],
    ["功能科目名称", "金额", "项目名称", "金额"],
]
SUMMARY_ROWS = [
    ["一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63"],
    ["1.一般公共预算", "27,664.22", "二、外交支出", "", "二、项目支出", "13,025.38"],
    ["2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "2,938.21"],
    ["二、财政专户管理资金", "", "四、公共安全支出", "", "", ""],
    ["三、其他资金", "", "八、社会保障和就业支出", "1,374.63", "", ""],
    ["", "", "十八、住房保障支出", "3,894.09", "", ""],
]


def _read(path: Path, spec: TableSpec, **kw) -> tuple[Document, PrintedTable]:
    builder = PdfBuilder(path)
    printed = builder.table(spec, **kw)
    builder.save()
    return read_document(path), printed


def _only_table(document: Document, printed: PrintedTable) -> Table:
    tables = [t for t in document.tables if normalize(t.title) == normalize(printed.title)]
    assert len(tables) == 1, f"读到的表格：{[t.title for t in document.tables]}"
    return tables[0]


def _header_grid(table: Table) -> list[list[str]]:
    return [["" if cell.covered else normalize(cell.text) for cell in row] for row in table.header]


def test_rules_drawn_as_filled_paths_separate_the_header_bands(tmp_path):
    """Excel's PDF export draws some borders as filled four-corner paths: they are rules like
    any other, so 功能分类 and 功能科目名称 stay in two header rows (not one cell
    "功能分类功能科目名称金额")."""
    spec = TableSpec("收支预算总表", SUMMARY_HEADER, SUMMARY_ROWS, style="filled_paths")
    document, printed = _read(tmp_path / "paths.pdf", spec, landscape=True)
    table = _only_table(document, printed)
    assert table.strategy == "ruled"
    assert _header_grid(table) == [[normalize(t) for t in row] for row in printed.header]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]


@pytest.mark.parametrize("style", ["no_rules", "three_line", "lines"])
def test_header_in_three_bands_reads_as_printed(tmp_path, style):
    spec = TableSpec("收支预算总表", SUMMARY_HEADER, SUMMARY_ROWS, style=style)
    document, printed = _read(tmp_path / f"{style}.pdf", spec, landscape=True)
    table = _only_table(document, printed)
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]


def _body(table: Table) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in table.body_texts()]


def _printed_body(printed: PrintedTable) -> list[list[str]]:
    return [[normalize(t) for t in row] for row in printed.body]


def test_group_label_between_its_columns_heads_no_column_of_its_own(tmp_path):
    """Without rules, '支出用途' centred over 项目名称 | 金额 (and standing over neither's
    text) groups them: the table keeps four columns."""
    header: list[list[H | str]] = [
        [H("收入", colspan=2), H("支出", colspan=2)],
        [H("项目名称", rowspan=2), H("金额", rowspan=2), H("支出用途", colspan=2)],
        ["项目名称", "金额"],
    ]
    body = [
        ["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"],
        ["二、政府性基金预算", "", "二、项目支出", "11,343.27"],
        ["", "", "三、单位预留机动经费", "3,258.06"],
        ["收入合计", "33,172.15", "支出合计", "33,172.15"],
    ]
    spec = TableSpec("财政拨款收支预算总表", header, body, style="no_rules")
    document, printed = _read(tmp_path / "group.pdf", spec)
    table = _only_table(document, printed)
    assert table.n_cols == 4
    assert _body(table) == _printed_body(printed)


def test_rows_without_amounts_after_the_last_figure_stay_in_the_table(tmp_path):
    """收入预算总表 printed without rules ends in rows with a name and no figure: they
    start where the table's names start, at its line pitch, so they are its rows."""
    header: list[list[H | str]] = [[H("项目名称", colspan=2), "金额"]]
    body = [
        ["收入总计", "", "33,172.15"],
        ["一般公共预算资金", "小计", "33,172.15"],
        ["", "公共财政拨款(补助)资金", "33,172.15"],
        ["", "专项收入", ""],
        ["政府性基金", "小计", ""],
        ["其他资金", "小计", ""],
        ["", "事业收入", ""],
        ["", "其中：动用上年结转和结余资金", ""],
    ]
    spec = TableSpec("收入预算总表", header, body, style="no_rules", notes=["注：本表为公开样表。"])
    document, printed = _read(tmp_path / "trailing.pdf", spec)
    table = _only_table(document, printed)
    assert _body(table) == _printed_body(printed)


SUMMARY_NARROW_ROWS = [
    ["一、本年收入", "1826.31", "一、本年支出", "1826.31"],
    ["（一）一般公共预算拨款", "1826.31", "（一）一般公共服务支出", ""],
    ["（二）政府性基金预算拨款", "", "（二）公共安全支出", ""],
    ["二、上年结转", "", "（三）社会保障和就业支出", "1452.43"],
    ["", "", "（四）卫生健康支出", "190.28"],
    ["", "", "（五）住房保障支出", "183.59"],
    ["", "", "（廿一）其他支出", ""],
    ["", "", "（廿二）债务还本支出", ""],
    ["", "", "二、年终结转结余", ""],
    ["收    入    总    计", "1826.31", "支    出    总    计", "1826.31"],
]


def test_names_wrapped_in_narrow_columns_without_rules(tmp_path):
    """Narrow columns: each long name wraps over two lines and its amount, centred on the
    row, stands on a line of its own between them; names start right after the amounts of
    the column before. Every row is read whole, the empty rows at the end included, and a
    total label spread over its cell stays one label."""
    # As narrow as an office suite sets them: the widest figure or seven characters, padded.
    register_fonts()
    amount = text_width("1826.31", 9.0) + 8.0
    widths = [7 * 9.0 + 8.0, amount, 7 * 9.0 + 8.0, amount]
    header: list[list[H | str]] = [[H("收    入", colspan=2), H("支    出", colspan=2)], ["项目", "预算数", "项目", "预算数"]]
    spec = TableSpec(
        "财政拨款收支总表", header, SUMMARY_NARROW_ROWS, style="no_rules", col_widths=widths, fill_width=False
    )
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    printed = builder.table(spec)
    drawn = builder.save().pages[0].lines
    assert "（一）一般公共预算拨款" not in drawn and "（一）一般公共" in drawn, "the names wrap"
    document = read_document(tmp_path / "narrow.pdf")
    table = _only_table(document, printed)
    assert _body(table) == _printed_body(printed)


def test_justified_running_text_with_figures_is_not_a_table(tmp_path):
    """Running text justified to the margins leaves wide gaps around figures ('2019 年度');
    the figures stand wherever the words put them, in no column: the page holds no table."""
    builder = PdfBuilder(tmp_path / "prose.pdf")
    page = builder.new_page()
    lines = [
        ["反映江苏省高级人民法院", "2019", "年度一般公共预算资金安排的"],
        ["“三公”经费情况"],
        ["江苏省高级人民法院", "2019", "年度一般公共预算拨款安排的“三"],
        ["公”经费预算支出中，因公出国（境）费支出", "160", "万元"],
        ["经费的", "51.93%", "公务接待费支出", "86.95", "万元"],
    ]
    for k, words in enumerate(lines):
        # Justified: the words spread over the full measure, the gaps shared out evenly.
        widths = [text_width(w, 12.0) for w in words]
        gap = (480.0 - sum(widths)) / max(1, len(words) - 1) if len(words) > 1 else 0.0
        x = 60.0 + (k % 2) * 24.0
        for word, width in zip(words, widths):
            page.text(x, 120.0 + 22.0 * k, word, 12.0)
            x += width + gap
    builder.table(TableSpec("收支预算总表", SUMMARY_HEADER, SUMMARY_ROWS, style="lines"), landscape=True)
    builder.save()
    document = read_document(tmp_path / "prose.pdf")
    assert document.pages[0].table_ids == []
    assert [normalize(t.title) for t in document.tables] == ["收支预算总表"]


def test_empty_columns_headed_across_all_bands_are_kept(tmp_path):
    """收入决算表 without rules: 上级补助收入 … 附属单位上缴收入 are printed from the header's
    top band to its foot and hold nothing in the body; the lowest band holds only 科目编码.
    Each label still heads its own column, so the figures stay in theirs."""
    header: list[list[H | str]] = [
        [H("项目", colspan=4), H("本年收入合计", rowspan=3), H("财政拨款收入", rowspan=3), H("上级补助收入", rowspan=3),
         H("事业收入", rowspan=3), H("经营收入", rowspan=3), H("附属单位上缴收入", rowspan=3), H("其他收入", rowspan=3)],
        [H("支出功能分类", colspan=3), H("科目名称", rowspan=2)],
        [H("科目编码", colspan=3)],
    ]
    body = [
        ["类", "款", "项", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"],
        ["201", "", "", "一般公共服务支出", "2,112.86", "2,106.66", "", "", "", "", "6.20"],
        ["201", "06", "", "财政事务", "2,112.86", "2,106.66", "", "", "", "", "6.20"],
        ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"],
        ["208", "", "", "社会保障和就业支出", "326.72", "326.72", "", "", "", "", ""],
        ["208", "05", "", "行政事业单位养老支出", "326.72", "326.72", "", "", "", "", ""],
    ]
    spec = TableSpec("收入决算表", header, body, style="no_rules")
    document, printed = _read(tmp_path / "empty-columns.pdf", spec, landscape=True)
    table = _only_table(document, printed)
    assert table.n_cols == 11
    assert _body(table) == _printed_body(printed)


def test_empty_three_line_table_with_a_deep_header_is_found(tmp_path):
    """A three-line table holding only '无' and 合计 under a header of four bands whose
    texts are typed over several lines: framed by its rules, it is a table."""
    header: list[list[H | str]] = [
        [H("栏目", colspan=4), H("政府性基金预算支出", colspan=3)],
        [H("项目", colspan=7)],
        [H("功能分类科目编码", colspan=3), H("功能分类科目名称", rowspan=2), H("合计", rowspan=2),
         H("基本支出", rowspan=2), H("项目支出", rowspan=2)],
        ["类", "款", "项"],
    ]
    body = [["无", "", "", "", "", "", ""], ["合计", "", "", "", "", "", ""]]
    spec = TableSpec(
        "2026年部门政府性基金预算支出功能分类预算表", header, body, unit="元", style="three_line", header_line_count=3
    )
    document, printed = _read(tmp_path / "empty-deep.pdf", spec)
    table = _only_table(document, printed)
    assert _body(table) == _printed_body(printed)
