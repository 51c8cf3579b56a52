"""The program installed from its wheel (not editable, not from this checkout) finds its data:
the rule catalog's Chinese names, the sample PDF and the icon (issue 16: installed with pip,
every rule showed "（规则目录中没有此规则的说明）" and `--sample` found nothing).

Builds the wheel from a copy of the project, installs it into a fresh virtual environment
(with the system's site-packages, so no dependency is downloaded) and runs the installed
`desktopapp` command from a folder outside the checkout. About 20 s."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from desktopapp.core.version import PROGRAM, __version__
from desktopapp.rules.catalog import read_catalog_files

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "sample-dept-budget.pdf"

pytestmark = pytest.mark.packaging


def _run(args: list, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """(the venv's bin folder, a working folder outside the checkout, environment)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # a copy: the build writes build/ and *.egg-info beside setup.py
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.review.json", "*.egg-info", "build")
    for name in ("desktopapp", "resources"):
        shutil.copytree(REPO_ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(DESKTOPAPP_DATA_DIR=str(base / "data"), XDG_CONFIG_HOME=str(base / "config"))
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source], base, env)
    (wheel,) = wheels.glob("desktopapp-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", venv], base, env)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    _run([bin_dir / "python", "-m", "pip", "install", "--no-deps", "-q", wheel], base, env)
    work = base / "work"
    work.mkdir()
    return bin_dir, work, env


def test_installed_program_reads_its_own_copy_of_sample_catalog_and_icon(installed):
    bin_dir, work, env = installed
    probe = (
        "import json, desktopapp; from importlib.metadata import version;"
        "from desktopapp.core.paths import resources_dir, icon_path;"
        "from desktopapp.rules.catalog import read_catalog_files;"
        "print(json.dumps([desktopapp.__file__, version('desktopapp'), str(resources_dir()),"
        "icon_path().read_bytes()[:8].hex(),"
        f"(resources_dir() / {SAMPLE!r}).read_bytes()[:5].decode(), sorted(read_catalog_files())]))"
    )
    package_file, metadata_version, resources, icon_magic, sample_magic, rule_ids = json.loads(
        _run([bin_dir / "python", "-c", probe], work, env).stdout
    )
    package = Path(package_file).parent
    assert REPO_ROOT not in package.parents  # the installed copy, not this checkout
    assert metadata_version == __version__  # pyproject reads desktopapp/core/version.py
    assert Path(resources) == package / "resources"
    assert sample_magic == "%PDF-"
    assert icon_magic == b"\x89PNG\r\n\x1a\n".hex()
    assert rule_ids == sorted(read_catalog_files(REPO_ROOT / "resources" / "rules"))


def test_installed_check_names_rules_in_chinese_and_reads_the_tables(installed):
    bin_dir, work, env = installed
    probe = "from desktopapp.core.paths import resources_dir; print(resources_dir() / 'sample-dept-budget.pdf')"
    sample = _run([bin_dir / "python", "-c", probe], work, env).stdout.strip()
    command = bin_dir / ("desktopapp.exe" if sys.platform == "win32" else "desktopapp")
    _run([command, "check", sample, "--json", work, "--xlsx", work / "sample.xlsx"], work, env)

    data = json.loads((work / "sample-dept-budget.json").read_text(encoding="utf-8"))
    titles = [table["title"] for table in data["tables"]]
    assert titles and "收支总表" in titles[0]
    assert data["program"] == PROGRAM
    assert data["findings"]

    catalog = read_catalog_files(REPO_ROOT / "resources" / "rules")
    sheet = openpyxl.load_workbook(work / "sample.xlsx", read_only=True)["校验结果"]
    texts = {str(value) for row in sheet.iter_rows(values_only=True) for value in row if value}
    found_rules = {finding["rule"] for finding in data["findings"]}
    assert found_rules
    for rule in found_rules:
        assert catalog[rule].name in texts, f"{rule}: {catalog[rule].name} missing from 校验结果"
    assert not any("规则目录中没有" in text for text in texts)
