"""Read a PDF file once, and turn every way it can fail into a plain Chinese `ReadError`.

The file's bytes are read (and hashed) once; both parsers, and the worker processes,
read those bytes rather than the file again (which might change in between).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from desktopapp.core.errors import (
    DamagedPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NotPdfError,
    ReadError,
)


@dataclass(frozen=True)
class PdfFile:
    """The bytes of a PDF file, read once, and their sha256."""

    data: bytes
    sha256: str


def load_pdf(path: str | Path) -> PdfFile:
    """The file's bytes and their sha256; a ReadError when it is missing, empty, not a PDF
    or cut short."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    if path.is_dir():
        raise ReadError(f"这是一个文件夹，不是 PDF 文件：{path}")
    with open(path, "rb") as fh:
        head = fh.read(1024)
        if not head:
            raise EmptyFileError("文件是空的（0 字节），不是有效的 PDF。")
        if b"%PDF-" not in head:  # before reading the rest of what may be a large other file
            raise NotPdfError("这不是 PDF 文件（文件头不是 %PDF）。请确认选择了正确的文件。")
        fh.seek(0)
        data = fh.read()
    # A file cut short has no end marker; one with bytes after %%EOF (a download note, a
    # mail footer) is whole: the parsers read it.
    if b"%%EOF" not in data and b"startxref" not in data[-2048:]:
        raise DamagedPdfError("PDF 文件不完整或已损坏（文件结尾缺失），可能下载或复制时中断。")
    return PdfFile(data, hashlib.sha256(data).hexdigest())


def _is_password_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password errors in an exception with an empty message."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        text = f"{type(seen).__name__} {seen} {seen.args}".lower()
        if "password" in text or "encrypt" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def open_pdf(pdf_file: PdfFile | bytes) -> pdfplumber.PDF:
    """Open the file's bytes with pdfplumber; raise a ReadError subclass with a Chinese
    message on failure."""
    data = pdf_file.data if isinstance(pdf_file, PdfFile) else pdf_file
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree: a damaged xref fails here, not later
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPdfError("PDF 已加密（设置了打开密码），无法读取。请取得未加密的文件。", str(exc)) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise DamagedPdfError("PDF 文件已损坏，无法解析。", str(exc)) from exc
    except Exception as exc:  # pdfminer raises many ad-hoc errors on broken files
        if _is_password_error(exc):
            raise EncryptedPdfError("PDF 已加密（设置了打开密码），无法读取。请取得未加密的文件。", str(exc)) from exc
        raise DamagedPdfError("PDF 文件已损坏，无法解析。", f"{type(exc).__name__}: {exc}") from exc
    if not pdf.pages:
        pdf.close()
        raise DamagedPdfError("PDF 文件没有任何页面。")
    return pdf
