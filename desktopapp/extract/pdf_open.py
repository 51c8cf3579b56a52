"""Open a PDF for reading and turn every way it can fail into a plain Chinese `ReadError`."""

from __future__ import annotations

import hashlib
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


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_bytes(path: Path) -> None:
    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    if path.is_dir():
        raise ReadError(f"这是一个文件夹，不是 PDF 文件：{path}")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("文件是空的（0 字节），不是有效的 PDF。")
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise NotPdfError("这不是 PDF 文件（文件头不是 %PDF）。请确认选择了正确的文件。")
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise DamagedPdfError("PDF 文件不完整或已损坏（文件结尾缺失），可能下载或复制时中断。")


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


def open_pdf(path: str | Path) -> pdfplumber.PDF:
    """Open `path` with pdfplumber; raise a ReadError subclass with a Chinese message on failure."""
    path = Path(path)
    _check_bytes(path)
    try:
        pdf = pdfplumber.open(path)
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
