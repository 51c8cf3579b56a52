"""The review session without Qt: corrections re-check at once, undo/redo, the change log, autosave
to the review file and restore in a new session — on a PDF read and checked by the real engine.

The fixture is the one-table 单位预算 of test_gui_window.py: 表5 “2080101 行政运行” 合计 printed
1,096.62 instead of 1,099.62, so that row's sum fails until the officer corrects it.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from desktopapp.core.edits import EditError
from desktopapp.extract import read_document
from desktopapp.rules import Checker
from desktopapp.session.review import load_review
from desktopapp.session.review_session import ReviewSession
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, PdfBuilder, TableSpec

PLANTED_ROW, TOTAL_COL = 3, 2  # body row of 2080101 行政运行, column 合计
PLANTED, TRUE = "1,096.62", "1,099.62"


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory) -> Path:
    rows = [list(r) for r in EXPENDITURE_ROWS]
    rows[PLANTED_ROW][TOTAL_COL] = PLANTED
    path = tmp_path_factory.mktemp("session") / "单位预算.pdf"
    builder = PdfBuilder(path)
    builder.table(TableSpec("一般公共预算支出表", EXPENDITURE_HEADER, rows, number="表5", org="测试社会保险管理处"))
    builder.save()
    return path


@pytest.fixture
def pdf(built_pdf: Path, tmp_path: Path, monkeypatch) -> Path:
    """A private copy, so the autosaved review lands beside it alone."""
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    target = tmp_path / built_pdf.name
    shutil.copy(built_pdf, target)
    return target


def open_session(pdf: Path, review_as: Path | None = None) -> ReviewSession:
    """A session on `pdf`, read and checked; its review is kept as if the PDF were at `review_as`."""
    document = read_document(pdf)
    checker = Checker(document)
    return ReviewSession(document, review_as or pdf, checker, checker.check_all())


class Recorder:
    """Every callback the session makes, in order."""

    def __init__(self, session: ReviewSession) -> None:
        self.events: list[tuple] = []
        session.on_findings_changed.append(lambda: self.events.append(("findings",)))
        session.on_edit_applied.append(lambda c: self.events.append(("edit", c.table, c.row, c.col)))
        session.on_log_changed.append(lambda: self.events.append(("log",)))
        session.on_restored.append(lambda: self.events.append(("restored",)))
        session.on_saved.append(lambda path: self.events.append(("saved", path)))
        session.on_save_failed.append(lambda message: self.events.append(("failed", message)))


def sum_findings(session: ReviewSession, table_id: str) -> list:
    return [f for f in session.index.by_row.get((table_id, PLANTED_ROW), []) if f.rule == "row_sum"]


def test_correction_clears_its_finding_undo_brings_it_back_redo_clears_it(pdf):
    session = open_session(pdf)
    table_id = session.document.tables[0].id
    cell = session.cell(table_id, PLANTED_ROW, TOTAL_COL)
    before = list(session.findings)
    assert sum_findings(session, table_id)
    assert session.index.by_cell[(table_id, PLANTED_ROW, TOTAL_COL)]
    errors, _ = session.index.totals()
    assert session.index.table_counts[table_id][0] == errors >= 1

    change = session.set_value(table_id, PLANTED_ROW, TOTAL_COL, TRUE, reason=" 核对预算批复 ")
    assert change is not None and change.reason == "核对预算批复"
    assert cell.amount == Decimal("1099.62") and cell.text == PLANTED
    assert not sum_findings(session, table_id)
    assert (table_id, PLANTED_ROW, TOTAL_COL) not in session.index.by_cell
    assert len(session.findings) < len(before)
    assert session.can_undo and not session.can_redo

    assert session.undo() is not None
    assert cell.amount == Decimal("1096.62") and not cell.is_corrected
    assert sum_findings(session, table_id)
    assert [f.rule for f in session.findings] == [f.rule for f in before]
    assert session.can_redo

    assert session.redo() is not None
    assert cell.amount == Decimal("1099.62") and not sum_findings(session, table_id)


def test_every_change_is_logged_and_announced(pdf):
    session = open_session(pdf)
    table_id = session.document.tables[0].id
    recorder = Recorder(session)
    autosave = session.autosave_target()
    session.set_value(table_id, PLANTED_ROW, TOTAL_COL, TRUE, reason="核对")
    session.undo()
    session.redo()
    assert [(c.table, c.row, c.col) for c in session.changes] == [(table_id, PLANTED_ROW, TOTAL_COL)] * 3
    assert [(c.old, c.new) for c in session.changes] == [(None, "1099.62"), ("1099.62", None), (None, "1099.62")]
    assert session.changes[0].printed == PLANTED and session.changes[1].reason.startswith("撤销")
    one_edit = [("edit", table_id, PLANTED_ROW, TOTAL_COL), ("findings",), ("log",), ("saved", autosave)]
    assert recorder.events == one_edit * 3


def test_nothing_changes_for_a_figure_that_is_not_a_number_or_the_same_value(pdf):
    session = open_session(pdf)
    table_id = session.document.tables[0].id
    recorder = Recorder(session)
    with pytest.raises(EditError, match="不是有效的金额"):
        session.set_value(table_id, PLANTED_ROW, TOTAL_COL, "一千元")
    assert session.set_value(table_id, PLANTED_ROW, TOTAL_COL, PLANTED) is None  # the printed figure again
    assert session.changes == [] and recorder.events == []
    assert session.undo() is None and session.redo() is None


def test_the_review_file_holds_every_change_as_soon_as_it_is_made(pdf):
    session = open_session(pdf)
    table_id = session.document.tables[0].id
    target = session.autosave_target()
    assert target == pdf.with_name("单位预算.review.json") and not target.exists()
    session.set_value(table_id, PLANTED_ROW, TOTAL_COL, TRUE, reason="核对预算批复")
    saved = load_review(target)
    assert saved.sha256 == session.document.sha256
    assert [(c.table, c.row, c.col, c.new, c.reason) for c in saved.changes] == [
        (table_id, PLANTED_ROW, TOTAL_COL, "1099.62", "核对预算批复")
    ]
    session.set_disabled_rules({"row_sum"})
    assert not any(f.rule == "row_sum" for f in session.findings)
    assert load_review(target).disabled_rules == ["row_sum"]


def test_a_new_session_on_the_same_pdf_restores_the_review(pdf):
    first = open_session(pdf)
    table_id = first.document.tables[0].id
    first.set_value(table_id, PLANTED_ROW, TOTAL_COL, TRUE)
    first.set_disabled_rules({"text_vs_table"})

    second = open_session(pdf)
    assert sum_findings(second, table_id)
    recorder = Recorder(second)
    review = second.saved_review()
    assert review is not None and len(review.changes) == 1
    assert second.restore(review) == []
    cell = second.cell(table_id, PLANTED_ROW, TOTAL_COL)
    assert cell.amount == Decimal("1099.62") and cell.is_corrected
    assert not sum_findings(second, table_id)
    assert second.changes == first.changes and second.can_undo
    assert second.disabled_rules == {"text_vs_table"}
    assert [e[0] for e in recorder.events] == ["findings", "restored", "log", "saved"]
    second.undo()  # the restored history is undoable, like the officer's own
    assert not cell.is_corrected and sum_findings(second, table_id)


def test_no_saved_review_for_a_fresh_pdf(pdf):
    assert open_session(pdf).saved_review() is None


def test_a_failed_autosave_is_reported_not_raised(pdf, monkeypatch):
    blocker = pdf.with_name("not a folder")
    blocker.write_text("x")
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(blocker / "data"))
    # a PDF in a "folder" that is a file: neither beside it nor in the user data folder can be written
    session = open_session(pdf, review_as=blocker / pdf.name)
    table_id = session.document.tables[0].id
    recorder = Recorder(session)
    assert session.set_value(table_id, PLANTED_ROW, TOTAL_COL, TRUE) is not None
    failures = [e for e in recorder.events if e[0] == "failed"]
    assert len(failures) == 1 and failures[0][1].startswith("自动保存审核记录失败：")
    assert session.cell(table_id, PLANTED_ROW, TOTAL_COL).is_corrected


def test_the_session_does_not_need_qt():
    import subprocess
    import sys

    code = (
        "import sys, desktopapp.session.review_session, desktopapp.session.findings; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


def test_facts_corrected_by_the_officer_are_saved_and_restored(pdf):
    first = open_session(pdf)
    assert first.facts()["year"]["value"] == first.document.year
    first.set_fact("organization", "测试社会保险管理处（更正）")
    saved = load_review(first.autosave_target())
    assert saved.facts == {"organization": "测试社会保险管理处（更正）"}

    second = open_session(pdf)
    read = second.document.organization
    assert read != "测试社会保险管理处（更正）"
    second.restore(second.saved_review())
    assert second.document.organization == "测试社会保险管理处（更正）"
    assert second.facts()["organization"]["status"] == "corrected"
    second.set_fact("organization", None)
    assert second.document.organization == read and load_review(second.autosave_target()).facts == {}


def test_a_review_file_with_a_malformed_fact_is_refused(pdf, tmp_path):
    import json

    from desktopapp.session.review import ReviewFileError

    session = open_session(pdf)
    session.set_fact("year", 2030)
    target = session.autosave_target()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["facts"] == {"year": 2030}
    data["facts"] = {"year": "二〇三〇"}
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReviewFileError):
        load_review(target)
