"""`check`'s outputs never overwrite what the officer owns and never collide; every target that
cannot be used gives one Chinese line and exit 2, never a traceback."""

from __future__ import annotations

import copy
import errno
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from desktopapp import cli
from desktopapp.core.errors import ReadError
from tests.helpers.export_samples import sample_document

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PDF = REPO / "resources" / "sample-dept-budget.pdf"
CJK = range(0x4E00, 0xA000)


def _has_chinese(text: str) -> bool:
    return any(ord(ch) in CJK for ch in text)


@pytest.fixture()
def fake_reading(monkeypatch):
    """`check` without the PDF reading: each path gives the sample document, its source that path
    and its organisation the name of the folder it lies in (to tell same-named inputs apart)."""
    calls: list[Path] = []

    def check_file(path: Path, disabled, progress):
        calls.append(path)
        if not path.exists():
            raise ReadError("文件不存在")
        document = copy.deepcopy(sample_document())
        document.source = str(path)
        document.organization = path.parent.name
        return document, []

    monkeypatch.setattr(cli, "check_file", check_file)
    monkeypatch.setattr(cli, "_quiet_libraries", lambda debug: None)
    return calls


def _pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stand-in")
    return path


def test_same_named_inputs_get_numbered_outputs_in_argument_order(tmp_path, fake_reading, capsys):
    first, second = _pdf(tmp_path / "甲局" / "预算.pdf"), _pdf(tmp_path / "乙局" / "预算.pdf")
    out, books = tmp_path / "out", tmp_path / "books"
    assert cli.main([str(first), str(second), "--json", str(out), "--xlsx", str(books)]) == 0
    assert json.loads((out / "预算.json").read_text(encoding="utf-8"))["document"]["organization"] == "甲局"
    assert json.loads((out / "预算 (2).json").read_text(encoding="utf-8"))["document"]["organization"] == "乙局"
    assert sorted(p.name for p in books.iterdir()) == ["预算 (2).xlsx", "预算.xlsx"]
    printed = capsys.readouterr().out
    assert "预算 (2).json" in printed and "预算 (2).xlsx" in printed


def test_an_output_that_is_an_input_is_refused(tmp_path, fake_reading, capsys):
    pdf = _pdf(tmp_path / "w" / "report.json")  # a PDF whose name ends in .json
    before = pdf.read_bytes()
    assert cli.main([str(pdf), "--json", str(pdf.parent)]) == 2
    assert pdf.read_bytes() == before
    err = capsys.readouterr().err
    assert "输入文件" in err and "Traceback" not in err


def test_a_workbook_target_that_is_the_input_through_a_link_is_refused(tmp_path, fake_reading, capsys):
    pdf = _pdf(tmp_path / "源.pdf")
    link = tmp_path / "链接.xlsx"
    link.symlink_to(pdf)
    assert cli.main([str(pdf), "--xlsx", str(link)]) == 2
    assert pdf.read_bytes() == b"%PDF-1.4 stand-in"
    assert "输入文件" in capsys.readouterr().err


def test_json_naming_an_existing_file_is_refused_before_reading(tmp_path, fake_reading, capsys):
    pdf = _pdf(tmp_path / "a.pdf")
    blocker = tmp_path / "结果"
    blocker.write_text("不要覆盖")
    assert cli.main([str(pdf), "--json", str(blocker)]) == 2
    assert blocker.read_text() == "不要覆盖"
    assert fake_reading == []  # nothing was read for nothing
    err = capsys.readouterr().err
    assert "文件夹" in err and _has_chinese(err)


def test_xlsx_with_a_trailing_separator_is_a_folder_created_on_demand(tmp_path, fake_reading):
    pdf = _pdf(tmp_path / "单位预算.pdf")
    target = tmp_path / "新建" / "工作簿"
    assert cli.main([str(pdf), "--xlsx", str(target) + os.sep]) == 0
    assert target.is_dir()
    assert openpyxl.load_workbook(target / "单位预算.xlsx").sheetnames


def test_xlsx_folder_that_cannot_be_made_is_refused(tmp_path, fake_reading, capsys):
    pdf = _pdf(tmp_path / "a.pdf")
    blocker = tmp_path / "是文件"
    blocker.write_text("x")
    assert cli.main([str(pdf), "--xlsx", str(blocker / "sub") + "/"]) == 2
    err = capsys.readouterr().err
    assert _has_chinese(err) and "Traceback" not in err


@pytest.mark.parametrize(
    ("failure", "words"),
    [(OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"), (PermissionError(13, "denied"), "无法写入")],
)
def test_json_write_failure_keeps_the_old_file_and_says_why(tmp_path, fake_reading, capsys, monkeypatch, failure, words):
    pdf = _pdf(tmp_path / "a.pdf")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("旧结果")

    def replace(src, dst):
        raise failure

    monkeypatch.setattr(os, "replace", replace)
    assert cli.main([str(pdf), "--json", str(out)]) == 2
    assert [p.name for p in out.iterdir()] == ["a.json"]  # no temporary file left
    assert (out / "a.json").read_text() == "旧结果"
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_an_unexpected_export_failure_is_one_chinese_line(tmp_path, fake_reading, capsys, monkeypatch):
    pdf = _pdf(tmp_path / "a.pdf")

    def broken(*args):
        raise ValueError("something inside openpyxl")

    monkeypatch.setattr(cli, "_write_xlsx", broken)
    assert cli.main([str(pdf), "--json", str(tmp_path / "out"), "--xlsx", str(tmp_path / "a.xlsx")]) == 2
    assert (tmp_path / "out" / "a.json").exists()  # the other output is still written
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "导出" in err[0]


def test_library_log_messages_stay_off_stderr(capsys):
    cli._quiet_libraries(debug=False)
    logging.getLogger("pdfminer.pdfpage").warning("The PDF <_io.BufferedReader> contains a metadata field")
    assert capsys.readouterr().err == ""


def test_a_gbk_file_name_is_read_written_and_printed(tmp_path):
    """A name unpacked from a Windows zip (GBK bytes on a UTF-8 system), end to end."""
    raw = "部门预算".encode("gbk") + b".pdf"
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))
    shutil.copy(SAMPLE_PDF, pdf)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", str(pdf), "--json", str(out), "--xlsx", str(out) + "/"],
        capture_output=True,
        cwd=REPO,
        timeout=300,
    )
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "部门预算" in stdout  # shown as the officer named it
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == [b"\xb2\xbf\xc3\xc5\xd4\xa4\xcb\xe3.json", b"\xb2\xbf\xc3\xc5\xd4\xa4\xcb\xe3.xlsx"]
    data = json.loads(Path(os.fsdecode(os.fsencode(out) + b"/" + written[0])).read_text(encoding="utf-8"))
    assert data["source"]["file"] == "部门预算.pdf"
    assert data["tables"]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [([], "缺少必需的参数：files"), (["x.pdf", "--bogus"], "无法识别的参数：--bogus"),
     (["x.pdf", "--json"], "参数 --json 后面需要一个值")],
)
def test_a_mistyped_command_is_answered_in_chinese(arguments, said):
    done = subprocess.run([sys.executable, "-m", "desktopapp", "check", *arguments],
                          capture_output=True, cwd=REPO, timeout=120)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert said in stderr and "用法：" in stderr
    assert "usage:" not in stderr and "error:" not in stderr


def test_the_help_is_chinese():
    done = subprocess.run([sys.executable, "-m", "desktopapp", "check", "-h"], capture_output=True, cwd=REPO,
                          timeout=120)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0 and "位置参数：" in out and "显示本帮助并退出" in out
    assert "usage:" not in out and "show this help" not in out
