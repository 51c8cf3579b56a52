"""The summary workbook of a batch: the register a bureau keeps while departments correct.

汇总 — one row per file (文件, 单位, 类型, 年度, 页数, 表格数, 错误, 警告, 主要问题, 无法读取原因, links
to the file's own workbook and annotated PDF, relative to the summary so the folder can be moved or zipped);
全部问题 — every finding with its file, page and table; 规则统计 — counts by rule and severity;
说明 — when, which program, which folders, how many files. Counts are numbers; each sheet has
its heading frozen and filters, and prints on A4.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktopapp.batch.results import FileResult
from desktopapp.core.labels import doc_kind_label, severity_label, severity_rank
from desktopapp.core.version import PROGRAM
from desktopapp.export import xlsx_styles as st
from desktopapp.export.atomic import atomic_write
from desktopapp.export.grid import display_width
from desktopapp.export.write_errors import display_path

SUMMARY_SHEET, FINDINGS_SHEET, RULES_SHEET, ABOUT_SHEET = "汇总", "全部问题", "规则统计", "说明"

SUMMARY_COLUMNS = (("序号", 5), ("文件", 28), ("单位", 20), ("类型", 9), ("年度", 6), ("页数", 5),
                   ("表格数", 6), ("错误", 5), ("警告", 5), ("主要问题", 56), ("无法读取原因", 24), ("工作簿", 7),
                   ("批注 PDF", 8))
FINDING_COLUMNS = (("文件", 28), ("页", 5), ("表格", 24), ("规则", 20), ("严重程度", 8), ("说明", 64))
RULE_COLUMNS = (("规则", 28), ("规则编号", 26), ("错误", 8), ("警告", 8), ("提示", 8), ("合计", 8), ("涉及文件数", 10))
SEVERITIES = ("error", "warning", "info")


def write_summary_workbook(
    results: Sequence[FileResult],
    target: Path,
    *,
    folders: Sequence[Path] = (),
    written_at: datetime | None = None,
) -> None:
    """Write the register to `target` atomically. `folders`: what was checked (file names are
    shown relative to them)."""
    from desktopapp.export.xlsx import catalog_rule_names

    target = Path(target)
    names = catalog_rule_names()
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    shown = {id(r): shown_name(r.path, folders) for r in results}
    _summary_sheet(summary, results, shown, target.parent)
    _findings_sheet(workbook.create_sheet(FINDINGS_SHEET), results, shown, names)
    _rules_sheet(workbook.create_sheet(RULES_SHEET), results, names)
    _about_sheet(workbook.create_sheet(ABOUT_SHEET), results, folders, written_at or datetime.now())
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, workbook.save)


def shown_name(path: Path, folders: Sequence[Path]) -> str:
    """"甲局/2024年部门预算.pdf": relative to the checked folder that holds it, else its name."""
    for folder in folders:
        try:
            return display_path(Path(path).relative_to(folder).as_posix())
        except ValueError:
            continue
    return display_path(Path(path).name)


def _heading(ws: Worksheet, columns: Sequence[tuple[str, float]], rows: int) -> None:
    for c, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font, cell.alignment, cell.border, cell.fill = st.HEADER_FONT, st.CENTER, st.BORDER, st.HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(rows + 1, 1)}"  # sort and filter
    st.print_setup(ws, landscape=True, title_rows="1:1")



def _summary_sheet(ws: Worksheet, results: Sequence[FileResult], shown: dict, folder: Path) -> None:
    _heading(ws, SUMMARY_COLUMNS, len(results))
    for row, result in enumerate(results, start=2):
        readable = result.readable
        values = (
            row - 1,
            shown[id(result)],
            result.organization or "",
            doc_kind_label(result.kind) if readable else "",
            result.year,
            result.pages,
            result.tables if readable else None,
            result.errors if readable else None,
            result.warnings if readable else None,
            "\n".join(result.first_problems),
            result.unreadable or "",
        )
        for col, value in enumerate(values, start=1):
            st.put(ws, row, col, value)
        if readable and result.errors:
            ws.cell(row=row, column=8).fill = st.ERROR_FILL
        if not readable:
            ws.cell(row=row, column=11).fill = st.WARNING_FILL
        # the file's name opens the disclosure itself (the register is used beside the PDFs)
        name = ws.cell(row=row, column=2)
        name.hyperlink = relative_link(result.path, folder)
        name.font = st.LINK_FONT
        for col, target in ((12, result.xlsx_path), (13, result.annotated_path)):
            link = st.put(ws, row, col, None)
            if target is not None:
                link.value = "打开"
                link.hyperlink = relative_link(target, folder)
                link.font = st.LINK_FONT
    fit_rows(ws, SUMMARY_COLUMNS, len(results))


def fit_rows(ws: Worksheet, columns: Sequence[tuple[str, float]], rows: int) -> None:
    """Heights for wrapped texts and line breaks (Excel does not grow rows on opening a file)."""
    for row in range(2, rows + 2):
        lines = 1
        for c, (_, width) in enumerate(columns, start=1):
            value = ws.cell(row=row, column=c).value
            if isinstance(value, str):
                per_line = max(int(width) - 1, 1)
                lines = max(lines, sum(max(1, -(-display_width(part) // per_line)) for part in value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row].height = lines * st.LINE_HEIGHT + 2


def relative_link(path: Path, folder: Path) -> str:
    """The link Excel and WPS follow from a workbook in `folder` (relative: the register and
    the workbooks beside it can be moved together; absolute across drives)."""
    try:
        return os.path.relpath(path, folder).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_uri()


def _findings_sheet(ws: Worksheet, results: Sequence[FileResult], shown: dict, names: dict[str, str]) -> None:
    rows = [(result, f) for result in results for f in result.findings]
    _heading(ws, FINDING_COLUMNS, len(rows))
    for row, (result, finding) in enumerate(rows, start=2):
        values = (shown[id(result)], finding.page, finding.table, names.get(finding.rule, finding.rule),
                  severity_label(finding.severity), finding.message)
        for col, value in enumerate(values, start=1):
            st.put(ws, row, col, value)
        ws.cell(row=row, column=5).fill = st.SEVERITY_FILL.get(finding.severity, st.INFO_FILL)
    fit_rows(ws, FINDING_COLUMNS, len(rows))


def _rules_sheet(ws: Worksheet, results: Sequence[FileResult], names: dict[str, str]) -> None:
    counts: dict[str, dict[str, int]] = {}
    files: dict[str, set[int]] = {}
    for i, result in enumerate(results):
        for finding in result.findings:
            by_severity = counts.setdefault(finding.rule, dict.fromkeys(SEVERITIES, 0))
            by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
            files.setdefault(finding.rule, set()).add(i)

    def order(rule: str) -> tuple:
        worst = min((severity_rank(s) for s, n in counts[rule].items() if n), default=9)
        return (worst, -sum(counts[rule].values()), rule)

    rules = sorted(counts, key=order)
    _heading(ws, RULE_COLUMNS, len(rules))
    for row, rule in enumerate(rules, start=2):
        c = counts[rule]
        values = (names.get(rule, rule), rule, c["error"], c["warning"], c["info"], sum(c.values()), len(files[rule]))
        for col, value in enumerate(values, start=1):
            st.put(ws, row, col, value)


def _about_sheet(ws: Worksheet, results: Sequence[FileResult], folders: Sequence[Path], when: datetime) -> None:
    unreadable = sum(1 for r in results if not r.readable)
    facts: list[tuple[str, object, str | None]] = [
        ("生成时间", when.replace(microsecond=0), st.DATETIME_FORMAT),
        ("程序版本", PROGRAM, None),
        ("检查的文件夹", "\n".join(display_path(f) for f in folders) or "（逐个给出的文件）", None),
        ("文件数", len(results), "0"),
        ("已读取", len(results) - unreadable, "0"),
        ("无法读取", unreadable, "0"),
        ("未重新读取（上次已检查且未改动）", sum(1 for r in results if r.from_cache), "0"),
        ("错误合计", sum(r.errors for r in results), "0"),
        ("警告合计", sum(r.warnings for r in results), "0"),
    ]
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 70
    ws.cell(row=1, column=1, value="批量检查说明").font = st.TITLE_FONT
    for row, (label, value, number_format) in enumerate(facts, start=3):
        head = st.put(ws, row, 1, label)
        head.font, head.fill = st.HEADER_FONT, st.HEADER_FILL
        cell = st.put(ws, row, 2, value, number_format)
        cell.alignment = st.LEFT
    note = ws.cell(row=len(facts) + 4, column=1,
                   value="“汇总”每行一个文件，“工作簿”列链接到该文件自己的 Excel（与本表的相对位置，移动时请连同文件夹一起移动）。")
    note.font = st.NOTE_FONT
    st.print_setup(ws, landscape=False)
