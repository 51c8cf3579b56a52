"""Running the rules: discovery, the catalog switches, failures, numbering, incremental re-check.

Every module of the `desktopapp.rules` package and of its subpackages is imported so its
`@rule` registrations are known; a module that cannot be imported is reported by every run
(rule `engine_rule_module_failed`), since its checks are missing. A rule that raises does not
stop the run: it becomes a warning "规则执行出错" naming the rule. A rule whose errors are most
of the relations it evaluated in one document (`RuleContext.count`) stands on a wrong premise
(a misread table, a wrong scope): its errors become one warning saying so. Findings are
de-duplicated, put in reading order (page, table, row, column) and numbered F1, F2, ….
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterable
from time import perf_counter

from desktopapp.core.labels import severity_rank
from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import REGISTRY, RuleContext, rule
from desktopapp.rules.broken_rows import spare_broken_rows
from desktopapp.rules.catalog import RuleInfo, default_info, read_catalog_files
from desktopapp.rules.scoped import TABLE_RULES, VALUE_INDEPENDENT
from desktopapp.rules.unread_pages import spare_incomplete_tables
from desktopapp.tables.structure import text_signature

_LOADED = False

# Rule caches read from the printed texts only (not values or corrections): recheck keeps them
# while the changed table's texts are the ones they were read from. (A table's structure is
# kept with the table itself: desktopapp.tables.structure.)
TEXT_CACHES = ("facts",)


def load_rule_modules() -> None:
    """Import every module of the package and its subpackages (rules/narrative/) once: their
    decorators fill the registry."""
    global _LOADED
    if _LOADED:
        return
    # this module's own package, always loaded before it (an import here would be a cycle)
    package = sys.modules[__package__]
    found = pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.", onerror=_note_broken)
    for info in sorted(found, key=lambda m: m.name):
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # a broken module must not take the others down
            FAILED_MODULES[info.name] = f"{type(exc).__name__}: {exc}"
    _LOADED = True


def _note_broken(name: str) -> None:
    """A subpackage whose own import failed while it was walked (called inside its `except`)."""
    exc = sys.exc_info()[1]
    FAILED_MODULES[name] = f"{type(exc).__name__}: {exc}"


FAILED_MODULES: dict[str, str] = {}  # rule module → why it could not be imported
MODULE_FAILED = "engine_rule_module_failed"


@rule(MODULE_FAILED)
def failed_rule_modules(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    """One warning per rule module that could not be imported: its checks did not run."""
    for name, error in sorted(FAILED_MODULES.items()):
        yield Finding(
            rule=MODULE_FAILED,
            severity=ctx.severity_of(MODULE_FAILED, Severity.WARNING),
            message=f"规则模块“{name}”无法加载（{error}），其中的检查没有执行，校验结果不完整。",
        )


def load_catalog() -> list[RuleInfo]:
    """The catalog entries (resources/rules/*.json) plus a default entry per uncatalogued rule."""
    load_rule_modules()
    entries = read_catalog_files()
    out = list(entries.values())
    for rule_id in REGISTRY:
        if rule_id not in entries:
            out.append(default_info(rule_id))
    return out


def _order_key(document: Document, finding: Finding) -> tuple:
    table_index = {t.id: i for i, t in enumerate(document.tables)}
    first = finding.cells[0] if finding.cells else None
    table_id = finding.table or (first.table if first else None)
    return (
        finding.page if finding.page is not None else 10**6,
        table_index.get(table_id or "", 10**6),
        first.row if first else -1,
        first.col if first else -1,
        finding.rule,
        finding.message,
    )


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.message, tuple(f.cells), f.quote)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _failure(info: RuleInfo, exc: BaseException) -> Finding:
    return Finding(
        rule=info.id,
        severity=Severity.WARNING,
        message=f"规则执行出错：“{info.name}”（{info.id}）未能完成检查（{type(exc).__name__}: {exc}），其结果可能不完整。",
    )


def _cap(findings: list[Finding], info: RuleInfo) -> list[Finding]:
    """The catalog's severity is the highest a rule's findings may carry."""
    for f in findings:
        if severity_rank(f.severity) < severity_rank(info.severity):
            f.severity = info.severity
    return findings


# Findings of one rule on one table listed one by one; beyond this many, one summary finding holds
# the rest (their cells still marked): a thousand alike lines (a table read 500 times over from a
# damaged file, a column misread throughout) hide the findings that matter instead of showing more.
FLOOD = 25


def _collapse_floods(ordered: list[Finding]) -> list[Finding]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    place: dict[int, int] = {}  # id(finding) → its place in its group
    for f in ordered:
        if f.table:
            group = groups.setdefault((f.rule, f.table), [])
            place[id(f)] = len(group)
            group.append(f)
    out: list[Finding] = []
    for f in ordered:
        group = groups.get((f.rule, f.table)) if f.table else None
        if group is None or len(group) <= FLOOD or place[id(f)] < FLOOD:
            out.append(f)
        elif place[id(f)] == FLOOD:
            out.append(_flood_summary(group[FLOOD:]))
    return out


def _flood_summary(rest: list[Finding]) -> Finding:
    worst = min((f.severity for f in rest), key=severity_rank)
    return Finding(
        rule=rest[0].rule,
        severity=worst,
        message=(f"同一表格中另有 {len(rest)} 处同类问题未逐条列出（已列出前 {FLOOD} 处，多为同一原因，"
                 "请先核对它们）；相关单元格已在表格中标出。"),
        cells=list(dict.fromkeys(c for f in rest for c in f.cells)),
        page=rest[0].page,
        table=rest[0].table,
    )


def number_findings(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    ordered = _collapse_floods(sorted(_dedupe(findings), key=lambda f: _order_key(document, f)))
    for i, f in enumerate(ordered, start=1):
        f.id = f"F{i}"
    return ordered


# A rule fails on "most" of its candidates: at least this many errors, and more than half.
GUARD_MIN_ERRORS = 3


def _one_slip(errors: list[Finding]) -> bool:
    """Every failure goes through one cell: one wrong figure breaking each relation it is in."""
    common = set(errors[0].cells)
    for f in errors[1:]:
        common &= set(f.cells)
    return bool(common)


def premise_guard(document: Document, info: RuleInfo, findings: list[Finding], candidates: int) -> list[Finding]:
    """`findings` of one rule in one document, its errors replaced by one warning when they are
    most of the `candidates` it evaluated: so many failures mean its premise (what the tables
    are, which figures are totals and parts, their scope) is wrong, not the document.

    Only rules whose catalog entry names their premise are guarded: they count every relation
    they evaluate (`RuleContext.count`, or through `relation.sum_finding`); a rule that counts
    only some of them would be silenced by its uncounted failures."""
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if not info.premise or candidates <= 0 or len(errors) < GUARD_MIN_ERRORS:
        return findings
    if 2 * len(errors) <= max(candidates, len(errors)) or _one_slip(errors):
        return findings
    tables = []
    for f in errors:
        table = document.table(f.table) if f.table else None
        name = (table.title or table.id) if table is not None else ""
        if name and name not in tables:
            tables.append(name)
    where = f"（涉及{'、'.join(tables[:3])}{'等' if len(tables) > 3 else ''}）" if tables else ""
    pages = sorted({f.page for f in errors if f.page is not None})
    cells = list(dict.fromkeys(c for f in errors for c in f.cells))  # where to look, in order
    summary = Finding(
        rule=info.id,
        severity=Severity.WARNING,
        message=(
            f"“{info.name}”在本文件中检查的 {max(candidates, len(errors))} 项关系有 {len(errors)} 项不成立{where}："
            f"多数不成立说明这项检查的前提未能确认——{info.premise}。因此不逐项报告错误，请人工核对相关表格。"
        ),
        cells=cells,
        page=pages[0] if pages else None,
    )
    return [f for f in findings if f.severity != Severity.ERROR] + [summary]


class Checker:
    """All checks of one document, with a cheap re-check after a cell is corrected."""

    def __init__(self, document: Document, disabled: Iterable[str] = ()) -> None:
        load_rule_modules()
        self.document = document
        self.disabled: set[str] = set(disabled)
        self.catalog = {info.id: info for info in load_catalog()}
        self.ctx = RuleContext(severity={i.id: i.severity for i in self.catalog.values()})
        self._by_table: dict[str, dict[str, list[Finding]]] = {}  # rule → table → findings
        self._document_level: dict[str, list[Finding]] = {}
        self._counts: dict[str, dict[str | None, int]] = {}  # rule → table (None: document) → candidates
        self._signatures: dict[str, int] = {}  # table → text signature the caches were read from
        self.last_seconds = 0.0

    def _active(self) -> list[str]:
        return [
            rule_id
            for rule_id in REGISTRY
            if rule_id not in self.disabled and self.catalog.get(rule_id, default_info(rule_id)).enabled
        ]

    def _info(self, rule_id: str) -> RuleInfo:
        return self.catalog.get(rule_id) or default_info(rule_id)

    def _run_table_rule(self, rule_id: str, table_id: str) -> list[Finding]:
        table = self.document.table(table_id)
        if table is None:
            return []
        before = self.ctx.candidates.get(rule_id, 0)
        try:
            with self.ctx.active():
                return _cap(list(TABLE_RULES[rule_id](self.document, table, self.ctx)), self._info(rule_id))
        except Exception as exc:
            failure = _failure(self._info(rule_id), exc)
            failure.table = table_id
            return [failure]
        finally:
            self._counts.setdefault(rule_id, {})[table_id] = self.ctx.candidates.get(rule_id, 0) - before

    def _run_document_rule(self, rule_id: str) -> list[Finding]:
        before = self.ctx.candidates.get(rule_id, 0)
        try:
            with self.ctx.active():
                return _cap(list(REGISTRY[rule_id](self.document, self.ctx)), self._info(rule_id))
        except Exception as exc:
            return [_failure(self._info(rule_id), exc)]
        finally:
            self._counts.setdefault(rule_id, {})[None] = self.ctx.candidates.get(rule_id, 0) - before

    def _collect(self) -> list[Finding]:
        active = self._active()
        found: list[Finding] = []
        for rule_id in active:
            if rule_id in TABLE_RULES:
                own = [f for per_table in self._by_table.get(rule_id, {}).values() for f in per_table]
                counted = sum(n for t, n in self._counts.get(rule_id, {}).items() if t is not None)
            else:
                own = self._document_level.get(rule_id, [])
                counted = self._counts.get(rule_id, {}).get(None, 0)
            found.extend(premise_guard(self.document, self._info(rule_id), own, counted))
        spared = spare_broken_rows(self.document, spare_incomplete_tables(self.document, found))
        return number_findings(self.document, spared)

    def check_all(self) -> list[Finding]:
        start = perf_counter()
        self.ctx.cache.clear()
        self._signatures = {t.id: text_signature(t) for t in self.document.tables}
        self._by_table.clear()
        self._document_level.clear()
        self._counts.clear()
        for rule_id in self._active():
            if rule_id in TABLE_RULES:
                self._by_table[rule_id] = {
                    t.id: self._run_table_rule(rule_id, t.id) for t in self.document.tables
                }
            else:
                self._document_level[rule_id] = self._run_document_rule(rule_id)
        out = self._collect()
        self.last_seconds = perf_counter() - start
        return out

    def recheck(self, changed_table_id: str) -> list[Finding]:
        """Findings after one cell of `changed_table_id` changed (text or correction)."""
        if not self._by_table and not self._document_level:
            return self.check_all()
        start = perf_counter()
        table = self.document.table(changed_table_id)
        signature = text_signature(table) if table is not None else None
        same_texts = signature is not None and self._signatures.get(changed_table_id) == signature
        for key, value in self.ctx.cache.items():
            if isinstance(value, dict) and not (same_texts and key in TEXT_CACHES):
                value.pop(changed_table_id, None)
        if signature is not None:
            self._signatures[changed_table_id] = signature
        for rule_id in self._active():
            if rule_id in TABLE_RULES:
                per_table = self._by_table.setdefault(rule_id, {})
                if len(per_table) != len(self.document.tables):  # switched on since the last run
                    for t in self.document.tables:
                        per_table.setdefault(t.id, self._run_table_rule(rule_id, t.id))
                per_table[changed_table_id] = self._run_table_rule(rule_id, changed_table_id)
            elif not (same_texts and rule_id in self._document_level and self._texts_only(rule_id)):
                self._document_level[rule_id] = self._run_document_rule(rule_id)
        out = self._collect()
        self.last_seconds = perf_counter() - start
        return out

    def _texts_only(self, rule_id: str) -> bool:
        return rule_id in VALUE_INDEPENDENT or not self._info(rule_id).uses_values


def run_checks(document: Document, disabled: Iterable[str] = ()) -> list[Finding]:
    """Every enabled rule on `document`: all findings, numbered F1, F2, … in reading order."""
    return Checker(document, disabled).check_all()
