"""Consistency checks (勾稽关系) of a disclosure document.

Public API (used by the CLI, the window and the exporter):

    load_catalog() -> list[RuleInfo]
    run_checks(document, disabled=()) -> list[Finding]
    Checker(document, disabled=()).check_all() / .recheck(changed_table_id) / .disabled

Rules live in the modules of this package and register with `@rule("id")` (see base.py);
their names and explanations are data in resources/rules/*.json.
"""

from desktopapp.rules.catalog import RuleInfo
from desktopapp.rules.engine import Checker, load_catalog, run_checks

__all__ = ["Checker", "RuleInfo", "load_catalog", "run_checks"]
