"""The engine against the shared corpus and its truth files (skipped when the corpus is absent).

Scored with the corpus's own tool: tables found, body rows exactly as printed, figures found.
"""

from __future__ import annotations

import json

import pytest

from desktopapp.export.json_out import document_to_json
from desktopapp.extract import read_document
from tests.helpers.corpus import CORPUS, SCORER, load_scorer

pytestmark = pytest.mark.corpus


def _scorer():
    if not SCORER.exists():
        pytest.skip("score_extraction.py absent")
    return load_scorer()


@pytest.mark.parametrize("part", ["real", "synthetic"])
def test_corpus_tables_rows_and_figures(part):
    folder = CORPUS / part
    truths = sorted(folder.glob("*.truth.json"))
    if not truths:
        pytest.skip(f"corpus {part} absent")
    scorer = _scorer()
    total: dict[str, int] = {}
    for truth_path in truths:
        pdf = folder / truth_path.name.replace(".truth.json", ".pdf")
        pred = document_to_json(read_document(pdf, workers=1), [])
        scores = scorer.score_document(pred, json.loads(truth_path.read_text(encoding="utf-8")))
        for key, value in scores.items():
            if isinstance(value, int):
                total[key] = total.get(key, 0) + value
    assert total["tables_found"] >= 0.98 * total["tables_total"]
    assert total["rows_exact"] >= 0.97 * total["rows_total"]
    assert total["numbers_found"] >= 0.995 * total["numbers_total"]
