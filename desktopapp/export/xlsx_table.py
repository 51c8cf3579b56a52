"""One worksheet per disclosure table, laid out as printed: title, 单位 line, merged header,
body figures as real numbers at their printed precision, codes as text, notes below."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktopapp.core.header_spans import body_spans, column_labels, header_spans
from desktopapp.core.model import Cell, Table
from desktopapp.core.numbers import format_amount
from desktopapp.export import xlsx_styles as st
from desktopapp.export.grid import (
    display_width,
    figure_decimals,
    is_figure,
)
from desktopapp.tables.structure import structure_of

TITLE_ROW = 1
UNIT_ROW = 2
FIRST_HEADER_ROW = 3
MIN_WIDTH, MAX_WIDTH = 6.0, 48.0
HEADER_WIDTH_CAP = 16  # header texts wrap: a long one need not widen its column beyond this
DASHES = {"-", "--", "—", "——", "－", "/", "／"}  # "nothing here" marks, centred as printed
LANDSCAPE_WIDTH = 100.0  # total column width (characters) beyond which a portrait A4 page is too narrow


@dataclass
class TableSheet:
    """Where a table landed in the workbook, for links and labels from the other sheets."""

    table: Table
    name: str
    first_body_row: int
    labels: list[str]
    code_cols: set[int] = field(default_factory=set)

    def coordinate(self, row: int, col: int) -> str:
        return f"{get_column_letter(col + 1)}{self.first_body_row + row}"

    def row_label(self, row: int, col: int) -> str:
        """What names the row at `col`: the codes and name printed to its left ("2080101 行政运行")."""
        if not 0 <= row < len(self.table.body):
            return ""
        cells = self.table.body[row]
        parts: list[tuple[bool, str]] = []
        # the nearest group of labels to the left: past the row's other figures, up to the next ones
        for c in range(min(col, len(cells)) - 1, -1, -1):
            cell = cells[c]
            if c not in self.code_cols and is_figure(cell):
                if parts:
                    break
                continue
            if cell.text.strip():
                parts.append((c in self.code_cols, cell.text.strip()))
        parts.reverse()
        code = "".join(t for is_code, t in parts if is_code)
        names = " ".join(t for is_code, t in parts if not is_code)
        return " ".join(x for x in (code, names) if x)

    def column_label(self, col: int) -> str:
        return self.labels[col] if 0 <= col < len(self.labels) else ""


def write_table_sheet(
    ws: Worksheet, table: Table, marks: dict[tuple[int, int], str], title: str
) -> TableSheet:
    """Fill `ws` with `table`; `marks` maps (body row, col) to the worst severity pointing at it."""
    n_cols = max(table.n_cols, 1)
    spans = header_spans(table)
    labels = column_labels(table, spans) if spans else [""] * n_cols
    codes = structure_of(table).code_columns if table.numeric else set()
    n_header = len(table.header)
    first_body = FIRST_HEADER_ROW + n_header
    sheet = TableSheet(table, ws.title, first_body, labels, codes)

    widths = _column_widths(table, spans, codes, n_cols)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width

    _write_title(ws, title, table, n_cols)
    _write_header(ws, spans, widths, n_header)
    _write_body(ws, table, codes, marks, widths, first_body, n_cols)
    _write_notes(ws, table, first_body + len(table.body) + 1, widths)

    ws.freeze_panes = ws.cell(row=first_body, column=1).coordinate
    _print_setup(ws, widths, n_header)
    return sheet


def _write_title(ws: Worksheet, title: str, table: Table, n_cols: int) -> None:
    last = get_column_letter(n_cols)
    cell = ws.cell(row=TITLE_ROW, column=1)
    st.set_text(cell, title)
    cell.font, cell.alignment = st.TITLE_FONT, st.CENTER
    if n_cols > 1:
        ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 26

    unit = f"单位：{table.unit}" if table.unit else ""
    organization = (table.organization_line or "").strip()
    if organization and n_cols > 2:
        left = ws.cell(row=UNIT_ROW, column=1)
        st.set_text(left, organization)
        left.font, left.alignment = st.BODY_FONT, st.LEFT
        ws.merge_cells(start_row=UNIT_ROW, start_column=1, end_row=UNIT_ROW, end_column=n_cols - 1)
    elif organization:
        unit = f"{organization}    {unit}".strip()
    if unit:
        right = ws.cell(row=UNIT_ROW, column=n_cols)
        st.set_text(right, unit)
        right.font, right.alignment = st.BODY_FONT, st.RIGHT


def _write_header(ws: Worksheet, spans, widths: list[float], n_header: int) -> None:
    heights = [st.LINE_HEIGHT + 4] * n_header
    for span in spans:
        row, col = FIRST_HEADER_ROW + span.row, span.col + 1
        cell = ws.cell(row=row, column=col)
        st.set_text(cell, span.text)
        cell.font, cell.alignment, cell.border, cell.fill = st.HEADER_FONT, st.CENTER, st.BORDER, st.HEADER_FILL
        if span.row_span > 1 or span.col_span > 1:
            for rr in range(row, row + span.row_span):
                for cc in range(col, col + span.col_span):
                    if (rr, cc) != (row, col):
                        other = ws.cell(row=rr, column=cc)
                        other.border, other.fill = st.BORDER, st.HEADER_FILL
            ws.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + span.row_span - 1,
                end_column=col + span.col_span - 1,
            )
        width = sum(widths[span.col : span.col + span.col_span])
        lines = _lines(span.text, width)
        per_row = lines * st.LINE_HEIGHT / span.row_span + 4
        for r in range(span.row, span.row + span.row_span):
            heights[r] = max(heights[r], per_row)
    for r, height in enumerate(heights):
        ws.row_dimensions[FIRST_HEADER_ROW + r].height = round(height, 1)


def _write_body(
    ws: Worksheet,
    table: Table,
    codes: set[int],
    marks: dict[tuple[int, int], str],
    widths: list[float],
    first_body: int,
    n_cols: int,
) -> None:
    for r, cells in enumerate(table.body):
        row = first_body + r
        lines = 1
        for c in range(n_cols):
            source = cells[c] if c < len(cells) else Cell()
            cell = ws.cell(row=row, column=c + 1)
            cell.border = st.BORDER
            text = source.text.strip()
            if c in codes and text and not source.is_corrected:
                st.set_text(cell, text)
                cell.number_format = st.TEXT_FORMAT
                cell.font, cell.alignment = st.BODY_FONT, st.LEFT
            elif table.numeric and is_figure(source):
                cell.value = source.amount
                cell.number_format = st.amount_format(figure_decimals(source))
                cell.font, cell.alignment = st.BODY_FONT, st.NUMBER
            elif text:
                st.set_text(cell, text)
                cell.font, cell.alignment = st.BODY_FONT, st.CENTER if text in DASHES else st.LEFT
                lines = max(lines, _lines(text, widths[c]))
            else:
                cell.font = st.BODY_FONT
            if source.is_corrected:
                cell.font = st.CORRECTED_FONT
                cell.comment = _printed_comment(source)
            severity = marks.get((r, c))
            if severity:
                cell.fill = st.SEVERITY_FILL[severity]
        if lines > 1:
            ws.row_dimensions[row].height = lines * st.LINE_HEIGHT + 2
    for span in body_spans(table):  # merged as printed (a total across column groups is one box)
        ws.merge_cells(
            start_row=first_body + span.row,
            start_column=span.col + 1,
            end_row=first_body + span.row + span.row_span - 1,
            end_column=span.col + span.col_span - 1 + 1,
        )


def _printed_comment(cell: Cell) -> Comment:
    printed = cell.text.strip() or "（空）"
    now = "原印刷值" if cell.corrected is None else format_amount(cell.corrected, figure_decimals(cell))
    comment = Comment(f"原印刷值：{printed}\n修改为：{now}", "审核修改")
    comment.width, comment.height = 180, 60
    return comment


def _write_notes(ws: Worksheet, table: Table, first_row: int, widths: list[float]) -> None:
    n_cols = len(widths)
    total = sum(widths)
    for i, note in enumerate(n for n in table.notes if n.strip()):
        row = first_row + i
        cell = ws.cell(row=row, column=1)
        st.set_text(cell, note.strip())
        cell.font, cell.alignment = st.NOTE_FONT, st.LEFT_TOP
        if n_cols > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
        ws.row_dimensions[row].height = _lines(note, total) * st.LINE_HEIGHT + 2


def _column_widths(table: Table, spans, codes: set[int], n_cols: int) -> list[float]:
    widths = [0] * n_cols
    for span in spans:
        if span.col_span == 1 and span.text:
            widths[span.col] = max(widths[span.col], min(display_width(span.text), HEADER_WIDTH_CAP))
    for cells in table.body:
        for c, cell in enumerate(cells[:n_cols]):
            if c not in codes and table.numeric and is_figure(cell):
                shown = format_amount(cell.amount, figure_decimals(cell))
            else:
                shown = cell.text.strip()
            widths[c] = max(widths[c], display_width(shown))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2.0)) for w in widths]


def _lines(text: str, width: float) -> int:
    """Wrapped lines `text` needs in a box `width` characters wide (explicit breaks included)."""
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def _print_setup(ws: Worksheet, widths: list[float], n_header: int) -> None:
    rows = f"{FIRST_HEADER_ROW}:{FIRST_HEADER_ROW + n_header - 1}" if n_header else None
    st.print_setup(ws, landscape=sum(widths) > LANDSCAPE_WIDTH, title_rows=rows)
