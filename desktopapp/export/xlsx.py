"""Export a checked (and possibly corrected) document as an Excel workbook.

审核意见 first (the review report to print and sign), one sheet per table with real numbers at
their printed precision, then 校验结果 (findings linked to their cells, with the officer's marks),
修改记录 (change log) and 说明. The clean export (`export_clean_workbook`) is for upstream: the
chosen tables only, real numbers, no tints, no comments, no sheets of the review. The file is written atomically: a
failure (file open in Excel, read-only, disk full) leaves any old workbook intact and raises
`ExportError` with a Chinese message for the officer.
"""

from __future__ import annotations

import stat
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from desktopapp.core.edits import Change
from desktopapp.core.errors import UserError
from desktopapp.core.labels import severity_rank, table_caption
from desktopapp.core.marks import FindingMark
from desktopapp.core.model import Document, Finding
from desktopapp.export import xlsx_decimal, xlsx_safe_text
from desktopapp.export import xlsx_styles as st
from desktopapp.export.atomic import atomic_write, lock_file_of
from desktopapp.export.review_report import build_review_report
from desktopapp.export.sheet_names import SheetNamer, table_sheet_name
from desktopapp.export.write_errors import os_error_message
from desktopapp.export.xlsx_report import (
    ABOUT_SHEET,
    CHANGES_SHEET,
    FINDINGS_SHEET,
    program_label,
    write_about_sheet,
    write_changes_sheet,
    write_findings_sheet,
)
from desktopapp.export.xlsx_review import REVIEW_SHEET, write_review_sheet
from desktopapp.export.xlsx_table import TableSheet, write_table_sheet

xlsx_decimal.install()
xlsx_safe_text.install()


class ExportError(UserError):
    """The workbook could not be written."""


def export_workbook(
    document: Document,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    path: str | Path,
    rule_names: dict[str, str] | None = None,
    marks: Mapping[str, FindingMark] | None = None,
) -> None:
    """Write the workbook to `path` (an .xlsx file), replacing it atomically if it exists;
    `marks` are the officer's judgements of the findings (session.marks), by finding key."""
    target = Path(path)
    _refuse_unwritable(target, document)
    _save(build_workbook(document, findings, changes, rule_names, marks), target)


def export_clean_workbook(document: Document, path: str | Path, tables: Collection[str] | None = None) -> None:
    """The tables only (`tables`: their ids, all when None), as printed or corrected, for upstream."""
    target = Path(path)
    _refuse_unwritable(target, document)
    _save(build_clean_workbook(document, tables), target)


def _save(workbook: Workbook, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, workbook.save)
    except OSError as exc:
        raise ExportError(_os_error_message(exc, target), f"{type(exc).__name__}: {exc}") from exc


def build_workbook(
    document: Document,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    rule_names: dict[str, str] | None = None,
    marks: Mapping[str, FindingMark] | None = None,
) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    names = rule_names if rule_names is not None else catalog_rule_names()
    report = build_review_report(document, findings, changes, marks, names, catalog_rule_families(),
                                 program_label())
    write_review_sheet(workbook.create_sheet(REVIEW_SHEET), report)
    namer = SheetNamer(reserved=(REVIEW_SHEET, FINDINGS_SHEET, CHANGES_SHEET, ABOUT_SHEET))
    tints = _cell_marks(findings)
    sheets: dict[str, TableSheet] = {}
    for index, table in enumerate(document.tables, start=1):
        ws = workbook.create_sheet(namer.name(table_sheet_name(table, index, document)))
        title = table_caption(table) or table.id
        sheets[table.id] = write_table_sheet(ws, table, tints.get(table.id, {}), title)
    findings_ws = workbook.create_sheet(FINDINGS_SHEET)
    write_findings_sheet(findings_ws, findings, sheets, names, document, marks)
    changes_ws = workbook.create_sheet(CHANGES_SHEET)
    write_changes_sheet(changes_ws, changes, sheets)
    for ws in (findings_ws, changes_ws):  # they print like the table sheets: A4, page numbers
        st.print_setup(ws, landscape=True, title_rows="1:1")
    corrected = sum(1 for t in document.tables for row in t.body for c in row if c.is_corrected)
    write_about_sheet(workbook.create_sheet(ABOUT_SHEET), document, findings, changes, corrected, datetime.now())
    workbook.active = 0
    return workbook


def build_clean_workbook(document: Document, tables: Collection[str] | None = None) -> Workbook:
    """One sheet per chosen table: the values in force, no tint, no comment, no review sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    namer = SheetNamer()
    for index, table in enumerate(document.tables, start=1):
        if tables is not None and table.id not in tables:
            continue
        ws = workbook.create_sheet(namer.name(table_sheet_name(table, index, document)))
        write_table_sheet(ws, table, {}, table_caption(table) or table.id)
        _drop_review_traces(ws)
    if not workbook.worksheets:
        raise ExportError("没有选择要导出的表格。")
    workbook.active = 0
    return workbook


def _drop_review_traces(ws: Worksheet) -> None:
    """Upstream gets the figures alone: a corrected one is written bold blue with the printed value
    in a comment, a header shaded grey; here every cell is plain (borders, fonts and formats kept)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.comment is not None:
                cell.comment = None
            if cell.font == st.CORRECTED_FONT:
                cell.font = st.BODY_FONT
            if cell.fill.fill_type is not None:
                cell.fill = PatternFill(fill_type=None)


def _cell_marks(findings: Sequence[Finding]) -> dict[str, dict[tuple[int, int], str]]:
    """Per table, the worst severity of the findings pointing at each body cell."""
    marks: dict[str, dict[tuple[int, int], str]] = {}
    for finding in findings:
        severity = finding.severity.value
        for ref in finding.cells:
            cells = marks.setdefault(ref.table, {})
            known = cells.get((ref.row, ref.col))
            if known is None or severity_rank(severity) < severity_rank(known):
                cells[(ref.row, ref.col)] = severity
    return marks


def catalog_rule_families() -> dict[str, str]:
    from desktopapp.rules.catalog import read_catalog_files

    return {rule_id: info.family for rule_id, info in read_catalog_files().items()}


def catalog_rule_names() -> dict[str, str]:
    """Chinese rule names from the rule catalog (resources/rules/*.json)."""
    from desktopapp.rules.catalog import read_catalog_files

    return {rule_id: info.name for rule_id, info in read_catalog_files().items()}


def _refuse_unwritable(target: Path, document: Document) -> None:
    """Problems worth stating before any work: each would otherwise end in a vaguer failure."""
    if document.source and target.resolve() == Path(document.source).resolve():
        raise ExportError("不能把 Excel 写到源 PDF 文件上，请换一个文件名。")
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请指定要保存的 Excel 文件名。")
    if target.exists() and not _is_writable_file(target):
        raise ExportError(
            f"文件“{target.name}”是只读的，无法覆盖。请另存为其他文件名，或先取消该文件的只读属性。"
        )
    lock = lock_file_of(target)
    if lock is not None:
        raise ExportError(
            f"文件“{target.name}”正被 Excel、WPS 或其他程序打开（发现锁定文件“{lock.name}”）。"
            "请先关闭该文件再导出，或另存为其他文件名。"
        )


def _is_writable_file(path: Path) -> bool:
    # The permission bits, not os.access: an administrator may write anything, yet the officer
    # marked the file read-only to keep it. (On Windows st_mode reflects the read-only flag.)
    return bool(path.stat().st_mode & stat.S_IWUSR)


def _os_error_message(exc: OSError, target: Path) -> str:
    return os_error_message(exc, target, "Excel 文件")
