"""`python -m desktopapp check FOLDER [FOLDER|FILE …] --summary OUT.xlsx [--json DIR] [--xlsx DIR]
[--annotated DIR] [--jobs N] [--progress]`: a whole folder through the batch engine (desktopapp.batch).

Taken when an argument is a folder or `--summary` is given; plain `check FILE …` stays in cli.py.
A folder is expanded to every PDF under it; each file's workbook goes to `--xlsx DIR`, or with
`--summary` to a folder beside the summary (`汇总-各文件/` for `汇总.xlsx`). Lines: one per file on
stdout as `check` prints them, one Chinese line on stderr per unreadable file or unwritten
output, with `--progress` "[3/31] 文件名：12 张表，2 个错误" on stderr as each file ends. Exit 0
when everything was read and written, 2 otherwise, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktopapp.batch import BatchOutputs, FileResult, ResultCache, discover, run_batch
from desktopapp.batch.summary import shown_name, write_summary_workbook
from desktopapp.core.errors import UserError
from desktopapp.export.atomic import lock_file_of
from desktopapp.export.targets import TargetError, prepare_folder
from desktopapp.export.write_errors import display_path, os_error_message

ITEMS_FOLDER_SUFFIX = "-各文件"


def wants_batch(args: argparse.Namespace) -> bool:
    return bool(args.summary) or any(Path(f).is_dir() for f in args.files)


def items_folder(summary: Path) -> Path:
    """Where each file's own workbook goes when only `--summary` is given."""
    return summary.with_name(summary.stem + ITEMS_FOLDER_SUFFIX)


def main_batch(args: argparse.Namespace) -> int:
    if args.together:
        print("--together 用于同一份公开文件的几个 PDF，不能与文件夹或 --summary 同用。", file=sys.stderr)
        return 2
    summary = Path(args.summary) if args.summary else None
    try:
        outputs = _outputs(args, summary)
    except TargetError as exc:
        print(f"无法写出结果：{exc.message}", file=sys.stderr)
        return 2
    roots = [Path(f) for f in args.files]
    folders = [r for r in roots if r.is_dir()]
    found = discover(*roots, exclude=outputs.folders())
    failed = 0
    for folder, why in found.unreadable_folders:
        print(f"{display_path(folder)}: {why}", file=sys.stderr)
        failed += 1
    if not found.pdfs:
        print("没有找到 PDF 文件：" + "、".join(display_path(f) for f in folders), file=sys.stderr)
        return 2
    total = len(found.pdfs)

    def report(done: int, _total: int, result: FileResult) -> None:
        _print_result(result, shown_name(result.path, folders), done, total, args.progress)

    try:
        results = run_batch(
            found.pdfs,
            jobs=args.jobs,
            cache=None if args.no_cache else ResultCache(),
            outputs=outputs,
            disabled=args.disable,
            progress=report,
        )
    except TargetError as exc:
        print(f"无法写出结果：{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("批量检查已中断", file=sys.stderr)
        return 130
    failed += sum(1 for r in results if not r.readable or r.write_problems)
    if summary is not None and not _write_summary(results, summary, folders):
        failed += 1
    return 2 if failed else 0


def _outputs(args: argparse.Namespace, summary: Path | None) -> BatchOutputs:
    if summary is not None:
        if summary.is_dir():
            raise TargetError(f"--summary 需要一个 Excel 文件名，而“{display_path(summary)}”是一个文件夹。")
        prepare_folder(summary.parent, "--summary")
    if args.xlsx and args.xlsx.lower().endswith(".xlsx") and not Path(args.xlsx).is_dir():
        raise TargetError(f"检查文件夹时每个文件各写一个工作簿，--xlsx 需要一个文件夹，而“{display_path(args.xlsx)}”"
                          "是一个 Excel 文件名；汇总表请用 --summary。")
    xlsx = Path(args.xlsx) if args.xlsx else (items_folder(summary) if summary is not None else None)
    return BatchOutputs(
        json_dir=Path(args.json_dir) if args.json_dir else None,
        xlsx_dir=xlsx,
        annotated_dir=Path(args.annotated_dir) if args.annotated_dir else None,
        clean=args.clean,
    )


def _print_result(result: FileResult, shown: str, done: int, total: int, progress: bool) -> None:
    if progress:
        print(f"[{done}/{total}] {shown}：{_short(result)}", file=sys.stderr, flush=True)
    if not result.readable:
        print(f"{shown}: 无法读取：{result.unreadable}", file=sys.stderr, flush=True)
    for problem in result.write_problems:
        print(f"{shown}: {problem}", file=sys.stderr, flush=True)
    if result.readable:
        made = (result.json_path, result.xlsx_path, result.annotated_path)
        written = [display_path(p) for p in made if p is not None]
        line = f"{shown}: {result.tables} 张表，{result.errors} 个错误，{result.warnings} 个警告"
        if result.from_cache:
            line += "（文件未改动，沿用上次的检查结果）"
        print(line + (f"；写入 {'、'.join(written)}" if written else ""), flush=True)


def _short(result: FileResult) -> str:
    if not result.readable:
        return "无法读取"
    return f"{result.tables} 张表，{result.errors} 个错误"


def _write_summary(results: list[FileResult], summary: Path, folders: list[Path]) -> bool:
    lock = lock_file_of(summary)
    if lock is not None:
        print(f"无法写入汇总表：“{display_path(summary.name)}”正被 Excel、WPS 或其他程序打开"
              f"（发现锁定文件“{display_path(lock.name)}”），请先关闭它。", file=sys.stderr)
        return False
    try:
        write_summary_workbook(results, summary, folders=folders)
    except UserError as exc:
        print(f"无法写入汇总表：{exc.message}", file=sys.stderr)
        return False
    except OSError as exc:
        print(f"无法写入汇总表：{os_error_message(exc, summary, 'Excel 文件')}", file=sys.stderr)
        return False
    unreadable = sum(1 for r in results if not r.readable)
    print(f"汇总：{len(results)} 个文件，{unreadable} 个无法读取，"
          f"错误 {sum(r.errors for r in results)} 个，警告 {sum(r.warnings for r in results)} 个；"
          f"写入 {display_path(summary)}")
    return True
