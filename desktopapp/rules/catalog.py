"""The rule catalog: Chinese name, explanation, default severity and switch of every rule.

The catalog is data (`resources/rules/*.json`, each a list of entries), read with `json`
only — nothing in it is executed. Files are merged in name order; a later entry with the
same id overrides an earlier one field by field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktopapp.core.model import Severity
from desktopapp.core.paths import resources_dir


@dataclass
class RuleInfo:
    id: str
    name: str  # Chinese, shown in the window and the workbook
    explanation: str  # Chinese: what the rule checks and why
    severity: Severity  # the highest severity its findings may carry
    enabled: bool = True
    family: str = ""
    uses_values: bool = True  # False: reads printed texts only (kept across corrections)
    # Chinese: what the rule takes as read. Naming it declares that the rule counts every
    # relation it evaluates, so that failing on most of them in a document is reported as a
    # wrong premise (one warning) instead of one error each (engine.premise_guard).
    premise: str = ""


def catalog_dir() -> Path:
    return resources_dir() / "rules"


def _severity(value: object) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        return Severity.ERROR


def read_catalog_files(folder: Path | None = None) -> dict[str, RuleInfo]:
    """Entries of every `*.json` in `folder`, merged; malformed files or entries are skipped."""
    folder = folder or catalog_dir()
    merged: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
                merged.setdefault(entry["id"], {}).update(entry)
    return {
        rule_id: RuleInfo(
            id=rule_id,
            name=str(e.get("name") or rule_id),
            explanation=str(e.get("explanation") or ""),
            severity=_severity(e.get("severity", "error")),
            enabled=bool(e.get("enabled", True)),
            family=str(e.get("family") or ""),
            uses_values=bool(e.get("uses_values", True)),
            premise=str(e.get("premise") or ""),
        )
        for rule_id, e in merged.items()
    }


def default_info(rule_id: str) -> RuleInfo:
    """Entry for a registered rule the catalog does not describe."""
    return RuleInfo(
        id=rule_id, name=rule_id, explanation="（规则目录中没有此规则的说明）", severity=Severity.ERROR
    )
