"""Hand-built documents for the narrative checks: `make_doc` builds a Document from page texts
(narrative pages) and tables given as printed grids, so each test states exactly what an officer
would see; `run` gives the findings of the narrative rules."""

from __future__ import annotations

from desktopapp.core.model import DocKind, Document, Finding, Page, Table
from desktopapp.rules.base import REGISTRY, RuleContext
from desktopapp.rules.engine import load_rule_modules
from tests.helpers import rules_support


def table(
    table_id: str,
    title: str,
    kind: str,
    header: list[list[str]],
    body: list[list[str]],
    unit: str = "万元",
    page: int = 50,
) -> Table:
    """A table as printed, with its kind given positionally (the narrative tests name it first)."""
    return rules_support.table(table_id, title, header, body, kind=kind, unit=unit, page=page)


def make_doc(
    pages: list[str],
    tables: list[Table] = (),
    kind: DocKind = DocKind.DEPT_BUDGET,
    year: int | None = 2024,
    organization: str | None = "某某区某某局",
) -> Document:
    doc = Document(
        source="test.pdf", sha256="", page_count=0, kind=kind, year=year, organization=organization
    )
    for i, text in enumerate(pages, start=1):
        doc.pages.append(Page(number=i, width=595, height=842, text=text))
    for t in tables:
        number = len(doc.pages) + 1
        t.pages = [number]
        for row in t.body + t.header:
            for c in row:
                c.page = number
        doc.pages.append(Page(number=number, width=595, height=842, text=t.title, table_ids=[t.id]))
        doc.tables.append(t)
    doc.page_count = len(doc.pages)
    return doc


def run(doc: Document, *rule_ids: str) -> list[Finding]:
    """Findings of the given narrative rules (all narrative rules when none is given)."""
    load_rule_modules()
    ctx = RuleContext()
    ids = rule_ids or tuple(r for r in REGISTRY if r.startswith("narrative"))
    out: list[Finding] = []
    for rule_id in ids:
        out.extend(REGISTRY[rule_id](doc, ctx))
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value == "error"]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value == "warning"]
