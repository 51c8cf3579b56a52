"""The workbook's own sheets: 校验结果 (findings, each linked to its cell), 修改记录 (change log)
and 说明 (where the figures come from)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

import desktopapp
from desktopapp.core.edits import Change
from desktopapp.core.labels import SEVERITY_LABELS, severity_label, table_caption
from desktopapp.core.marks import FindingMark, finding_key
from desktopapp.core.model import Document, Finding
from desktopapp.core.net_changes import net_changes
from desktopapp.core.numbers import format_amount, parse_amount
from desktopapp.export import xlsx_styles as st
from desktopapp.export.grid import display_width
from desktopapp.export.review_report import fact_text
from desktopapp.export.sheet_names import sheet_ref
from desktopapp.export.xlsx_table import TableSheet

FINDINGS_SHEET, CHANGES_SHEET, ABOUT_SHEET = "校验结果", "修改记录", "说明"


@dataclass(frozen=True)
class Column:
    title: str
    width: float


def _table_caption(sheet: TableSheet | None, table_id: str | None) -> str:
    if sheet is None:
        return table_id or ""
    return table_caption(sheet.table)


def _write_heading(ws: Worksheet, columns: Sequence[Column]) -> None:
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=column.title)
        cell.font, cell.alignment, cell.border, cell.fill = st.HEADER_FONT, st.CENTER, st.BORDER, st.HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _link(cell, sheet: TableSheet, coordinate: str) -> None:
    """A click on "转到 E7" opens the table's sheet at that cell."""
    cell.value = f"转到 {coordinate}"
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=sheet_ref(sheet.name, coordinate))
    cell.font = st.LINK_FONT


def _amount_or_text(text: str | None) -> tuple[Decimal | str | None, str | None]:
    """A figure quoted in a finding as a number when it is one, else as the text."""
    if text is None or not str(text).strip():
        return None, None
    parsed = parse_amount(str(text))
    if parsed is None:
        return str(text), None
    value, decimals = parsed
    if "," not in str(text) and "，" not in str(text):  # as quoted: a year (2025) is no "2,025"
        return value, "0" + ("." + "0" * decimals if decimals > 0 else "")
    return value, st.amount_format(decimals)


