"""Atomic writes keep the officer's permissions, survive long names and never leave temporary
files behind — not even those of an earlier write that was killed."""

from __future__ import annotations

import os
import stat

import pytest

from desktopapp.export.atomic import atomic_write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and process ids")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_overwritten_file_keeps_its_permissions(tmp_path):
    shared = tmp_path / "共享工作簿.xlsx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    atomic_write(shared, lambda fh: fh.write(b"new"))
    assert shared.read_bytes() == b"new"
    assert _mode(shared) == 0o664


def test_a_new_file_gets_the_users_umask_not_0600(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "新.json", lambda fh: fh.write(b"{}"))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "新.json") == 0o640


def test_a_long_chinese_name_falls_back_to_a_short_temporary_name(tmp_path):
    target = tmp_path / (("某某区财政局部门预算公开" * 8)[:80] + ".xlsx")  # 244 bytes in UTF-8
    atomic_write(target, lambda fh: fh.write(b"data"))
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("stage", ["write", "replace"])
def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch, stage):
    target = tmp_path / "结果.json"
    target.write_bytes(b"old")

    def failing_write(fh):
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    def failing_replace(src, dst):
        raise PermissionError(13, "denied")

    if stage == "replace":
        monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic_write(target, failing_write if stage == "write" else (lambda fh: fh.write(b"new")))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["结果.json"]


def test_temporaries_of_a_killed_write_are_removed_at_the_next_write(tmp_path):
    target = tmp_path / "结果.xlsx"
    dead = tmp_path / ".结果.xlsx.999999999.k3j2.tmp"  # no such process can exist
    dead.write_bytes(b"half of a killed write")
    short = tmp_path / ".desktopapp.999999998.x1.tmp"
    short.write_bytes(b"half")
    alive = tmp_path / f".结果.xlsx.{os.getppid()}.q9.tmp"  # a write under way in a live process
    alive.write_bytes(b"in progress")
    other = tmp_path / ".其他.xlsx.999999999.z.tmp"  # another target's: not ours to judge
    other.write_bytes(b"x")
    atomic_write(target, lambda fh: fh.write(b"new"))
    assert not dead.exists() and not short.exists()
    assert alive.exists() and other.exists()
