"""`python -m desktopapp check FILE.pdf [FILE …] --json OUT_DIR [--xlsx OUT.xlsx [--clean]]`.

The same engine as the window: read each PDF, run every enabled rule, write one JSON per
file (schema disclosure-check/1) and optionally a workbook. Exit 0 when every file was read
and every result written; 2 when any file could not be read or any result not written (one
Chinese line per such file on stderr saying why, never a traceback), and at once when an
output folder cannot be used; 130 when interrupted. Output names: export.targets.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktopapp.cli_parser import ChineseArgumentParser
from desktopapp.compare.relation import Relation
from desktopapp.core.errors import ReadError, open_reason
from desktopapp.core.labels import page_span
from desktopapp.core.model import Document, Finding
from desktopapp.export.write_errors import WriteError, display_path, write_failure

if TYPE_CHECKING:
    from desktopapp.compare import Comparison
    from desktopapp.export.targets import Outputs

T = TypeVar("T")


def _progress_printer(name: str, enabled: bool):
    if not enabled:
        return None

    def report(done: int, total: int) -> None:
        print(f"\r{name}: 第 {done}/{total} 页", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report


def check_file(path: Path, disabled: list[str], progress: bool) -> tuple[Document, list[Finding]]:
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks

    document = read_document(path, progress=_progress_printer(display_path(path.name), progress))
    return document, run_checks(document, disabled=disabled)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    ap = ChineseArgumentParser(
        prog="python -m desktopapp check",
        description="读取预决算公开 PDF 中的表格并校验勾稽关系（结果写为 JSON / Excel）。",
    )
    ap.add_argument("files", nargs="+", type=Path, help="PDF 文件，或文件夹（检查其中及子文件夹中的全部 PDF）")
    # plain strings: a trailing separator ("out/") must survive to mean a folder
    ap.add_argument("--json", dest="json_dir", metavar="OUT_DIR", help="每个文件写一个 JSON 到此文件夹")
    ap.add_argument(
        "--xlsx",
        metavar="OUT",
        help="导出 Excel 工作簿（一个文件时为文件路径；多个文件、或以 / 结尾时为文件夹，不存在则创建）",
    )
    ap.add_argument("--clean", action="store_true",
                    help="与 --xlsx 同用：只导出表格（数值，无底色、无批注、无校验结果），供上报使用")
    ap.add_argument("--annotated", dest="annotated_dir", metavar="DIR",
                    help="每个文件写一份带批注的 PDF 副本到此文件夹（每个问题标在原处，供退回单位修改）")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE", help="关闭某条规则（可重复）")
    ap.add_argument("--progress", action="store_true", help="在标准错误输出显示读取进度")
    ap.add_argument(
        "--together",
        action="store_true",
        help="各文件是同一份公开文件（如情况说明与公开表格分为两个 PDF）：一并校验，每个文件仍各写一个 JSON",
    )
    ap.add_argument(
        "--compare",
        nargs="+",
        type=Path,
        default=[],
        metavar="OTHER",
        help="与另一份公开文件（参考文件：上年公开文件、决算年度的预算、部门与单位、较早版本）对比数字；"
             "给出多个文件时作为同一份参考文件一并读取",
    )
    ap.add_argument(
        "--relation",
        choices=[r.value for r in Relation],
        help="参考文件与本文件的关系（不给出时按两份文件的年度、单位、类型判断）",
    )
    ap.add_argument("--debug", action="store_true", help="出错时显示技术细节和所用程序库的日志")
    # batch work (cli_batch.py): taken when a folder or --summary is given
    ap.add_argument("--summary", metavar="OUT.xlsx", help="批量检查：写出汇总表（每个文件一行、全部问题、规则统计）")
    ap.add_argument("--jobs", type=int, metavar="N", help="批量检查：同时处理的文件数（默认为处理器核数）")
    ap.add_argument("--no-cache", action="store_true", help="批量检查：已检查且未改动的文件也重新读取")
    return ap.parse_args(argv)


def _quiet_libraries(debug: bool) -> None:
    """pdfminer, pdfplumber and friends log and warn in English on stderr: the officer reads one
    Chinese line per file instead; `--debug` shows them."""
    logging.captureWarnings(True)
    if debug:
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
        return
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # no "last resort" printing to stderr
    warnings.simplefilter("ignore")


def _safe_streams() -> None:
    """A path that cannot be encoded (surrogate escapes) must never stop the report."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    _quiet_libraries(args.debug)
    from desktopapp import cli_batch

    if cli_batch.wants_batch(args):
        return cli_batch.main_batch(args)
    if args.clean and not args.xlsx:
        print("--clean 只用于导出 Excel，请同时给出 --xlsx。", file=sys.stderr)
        return 2
    from desktopapp.export.targets import TargetError, plan_outputs

    try:
        if args.together:  # one JSON per file, one workbook for them all
            plans = plan_outputs(args.files, args.json_dir, None, args.annotated_dir)
            plans[0].xlsx = plan_outputs(args.files[:1], None, args.xlsx)[0].xlsx
        else:
            plans = plan_outputs(args.files, args.json_dir, args.xlsx, args.annotated_dir)
    except TargetError as exc:
        print(f"无法写出结果：{exc.message}", file=sys.stderr)
        return 2
    args.reference = None
    if args.compare:
        args.reference = _read_reference(args)
        if args.reference is None:
            return 2
    if args.together:
        return _main_together(args, plans)
    failed = 0
    for pdf, plan in zip(args.files, plans, strict=True):
        try:
            ok = _check_one(pdf, plan, args)
        except KeyboardInterrupt:
            print(f"{display_path(pdf)}: 已中断", file=sys.stderr)
            return 130
        failed += 0 if ok else 1
    return 2 if failed else 0