def _fit_rows(ws: Worksheet, first: int, last: int, columns: Sequence[Column]) -> None:
    """Heights for wrapped long texts (Excel does not grow rows on opening a file)."""
    for row in range(first, last + 1):
        lines = 1
        for c, column in enumerate(columns, start=1):
            value = ws.cell(row=row, column=c).value
            if isinstance(value, str):
                lines = max(lines, -(-display_width(value) // max(int(column.width) - 1, 1)))
        if lines > 1:
            ws.row_dimensions[row].height = lines * st.LINE_HEIGHT + 2


FINDING_COLUMNS = (
    Column("序号", 5),
    Column("严重程度", 7),
    Column("规则", 16),
    Column("表格", 18),
    Column("行", 5),
    Column("项目", 20),
    Column("列", 5),
    Column("栏目", 16),
    Column("问题说明", 44),
    Column("应为", 11),
    Column("实为", 11),
    Column("差额", 10),
    Column("页码", 5),
    Column("原文", 22),
    Column("定位", 10),
    Column("标记", 9),
    Column("备注", 24),
)
AMOUNT_COLUMNS = (10, 11, 12)  # 应为, 实为, 差额


def program_label() -> str:
    return f"desktopapp {desktopapp.__version__}"


def write_findings_sheet(
    ws: Worksheet,
    findings: Sequence[Finding],
    sheets: dict[str, TableSheet],
    rule_names: dict[str, str],
    document: Document | None = None,
    marks: Mapping[str, FindingMark] | None = None,
) -> None:
    _write_heading(ws, FINDING_COLUMNS)
    row = 1
    for n, finding in enumerate(findings, start=1):
        row += 1
        severity = finding.severity.value
        first = finding.cells[0] if finding.cells else None
        table_id = first.table if first else finding.table
        sheet = sheets.get(table_id or "")
        rule = rule_names.get(finding.rule)
        values = [
            n,
            severity_label(severity),
            rule or finding.rule,
            _table_caption(sheet, table_id),
            first.row + 1 if first else None,
            sheet.row_label(first.row, first.col) if sheet and first else None,
            first.col + 1 if first else None,
            sheet.column_label(first.col) if sheet and first else None,
            finding.message,
        ]
        for c, value in enumerate(values, start=1):
            st.put(ws, row, c, value)
        for c, text in enumerate((finding.expected, finding.actual, finding.difference), start=len(values) + 1):
            value, number_format = _amount_or_text(text)
            st.put(ws, row, c, value, number_format)
        page = finding.page
        st.put(ws, row, 13, document.page_label(page) if document is not None and document.parts and page else page)
        st.put(ws, row, 14, finding.quote)
        link = st.put(ws, row, 15, None)
        if sheet is not None:
            coordinate = sheet.coordinate(first.row, first.col) if first else "A1"
            _link(link, sheet, coordinate)
        mark = (marks or {}).get(finding_key(finding))
        st.put(ws, row, 16, mark.verdict.label if mark else None)
        st.put(ws, row, 17, mark.note if mark and mark.note else None)
        ws.cell(row=row, column=2).fill = st.SEVERITY_FILL.get(severity, st.INFO_FILL)
    if not findings:
        st.put(ws, 2, 1, "未发现问题。")
    _fit_amount_widths(ws, 2, row)
    _fit_rows(ws, 2, row, FINDING_COLUMNS)


def _fit_amount_widths(ws: Worksheet, first: int, last: int) -> None:
    """The amount columns as wide as their widest figure in its number format: a figure wider than
    its column prints as "###" in Excel, WPS and LibreOffice."""
    for col in AMOUNT_COLUMNS:
        widest = 0
        for row in range(first, last + 1):
            cell = ws.cell(row=row, column=col)
            if isinstance(cell.value, Decimal | int | float):
                decimals = len(cell.number_format.partition(".")[2])
                widest = max(widest, len(format_amount(Decimal(str(cell.value)), decimals)))
        letter = get_column_letter(col)
        # two characters of padding: a minus sign and the cell's margins (Excel's width unit is a "0")
        ws.column_dimensions[letter].width = max(FINDING_COLUMNS[col - 1].width, widest + 3)


CHANGE_COLUMNS = (  # the full history, below the net changes
    Column("序号", 6),
    Column("时间", 20),
    Column("表格", 24),
    Column("行", 6),
    Column("项目", 22),
    Column("列", 6),
    Column("栏目", 16),
    Column("原印刷值", 14),
    Column("修改前", 14),
    Column("修改后", 14),
    Column("原因", 30),
    Column("定位", 10),
    Column("操作", 10),
)
# the net change per cell, first, in the history's columns (same widths, one column fewer: no 操作)
NET_CHANGE_COLUMNS = tuple(
    Column(name, column.width)
    for name, column in zip(
        ("序号", "最后修改时间", "表格", "行", "项目", "列", "栏目", "原印刷值", "修改次数", "现值", "原因", "定位"),
        CHANGE_COLUMNS,
    )
)
ACTION_LABELS = {"edit": "修改", "undo": "撤销", "redo": "重做", "reason": "填写原因"}
HISTORY_TITLE = "全部修改历史（按时间顺序，含撤销、重做与补填的原因）"


def _change_value(text: str | None, printed_empty: str) -> tuple[Decimal | str, str | None]:
    if text is None:
        return printed_empty, None
    try:
        value = Decimal(text)
    except InvalidOperation:  # not an amount (an old or foreign review): shown as written
        return text, None
    if not value.is_finite():
        return text, None
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value, st.amount_format(decimals)


def _time_value(text: str) -> tuple[datetime | str, str | None]:
    try:
        return datetime.fromisoformat(text), st.DATETIME_FORMAT
    except ValueError:
        return text, None


def _heading_row(ws: Worksheet, row: int, columns: Sequence[Column]) -> None:
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=c, value=column.title)
        cell.font, cell.alignment, cell.border, cell.fill = st.HEADER_FONT, st.CENTER, st.BORDER, st.HEADER_FILL


def _put_where(ws: Worksheet, row: int, table: str, body_row: int, col: int, sheet: TableSheet | None) -> None:
    """Columns 3–7: the table, the row and its label, the column and its label."""
    st.put(ws, row, 3, _table_caption(sheet, table))
    st.put(ws, row, 4, body_row + 1)
    st.put(ws, row, 5, sheet.row_label(body_row, col) if sheet else None)
    st.put(ws, row, 6, col + 1)
    st.put(ws, row, 7, sheet.column_label(col) if sheet else None)


def _put_link(ws: Worksheet, row: int, col: int, body_row: int, body_col: int, sheet: TableSheet | None) -> None:
    link = st.put(ws, row, col, None)
    if sheet is not None:
        _link(link, sheet, sheet.coordinate(body_row, body_col))


def write_changes_sheet(ws: Worksheet, changes: Sequence[Change], sheets: dict[str, TableSheet]) -> None:
    """修改记录: the net change per corrected cell (printed → value in force, its reason, when last
    changed) first; below, the whole history as it happened."""
    _write_heading(ws, NET_CHANGE_COLUMNS)
    row = 1
    for n, net in enumerate(net_changes(changes), start=1):
        row += 1
        sheet = sheets.get(net.table)
        st.put(ws, row, 1, n)
        st.put(ws, row, 2, *_time_value(net.time))
        _put_where(ws, row, net.table, net.row, net.col, sheet)
        st.put(ws, row, 8, net.printed or "（空）", st.TEXT_FORMAT)
        st.put(ws, row, 9, len(net.history))
        st.put(ws, row, 10, *_change_value(net.value, "（原印刷值）"))
        st.put(ws, row, 11, net.reason or None)
        _put_link(ws, row, 12, net.row, net.col, sheet)
    if row == 1:
        row = 2
        st.put(ws, row, 1, "没有修改。" if not changes else "没有修改：改过的单元格都已恢复为原印刷值。")
    _fit_rows(ws, 2, row, NET_CHANGE_COLUMNS)
    if not changes:
        return
    row += 2
    ws.cell(row=row, column=1, value=HISTORY_TITLE).font = st.HEADER_FONT
    row += 1
    _heading_row(ws, row, CHANGE_COLUMNS)
    ws.column_dimensions[get_column_letter(len(CHANGE_COLUMNS))].width = CHANGE_COLUMNS[-1].width  # 操作
    first = row + 1
    for n, change in enumerate(changes, start=1):
        row += 1
        sheet = sheets.get(change.table)
        st.put(ws, row, 1, n)
        st.put(ws, row, 2, *_time_value(change.time))
        _put_where(ws, row, change.table, change.row, change.col, sheet)
        st.put(ws, row, 8, change.printed or "（空）", st.TEXT_FORMAT)
        st.put(ws, row, 9, *_change_value(change.old, "（原印刷值）"))
        st.put(ws, row, 10, *_change_value(change.new, "（恢复原印刷值）"))
        st.put(ws, row, 11, change.reason or None)
        _put_link(ws, row, 12, change.row, change.col, sheet)
        st.put(ws, row, 13, ACTION_LABELS.get(change.action, change.action))
    _fit_rows(ws, first, row, CHANGE_COLUMNS)


def write_about_sheet(
    ws: Worksheet,
    document: Document,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    corrected_cells: int,
    exported_at: datetime,
) -> None:
    counts = {key.value: sum(1 for f in findings if f.severity == key) for key in SEVERITY_LABELS}
    facts: list[tuple[str, object, str | None]] = [
        ("源文件", " + ".join(Path(source).name for source in document.sources()), None),
        ("SHA-256", document.sha256, st.TEXT_FORMAT),
        ("页数", document.page_count, "0"),
        # the facts in force, as the window shows them (校验 ▸ 文件信息, the officer's corrections)
        ("文件类型", fact_text(document, "kind"), None),
        ("单位名称", fact_text(document, "organization"), None),
        ("年度", fact_text(document, "year"), st.TEXT_FORMAT),
        ("级次", fact_text(document, "level"), None),
        ("表格数", len(document.tables), "0"),
        (
            "校验结果",
            f"错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个",
            None,
        ),
        ("修改记录", f"{len(changes)} 条；当前已修改 {corrected_cells} 个单元格", None),
        ("导出时间", exported_at.replace(microsecond=0), st.DATETIME_FORMAT),
        ("程序版本", program_label(), None),
    ]
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 80
    title = ws.cell(row=1, column=1, value="导出说明")
    title.font = st.TITLE_FONT
    row = 2
    for key, value, number_format in facts:
        row += 1
        label = st.put(ws, row, 1, key)
        label.font, label.fill = st.HEADER_FONT, st.HEADER_FILL
        cell = st.put(ws, row, 2, value, number_format)
        cell.alignment = st.LEFT
    notes = [
        "各表金额为数值单元格，保留原表的印刷精度和计量单位（见各表“单位”行）；科目编码按文本保存，保留前导零。",
        "蓝色粗体单元格为审核时修改过的数字，批注中为原印刷值；全部修改见“修改记录”。",
        "单元格底色：红色为校验错误涉及的单元格，黄色为警告（尾差），蓝色为提示；点击“校验结果”中的定位可跳转。",
    ]
    notes += [f"读取提示：{w}" for w in document.warnings]
    row += 1
    for note in notes:
        row += 1
        cell = ws.cell(row=row, column=1)
        st.set_text(cell, note)
        cell.font, cell.alignment = st.NOTE_FONT, st.LEFT_TOP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = (-(-display_width(note) // 92)) * st.LINE_HEIGHT + 2
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
