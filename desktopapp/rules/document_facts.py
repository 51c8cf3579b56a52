"""document_facts_uncertain: once per document, the facts (year, organisation, level) that
could not be established — their sources contradict or none prints them — so the officer knows
which checks abstained and can set the fact (校验 ▸ 文件信息…)."""

from __future__ import annotations

from collections.abc import Iterable

from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import RuleContext, rule

RULE = "document_facts_uncertain"
_NAMES = {"year": "年度", "organization": "单位名称", "level": "级次"}
_DEPENDS = {"year": "涉及年度的检查（上年数、年份写法等）未执行", "organization": "单位名称的核对未执行", "level": ""}


@rule(RULE)
def facts_uncertain(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    parts = []
    for name, label in _NAMES.items():
        entry = (document.facts or {}).get(name)
        if not entry or entry.get("status") != "uncertain":
            continue
        if name == "level" and not entry.get("sources"):
            continue  # no check needs the level yet: only a contradiction is worth saying
        why = entry.get("note") or "无法确定"
        parts.append(f"{label}：{why}" + (f"，{_DEPENDS[name]}" if _DEPENDS[name] else ""))
    if parts:
        yield Finding(
            RULE,
            ctx.severity_of(RULE, Severity.WARNING),
            "未能确定本文件的" + "；".join(parts) + "。可在“校验 ▸ 文件信息”中填写。",
        )
