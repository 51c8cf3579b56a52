"""The version is written in one place (desktopapp/core/version.py) and every copy of the
program says which one it is: `--version`, 帮助 ▸ 关于, the check JSON, the review file (the
workbook's 说明 sheet: tests/test_export_xlsx.py; the installed wheel's metadata:
tests/test_wheel_install.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import desktopapp
from desktopapp.core.model import Document
from desktopapp.core.version import PROGRAM, __version__
from desktopapp.export.json_out import document_to_json
from desktopapp.session.review import review_data
from tests.test_gui_window import make_window  # noqa: F401 — the fixture

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once_and_read_by_the_package_and_pyproject():
    assert desktopapp.__version__ == __version__ and re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert f"desktopapp {__version__}" == PROGRAM
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "desktopapp.core.version.__version__" }' in pyproject
    assert not re.search(r'^version\s*=\s*"', pyproject, re.MULTILINE)
    written = [p for p in (REPO_ROOT / "desktopapp").rglob("*.py") if f'"{__version__}"' in p.read_text("utf-8")]
    assert written == [REPO_ROOT / "desktopapp" / "core" / "version.py"]


def test_command_line_prints_the_version():
    done = subprocess.run(
        [sys.executable, "-m", "desktopapp", "--version"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.strip() == PROGRAM


def test_check_json_and_review_file_name_the_program_that_wrote_them():
    document = Document(source="样例.pdf", sha256="0" * 64, page_count=1)
    assert document_to_json(document, [])["program"] == PROGRAM
    assert review_data(document, [])["program"] == PROGRAM


@pytest.mark.gui
def test_about_box_shows_the_version(make_window, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(f"{title}|{text}"))
    window = make_window()
    window.show_about()
    assert len(shown) == 1 and shown[0].startswith("关于|")
    assert f"版本 {__version__}" in shown[0]
