"""`python -m desktopapp check FILE.pdf --json DIR --xlsx OUT.xlsx` on a real disclosure: the
workbook holds every figure of the JSON the same run wrote, codes as printed, one sheet per table."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktopapp.core.numbers import parse_amount

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.corpus
def test_check_writes_a_workbook_with_the_documents_figures(corpus_dir, tmp_path):
    pdf = corpus_dir / "real" / "putuo-justice-2026-dept-budget.pdf"
    before = pdf.stat().st_mtime_ns
    out = tmp_path / "结果.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", str(pdf), "--json", str(tmp_path), "--xlsx", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / f"{pdf.stem}.json").read_text(encoding="utf-8"))
    workbook = openpyxl.load_workbook(out)
    assert len(workbook.sheetnames) == 1 + len(data["tables"]) + 3  # 审核意见, tables, findings, changes, about
    figures = codes = 0
    for name, table in zip(workbook.sheetnames[1:], data["tables"], strict=False):
        ws = workbook[name]
        first = 3 + len(table["header"])
        for r, row in enumerate(table["body"]):
            for c, text in enumerate(row):
                value = ws.cell(row=first + r, column=c + 1).value
                parsed = parse_amount(text)
                if text.isdigit() and len(text) > 1 and text.startswith("0"):
                    assert value == text, (name, r, c)  # "06", "01": codes keep their digits
                    codes += 1
                elif parsed is not None and isinstance(value, str):
                    assert value == text and c < 3, (name, r, c)  # a code column ("204")
                elif parsed is not None:
                    assert Decimal(str(value)) == parsed[0], (name, r, c, text, value)
                    figures += 1
                else:
                    assert (value or "") == text.strip(), (name, r, c, text, value)
    assert figures > 300 and codes > 50
    assert pdf.stat().st_mtime_ns == before
