"""The shared corpus beside the repository (../shared/corpus) and its scorer (../shared/tools)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.helpers import REPO_ROOT

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SCORER = REPO_ROOT.parent / "shared" / "tools" / "score_extraction.py"


def load_scorer() -> ModuleType:
    """score_extraction.py, loaded from its file: it is a script outside any package."""
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None, SCORER
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Mistakes verified on the page and reported for the shared truth files, which do not list them
# yet: scored as the truth will score them once they are added (nothing changes when the truth
# already lists the quote). The text-only files of wild/ were refused before they could be read.
REPORTED_NARRATIVE_ISSUES: dict[str, list[dict]] = {
    "js-partyoffice-2017-dept-budget-text": [
        {
            "page": 8,
            "quote": "增加101.48万元，增长1.66%",
            "kind": "percentage",
            "severity": "error",
            "note": "101.48 ÷ (6106.99 − 101.48) = 1.69%, printed 1.66% (101.48 ÷ 6106.99: the wrong base)",
        }
    ],
}


def with_reported_issues(stem: str, truth: dict) -> dict:
    listed = {issue.get("quote") for issue in truth.get("narrative_issues") or []}
    extra = [i for i in REPORTED_NARRATIVE_ISSUES.get(stem, []) if i["quote"] not in listed]
    return {**truth, "narrative_issues": [*(truth.get("narrative_issues") or []), *extra]} if extra else truth
