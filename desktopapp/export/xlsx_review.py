"""The 审核意见 sheet (the review report, export/review_report.py, laid out to print and sign) and
the page setup the workbook's own sheets share with the table sheets."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktopapp.export import xlsx_styles as st
from desktopapp.export.grid import display_width
from desktopapp.export.review_report import FINDING_HEADINGS, SIGNATURES, ReviewReport, finding_row

REVIEW_SHEET = "审核意见"
# 序号, 严重程度, 表格 / 位置, 页, 问题说明, 标记, 备注: fits a portrait A4 page at about 90 %
REVIEW_WIDTHS = (6, 8, 26, 6, 48, 9, 22)


FINDING_SPANS = tuple((c, c) for c in range(1, 8))
# 序号 | 表格 / 位置 (over three columns) | 原印刷值 → 修改后 | 时间 | 原因
CHANGE_SHEET_HEADINGS = ("序号", "表格 / 位置", "原印刷值 → 修改后", "修改时间", "原因")
CHANGE_SPANS = ((1, 1), (2, 4), (5, 5), (6, 6), (7, 7))
FAMILY_SPANS = ((1, 2), (3, 7))
SIGNATURE_SPANS = ((1, 3), (4, 5), (6, 7))


def write_review_sheet(ws: Worksheet, report: ReviewReport) -> None:
    n_cols = len(REVIEW_WIDTHS)
    for c, width in enumerate(REVIEW_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    row = _banner(ws, 1, report.title, st.TITLE_FONT, n_cols, 28)
    if report.subtitle:
        row = _banner(ws, row, report.subtitle, st.HEADER_FONT, n_cols, 20)
    row = _section(ws, row + 1, "一、文件信息", n_cols)
    row = _pairs(ws, row, report.document + report.checked)
    row = _section(ws, row + 1, "二、校验情况", n_cols)
    row = _pairs(ws, row, report.summary)
    if report.families:
        counts = [(f.family, f"错误 {f.errors} 个，警告 {f.warnings} 个，提示 {f.infos} 个") for f in report.families]
        row = _grid(ws, row, ("检查类别", "校验结果"), counts, FAMILY_SPANS)
    row = _section(ws, row + 1, "三、发现的问题", n_cols)
    row = _grid(ws, row, FINDING_HEADINGS, [finding_row(f) for f in report.open_findings], FINDING_SPANS)
    row = _section(ws, row + 1, "四、经核实不构成问题（非问题）", n_cols)
    row = _grid(ws, row, FINDING_HEADINGS, [finding_row(f) for f in report.dismissed], FINDING_SPANS)
    row = _section(ws, row + 1, "五、数据修改（每个单元格的最终结果）", n_cols)
    changes = [(str(c.number), f"{c.table} {c.place}", f"{c.printed} → {c.final}", c.time, c.reason)
               for c in report.changes]
    row = _grid(ws, row, CHANGE_SHEET_HEADINGS, changes, CHANGE_SPANS)
    row += 2
    for (first, last), label in zip(SIGNATURE_SPANS, SIGNATURES, strict=True):
        cell = ws.cell(row=row, column=first, value=f"{label}：{'_' * 14}")
        cell.font, cell.alignment = st.HEADER_FONT, st.LEFT_BOTTOM
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = 40  # room to sign above the line's end
    st.print_setup(ws, landscape=False, title_rows="1:2" if report.subtitle else "1:1")


def _banner(ws: Worksheet, row: int, text: str, font, n_cols: int, height: float) -> int:
    cell = ws.cell(row=row, column=1)
    st.set_text(cell, text)
    cell.font, cell.alignment = font, st.CENTER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
    ws.row_dimensions[row].height = height
    return row + 1


def _section(ws: Worksheet, row: int, text: str, n_cols: int) -> int:
    cell = ws.cell(row=row, column=1, value=text)
    cell.font, cell.alignment = st.HEADER_FONT, st.LEFT
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
    ws.row_dimensions[row].height = 22
    return row + 1


def _pairs(ws: Worksheet, row: int, pairs: Sequence[tuple[str, str]]) -> int:
    """Label over the first two columns, the value over the rest."""
    for label, value in pairs:
        row = _put_row(ws, row, (label, value), FAMILY_SPANS, label_first=True)
    return row


def _grid(ws: Worksheet, row: int, headings: Sequence[str], rows: Sequence[Sequence[str]],
          spans: Sequence[tuple[int, int]]) -> int:
    for heading, (first, last) in zip(headings, spans, strict=True):
        for c in range(first, last + 1):
            cell = ws.cell(row=row, column=c)
            cell.border, cell.fill = st.BORDER, st.HEADER_FILL
        cell = ws.cell(row=row, column=first, value=heading)
        cell.font, cell.alignment = st.HEADER_FONT, st.CENTER
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    row += 1
    if not rows:
        return _put_row(ws, row, ("无。",), ((1, spans[-1][1]),))
    for values in rows:
        row = _put_row(ws, row, values, spans)
    return row


def _put_row(ws: Worksheet, row: int, values: Sequence[str], spans: Sequence[tuple[int, int]],
             label_first: bool = False) -> int:
    widths = []
    for i, (value, (first, last)) in enumerate(zip(values, spans, strict=True)):
        for c in range(first, last + 1):
            ws.cell(row=row, column=c).border = st.BORDER
        cell = ws.cell(row=row, column=first)
        st.set_text(cell, value)
        if label_first and i == 0:
            cell.font, cell.fill, cell.alignment = st.HEADER_FONT, st.HEADER_FILL, st.LEFT
        else:
            short = len(spans) > 2 and first == last and REVIEW_WIDTHS[first - 1] <= 9
            cell.font, cell.alignment = st.BODY_FONT, st.CENTER if short else st.LEFT
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        widths.append(sum(REVIEW_WIDTHS[first - 1:last]))
    _height(ws, row, values, widths)
    return row + 1


def _height(ws: Worksheet, row: int, values: Sequence[str], widths: Sequence[float]) -> None:
    """Rows grow with their wrapped text (Excel does not grow them when it opens a file)."""
    lines = max((-(-display_width(str(v)) // max(int(w) - 1, 1)) for v, w in zip(values, widths, strict=False) if v),
                default=1)
    if lines > 1:
        ws.row_dimensions[row].height = lines * st.LINE_HEIGHT + 2
