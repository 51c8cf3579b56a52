"""The 审核意见 and the workbook as the officer signs and sends them: marks counted, 非问题 apart,
corrections net per cell, the document's facts as the window shows them; the workbook's 审核意见,
标记 and 说明 sheets; the clean export for upstream."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktopapp.core.edits import EditLog
from desktopapp.core.marks import FindingMark, Verdict, finding_key
from desktopapp.export.review_report import build_review_report, corrected_cells, report_html
from desktopapp.export.xlsx import export_clean_workbook, export_workbook
from desktopapp.extract import read_document
from desktopapp.extract.docinfo import correct_fact
from tests.helpers.export_samples import sample_document, sample_findings
from tests.helpers.pdfgen import PdfBuilder, TableSpec


@pytest.fixture()
def reviewed():
    """Two corrections of one cell (the last one stands), one undone, three findings marked."""
    document = sample_document()
    log = EditLog(document)
    log.set_value("T1", 2, 4, "1,209.59", reason="初改")
    log.set_value("T1", 2, 4, "1,209.60", reason="核对原始凭证")
    log.set_value("T3", 0, 1, "96,282,213.45", reason="试改")
    log.undo()
    findings = sample_findings()
    marks = {
        finding_key(findings[0]): FindingMark(Verdict.DISMISSED, "尾差，可接受"),
        finding_key(findings[1]): FindingMark(Verdict.CONFIRMED, "请单位更正"),
    }
    return document, findings, log.changes, marks


def test_the_report_counts_marks_and_lists_dismissed_findings_apart(reviewed):
    document, findings, changes, marks = reviewed
    report = build_review_report(document, findings, changes, marks, program="desktopapp 9")
    assert report.mark_counts == {"确有问题": 1, "非问题": 1, "待确认": 0, "未标记": 1}
    assert [f.mark for f in report.open_findings] == ["确有问题", "未标记"]
    assert [f.number for f in report.open_findings] == [1, 2]
    [dismissed] = report.dismissed
    assert dismissed.mark == "非问题" and dismissed.note == "尾差，可接受"
    assert dismissed.message == findings[0].message and dismissed.page == "7"
    assert "人力资源和社会保障管理事务" in dismissed.place
    assert ("审核标记", "确有问题 1 个，非问题 1 个，待确认 0 个，未标记 1 个") in report.summary
    assert ("校验程序", "desktopapp 9") in report.checked


def test_corrections_are_net_per_cell_with_the_reason_of_the_last(reviewed):
    document, findings, changes, marks = reviewed
    assert len(changes) == 4  # the history keeps every step
    report = build_review_report(document, findings, changes, marks)
    [change] = report.changes  # the undone one is gone, the cell changed twice is one line
    assert (change.printed, change.final, change.reason) == ("1,209.58", "1,209.60", "核对原始凭证")
    assert "行政运行" in change.place and change.table.startswith("表3")
    assert [c.final for c in corrected_cells(document, changes)] == [Decimal("1209.60")]


def test_the_report_shows_the_officers_correction_of_a_fact(reviewed):
    document, findings, changes, marks = reviewed
    correct_fact(document, "organization", "样例区人民政府办公室")
    report = build_review_report(document, findings, changes, marks)
    facts = dict(report.document)
    assert facts["单位名称"] == "样例区人民政府办公室（审核人员更正）"
    assert facts["年度"] == "2026" and facts["文件类型"] == "部门预算"
    assert report.subtitle == "样例区人民政府办公室 2026年部门预算"
    html = report_html(report)
    assert "样例区人民政府办公室" in html and "非问题" in html and "审核人" in html and "复核人" in html


def test_the_workbook_opens_on_the_report_and_marks_the_findings(reviewed, tmp_path):
    document, findings, changes, marks = reviewed
    path = tmp_path / "审核.xlsx"
    export_workbook(document, findings, changes, path, marks=marks)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "审核意见" and workbook.active.title == "审核意见"
    sheet = workbook["审核意见"]
    texts = [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert "四、经核实不构成问题（非问题）" in texts and "尾差，可接受" in texts and any(t.startswith("审核人：") for t in texts)
    assert "1,209.58 → 1,209.60" in texts
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows and "&P" in sheet.oddFooter.center.text
    findings_ws = workbook["校验结果"]
    heading = [c.value for c in findings_ws[1]]
    mark_col, note_col = heading.index("标记") + 1, heading.index("备注") + 1
    assert [findings_ws.cell(row=r, column=mark_col).value for r in (2, 3, 4)] == ["非问题", "确有问题", None]
    assert findings_ws.cell(row=3, column=note_col).value == "请单位更正"
    for name in ("校验结果", "修改记录"):  # they print like the table sheets
        ws = workbook[name]
        assert ws.print_title_rows == "$1:$1" and "&P" in ws.oddFooter.center.text
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_difference_column_is_wide_enough_for_its_figures(tmp_path):
    """A figure wider than its column prints as ### (the 差额 of a large table's sum)."""
    document = sample_document()
    [finding, *_] = sample_findings()
    wide = type(finding)(finding.rule, finding.severity, finding.message, cells=finding.cells, page=finding.page,
                         expected="64,840,547.00", actual="0.00", difference="64,840,547.00")
    year = type(finding)("narrative_year", finding.severity, "年度不符", page=3, expected="2025", actual="2026")
    export_workbook(document, [wide, year], [], tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["校验结果"]
    heading = [c.value for c in ws[1]]
    for title in ("应为", "差额"):
        col = heading.index(title) + 1
        cell = ws.cell(row=2, column=col)
        assert cell.value == Decimal("64840547") and cell.number_format == "#,##0.00"
        assert ws.column_dimensions[cell.column_letter].width >= len("64,840,547.00") + 2
    year_cell = ws.cell(row=3, column=heading.index("应为") + 1)
    assert year_cell.value == 2025 and year_cell.number_format == "0"  # a year as quoted, no "2,025"


def test_the_clean_export_holds_the_chosen_tables_only_plain(reviewed, tmp_path):
    document, findings, changes, marks = reviewed
    path = tmp_path / "上报.xlsx"
    export_clean_workbook(document, path, {"T1", "T3"})
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["表3 部门支出预算总表", "表1 收支总表"]
    ws = workbook["表3 部门支出预算总表"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.comment for c in cells)
    assert not any(c.fill is not None and c.fill.fill_type for c in cells)
    assert ws["E8"].value == Decimal("1209.60") or ws["E8"].value == pytest.approx(1209.60)  # the corrected figure
    assert not ws["E8"].font.b
    assert isinstance(ws["E6"].value, int | float | Decimal)


def _disclosure_opening_with_a_number(path):
    """A cover whose first line is a number (a page number or a file number above the title)."""
    org = "上海市普陀区司法局"
    b = PdfBuilder(path)
    b.cover(["1.", org, "2026年部门预算"])
    b.table(TableSpec("2026年上海市普陀区司法局部门收支总表", [["项目", "预算数"]],
                      [["一、一般公共预算拨款收入", "1,826.31"], ["二、其他收入", "156.00"], ["收入总计", "1,982.31"]],
                      number="表1", org=org))
    return b.save().path


def test_the_about_sheet_names_the_organisation_and_year_the_window_shows(tmp_path):
    document = read_document(_disclosure_opening_with_a_number(tmp_path / "预算.pdf"), workers=1)
    assert document.organization == "上海市普陀区司法局" and document.year == 2026  # what the window shows
    export_workbook(document, [], [], tmp_path / "x.xlsx")
    about = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "x.xlsx")["说明"].iter_rows(values_only=True)
             if row and row[0]}
    assert about["单位名称"] == "上海市普陀区司法局" and about["年度"] == "2026"
    correct_fact(document, "year", 2025)
    export_workbook(document, [], [], tmp_path / "y.xlsx")
    about = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "y.xlsx")["说明"].iter_rows(values_only=True)
             if row and row[0]}
    assert about["年度"] == "2025（审核人员更正）"


def test_check_writes_the_clean_workbook_with_clean(tmp_path, capsys):
    from desktopapp import cli

    pdf = _disclosure_opening_with_a_number(tmp_path / "预算.pdf")
    assert cli.main([str(pdf), "--xlsx", str(tmp_path / "上报.xlsx"), "--clean"]) == 0
    workbook = openpyxl.load_workbook(tmp_path / "上报.xlsx")
    assert workbook.sheetnames == ["表1 部门收支总表"]
    assert workbook.worksheets[0]["B4"].value == pytest.approx(1826.31)  # title, unit line, header, then the body
    assert cli.main([str(pdf), "--json", str(tmp_path / "j"), "--clean"]) == 2
    assert "--xlsx" in capsys.readouterr().err