def _check_one(pdf: Path, plan: Outputs, args: argparse.Namespace) -> bool:
    """Read, check and write one file; print its lines. False when anything was not done."""
    shown = display_path(pdf)
    checked = _reported(pdf, args, lambda: check_file(pdf, args.disable, args.progress))
    if checked is None:
        return False
    document, findings = checked
    comparison = _compared(shown, document, findings, args)
    written: list[str] = []
    ok = True
    for problem in plan.refused or []:
        print(f"{shown}: {problem}", file=sys.stderr)
        ok = False
    if plan.json is not None:
        ok &= _write(shown, "JSON", plan.json, written,
                     lambda: _write_json(document, findings, plan.json, comparison))
    if plan.xlsx is not None:
        ok &= _write(shown, "Excel", plan.xlsx, written, lambda: _write_xlsx(document, findings, plan.xlsx, args.clean))
    if plan.annotated is not None:
        ok &= _write(shown, "批注 PDF", plan.annotated, written,
                     lambda: _write_annotated(document, findings, document.source, plan.annotated))
    _print_summary(shown, document, findings, written)
    return ok


def _print_summary(label: str, document: Document, findings: list[Finding], written: list[str]) -> None:
    """The file's line on stdout (tables, errors, warnings, what was written), then its unread pages."""
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings_ = sum(1 for f in findings if f.severity.value == "warning")
    line = f"{label}: {len(document.tables)} 张表，{errors} 个错误，{warnings_} 个警告"
    print(line + (f"；写入 {'、'.join(written)}" if written else ""))
    for first, last, why in document.unreadable_runs():
        print(f"{label}: {page_span(first, last)}无法读取：{why}")


