"""A correction survives the program being killed right after it was made: the window saves the
review from the edit log's on_change callback, and this test does the same in a child process,
kills it with SIGKILL the moment the edit is done, then restores the review on a fresh document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from desktopapp.core.edits import EditLog
from desktopapp.export.json_out import document_from_json
from desktopapp.session.review import find_review, load_review
from tests.helpers.export_samples import SAMPLE

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from desktopapp.core.edits import EditLog
from desktopapp.export.json_out import document_from_json
from desktopapp.session.review import autosave_path, save_review

sample, pdf = sys.argv[1], sys.argv[2]
document = document_from_json(json.load(open(sample, encoding="utf-8")))
document.source = pdf
path = autosave_path(pdf, document.sha256)
log = EditLog(document)
log.on_change = lambda change: save_review(path, document, log.changes)  # as the window does
log.set_value("T1", 2, 4, "1,209.60", reason="核对原始凭证")
log.set_value("T3", 0, 1, "96,282,213.45")
print("EDITED", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_edit_survives_sigkill_right_after_it_was_made(tmp_path):
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "样例部门预算.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "DESKTOPAPP_DATA_DIR": str(tmp_path / "data")}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(sample), str(pdf)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "EDITED", child.stderr.read()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    fresh = document_from_json(SAMPLE)
    path = find_review(pdf, fresh.sha256)
    assert path is not None
    review = load_review(path)
    EditLog(fresh).replay(review.changes)
    assert fresh.table("T1").body[2][4].amount == Decimal("1209.60")
    assert fresh.table("T3").body[0][1].amount == Decimal("96282213.45")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
