"""The whole corpus as one folder through `run_batch`, against `check` run on the same files one
by one (a process per file, as an officer's script would), in the same run.

    python3 benchmarks/bench_batch.py [FOLDER] [--arrangements] [--rounds N]

Both write each file's JSON to a temporary folder; the batch runs without its cache (every
file read). Prints wall time per file and per 30 pages (target ≤ 0.6 s per 30-page disclosure
on two cores), the ratio one-by-one / batch, and peak memory: the largest sum of the resident
memory of this process and all its descendants, sampled every 100 ms. The load average before
and after says how busy the machine was; the CPU seconds of all processes per 30 pages say
what the work costs whatever the load (on an idle machine with two cores the batch's wall time
approaches half of it). `--arrangements` also times the other ways of sharing
the cores (files one after another with two page workers; three files at once).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktopapp.batch import BatchOutputs, find_pdfs, run_batch  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every descendant (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE
        except (OSError, ValueError, IndexError):
            pass
        stack.extend(children.get(pid, []))
    return total


class PeakMemory:
    """The peak of `_tree_rss(this process)` while the block runs, sampled by a separate process
    (a thread here would make run_batch use the fork server, as it does from the window)."""

    def __enter__(self) -> PeakMemory:
        self._sampler = subprocess.Popen([sys.executable, __file__, "--sample", str(os.getpid())],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc) -> None:
        out, _ = self._sampler.communicate("")
        self.peak = int(out.strip() or 0)


def _sample(root: int) -> None:
    """Until stdin closes: the peak of the tree's memory, less this sampler's own."""
    import select

    peak = 0
    while not select.select([sys.stdin], [], [], 0.1)[0]:
        peak = max(peak, _tree_rss(root) - _tree_rss(os.getpid()))
    print(peak)


def one_by_one(pdfs: list[Path], out: Path) -> float:
    started = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for pdf in pdfs:
        subprocess.run([sys.executable, "-m", "desktopapp", "check", str(pdf), "--json", str(out)],
                       cwd=REPO, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def batch(pdfs: list[Path], out: Path, jobs: int | None, page_workers: int | None) -> tuple[float, list]:
    started = time.perf_counter()
    results = run_batch(pdfs, jobs=jobs, page_workers=page_workers, outputs=BatchOutputs(json_dir=out))
    return time.perf_counter() - started, results


def _cpu() -> float:
    """CPU seconds of this process and of every descendant that has ended (the page workers
    are waited for by the file workers, which are waited for here)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _line(label: str, seconds: float, cpu: float, files: int, pages: int, peak: int) -> str:
    return (f"{label:<40} {seconds:7.2f} s  {seconds / files:5.2f} s/file  {seconds / pages * 30:5.2f} s/30 pages"
            f"  CPU {cpu / pages * 30:5.2f} s/30 pages  peak {peak / 2**20:5.0f} MB")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--sample"]:
        _sample(int(argv[1]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--arrangements", action="store_true")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args(argv)
    pdfs = find_pdfs(args.folder)
    if not pdfs:
        print(f"no PDFs under {args.folder}")
        return 1
    print(f"{len(pdfs)} PDFs under {args.folder}; {os.cpu_count()} cores; load before {os.getloadavg()}")
    arrangements = [("batch: 2 files at once, 1 page worker", 2, 1)]
    if args.arrangements:
        arrangements += [("batch: 1 file at a time, 2 page workers", 1, 2),
                         ("batch: 3 files at once, 1 page worker", 3, 1)]
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            times = {}
            pages = 0
            for label, jobs, page_workers in arrangements:
                cpu = _cpu()
                with PeakMemory() as peak:
                    seconds, results = batch(pdfs, Path(tmp) / f"b{round_}{jobs}", jobs, page_workers)
                cpu = _cpu() - cpu
                pages = sum(r.pages or 0 for r in results)
                unread = [r.path.name for r in results if not r.readable]
                times[label] = seconds
                print(_line(label, seconds, cpu, len(pdfs), pages, peak.peak) + (f"  unreadable: {unread}" if unread else ""))
            cpu = _cpu()
            with PeakMemory() as peak:
                seconds = one_by_one(pdfs, Path(tmp) / f"s{round_}")
            cpu = _cpu() - cpu
            print(_line("check one file per process", seconds, cpu, len(pdfs), pages, peak.peak))
            print(f"one by one / batch: {seconds / times[arrangements[0][0]]:.2f}×  ({pages} pages)")
    print(f"load after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
