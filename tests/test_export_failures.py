"""Exporting over a file the officer cannot overwrite: a clear Chinese message, the old workbook
intact, no temporary file left behind."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from desktopapp.export import atomic
from desktopapp.export.xlsx import ExportError, export_workbook
from tests.helpers.export_samples import sample_document

OLD = b"PK-old-workbook-bytes"
CJK = range(0x4E00, 0xA000)


def _has_chinese(text: str) -> bool:
    return any(ord(ch) in CJK for ch in text)


@pytest.fixture()
def old_file(tmp_path):
    path = tmp_path / "结果.xlsx"
    path.write_bytes(OLD)
    return path


def _assert_intact(path: Path) -> None:
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(".~lock")) == [path.name]


def test_read_only_target(old_file):
    old_file.chmod(0o444)
    with pytest.raises(ExportError) as info:
        export_workbook(sample_document(), [], [], old_file)
    assert "只读" in info.value.message and _has_chinese(info.value.message)
    _assert_intact(old_file)


@pytest.mark.parametrize("lock_name", [".~lock.结果.xlsx#", "~$结果.xlsx"])
def test_target_open_in_an_office_program(old_file, lock_name):
    (old_file.parent / lock_name).write_text("someone,host", encoding="utf-8")
    with pytest.raises(ExportError) as info:
        export_workbook(sample_document(), [], [], old_file)
    assert "打开" in info.value.message and lock_name in info.value.message
    assert old_file.read_bytes() == OLD


def test_file_locked_by_windows_when_renaming(old_file, monkeypatch):
    """On Windows a workbook open in Excel cannot be replaced: os.replace raises PermissionError."""

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        export_workbook(sample_document(), [], [], old_file)
    assert "其他程序" in info.value.message
    _assert_intact(old_file)


def test_disk_full_while_writing(old_file, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(ExportError) as info:
        export_workbook(sample_document(), [], [], old_file)
    assert "磁盘空间不足" in info.value.message
    _assert_intact(old_file)


def _make_unwritable(folder: Path) -> bool:
    """chmod for a normal user; root ignores permission bits, so it needs the immutable flag."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    return done.returncode == 0


def _make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_unwritable_folder(tmp_path):
    folder = tmp_path / "只读文件夹"
    folder.mkdir()
    path = folder / "结果.xlsx"
    path.write_bytes(OLD)
    if not _make_unwritable(folder):
        pytest.skip("cannot make a folder unwritable here")
    try:
        with pytest.raises(ExportError) as info:
            export_workbook(sample_document(), [], [], path)
        assert "写入" in info.value.message
        assert path.read_bytes() == OLD and [p.name for p in folder.iterdir()] == [path.name]
    finally:
        _make_writable(folder)


def test_target_is_a_folder_or_inside_a_file(tmp_path):
    with pytest.raises(ExportError, match="文件夹"):
        export_workbook(sample_document(), [], [], tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as info:
        export_workbook(sample_document(), [], [], blocker / "x.xlsx")
    assert _has_chinese(info.value.message)


def test_never_overwrites_the_source_pdf(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4 original")
    document = sample_document()
    document.source = str(pdf)
    with pytest.raises(ExportError, match="源 PDF"):
        export_workbook(document, [], [], pdf)
    assert pdf.read_bytes() == b"%PDF-1.4 original"


def test_overwrites_a_writable_old_workbook(old_file):
    export_workbook(sample_document(), [], [], old_file)
    assert old_file.read_bytes()[:2] == b"PK" and old_file.read_bytes() != OLD
    assert [p.name for p in old_file.parent.iterdir()] == [old_file.name]