def _reported(pdf: Path, args: argparse.Namespace, work: Callable[[], T], failed: str = "无法读取") -> T | None:
    """`work()` on one input; None, with the file's Chinese line on stderr, when it fails."""
    shown = display_path(pdf)
    try:
        return work()
    except ReadError as exc:
        print(f"{shown}: {failed}：{exc.message}", file=sys.stderr)
    except OSError as exc:
        print(f"{shown}: {failed}：{open_reason(exc)}", file=sys.stderr)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug must not hide the other files' results
        print(f"{shown}: {failed}：文件可能已损坏，读取时发生内部错误（{type(exc).__name__}）", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
    return None


def _main_together(args: argparse.Namespace, plans: list[Outputs]) -> int:
    """The files are one disclosure (text and tables printed apart): read each, check them as
    one document, write one JSON per file (export.json_together) and one workbook."""
    from desktopapp.export.json_together import jsons_by_file
    from desktopapp.export.targets import input_clash
    from desktopapp.extract import combine_documents, read_document
    from desktopapp.rules import run_checks

    documents, plan_of, ok = [], {}, True
    for pdf, plan in zip(args.files, plans, strict=True):
        try:
            document = _reported(pdf, args, lambda p=pdf: read_document(p, progress=_progress_printer(
                display_path(p.name), args.progress)))
        except KeyboardInterrupt:
            print(f"{display_path(pdf)}: 已中断", file=sys.stderr)
            return 130
        for problem in plan.refused or []:
            print(f"{display_path(pdf)}: {problem}", file=sys.stderr)
            ok = False
        if document is None:
            ok = False
            continue
        documents.append(document)
        plan_of[document.source] = plan
    if not documents:
        return 2
    document = combine_documents(documents)
    findings = run_checks(document, disabled=args.disable)
    names = " + ".join(display_path(Path(s).name) for s in document.sources())
    comparison = _compared(names, document, findings, args)
    written: list[str] = []
    for source, data in jsons_by_file(document, findings, comparison.as_json() if comparison else None):
        target = plan_of[source].json
        if target is not None:
            ok &= _write(names, "JSON", target, written, lambda d=data, t=target: _write_json_data(d, t))
    for source in document.sources():
        target = plan_of[source].annotated
        if target is not None:
            ok &= _write(names, "批注 PDF", target, written,
                         lambda s=source, t=target: _write_annotated(document, findings, s, t))
    xlsx = plans[0].xlsx
    clash = input_clash(xlsx, args.files) if xlsx is not None else None
    if clash is not None:
        print(f"{names}: {clash}", file=sys.stderr)
        ok = False
    elif xlsx is not None:
        ok &= _write(names, "Excel", xlsx, written, lambda: _write_xlsx(document, findings, xlsx, args.clean))
    _print_summary(f"{names}（一并校验）", document, findings, written)
    return 0 if ok else 2


def _write(shown: str, what: str, target: Path, written: list[str], write) -> bool:
    """One output of one file; a failure is the file's Chinese line on stderr (with --debug, an
    internal error's traceback through the log)."""
    problem = write_failure(write, target, what)
    if problem is not None:
        print(f"{shown}: 无法写入 {what}：{problem}", file=sys.stderr)
        return False
    written.append(display_path(target))
    return True


def _write_json(document: Document, findings: list[Finding], target: Path, comparison: Comparison | None = None) -> None:
    from desktopapp.export.json_out import document_to_json

    reference = comparison.as_json() if comparison is not None else None
    _write_json_data(document_to_json(document, findings, reference), target)


def _read_reference(args: argparse.Namespace) -> Document | None:
    """The reference (--compare), its files read as one document; None, with the Chinese line
    on stderr, when one of them cannot be read."""
    from desktopapp.extract import combine_documents, read_document

    documents = []
    for pdf in args.compare:
        try:
            document = _reported(pdf, args, lambda p=pdf: read_document(p), "参考文件无法读取，未作校验")
        except KeyboardInterrupt:
            print(f"{display_path(pdf)}: 已中断", file=sys.stderr)
            return None
        if document is None:
            return None
        documents.append(document)
    return combine_documents(documents)


def _compared(shown: str, document: Document, findings: list[Finding], args: argparse.Namespace) -> Comparison | None:
    """The document against the reference (--compare): its findings appended to `findings`
    (numbered on), and the relation assumed stated on stdout."""
    if args.reference is None:
        return None
    from desktopapp.compare import compare_documents

    relation = Relation(args.relation) if args.relation else None
    comparison = compare_documents(document, args.reference, relation)
    comparison.findings = [f for f in comparison.findings if f.rule not in args.disable]
    for i, finding in enumerate(comparison.findings, start=len(findings) + 1):
        finding.id = f"F{i}"
    findings.extend(comparison.findings)
    figures = f"，核对数字 {comparison.matched} 个" + (f"，另有 {len(comparison.unmatched)} 个无法对应" if comparison.unmatched else "")
    print(f"{shown}: {comparison.reference.stated}{figures}")
    return comparison


def _write_json_data(data: dict, target: Path) -> None:
    from desktopapp.export.json_out import write_json_atomic

    if target.is_dir():
        raise WriteError(f"“{display_path(target)}”是一个文件夹，无法写成 JSON 文件。")
    write_json_atomic(data, target)


def _write_annotated(document: Document, findings: list[Finding], source: str, target: Path) -> None:
    from desktopapp.export.annotated_pdf import write_annotated_part
    from desktopapp.session.review import saved_marks

    # the officer's marks from the document's review file (beside its first PDF), as in a batch
    marks = saved_marks(Path(document.source), document.sha256) if document.sha256 else {}
    write_annotated_part(document, findings, marks, source, target)


def _write_xlsx(document: Document, findings: list[Finding], target: Path, clean: bool = False) -> None:
    from desktopapp.export.xlsx import export_clean_workbook, export_workbook

    if clean:
        export_clean_workbook(document, target)
    else:
        export_workbook(document, findings, [], target)
