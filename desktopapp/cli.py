"""`python -m desktopapp check FILE.pdf [FILE …] --json OUT_DIR [--xlsx OUT.xlsx]`.

The same engine as the window: read each PDF, run every enabled rule, write one JSON per
file (schema disclosure-check/1). Exit 0 when every file was read, 2 when any could not be
read — with one line per such file on stderr saying why, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from desktopapp.core.errors import ReadError
from desktopapp.core.labels import page_span
from desktopapp.core.model import Document, Finding


def _progress_printer(name: str, enabled: bool):
    if not enabled:
        return None

    def report(done: int, total: int) -> None:
        print(f"\r{name}: 第 {done}/{total} 页", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report


def check_file(path: Path, disabled: list[str], progress: bool) -> tuple[Document, list[Finding]]:
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks

    document = read_document(path, progress=_progress_printer(path.name, progress))
    return document, run_checks(document, disabled=disabled)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m desktopapp check",
        description="读取预决算公开 PDF 中的表格并校验勾稽关系（结果写为 JSON / Excel）。",
    )
    ap.add_argument("files", nargs="+", type=Path, help="PDF 文件")
    ap.add_argument("--json", dest="json_dir", type=Path, help="每个文件写一个 JSON 到此文件夹")
    ap.add_argument("--xlsx", type=Path, help="导出 Excel 工作簿（一个文件时为文件路径，多个文件时为文件夹）")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE", help="关闭某条规则（可重复）")
    ap.add_argument("--progress", action="store_true", help="在标准错误输出显示读取进度")
    ap.add_argument(
        "--together",
        action="store_true",
        help="各文件是同一份公开文件（如情况说明与公开表格分为两个 PDF）：一并校验，每个文件仍各写一个 JSON",
    )
    return ap.parse_args(argv)


def _xlsx_target(base: Path, pdf: Path, many: bool) -> Path:
    if many or base.is_dir():
        return base / f"{pdf.stem}.xlsx"
    return base


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    from desktopapp.export.json_out import document_to_json, write_json_atomic

    if args.together:
        return _main_together(args)
    failed = 0
    many = len(args.files) > 1
    for pdf in args.files:
        try:
            document, findings = check_file(pdf, args.disable, args.progress)
        except ReadError as exc:
            print(f"{pdf}: 无法读取：{exc.message}", file=sys.stderr)
            failed += 1
            continue
        except KeyboardInterrupt:
            print(f"{pdf}: 已中断", file=sys.stderr)
            return 130
        except Exception as exc:  # a bug must not hide the other files' results
            print(f"{pdf}: 读取时发生内部错误（{type(exc).__name__}: {exc}）", file=sys.stderr)
            if "--debug" in sys.argv:
                traceback.print_exc()
            failed += 1
            continue
        errors = sum(1 for f in findings if f.severity.value == "error")
        warnings = sum(1 for f in findings if f.severity.value == "warning")
        print(f"{pdf}: {len(document.tables)} 张表，{errors} 个错误，{warnings} 个警告")
        for first, last, why in document.unreadable_runs():
            print(f"{pdf}: {page_span(first, last)}无法读取：{why}")
        if args.json_dir:
            write_json_atomic(document_to_json(document, findings), args.json_dir / f"{pdf.stem}.json")
        if args.xlsx:
            from desktopapp.export.xlsx import ExportError, export_workbook

            target = _xlsx_target(args.xlsx, pdf, many)
            try:
                export_workbook(document, findings, [], target)
            except ExportError as exc:
                print(f"{pdf}: 导出 Excel 失败：{exc.message}", file=sys.stderr)
                failed += 1
    return 2 if failed else 0


def _main_together(args: argparse.Namespace) -> int:
    """The files are one disclosure (text and tables printed apart): read each, check them as
    one document, write one JSON per file (export.json_together) and one workbook."""
    from desktopapp.export.json_out import write_json_atomic
    from desktopapp.export.json_together import jsons_by_file
    from desktopapp.extract import combine_documents, read_document
    from desktopapp.rules import run_checks

    documents, failed = [], 0
    for pdf in args.files:
        try:
            documents.append(read_document(pdf, progress=_progress_printer(pdf.name, args.progress)))
        except ReadError as exc:
            print(f"{pdf}: 无法读取：{exc.message}", file=sys.stderr)
            failed += 1
        except KeyboardInterrupt:
            print(f"{pdf}: 已中断", file=sys.stderr)
            return 130
        except Exception as exc:  # a bug: the other files are still checked together
            print(f"{pdf}: 读取时发生内部错误（{type(exc).__name__}: {exc}）", file=sys.stderr)
            failed += 1
    if not documents:
        return 2
    document = combine_documents(documents)
    findings = run_checks(document, disabled=args.disable)
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    names = " + ".join(Path(s).name for s in document.sources())
    print(f"{names}（一并校验）: {len(document.tables)} 张表，{errors} 个错误，{warnings} 个警告")
    if args.json_dir:
        for source, data in jsons_by_file(document, findings):
            write_json_atomic(data, args.json_dir / f"{Path(source).stem}.json")
    if args.xlsx:
        from desktopapp.export.xlsx import ExportError, export_workbook

        try:
            export_workbook(document, findings, [], _xlsx_target(args.xlsx, Path(document.source), False))
        except ExportError as exc:
            print(f"{names}: 导出 Excel 失败：{exc.message}", file=sys.stderr)
            failed += 1
    return 2 if failed else 0
