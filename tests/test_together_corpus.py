"""The disclosures of the corpus printed as two files (`…-text.pdf` / `…-tables.pdf`), checked
with `--together` and each file's JSON scored against its own truth by the shared scorer."""

from __future__ import annotations

import json

import pytest

from tests.helpers.corpus import CORPUS, SCORER, load_scorer, with_reported_issues

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.exists()), reason="no ../shared/corpus"),
]


def _pairs():
    for text in sorted(CORPUS.glob("*/*-text.pdf")):
        tables = text.with_name(text.name.replace("-text.pdf", "-tables.pdf"))
        if tables.exists():
            yield text, tables


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict[str, dict]:
    from desktopapp.cli import main as check_main

    score_document = load_scorer().score_document
    out = tmp_path_factory.mktemp("together")
    results = {}
    for text, tables in _pairs():
        assert check_main([str(text), str(tables), "--together", "--json", str(out)]) == 0
        for pdf in (text, tables):
            pred = json.loads((out / f"{pdf.stem}.json").read_text(encoding="utf-8"))
            assert pred["together_with"] == [(tables if pdf == text else text).name]
            truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
            results[pdf.stem] = score_document(pred, with_reported_issues(pdf.stem, truth))
    if not results:
        pytest.skip("no disclosure in two files in the corpus")
    return results


def test_files_read_together_raise_no_false_alarm(scored):
    assert {stem: s["false_alarms"] for stem, s in scored.items() if s["false_alarms"]} == {}


def test_files_read_together_keep_their_tables_and_narrative_issues(scored):
    for stem, s in scored.items():
        assert s.get("tables_found", 0) == s.get("tables_total", 0), stem
        assert s.get("rows_exact", 0) == s.get("rows_total", 0), stem
        assert s.get("narrative_found", 0) == s.get("narrative_total", 0), stem
