"""The exported workbook as an officer opens it: real figures (corrected where corrected), codes
with their leading zeros, the printed value in a comment, valid sheet names, the findings and
the change log — read back with openpyxl and with pandas."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from desktopapp.core.edits import EditLog
from desktopapp.export.sheet_names import SheetNamer
from desktopapp.export.xlsx import export_workbook
from desktopapp.tables.structure import structure_of
from tests.helpers.export_samples import sample_document, sample_findings

FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@pytest.fixture()
def exported(tmp_path):
    document = sample_document()
    log = EditLog(document)
    log.set_value("T1", 2, 4, "1,209.60", reason="核对原始凭证")
    log.set_value("T2", 2, 4, "0", reason="空白应为零")  # a correction of a blank cell
    log.set_value("T3", 0, 1, "96,282,213.45")
    log.undo()
    findings = sample_findings()
    path = tmp_path / "审核结果.xlsx"
    export_workbook(document, findings, log.changes, path)
    return document, findings, log.changes, path


def _sheet_names(workbook) -> list[str]:
    return [ws.title for ws in workbook.worksheets[1:-3]]  # after 审核意见, before the review's sheets


def _expected_cells(document):
    """(table, body row, col, kind, expected) for every body cell."""
    for table in document.tables:
        codes = structure_of(table).code_columns
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                text = cell.text.strip()
                if c in codes and text:
                    yield table, r, c, "code", text
                elif cell.amount is not None:
                    yield table, r, c, "number", cell.amount
                elif text:
                    yield table, r, c, "text", text
                else:
                    yield table, r, c, "blank", None


def test_every_figure_code_and_text_reads_back_with_openpyxl(exported):
    document, _, _, path = exported
    workbook = openpyxl.load_workbook(path)
    names = _sheet_names(workbook)
    assert len(names) == len(document.tables)
    checked = {"code": 0, "number": 0, "text": 0, "blank": 0}
    for table, r, c, kind, expected in _expected_cells(document):
        ws = workbook[names[document.tables.index(table)]]
        cell = ws.cell(row=3 + len(table.header) + r, column=c + 1)
        checked[kind] += 1
        if kind == "number":
            assert isinstance(cell.value, (int, float)), (table.id, r, c, cell.value)
            assert Decimal(str(cell.value)) == expected, (table.id, r, c)
        elif kind == "blank":
            assert cell.value is None, (table.id, r, c, cell.value)
        else:
            assert cell.value == expected and isinstance(cell.value, str), (table.id, r, c, cell.value)
        if kind == "code":
            assert cell.number_format == "@"
    assert min(checked.values()) > 0
    t1 = workbook[names[0]]
    assert [t1.cell(row=8, column=c).value for c in (1, 2, 3)] == ["208", "01", "01"]
    assert t1["E8"].value == pytest.approx(1209.60) and t1["E8"].number_format == "#,##0.00"
    assert t1["G8"].value == "-"
    t2 = workbook[names[1]]
    assert t2["A6"].value == "2080101" and t2["E6"].value == 0  # corrected from blank
    t3 = workbook[names[2]]
    assert t3["B5"].value == pytest.approx(96282213.44) and t3["B5"].comment is None  # undone
    t4 = workbook[names[3]]
    assert t4["B4"].value == 0 and t4["B4"].number_format == "#,##0"


def test_corrected_cells_carry_the_printed_value_in_a_comment(exported):
    _, _, _, path = exported
    workbook = openpyxl.load_workbook(path)
    t1, t2 = (workbook[n] for n in _sheet_names(workbook)[:2])
    assert t1["E8"].comment.text.startswith("原印刷值：1,209.58")
    assert t2["E6"].comment.text.startswith("原印刷值：（空）")
    assert t1["E8"].font.b and t1["E7"].comment is None


def test_pandas_reads_the_same_figures_and_codes(exported):
    document, _, _, path = exported
    frames = pd.read_excel(path, sheet_name=None, header=None, dtype=object)
    names = list(frames)[1 : 1 + len(document.tables)]  # after 审核意见
    for table, r, c, kind, expected in _expected_cells(document):
        frame = frames[names[document.tables.index(table)]]
        value = frame.iat[2 + len(table.header) + r, c]
        if kind == "number":
            assert Decimal(str(value)) == expected, (table.id, r, c, value)
        elif kind == "blank":
            assert pd.isna(value), (table.id, r, c, value)
        else:
            assert value == expected, (table.id, r, c, value)


def test_sheet_names_are_valid_unique_and_say_which_table(exported):
    _, _, _, path = exported
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    assert names[0] == "审核意见" and names[-3:] == ["校验结果", "修改记录", "说明"]
    assert names[1] == "表3 部门支出预算总表"  # year and organization dropped
    assert names[2] == "表5 一般公共预算支出表"
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not FORBIDDEN.search(name), name
        assert not name.startswith("'") and not name.endswith("'")
    assert names[4].startswith("4 ") and names[5].startswith("5 ")  # unnumbered: by position


def test_sheet_namer_never_repeats_and_stays_short():
    namer = SheetNamer(reserved=("说明",))
    long = "一般公共预算财政拨款基本支出决算明细表（按经济分类科目）附表甲乙丙"
    names = [namer.name(long) for _ in range(12)] + [namer.name("说明"), namer.name("History")]
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)
    assert names[1].endswith("(2)") and names[-2] == "说明(2)"


def test_title_unit_line_merged_header_and_layout(exported):
    document, _, _, path = exported
    workbook = openpyxl.load_workbook(path)
    ws = workbook[_sheet_names(workbook)[0]]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].value == "表3 2026年样例区司法局部门支出预算总表" and ws["A1"].font.b
    assert "A1:G1" in merged
    assert ws["G2"].value == "单位：万元"
    assert {"A3:D3", "E3:G3", "A4:C4", "D4:D5", "E4:E5", "F4:F5", "G4:G5"} <= merged
    assert [ws.cell(row=5, column=c).value for c in (1, 2, 3)] == ["类", "款", "项"]
    assert ws["E3"].border.top.style == "thin" and ws["E9"].border.left.style == "thin"
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$3:$5"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    # the long Chinese name column is about twice as wide as its character count would suggest
    assert ws.column_dimensions["D"].width >= 2 * len("人力资源和社会保障管理事务")
    assert ws.column_dimensions["B"].width < 10
    # the inferred header of the two-sided summary table
    t3 = workbook[_sheet_names(workbook)[2]]
    assert {"A3:B3", "C3:D3"} <= {str(r) for r in t3.merged_cells.ranges}
    assert t3["D2"].value == "单位：元"
    assert t3["A9"].value == "注：本表按收付实现制口径编列。" and "A9:D9" in {str(r) for r in t3.merged_cells.ranges}
    # the error finding paints its cells
    assert ws["E7"].fill.fgColor.rgb.endswith("F8CBAD")


def test_findings_sheet_lists_every_finding_with_a_link_to_its_cell(exported):
    _, findings, _, path = exported
    workbook = openpyxl.load_workbook(path)
    ws = workbook["校验结果"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings)
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in header}
    assert [r[col["严重程度"]] for r in rows] == ["错误", "警告", "提示"]
    first = rows[0]
    assert first[col["表格"]] == "表3 2026年样例区司法局部门支出预算总表"
    assert first[col["行"]] == 2 and first[col["项目"]] == "20801 人力资源和社会保障管理事务"
    assert first[col["栏目"]] == "支出预算/合计"
    assert Decimal(str(first[col["应为"]])) == Decimal("1608.45")
    assert rows[2][col["原文"]] == "2026年收支总预算9628.22万元"
    link = ws.cell(row=2, column=col["定位"] + 1).hyperlink
    assert link.location == "'表3 部门支出预算总表'!E7"
    assert ws.cell(row=4, column=col["定位"] + 1).hyperlink is None  # narrative: no cell


def test_change_log_sheet_has_the_net_changes_then_every_change(exported):
    _, _, changes, path = exported
    ws = openpyxl.load_workbook(path)["修改记录"]
    rows = list(ws.iter_rows(min_row=1, values_only=True))
    header = list(rows[0])
    col = {name: header.index(name) for name in header if name}
    net = rows[1:3]  # two cells stay corrected: the third correction was undone
    assert rows[3][0] is None and rows[4][0].startswith("全部修改历史")
    assert net[0][col["原印刷值"]] == "1,209.58" and Decimal(str(net[0][col["现值"]])) == Decimal("1209.60")
    assert net[0][col["原因"]] == "核对原始凭证" and net[0][col["项目"]] == "2080101 行政运行"
    assert net[1][col["原因"]] == "空白应为零" and net[1][col["修改次数"]] == 1
    history_header = list(rows[5])
    hcol = {name: history_header.index(name) for name in history_header if name}
    history = rows[6:]
    assert len(history) == len(changes) == 4
    assert Decimal(str(history[0][hcol["修改后"]])) == Decimal("1209.60")
    assert history[3][hcol["修改后"]] == "（恢复原印刷值）" and history[3][hcol["原因"]] == "撤销"
    assert [r[hcol["操作"]] for r in history] == ["修改", "修改", "修改", "撤销"]
    link = ws.cell(row=2, column=col["定位"] + 1).hyperlink
    assert link is not None and link.location.endswith("!E8")  # the corrected cell


def test_about_sheet_names_the_source(exported):
    document, _, _, path = exported
    ws = openpyxl.load_workbook(path)["说明"]
    facts = {row[0]: row[1] for row in ws.iter_rows(min_row=3, values_only=True) if row[0] and row[1]}
    import desktopapp

    assert facts["源文件"] == "样例部门预算.pdf" and facts["SHA-256"] == document.sha256
    assert facts["页数"] == 12 and facts["文件类型"] == "部门预算" and facts["年度"] == "2026"
    assert facts["单位名称"] == "样例区司法局" and desktopapp.__version__ in facts["程序版本"]
    assert facts["导出时间"] is not None


def test_cli_style_call_without_changes_and_without_tables(tmp_path):
    """`check --xlsx` passes no change log; a document without tables still gives a workbook."""
    document = sample_document()
    export_workbook(document, [], [], tmp_path / "out" / "x.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "out" / "x.xlsx")
    assert workbook["校验结果"]["A2"].value == "未发现问题。"
    document.tables.clear()
    export_workbook(document, [], [], tmp_path / "empty.xlsx")
    assert openpyxl.load_workbook(tmp_path / "empty.xlsx").sheetnames == ["审核意见", "校验结果", "修改记录", "说明"]


def test_text_starting_with_equals_stays_text(tmp_path):
    document = sample_document()
    document.table("T1").body[4][0].text = "=SUM(A1:A3)"
    export_workbook(document, [], [], tmp_path / "x.xlsx")
    with zipfile.ZipFile(tmp_path / "x.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in xml and "<t>=SUM(A1:A3)</t>" in xml


def test_no_temporary_file_is_left_behind(exported):
    _, _, _, path = exported
    assert sorted(p.name for p in Path(path).parent.iterdir()) == [Path(path).name]


def test_findings_show_the_rule_names_of_the_catalog(tmp_path):
    export_workbook(sample_document(), sample_findings(), [], tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["校验结果"]
    assert ws["C2"].value == "科目层级汇总" and ws["C3"].value == "行内合计关系"
    export_workbook(sample_document(), sample_findings(), [], tmp_path / "y.xlsx", rule_names={})
    assert openpyxl.load_workbook(tmp_path / "y.xlsx")["校验结果"]["C2"].value == "code_hierarchy_sum"


def test_figures_are_stored_digit_for_digit(tmp_path):
    """No float on the way: the file holds "623324177.57", not "623324177.5700001"."""
    document = sample_document()
    document.table("T3").body[1][1].value = Decimal("623324177.57")
    document.table("T3").body[1][3].corrected = Decimal("8746472232.63")
    export_workbook(document, [], [], tmp_path / "x.xlsx")
    with zipfile.ZipFile(tmp_path / "x.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet4.xml").decode()
    assert "<v>623324177.57</v>" in xml and "<v>8746472232.63</v>" in xml
    assert "<v>96282213.44</v>" in xml


def test_inconsistent_recorded_spans_never_overlap(tmp_path):
    """A reader's spans that collide are clipped: overlapping merges make Excel repair the file."""
    document = sample_document()
    header = document.table("T1").header
    header[1][3].col_span = 3  # 科目名称 claims 合计 and 基本支出, which have their own boxes
    header[0][4].row_span = 3  # 支出预算 claims the rows below it
    export_workbook(document, [], [], tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[1]
    boxes = [set(c for row in r.cells for c in [row]) for r in ws.merged_cells.ranges]
    cells = [cell for box in boxes for cell in box]
    assert len(cells) == len(set(cells))
