"""`check FOLDER … --summary`: every PDF under the folder, a line per file, one Chinese line per
unreadable file, the summary and each file's workbook written, exit 0 / 2 as for single files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.helpers.damaged import three_tables
from tests.test_bad_input import make_encrypted

REPO = Path(__file__).resolve().parents[1]


def _check(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), DESKTOPAPP_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("各单位")
    (root / "甲单位").mkdir()
    three_tables(root / "甲单位" / "预算.pdf")
    (root / "乙单位").mkdir()
    three_tables(root / "乙单位" / "预算.pdf")  # the same name in another folder
    return root


def test_a_folder_with_a_summary_writes_every_output_and_exits_0(folder, tmp_path):
    summary = tmp_path / "结果" / "汇总.xlsx"
    run = _check(folder, "--summary", summary, "--json", tmp_path / "json", "--annotated", tmp_path / "批注",
                 "--progress", data_dir=tmp_path / "data")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "批注").iterdir()) == ["预算 (2).pdf", "预算.pdf"]
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == ["预算 (2).json", "预算.json"]
    books = tmp_path / "结果" / "汇总-各文件"
    assert sorted(p.name for p in books.iterdir()) == ["预算 (2).xlsx", "预算.xlsx"]
    lines = run.stdout.splitlines()
    assert lines[0].startswith("甲单位/预算.pdf: 3 张表，") or lines[1].startswith("甲单位/预算.pdf: 3 张表，")
    assert lines[-1].startswith("汇总：2 个文件，0 个无法读取") and str(summary) in lines[-1]
    progress = [line for line in run.stderr.splitlines() if line.startswith("[")]
    assert [line[:5] for line in progress] == ["[1/2]", "[2/2]"]
    assert all("：3 张表，" in line for line in progress)
    rows = list(openpyxl.load_workbook(summary)["汇总"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == sorted(["甲单位/预算.pdf", "乙单位/预算.pdf"])  # as find_pdfs ordered them
    # the second run reads nothing again
    again = _check(folder, "--summary", summary, "--json", tmp_path / "json", "--annotated", tmp_path / "批注",
                   data_dir=tmp_path / "data")
    assert again.returncode == 0
    assert again.stdout.count("文件未改动，沿用上次的检查结果") == 2


def test_an_unreadable_file_gets_its_line_the_others_are_done_and_the_exit_is_2(folder, tmp_path):
    mixed = tmp_path / "混合"
    shutil.copytree(folder, mixed)
    make_encrypted(mixed)
    summary = tmp_path / "汇总.xlsx"
    run = _check(mixed, "--summary", summary, "--no-cache", data_dir=tmp_path / "data")
    assert run.returncode == 2
    assert [line for line in run.stderr.splitlines() if line] == [f"加密.pdf: 无法读取：{_encrypted_reason(run)}"]
    assert "Traceback" not in run.stderr
    assert run.stdout.count("3 张表") == 2
    rows = list(openpyxl.load_workbook(summary)["汇总"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3


def _encrypted_reason(run: subprocess.CompletedProcess) -> str:
    line = next(line for line in run.stderr.splitlines() if line.startswith("加密.pdf: 无法读取："))
    reason = line.split("：", 1)[1]
    assert "加密" in reason
    return reason


def test_a_folder_without_pdfs_or_with_together_is_refused_in_chinese(tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    run = _check(empty, "--summary", tmp_path / "汇总.xlsx", data_dir=tmp_path / "data")
    assert run.returncode == 2 and "没有找到 PDF 文件" in run.stderr
    assert not (tmp_path / "汇总.xlsx").exists()
    run = _check(empty, "--together", "--json", tmp_path / "json", data_dir=tmp_path / "data")
    assert run.returncode == 2 and "--together" in run.stderr and "Traceback" not in run.stderr
    run = _check(empty, "--xlsx", tmp_path / "全部.xlsx", data_dir=tmp_path / "data")
    assert run.returncode == 2 and "--summary" in run.stderr and not (tmp_path / "全部.xlsx").exists()
