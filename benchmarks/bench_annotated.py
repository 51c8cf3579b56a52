"""Speed of the annotated PDF copy (export/annotated_pdf.py), run by hand.

For each PDF: read and check it as `python -m desktopapp check` does (not timed), then time
`write_annotated_pdf` — pypdf's incremental update and the atomic save — several times. Prints
per file the pages, findings, annotations written, the first and the median time, and the mean
of the medians over the files of 25 pages or more.

    python3 benchmarks/bench_annotated.py [PDF …] [--repeat N]    # default: ../shared/corpus/*/*.pdf
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # pypdf's notes on repaired files
    from desktopapp.core.errors import ReadError
    from desktopapp.export.annotated_pdf import write_annotated_pdf
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks

    pdfs = args.pdfs or sorted(CORPUS.glob("*/*.pdf"))
    long_files: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for pdf in pdfs:
            try:
                document = read_document(pdf)
            except ReadError as exc:
                print(f"{pdf.name}: 无法读取：{exc.message}")
                continue
            findings = run_checks(document)
            times, count = [], 0
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                count = write_annotated_pdf(document, findings, {}, Path(folder) / "out.pdf")
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            if document.page_count >= 25:
                long_files.append(median)
            print(f"{pdf.name}: {document.page_count} 页, {len(findings)} findings, {count} annotations, "
                  f"first {times[0] * 1000:.0f} ms, median {median * 1000:.0f} ms")
    if long_files:
        print(f"files of 25+ pages: {len(long_files)}, mean of medians {statistics.mean(long_files) * 1000:.0f} ms, "
              f"max {max(long_files) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
