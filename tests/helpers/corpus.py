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
