"""Errors meant for the officer: `UserError` and the reasons a PDF cannot be read."""

from __future__ import annotations

import errno


class UserError(Exception):
    """Something the officer asked for that cannot be done. `message` says why in plain Chinese
    (it is also `str(exc)`); `detail` is the technical cause, for logs."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ReadError(UserError):
    """A PDF that cannot be read as a disclosure."""

    code = "unreadable"


class EmptyFileError(ReadError):
    code = "empty"


class NotPdfError(ReadError):
    code = "not_pdf"


class DamagedPdfError(ReadError):
    code = "damaged"


class EncryptedPdfError(ReadError):
    code = "encrypted"


class ScannedPdfError(ReadError):
    code = "scanned"


class NoTablesError(ReadError):
    code = "no_tables"


class CancelledError(Exception):
    """Reading was cancelled by the user."""


def open_reason(exc: OSError) -> str:
    """Why a file could not be opened for reading, in Chinese."""
    if isinstance(exc, FileNotFoundError):
        return "找不到该文件。"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是 PDF 文件。"
    if isinstance(exc, PermissionError):
        return "没有读取该文件的权限。"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名过长，系统无法打开。"
    return f"无法打开文件（系统错误号 {exc.errno}）。"
