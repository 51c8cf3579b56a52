"""Shared cell styles of the workbook (created once: openpyxl styles are immutable values)."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"  # what the printed disclosures use; Excel/WPS/LibreOffice substitute if absent

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=10)
CORRECTED_FONT = Font(name=FONT_NAME, size=10, bold=True, color="1F4E9E")
LINK_FONT = Font(name=FONT_NAME, size=10, color="0563C1", underline="single")
NOTE_FONT = Font(name=FONT_NAME, size=9)

HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
WARNING_FILL = PatternFill("solid", fgColor="FFE699")
INFO_FILL = PatternFill("solid", fgColor="DDEBF7")
SEVERITY_FILL = {"error": ERROR_FILL, "warning": WARNING_FILL, "info": INFO_FILL}

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True)
LEFT_BOTTOM = Alignment(horizontal="left", vertical="bottom")
RIGHT = Alignment(horizontal="right", vertical="center")
NUMBER = Alignment(horizontal="right", vertical="center")

TEXT_FORMAT = "@"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
LINE_HEIGHT = 14.0  # points per text line at 10 pt


def set_text(cell, text: str | None) -> None:
    """Put printed text in a cell as text: openpyxl would take a leading "=" for a formula."""
    cell.value = text or None
    if text and text.startswith("="):
        cell.data_type = "s"


def put(ws: Worksheet, row: int, col: int, value, number_format: str | None = None):
    """A bordered body cell: text left (made safe, wrapped), a number right as a number."""
    cell = ws.cell(row=row, column=col)
    cell.font, cell.border = BODY_FONT, BORDER
    if isinstance(value, str):
        set_text(cell, value)
        cell.alignment = LEFT
    else:
        cell.value = value
        cell.alignment = NUMBER
    if number_format:
        cell.number_format = number_format
    return cell


def amount_format(decimals: int) -> str:
    """'#,##0.00' for two printed decimals, '#,##0' for none."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


FOOTER = "第 &P 页，共 &N 页"


def print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None = None) -> None:
    """How every sheet prints: A4, fitted to the page width, centred, the heading rows repeated on
    every page, page numbers below (the footer lives between the bottom margin and its own)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = FOOTER
