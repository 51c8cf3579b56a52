"""Speed and memory of `check` against pdfplumber's own `Page.extract_tables()`.

For each corpus PDF, alternating in one run, each measurement in a fresh process (so no
warm cache — pdfminer caches CMaps per process — and no result cache helps either side):
  baseline: pdfplumber.open + extract_tables() on every page
  check:    desktopapp read_document + run_checks (what `python -m desktopapp check` does)
Timing is taken inside the child around the work (interpreter start-up excluded for both).
Prints per-file times, the total ratio check/baseline (target ≤ 0.7) and the peak RSS of
`check` on the largest PDF (target ≤ 400 MB).

    python3 benchmarks/bench_extract.py [PDF …]     # default: ../shared/corpus/*/*.pdf
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
if mode == "baseline":
    import pdfplumber
    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
    elapsed = time.perf_counter() - t
else:
    from desktopapp.core.errors import ReadError
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks
    t = time.perf_counter()
    try:
        run_checks(read_document(path))
        elapsed = time.perf_counter() - t
    except ReadError:  # a text-only PDF: nothing to compare
        elapsed = None
peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kb": peak_self, "peak_children_kb": peak_children}))
"""


def measure(mode: str, pdf: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(pdf)], capture_output=True, text=True, cwd=REPO, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    pdfs = [Path(a) for a in argv] or sorted(CORPUS.glob("*/*.pdf"))
    if not pdfs:
        print("no PDFs (../shared/corpus absent?)")
        return 1
    total_base = total_check = 0.0
    print(f"{'file':55} {'baseline s':>10} {'check s':>9} {'ratio':>6}")
    for pdf in pdfs:
        check = measure("check", pdf)["seconds"]
        if check is None:
            print(f"{pdf.name[:55]:55} {'(check refuses it: left out)':>27}")
            continue
        base = measure("baseline", pdf)["seconds"]
        total_base += base
        total_check += check
        print(f"{pdf.name[:55]:55} {base:10.2f} {check:9.2f} {check / base:6.2f}")
    print(f"TOTAL baseline {total_base:.2f} s, check {total_check:.2f} s, ratio {total_check / total_base:.3f} (target ≤ 0.7)")
    largest = max(pdfs, key=lambda p: p.stat().st_size)
    mem = measure("check", largest)
    peak_mb = max(mem["peak_kb"], mem["peak_children_kb"]) / 1024
    print(f"peak RSS of check on {largest.name}: {peak_mb:.0f} MB (largest process; target ≤ 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
