"""The officer's marks on findings (确有问题 / 非问题 / 待确认): saved at once in the review file,
kept through a correction that re-checks the table, back after reopening the PDF."""

from __future__ import annotations

import json

from desktopapp.session.marks import Verdict, finding_key
from desktopapp.session.review import load_review
from tests import test_session_review_session as base
from tests.test_session_review_session import PLANTED_ROW, TOTAL_COL, open_session, sum_findings

built_pdf, pdf = base.built_pdf, base.pdf  # the same fixtures: 表5 with 2080101's 合计 misprinted


def _planted(session):
    table_id = session.document.tables[0].id
    findings = sum_findings(session, table_id)
    assert findings, "the planted row's sum is reported"
    return table_id, findings[0]


def test_a_mark_is_saved_at_once_and_back_after_reopening(pdf):
    session = open_session(pdf)
    _, finding = _planted(session)
    session.set_mark(finding, Verdict.DISMISSED, "单位说明：印刷尾数已核实")

    saved = load_review(session.autosave_target())
    assert [m.verdict for m in saved.marks.values()] == [Verdict.DISMISSED]

    reopened = open_session(pdf)
    review = reopened.saved_review()
    assert review is not None and review.marks
    reopened.restore(review)
    _, again = _planted(reopened)
    mark = reopened.mark_of(again)
    assert mark is not None and mark.verdict is Verdict.DISMISSED
    assert mark.note == "单位说明：印刷尾数已核实"
    assert mark.message == finding.message  # what the finding said when it was marked


def test_a_mark_survives_a_correction_that_changes_the_figures(pdf):
    session = open_session(pdf)
    table_id, finding = _planted(session)
    session.set_mark(finding, Verdict.CONFIRMED, "请单位更正")
    session.set_value(table_id, PLANTED_ROW, TOTAL_COL, "1,097.00")  # still wrong, other figures

    _, after = _planted(session)
    assert after.actual != finding.actual
    assert finding_key(after) == finding_key(finding)
    assert session.mark_of(after).verdict is Verdict.CONFIRMED


def test_clearing_a_mark_removes_it_from_the_file(pdf):
    session = open_session(pdf)
    _, finding = _planted(session)
    session.set_mark(finding, Verdict.PENDING)
    session.set_mark(finding, None)
    assert session.mark_of(finding) is None
    assert "marks" not in json.loads(session.autosave_target().read_text(encoding="utf-8"))


def test_a_mark_with_an_unknown_verdict_is_kept_as_to_be_confirmed(pdf):
    session = open_session(pdf)
    _, finding = _planted(session)
    session.set_mark(finding, Verdict.CONFIRMED, "原注")
    path = session.autosave_target()
    data = json.loads(path.read_text(encoding="utf-8"))
    for mark in data["marks"].values():
        mark["verdict"] = "maybe"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    mark = next(iter(load_review(path).marks.values()))
    assert mark.verdict is Verdict.PENDING
    assert "原注" in mark.note and "maybe" in mark.note
