"""One file of a batch, inside a worker process: read it, check it, write its own outputs there
(its JSON, its workbook, its annotated copy), and send back only plain values — a FileResult with its findings as
rows. No Document ever crosses the process boundary."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktopapp.batch.results import FileResult, FindingRow
from desktopapp.core.errors import DamagedPdfError, ReadError, open_reason
from desktopapp.core.labels import severity_rank, table_caption
from desktopapp.core.model import Document, Finding, Severity
from desktopapp.export.write_errors import WriteError, display_path, write_failure
from desktopapp.session.review import saved_marks

log = logging.getLogger(__name__)

FIRST_PROBLEMS = 3  # messages kept for the results list's 主要问题


@dataclass
class FileTask:
    """What a worker is asked to do with one file (plain values: it is pickled)."""

    path: Path
    sha256: str | None
    json: Path | None = None
    xlsx: Path | None = None
    annotated: Path | None = None
    clean: bool = False
    disabled: tuple[str, ...] = ()
    page_workers: int | None = None  # extract.read_document's `workers`
    refused: tuple[str, ...] = ()  # outputs not written (the target is an input), in Chinese


def check_file(task: FileTask) -> tuple[FileResult, bool]:
    """The file's result, and whether it may be cached: not after an internal error (a fixed
    program must read it again), nor when a budget may have decided it — a page or the file
    over its time or memory on a busy machine (pages unreadable, a file refused as damaged,
    which is also how a budget failure at opening is reported)."""
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks

    started = time.monotonic()
    result = FileResult(path=task.path, sha256=task.sha256, write_problems=list(task.refused))
    cacheable = True
    try:
        document = read_document(task.path, workers=task.page_workers)
        findings = run_checks(document, disabled=list(task.disabled))
    except ReadError as exc:
        result.unreadable = exc.message
        cacheable = not isinstance(exc, DamagedPdfError)
    except OSError as exc:
        result.unreadable = open_reason(exc)
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not stop the batch
        log.exception("%s could not be checked", task.path)
        result.unreadable = f"文件可能已损坏，读取时发生内部错误（{type(exc).__name__}）"
        cacheable = False
    else:
        describe(result, document, findings)
        write_outputs(result, task, document, findings)
        cacheable = not result.write_problems and not document.unreadable_pages
    result.seconds = time.monotonic() - started
    return result, cacheable


def describe(result: FileResult, document: Document, findings: list[Finding]) -> None:
    """The file's line of the results list from its document and findings."""
    result.sha256 = document.sha256 or result.sha256
    result.organization = document.organization
    result.kind = document.kind.value
    result.year = document.year
    result.pages = document.page_count
    result.tables = len(document.tables)
    result.errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    result.warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    result.infos = sum(1 for f in findings if f.severity == Severity.INFO)
    serious = [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    serious.sort(key=lambda f: severity_rank(f.severity))  # stable: the engine's order within a severity
    result.first_problems = [f.message for f in serious[:FIRST_PROBLEMS]]
    result.findings = [finding_row(document, f) for f in findings]


def finding_row(document: Document, finding: Finding) -> FindingRow:
    table_id = finding.table or (finding.cells[0].table if finding.cells else None)
    table = document.table(table_id) if table_id else None
    page = finding.page
    if page is None and table is not None and table.pages:
        page = table.pages[0]
    return FindingRow(
        page=page,
        table=table_caption(table) if table is not None else "",
        rule=finding.rule,
        severity=finding.severity.value,
        message=finding.message,
    )


def write_outputs(result: FileResult, task: FileTask, document: Document, findings: list[Finding]) -> None:
    from desktopapp.export.annotated_pdf import write_annotated_pdf
    from desktopapp.export.json_out import document_to_json, write_json_atomic
    from desktopapp.export.xlsx import export_clean_workbook, export_workbook

    def write_json(target: Path) -> None:
        if target.is_dir():
            raise WriteError(f"“{display_path(target)}”是一个文件夹，无法写成 JSON 文件。")
        write_json_atomic(document_to_json(document, findings), target)

    def write_xlsx(target: Path) -> None:
        if task.clean:
            export_clean_workbook(document, target)
        else:
            export_workbook(document, findings, [], target)

    if task.json is not None and _written(result, "JSON", task.json, write_json):
        result.json_path = task.json
    if task.xlsx is not None and _written(result, "Excel", task.xlsx, write_xlsx):
        result.xlsx_path = task.xlsx
    if task.annotated is not None and _written(
        result, "批注 PDF", task.annotated,
        lambda target: write_annotated_pdf(document, findings, saved_marks(task.path, document.sha256), target),
    ):
        result.annotated_path = task.annotated


def _written(result: FileResult, what: str, target: Path, write: Callable[[Path], None]) -> bool:
    """Run one writer; a failure becomes the file's Chinese line (the other outputs go on)."""
    problem = write_failure(lambda: write(target), target, what)
    if problem is None:
        return True
    result.write_problems.append(f"无法写入 {what}“{display_path(target.name)}”：{problem}")
    return False
