"""ReviewState turns the session's callbacks into Qt signals, in the order the panels rely on,
and answers for "no document" while none is open. The checker is a stand-in: the session only
needs what session.review_session.Checker describes."""

from __future__ import annotations

import pytest

from desktopapp._qt.review_state import ReviewState
from desktopapp.core.model import CellRef, Finding, Severity
from tests.helpers.export_samples import sample_document

pytestmark = pytest.mark.gui


class StubChecker:
    """Finds one error on T1 row 2 until that cell is corrected."""

    def __init__(self, document) -> None:
        self.document = document
        self.disabled: set[str] = set()
        self.rechecked: list[str] = []

    def check_all(self) -> list[Finding]:
        cell = self.document.table("T1").body[2][4]
        if cell.is_corrected or "row_sum" in self.disabled:
            return []
        return [Finding("row_sum", Severity.ERROR, "合计不等于各项之和", cells=[CellRef("T1", 2, 4)], table="T1")]

    def recheck(self, changed_table_id: str) -> list[Finding]:
        self.rechecked.append(changed_table_id)
        return self.check_all()


@pytest.fixture
def state(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    return ReviewState()


def record(state: ReviewState) -> list[tuple]:
    events: list[tuple] = []
    state.document_loaded.connect(lambda: events.append(("document_loaded",)))
    state.findings_changed.connect(lambda: events.append(("findings_changed",)))
    state.cell_changed.connect(lambda *where: events.append(("cell_changed", *where)))
    state.changes_changed.connect(lambda: events.append(("changes_changed",)))
    state.autosave_failed.connect(lambda message: events.append(("autosave_failed", message)))
    return events


def test_no_document_means_empty_answers_and_no_effect(state):
    assert not state.has_document and state.document is None and state.findings == []
    assert state.by_row == {} and state.totals() == (0, 0) and state.changes == []
    assert state.set_value("T1", 0, 0, "1") is None and state.undo() is None and state.autosave_target() is None
    assert not state.can_undo and state.disabled_rules == set()


def test_session_callbacks_become_signals(state, tmp_path):
    document = sample_document()
    checker = StubChecker(document)
    events = record(state)
    state.load(document, tmp_path / "样例部门预算.pdf", checker, checker.check_all())
    assert events == [("document_loaded",), ("findings_changed",), ("changes_changed",)]
    assert state.totals() == (1, 0) and state.table_counts == {"T1": (1, 0)}
    assert state.worst_severity(state.by_cell[("T1", 2, 4)]) == Severity.ERROR

    events.clear()
    state.set_value("T1", 2, 4, "1,209.60")
    assert events == [("cell_changed", "T1", 2, 4), ("findings_changed",), ("changes_changed",)]
    assert checker.rechecked == ["T1"] and state.findings == [] and state.can_undo
    assert state.autosave_target().exists()

    events.clear()
    state.clear()
    assert events == [("document_loaded",), ("findings_changed",), ("changes_changed",)]
    assert not state.has_document


def test_a_failed_autosave_is_a_signal_not_an_exception(state, tmp_path, monkeypatch):
    document = sample_document()
    checker = StubChecker(document)
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(blocker / "data"))  # no folder can be made under a file
    state.load(document, blocker / "样例部门预算.pdf", checker, checker.check_all())
    events = record(state)
    state.set_value("T1", 2, 4, "1,209.60")
    failures = [e for e in events if e[0] == "autosave_failed"]
    assert len(failures) == 1 and failures[0][1].startswith("自动保存审核记录失败")
