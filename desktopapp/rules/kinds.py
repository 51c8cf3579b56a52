"""Which standard table a table is: its `kind`, or a guess from its title when unset.

The reader classifies tables (desktopapp.extract.classify); documents rebuilt from JSON or
typed by hand may carry kind "other", so the rules guess from the title the same loose way.
"""

from __future__ import annotations

from desktopapp.core.model import DocKind, Document, Table
from desktopapp.extract.classify import KIND_NAMES, classify

BUDGET_KINDS = (
    "budget_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "general_budget_expenditure_by_unit",
    "basic_expenditure",
    "three_public",
    "gov_fund_expenditure",
    "state_capital_expenditure",
    "project_expenditure",
    "overall_performance",
    "project_performance",
    "carryover",
    "entrusted_business",
)
FINAL_KINDS = (
    "final_summary",
    "final_income",
    "final_expenditure",
    "final_fiscal_summary",
    "final_general_budget_expenditure",
    "final_basic_expenditure",
    "final_three_public",
    "final_gov_fund",
    "final_state_capital",
)
KNOWN_KINDS = set(BUDGET_KINDS) | set(FINAL_KINDS) | {"unit_composition", "other"}

SUMMARY_KINDS = {"budget_summary", "fiscal_summary", "final_summary", "final_fiscal_summary"}
FISCAL_SUMMARY_KINDS = {"fiscal_summary", "final_fiscal_summary"}
THREE_PUBLIC_KINDS = {"three_public", "final_three_public"}
BASIC_KINDS = {"basic_expenditure", "final_basic_expenditure"}
PERFORMANCE_KINDS = {"overall_performance", "project_performance"}
PROJECT_KINDS = {"project_expenditure"}

# Tables every disclosure of the kind must print (an empty one with a "无…" note).
REQUIRED_BUDGET = (
    "budget_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "basic_expenditure",
    "three_public",
    "gov_fund_expenditure",
    "state_capital_expenditure",
)
REQUIRED_FINAL = FINAL_KINDS

KIND_LABELS = {k: v for k, v in KIND_NAMES.items() if k != "other"}


def guess_kind(title: str, final: bool | None = None) -> str:
    """Canonical kind from a printed title ("表3 支出总表", "公开05表 …决算表"): the reader's
    classifier, for documents rebuilt from JSON without kinds."""
    return classify(title, None, final_document=bool(final))


def kind_of(table: Table, document: Document | None = None) -> str:
    """The table's kind as classified by the reader, else guessed from its title."""
    if table.kind and table.kind != "other" and table.kind in KNOWN_KINDS:
        return table.kind
    final = None
    if document is not None and document.kind is not DocKind.UNKNOWN:
        final = document.kind.is_final
    return guess_kind(f"{table.number or ''}{table.title}", final)


def is_final_document(document: Document) -> bool:
    if document.kind.is_final:
        return True
    if document.kind.is_budget:
        return False
    return any(kind_of(t, document).startswith("final_") for t in document.tables)
