"""The PDF file is read once: its bytes are hashed as read and every parser and worker
process reads those bytes, never the file again."""

from __future__ import annotations

import hashlib
import shutil
import threading

import pytest

from desktopapp.core.errors import EmptyFileError, NotPdfError
from desktopapp.extract import read_document
from desktopapp.extract.bounded import read_pages
from desktopapp.extract.page_tables import PageResult
from desktopapp.extract.pdf_open import load_pdf
from tests.helpers import REPO_ROOT

SAMPLE = REPO_ROOT / "resources" / "sample-dept-budget.pdf"


def _summary(results: list[PageResult]) -> list[tuple]:
    return [(r.page.number, r.page.text, [p.row_texts() for p in r.pieces]) for r in results]


@pytest.fixture(scope="module")
def in_one_process() -> list[tuple]:
    return _summary(read_pages(SAMPLE.read_bytes(), workers=1).results)


def test_document_hash_is_of_the_file_read(tmp_path):
    copy = tmp_path / "copy.pdf"
    shutil.copy(SAMPLE, copy)
    pdf_file = load_pdf(copy)
    assert pdf_file.data == SAMPLE.read_bytes()
    assert pdf_file.sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert read_document(copy, workers=1).sha256 == pdf_file.sha256


def test_a_file_that_is_no_pdf_is_refused_from_its_first_bytes(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        load_pdf(empty)
    other = tmp_path / "big.pdf"
    other.write_bytes(b"PK\x03\x04" + bytes(3_000_000))
    with pytest.raises(NotPdfError):
        load_pdf(other)


def test_pages_are_read_from_the_bytes_once_the_file_is_gone(tmp_path, in_one_process):
    copy = tmp_path / "gone.pdf"
    shutil.copy(SAMPLE, copy)
    pdf_file = load_pdf(copy)
    copy.unlink()
    assert _summary(read_pages(pdf_file.data, workers=1).results) == in_one_process
    assert _summary(read_pages(pdf_file.data, workers=2).results) == in_one_process  # forked workers


def test_workers_started_afresh_are_handed_the_bytes(in_one_process):
    """From a secondary thread (the window reads in one) workers come from the fork server."""
    out: dict[str, object] = {}

    def read() -> None:
        try:
            out["result"] = _summary(read_pages(SAMPLE.read_bytes(), workers=2).results)
        except BaseException as exc:  # reported below, in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(timeout=120)
    assert "error" not in out, out.get("error")
    assert out["result"] == in_one_process
