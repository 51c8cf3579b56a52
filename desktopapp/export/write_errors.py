"""Why a file could not be written, in the officer's words (shared by every writer)."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable
from pathlib import Path

from desktopapp.core.errors import UserError

log = logging.getLogger(__name__)


class WriteError(UserError):
    """An output file could not be written (the target is left as it was)."""


def write_failure(write: Callable[[], None], target: Path, what: str) -> str | None:
    """Run one writer of `target` (`what`: "JSON", "Excel" …): None when it wrote, else why not in
    Chinese. Any error is caught: one output must not stop the others (an internal one is logged
    with its traceback)."""
    try:
        write()
    except UserError as exc:
        return exc.message
    except OSError as exc:
        return os_error_message(exc, target, what + " 文件")
    except Exception as exc:  # noqa: BLE001
        log.exception("writing %s failed", target)
        return f"导出时发生内部错误（{type(exc).__name__}）"
    return None


def os_error_message(exc: OSError, target: Path, what: str = "文件") -> str:
    """A Chinese sentence for an OSError met while writing `target` (`what`: "Excel 文件" …)."""
    name = display_path(target.name)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"磁盘空间不足，无法保存{what}“{name}”。请清理磁盘或换一个位置保存。"
    if exc.errno == errno.ENAMETOOLONG:
        return f"文件名过长，无法保存{what}“{name}”。请换一个较短的文件名或保存位置。"
    if exc.errno == errno.EROFS:
        return f"无法写入“{display_path(target)}”：该位置是只读的，请选择其他保存位置。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return (
            f"无法写入“{display_path(target)}”：文件正被其他程序（如 Excel、WPS）打开，或该文件夹没有写入权限。"
            "请关闭该文件，或选择其他保存位置。"
        )
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"保存位置“{display_path(target.parent)}”不存在或不是文件夹，请选择其他保存位置。"
    if isinstance(exc, IsADirectoryError):
        return f"“{display_path(target)}”是一个文件夹，无法作为{what}保存。"
    reason = exc.strerror or type(exc).__name__
    return f"无法保存{what}“{name}”：{reason}"


def short_reason(exc: OSError) -> str:
    """A few Chinese words for why a file or folder could not be made."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "该位置是只读的"
    if exc.errno == errno.ENAMETOOLONG:
        return "名称过长"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "路径中有同名的文件"
    if isinstance(exc, FileNotFoundError):
        return "上级文件夹不存在"
    return f"系统拒绝了操作（错误号 {exc.errno}）"


def display_path(path: str | Path) -> str:
    """A path as text that can always be printed or shown.

    A name that is not valid in the file system's encoding (GBK bytes unpacked from a Windows
    zip onto a UTF-8 system) reaches Python with surrogate escapes, which no stream can print;
    its bytes are read as GB18030 when they are that, otherwise shown as \\xNN escapes.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")
