"""Speed of the checks (targets: run_checks ≤ 50 ms on the largest corpus document;
Checker.recheck after one corrected cell ≤ 10 ms).

For each corpus PDF: read it as `python -m desktopapp check` does (not timed), then time
`run_checks` several times in this process (rule modules already imported, as in the window),
and `Checker.recheck` after correcting one figure of the document's largest table. Prints per
file the table cells, the findings, the median times, and the ratios of the largest document's
medians to the limits (≤ 1.0 meets the target).

    python3 benchmarks/bench_rules.py [PDF …] [--repeat N]    # default: ../shared/corpus/*/*.pdf
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
RUN_LIMIT = 0.050
RECHECK_LIMIT = 0.010


def _load(pdf: Path):
    """The document as the reader gives it; its truth grid when the reader fails on the file."""
    import json

    from desktopapp.core.errors import ReadError
    from desktopapp.export.json_out import document_from_json
    from desktopapp.extract import read_document

    try:
        return read_document(pdf), "pdf"
    except ReadError:
        truth = pdf.with_name(pdf.stem + ".truth.json")
        if not truth.exists():
            raise
        return document_from_json(json.loads(truth.read_text(encoding="utf-8"))), "truth"


def _cells(document) -> int:
    return sum(len(row) for t in document.tables for row in t.body)


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _narrative_rules() -> set[str]:
    from desktopapp.rules import load_catalog

    return {i.id for i in load_catalog() if i.id.startswith("narrative")}


def _recheck_time(document, disabled: set[str], repeat: int) -> float:
    """Median recheck after correcting one figure of the largest table with figures."""
    from desktopapp.rules import Checker

    checker = Checker(document, disabled)
    checker.check_all()
    tables = [t for t in document.tables if any(c.value is not None for row in t.body for c in row)]
    if not tables:
        return 0.0
    largest = max(tables, key=lambda t: sum(len(r) for r in t.body))
    figures = [cell for row in largest.body for cell in row if cell.value is not None]
    cell = figures[len(figures) // 2]

    def edit_and_recheck() -> None:
        cell.corrected = (cell.value or Decimal(0)) + Decimal("1.00")
        checker.recheck(largest.id)

    try:
        return _median(edit_and_recheck, repeat)
    finally:
        cell.corrected = None


def measure(pdf: Path, repeat: int) -> dict:
    from desktopapp.rules import run_checks

    document, source = _load(pdf)
    narrative = _narrative_rules()
    findings = run_checks(document)  # warm-up: imports, caches
    return {
        "file": pdf.name,
        "source": source,
        "cells": _cells(document),
        "findings": len(findings),
        "run": _median(lambda: run_checks(document), repeat),
        "run_tables": _median(lambda: run_checks(document, disabled=narrative), repeat),
        "recheck": _recheck_time(document, set(), repeat),
        "recheck_tables": _recheck_time(document, narrative, repeat),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or sorted(CORPUS.glob("*/*.pdf"))
    if not pdfs:
        print("no PDF given and no corpus found", file=sys.stderr)
        return 2
    rows = [measure(pdf, args.repeat) for pdf in pdfs]
    print(
        f"{'file':46} {'cells':>5} {'find':>4} {'run_checks':>10} {'(tables)':>9} {'recheck':>8} {'(tables)':>9}"
    )
    for r in rows:
        print(
            f"{r['file'][:46]:46} {r['cells']:5d} {r['findings']:4d} "
            f"{r['run'] * 1000:8.1f}ms {r['run_tables'] * 1000:7.1f}ms "
            f"{r['recheck'] * 1000:6.2f}ms {r['recheck_tables'] * 1000:7.2f}ms{'  (truth)' if r['source'] == 'truth' else ''}"
        )
    big = max(rows, key=lambda r: r["cells"])
    print(
        f"largest document {big['file']} ({big['cells']} cells): "
        f"run_checks {big['run'] * 1000:.1f} ms = {big['run'] / RUN_LIMIT:.2f} × the 50 ms limit "
        f"(table rules alone {big['run_tables'] / RUN_LIMIT:.2f} ×); "
        f"recheck {big['recheck'] * 1000:.2f} ms = {big['recheck'] / RECHECK_LIMIT:.2f} × the 10 ms limit "
        f"(table rules alone {big['recheck_tables'] / RECHECK_LIMIT:.2f} ×)"
    )
    for key, limit, name in (("run", RUN_LIMIT, "run_checks"), ("recheck", RECHECK_LIMIT, "recheck")):
        worst = max(r[key] for r in rows)
        worst_tables = max(r[f"{key}_tables"] for r in rows)
        print(
            f"slowest {name} over all files: {worst * 1000:.2f} ms ({worst / limit:.2f} × limit); "
            f"table rules alone {worst_tables * 1000:.2f} ms ({worst_tables / limit:.2f} × limit)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
