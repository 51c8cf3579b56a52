"""Errors the core raises for input it cannot read; `message` is for the officer (Chinese)."""

from __future__ import annotations


class ReadError(Exception):
    """A PDF that cannot be read as a disclosure. `message` is plain Chinese."""

    code = "unreadable"

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


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
