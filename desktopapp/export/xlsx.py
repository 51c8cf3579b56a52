"""Export a checked (and possibly corrected) document as an Excel workbook.

One sheet per table with real numbers at their printed precision, then 校验结果 (findings
linked to their cells), 修改记录 (change log) and 说明. The file is written atomically: a
failure (file open in Excel, read-only, disk full) leaves any old workbook intact and raises
`ExportError` with a Chinese message for the officer.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from desktopapp.core.edits import Change
from desktopapp.core.errors import UserError
from desktopapp.core.labels import severity_rank, table_caption
from desktopapp.core.model import Document, Finding
from desktopapp.export import xlsx_decimal, xlsx_safe_text
from desktopapp.export.atomic import atomic_write, lock_file_of
from desktopapp.export.sheet_names import SheetNamer, table_sheet_name
from desktopapp.export.write_errors import os_error_message
from desktopapp.export.xlsx_report import (
    ABOUT_SHEET,
    CHANGES_SHEET,
    FINDINGS_SHEET,
    write_about_sheet,
    write_changes_sheet,
    write_findings_sheet,
)
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
) -> None:
    """Write the workbook to `path` (an .xlsx file), replacing it atomically if it exists."""
    target = Path(path)
    _refuse_unwritable(target, document)
    workbook = build_workbook(document, findings, changes, rule_names)
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
) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    namer = SheetNamer(reserved=(FINDINGS_SHEET, CHANGES_SHEET, ABOUT_SHEET))
    marks = _cell_marks(findings)
    sheets: dict[str, TableSheet] = {}
    for index, table in enumerate(document.tables, start=1):
        ws = workbook.create_sheet(namer.name(table_sheet_name(table, index, document)))
        title = table_caption(table) or table.id
        sheets[table.id] = write_table_sheet(ws, table, marks.get(table.id, {}), title)
    write_findings_sheet(
        workbook.create_sheet(FINDINGS_SHEET),
        findings,
        sheets,
        rule_names if rule_names is not None else catalog_rule_names(),
        document,
    )
    write_changes_sheet(workbook.create_sheet(CHANGES_SHEET), changes, sheets)
    corrected = sum(1 for t in document.tables for row in t.body for c in row if c.is_corrected)
    write_about_sheet(workbook.create_sheet(ABOUT_SHEET), document, findings, changes, corrected, datetime.now())
    workbook.active = 0
    return workbook


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
