"""Which PDFs a batch reads: every PDF under the folders given, in a stable natural order.

A bureau's folder is what departments sent: 部门/单位 subfolders, copies, WPS and Excel lock
files, sometimes a link back up the tree. What is never a disclosure is left out — hidden
files and folders (".~lock.x.pdf#", ".git"), office owner files ("~$x.pdf"), our own
temporary files (export/atomic.py: ".x.pdf.<pid>.<random>.tmp") and the folders the batch
writes into — and a folder that cannot be listed is named, not fatal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktopapp.export.write_errors import short_reason

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """"第2批" before "第10批", case ignored: the order a file manager shows."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text))


def _path_key(relative: Path) -> tuple:
    return tuple(natural_key(part) for part in relative.parts)


def is_skipped_name(name: str) -> bool:
    """Files that look like PDFs but are nobody's disclosure."""
    return name.startswith((".", "~$")) or name.endswith(".tmp")


def is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf") and not is_skipped_name(name)


@dataclass
class Found:
    pdfs: list[Path] = field(default_factory=list)
    unreadable_folders: list[tuple[Path, str]] = field(default_factory=list)  # folder, why (Chinese)


def discover(*roots: Path, exclude: Iterable[Path] = ()) -> Found:
    """Every PDF under each folder of `roots` (a file given directly is kept as given, even a
    missing one: reading it says why), folders in argument order, each in natural order; a file
    reached twice (links, overlapping roots) is listed once. `exclude`: folders never entered
    (the batch's own output folders, when they lie inside a root)."""
    found = Found()
    seen_files: set[tuple[int, int] | str] = set()
    excluded = {_identity(Path(folder)) for folder in exclude if Path(folder).is_dir()}
    for root in roots:
        root = Path(root)
        if not root.is_dir():
            if _once(root, seen_files):
                found.pdfs.append(root)
            continue
        entered: set[tuple[int, int] | str] = set(excluded)
        under: list[Path] = []
        _walk(root, entered, under, found.unreadable_folders)
        under.sort(key=lambda p: _path_key(p.relative_to(root)))
        found.pdfs.extend(p for p in under if _once(p, seen_files))
    return found


def find_pdfs(*roots: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """`discover(...)`'s PDFs (the unreadable folders left out)."""
    return discover(*roots, exclude=exclude).pdfs


def _walk(folder: Path, entered: set, out: list[Path], unreadable: list[tuple[Path, str]]) -> None:
    identity = _identity(folder)
    if identity in entered:  # a link loop, a folder reached twice, or an output folder
        return
    entered.add(identity)
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError as exc:
        unreadable.append((folder, f"无法打开该文件夹（{short_folder_reason(exc)}）"))
        return
    for entry in listed:
        try:
            if entry.is_dir():  # follows links; loops end at `entered`
                if not entry.name.startswith("."):
                    _walk(Path(entry.path), entered, out, unreadable)
            elif entry.is_file() and is_pdf_name(entry.name):
                out.append(Path(entry.path))
        except OSError:  # a dangling or unreadable entry
            continue


def short_folder_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return short_reason(exc)


def _identity(path: Path) -> tuple[int, int] | str:
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.normcase(os.path.abspath(path))


def _once(path: Path, seen: set) -> bool:
    identity = _identity(path)
    if identity in seen:
        return False
    seen.add(identity)
    return True
