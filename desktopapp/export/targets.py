"""Where `check` writes each input's results, decided before any file is read.

Naming (deterministic, in the order the files were given): the results of `a/预算.pdf` are
`预算.json` (and `预算.xlsx` when `--xlsx` is a folder); a later input with the same name from
another folder gets `预算 (2).json`, then `预算 (3).json` … Names are compared ignoring case,
as Windows and macOS do. Every name written is printed on stdout.

Nothing the user gave as input is ever overwritten: an output that is the same file as any
input (through a symlink, a hard link or another case) is refused for that file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktopapp.export.atomic import folder_is_writable
from desktopapp.export.write_errors import WriteError, display_path, short_reason


class TargetError(WriteError):
    """An output folder or file that cannot be used at all (nothing is read)."""


@dataclass
class Outputs:
    """Where one input's results go; `refused` says why one of them is not written."""

    json: Path | None = None
    xlsx: Path | None = None
    refused: list[str] | None = None
    annotated: Path | None = None  # the annotated copy of the PDF (--annotated DIR)


def means_folder(raw: str) -> bool:
    """`out/` (a trailing separator) names a folder even when it does not exist yet."""
    return raw.endswith("/") or (os.sep != "/" and raw.endswith(os.sep)) or bool(os.altsep and raw.endswith(os.altsep))


def plan_outputs(inputs: list[Path], json_dir: str | None, xlsx: str | None,
                 annotated_dir: str | None = None) -> list[Outputs]:
    """One `Outputs` per input; raises TargetError when a folder cannot be made or written."""
    plans = [Outputs(refused=[]) for _ in inputs]
    if annotated_dir:
        folder = prepare_folder(Path(annotated_dir), "--annotated")
        for plan, name in zip(plans, unique_names(inputs, ".pdf"), strict=True):
            plan.annotated = folder / name
    if json_dir:
        folder = prepare_folder(Path(json_dir), "--json")
        for plan, name in zip(plans, unique_names(inputs, ".json"), strict=True):
            plan.json = folder / name
    if xlsx:
        target = Path(xlsx)
        if len(inputs) > 1 or means_folder(xlsx) or target.is_dir():
            folder = prepare_folder(target, "--xlsx")
            for plan, name in zip(plans, unique_names(inputs, ".xlsx"), strict=True):
                plan.xlsx = folder / name
        else:
            plans[0].xlsx = target
    for plan in plans:
        for attr in ("json", "xlsx", "annotated"):
            target = getattr(plan, attr)
            clash = input_clash(target, inputs) if target is not None else None
            if clash is not None:
                setattr(plan, attr, None)
                plan.refused.append(clash)
    return plans


def input_clash(target: Path, inputs: list[Path]) -> str | None:
    """Why `target` must not be written (it is one of the inputs), or None."""
    if any(same_file(target, source) for source in inputs):
        return f"输出文件“{display_path(target)}”就是输入文件，为避免覆盖已拒绝写入；请换一个输出位置。"
    return None


def unique_names(inputs: list[Path], suffix: str) -> list[str]:
    """`stem.suffix`, then `stem (2).suffix` … for repeated stems, in argument order."""
    taken: set[str] = set()
    names: list[str] = []
    for source in inputs:
        stem = source.stem or source.name or "结果"
        name, n = f"{stem}{suffix}", 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem} ({n}){suffix}"
        taken.add(name.casefold())
        names.append(name)
    return names


def prepare_folder(folder: Path, option: str) -> Path:
    """Create `folder` if needed; refuse a file in its place or a folder that cannot be written."""
    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise TargetError(f"{option} 需要一个文件夹，而“{shown}”是一个已有的文件。请指定文件夹。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TargetError(f"无法创建 {option} 文件夹“{shown}”：{short_reason(exc)}。", str(exc)) from exc
    if not folder_is_writable(folder):
        raise TargetError(f"无法写入 {option} 文件夹“{shown}”：该文件夹是只读的或没有写入权限，或磁盘已满。")
    return folder


def same_file(a: Path, b: Path) -> bool:
    """True when `a` and `b` are one file (symlinks, hard links, case-insensitive file systems)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
    except (OSError, RuntimeError):
        return False
