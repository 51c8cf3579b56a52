"""The reference in the review session (no Qt): its findings re-run with every check and after a
correction, its record written to the review file and read back; a damaged record costs the
reference only, never the officer's corrections."""

from __future__ import annotations

import json
from pathlib import Path

from desktopapp.compare.reference import make_reference
from desktopapp.compare.relation import Relation
from desktopapp.compare.text import RULE_REASON
from desktopapp.rules import Checker
from desktopapp.session.compare import ComparingChecker, ReferenceRecord
from desktopapp.session.review import load_review
from desktopapp.session.review_session import ReviewSession
from tests.helpers.narrative_support import make_doc
from tests.helpers.rules_support import table

INTRO = "一、部门主要职能。负责全区财政收支管理工作。"


def _documents(tmp_path: Path):
    said = "住房公积金支出{a}万元，比上年增加{b}万元，主要原因是调整了住房公积金缴存标准。"
    current = make_doc([INTRO, said.format(a="120.00", b="20.00")], year=2025)
    current.tables.append(table("T9", "收入总表", [["项目", "金额"]], [["合计", "5.00"]], page=2))
    current.source, current.sha256 = str(tmp_path / "2025.pdf"), "a" * 64
    reference = make_doc([INTRO, said.format(a="100.00", b="8.00")], year=2024)
    reference.source, reference.sha256 = str(tmp_path / "2024.pdf"), "b" * 64
    return current, reference


def _session(tmp_path: Path, current) -> ReviewSession:
    checker = Checker(current)
    return ReviewSession(current, Path(current.source), checker, checker.check_all())


def test_the_reference_findings_run_with_every_check_and_after_a_correction(tmp_path):
    current, reference = _documents(tmp_path)
    session = _session(tmp_path, current)
    assert not [f for f in session.findings if f.rule == RULE_REASON]
    session.set_reference(make_reference(current, reference, Relation.PREVIOUS_YEAR))
    assert isinstance(session.checker, ComparingChecker)
    assert [f.rule for f in session.findings if f.rule == RULE_REASON] == [RULE_REASON]
    assert len({f.id for f in session.findings}) == len(session.findings)  # numbered with the rest
    session.set_value("T9", 0, 1, "6.00")
    assert [f for f in session.findings if f.rule == RULE_REASON]
    session.set_reference(None)
    assert not [f for f in session.findings if f.rule == RULE_REASON]


def test_the_review_file_remembers_the_reference_and_forgets_it_when_removed(tmp_path):
    current, reference = _documents(tmp_path)
    session = _session(tmp_path, current)
    session.set_reference(make_reference(current, reference, Relation.PREVIOUS_YEAR))
    review = load_review(session.autosave_target())
    record = ReferenceRecord.from_data(review.reference)
    assert record is not None and record.relation is Relation.PREVIOUS_YEAR and record.chosen_by_officer
    assert record.sha256 == "b" * 64 and Path(record.files[0]).name == "2024.pdf"
    session.set_reference(None)
    assert load_review(session.autosave_target()).reference is None


def test_a_damaged_reference_record_is_passed_over_and_the_corrections_are_kept(tmp_path):
    current, reference = _documents(tmp_path)
    session = _session(tmp_path, current)
    session.set_value("T9", 0, 1, "6.00")
    session.set_reference(make_reference(current, reference, None))
    path = session.autosave_target()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reference"]["relation"] = "next_century"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    review = load_review(path)
    assert ReferenceRecord.from_data(review.reference) is None
    assert [c.new for c in review.changes] == ["6.00"]
