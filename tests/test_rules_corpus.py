"""Every check on the shared corpus, scored as the project measures them.

`python -m desktopapp check` (in process) writes one JSON per corpus PDF of real/, synthetic/
and wild/ (other regions' templates); the shared scorer's `score_document` then says which
planted errors, known issues and narrative issues the findings point at, and how many error
findings point at nothing. Asserted: every planted error and known issue is found, the
narrative issues of wild/ are found, and no error finding of any rule points at nothing.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.corpus import CORPUS, SCORER, load_scorer, with_reported_issues

SETS = ("real", "synthetic", "wild")

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not (CORPUS.is_dir() and SCORER.exists()), reason="no ../shared/corpus"
    ),
]


def _table_rule_ids() -> set[str]:
    from desktopapp.core.paths import resources_dir

    ids: set[str] = set()
    for path in (resources_dir() / "rules").glob("*.json"):
        if path.name.startswith("narrative"):
            continue
        ids |= {e["id"] for e in json.loads(path.read_text(encoding="utf-8"))}
    return ids


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, tuple[dict, dict]]:
    """PDF stem → (its check JSON, its truth), for every PDF `check` could read."""
    from desktopapp.cli import main as check_main

    out = tmp_path_factory.mktemp("check")
    pdfs = sorted(pdf for folder in SETS for pdf in (CORPUS / folder).glob("*.pdf"))
    check_main([*map(str, pdfs), "--json", str(out)])
    results = {}
    for pdf in pdfs:
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        truth = with_reported_issues(pdf.stem, truth)
        produced = out / f"{pdf.stem}.json"
        if not produced.exists():
            # only a text-only part of a disclosure (its tables in another file) is refused
            assert not truth.get("tables") and not truth.get("narrative_issues"), pdf.name
            continue
        results[pdf.stem] = (json.loads(produced.read_text(encoding="utf-8")), truth)
    assert len(results) >= 25
    return results


@pytest.fixture(scope="module")
def scored(checked):
    """Scores of the table rules alone, on the issues located in a table."""
    score_document = load_scorer().score_document
    mine = _table_rule_ids()
    results = {}
    for stem, (pred, truth) in checked.items():
        pred = {**pred, "findings": [f for f in pred["findings"] if f["rule"] in mine]}
        truth = {
            **truth,
            "planted": [p for p in truth.get("planted", []) if p.get("table")],
            "known_issues": [k for k in truth.get("known_issues", []) if k.get("table")],
        }
        results[stem] = score_document(pred, truth)
    return results


@pytest.fixture(scope="module")
def scored_all(checked):
    """Scores of every rule together, as the shared scorer reports a document."""
    score_document = load_scorer().score_document
    return {stem: score_document(pred, truth) for stem, (pred, truth) in checked.items()}


def test_every_planted_table_error_is_found(scored):
    missed = {stem: s["missed_planted"] for stem, s in scored.items() if s.get("missed_planted")}
    assert not missed
    assert sum(s.get("planted_total", 0) for s in scored.values()) >= 20


def test_every_known_table_issue_is_found(scored):
    missed = {stem: s["missed_known"] for stem, s in scored.items() if s.get("missed_known")}
    assert not missed
    assert sum(s.get("known_total", 0) for s in scored.values()) >= 100


def test_no_false_alarms(scored):
    alarms = {stem: s["false_alarms"] for stem, s in scored.items() if s["false_alarms"]}
    assert not alarms


def test_no_error_of_any_rule_points_at_nothing(scored_all):
    alarms = {stem: s["false_alarms"] for stem, s in scored_all.items() if s["false_alarms"]}
    assert not alarms


def test_every_known_and_wild_narrative_issue_is_found(scored_all):
    missed = {stem: s["missed_known"] for stem, s in scored_all.items() if s.get("missed_known")}
    assert not missed
    wild = {stem: s for stem, s in scored_all.items() if (CORPUS / "wild" / f"{stem}.pdf").exists()}
    assert sum(s.get("narrative_found", 0) for s in wild.values()) == sum(
        s.get("narrative_total", 0) for s in wild.values()
    ) > 0
