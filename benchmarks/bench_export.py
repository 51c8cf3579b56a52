"""Speed of the Excel export (target: ≤ 1 s for the largest corpus document).

For each corpus PDF: read and check it as `python -m desktopapp check` does (not timed), mark a
few corrections, then time `export_workbook` — build and atomic save — several times in this
process (openpyxl already imported, as in the window). Prints per-file cells, findings, the
first and the median time, and the ratio of the largest document's median to the 1 s target.

    python3 benchmarks/bench_export.py [PDF …] [--repeat N]    # default: ../shared/corpus/*/*.pdf
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
TARGET_SECONDS = 1.0


def _load(pdf: Path):
    """The checked document; when the reader fails on a file, its truth grid (marked "truth")."""
    import json

    from desktopapp.core.edits import EditLog
    from desktopapp.core.errors import ReadError
    from desktopapp.export.json_out import document_from_json
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks

    source = "pdf"
    try:
        document = read_document(pdf)
    except ReadError:
        truth = pdf.with_name(pdf.stem + ".truth.json")
        if not truth.exists():
            raise
        document, source = document_from_json(json.loads(truth.read_text(encoding="utf-8"))), "truth"
    findings = run_checks(document)
    log = EditLog(document)
    figures = [
        (t.id, r, c, cell)
        for t in document.tables
        for r, row in enumerate(t.body)
        for c, cell in enumerate(row)
        if cell.value is not None
    ]
    for table_id, r, c, cell in figures[:: max(1, len(figures) // 10)][:10]:
        log.set_value(table_id, r, c, str(cell.value + 1), reason="基准测试")
    return document, findings, log.changes, source


def _cells(document) -> int:
    return sum(len(row) for t in document.tables for row in t.header + t.body)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    pdfs = args.pdfs or sorted(CORPUS.glob("*/*.pdf"))
    if not pdfs:
        print("no PDFs (../shared/corpus absent?)")
        return 1

    from desktopapp.export.xlsx import export_workbook

    results = []
    print(f"{'file':48} {'from':>5} {'tables':>6} {'cells':>6} {'findings':>8} {'first s':>8} {'median s':>8}")
    with tempfile.TemporaryDirectory() as out:
        for pdf in pdfs:
            document, findings, changes, source = _load(pdf)
            times = []
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                export_workbook(document, findings, changes, Path(out) / f"{pdf.stem}.xlsx")
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            results.append((pdf, _cells(document), median))
            print(
                f"{pdf.name[:48]:48} {source:>5} {len(document.tables):6d} {_cells(document):6d} {len(findings):8d}"
                f" {times[0]:8.3f} {median:8.3f}"
            )
    largest = max(results, key=lambda r: r[1])
    slowest = max(results, key=lambda r: r[2])
    print(
        f"largest document {largest[0].name} ({largest[1]} cells): median {largest[2]:.3f} s, "
        f"ratio {largest[2] / TARGET_SECONDS:.3f} of the {TARGET_SECONDS:.0f} s target"
    )
    print(f"slowest export {slowest[0].name}: {slowest[2]:.3f} s, ratio {slowest[2] / TARGET_SECONDS:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
