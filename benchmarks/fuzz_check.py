"""Fuzz `python -m desktopapp check` with damaged PDFs, odd file names and odd output targets.

Each case is a seed PDF (the shipped sample disclosure and, when ../shared/corpus is present,
the smaller corpus PDFs) changed by one mutation of benchmarks/fuzz_mutate.py (byte flips in
streams, raw byte flips, truncation, duplicated objects and page kids, reference loops, deep
nesting, a /Contents array repeating one stream, huge ToUnicode maps, flate bombs, control
characters / U+FFFF / lone surrogates through ToUnicode maps), some of them also given an odd
name (GBK bytes, 80 Chinese characters, ending in .json beside the JSON folder, two same-named
inputs) or an odd output target (--json naming a file, --xlsx out/ not yet existing, --xlsx the
input itself, a target inside a file, an unwritable folder, an old workbook with its own mode,
a stale temporary file of a killed write). Every case runs in its own process group with a
time limit and an address-space cap; afterwards it is judged:

  exit code 0 or 2 · no "Traceback" · no English-only line on stderr · finished in time ·
  every JSON loads · every workbook loads in openpyxl · the inputs unchanged · no temporary
  file left · an overwritten workbook keeps its mode · a stale temporary file is gone

and the tally is printed (with up to 5 examples for each kind of problem, whose inputs are kept
in WORKDIR/keep/).

    python3 benchmarks/fuzz_check.py [--count 1000] [--seed 1] [--jobs 2] [--timeout 60]
                                     [--mem-mb 3072] [--workdir DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_mutate  # noqa: E402

SAMPLE = REPO / "resources" / "sample-dept-budget.pdf"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
LONG_NAME = ("很长的单位名称某某区某某局" * 10)[:80]
GBK_NAME = os.fsdecode("部门预算公开".encode("gbk"))

NAMES = ["gbk_name", "long_name", "json_suffix_in_json_dir", "same_name_two_folders"]
TARGETS = [
    "json_is_a_file",
    "xlsx_new_folder_slash",
    "xlsx_is_the_input",
    "xlsx_inside_a_file",
    "json_unwritable",
    "xlsx_old_workbook_mode",
    "xlsx_stale_temporary",
]


@dataclass
class Case:
    index: int
    seed_pdf: Path
    mutation: str
    variant: str | None
    folder: Path
    inputs: list[Path] = field(default_factory=list)
    protected: list[Path] = field(default_factory=list)  # other files of the user's: never changed
    args: list[str] = field(default_factory=list)
    json_dir: Path | None = None
    xlsx_paths: list[Path] = field(default_factory=list)  # where workbooks may appear
    expect_mode: tuple[Path, int] | None = None
    stale: Path | None = None


@dataclass
class Result:
    case: Case
    rc: int | None
    seconds: float
    peak_mb: float
    problems: list[str]
    marks: int = 0  # outputs that show a damaged character as the visible mark


def seeds(corpus: Path | None, max_kb: int) -> tuple[list[Path], list[Path]]:
    generated = [SAMPLE]
    found: list[Path] = []
    if corpus and corpus.is_dir():
        found = sorted(p for p in corpus.glob("*/*.pdf") if p.stat().st_size <= max_kb * 1024)
    return generated, found


def make_case(index: int, rng: random.Random, generated: list[Path], corpus: list[Path], root: Path) -> Case:
    seed_pdf = rng.choice(corpus) if corpus and rng.random() < 0.35 else rng.choice(generated)
    data = seed_pdf.read_bytes()
    names = list(fuzz_mutate.MUTATIONS)
    weights = [fuzz_mutate.MUTATIONS[n][0] for n in names]
    mutated, mutation = None, "unchanged"
    for _ in range(6):
        mutation = rng.choices(names, weights)[0]
        mutated = fuzz_mutate.MUTATIONS[mutation][1](data, rng)
        if mutated is not None:
            break
    if mutated is None:
        mutated, mutation = data, "unchanged"
    variant = rng.choice(NAMES + TARGETS) if rng.random() < 0.3 else None
    folder = root / f"case{index:05d}"
    (folder / "in").mkdir(parents=True)
    case = Case(index, seed_pdf, mutation, variant, folder)
    name = {"gbk_name": GBK_NAME, "long_name": LONG_NAME}.get(variant or "", f"{seed_pdf.stem}-{index}")
    pdf = folder / "in" / (name + (".json" if variant == "json_suffix_in_json_dir" else ".pdf"))
    pdf.write_bytes(mutated)
    case.inputs = [pdf]
    out = folder / "out"
    case.json_dir = out
    xlsx: str = str(out / "book.xlsx")
    if variant == "same_name_two_folders":
        other = folder / "in2" / pdf.name
        other.parent.mkdir()
        other.write_bytes(mutated)
        case.inputs.append(other)
        xlsx = str(out) + "/"
    elif variant == "json_suffix_in_json_dir":
        case.json_dir = pdf.parent
    elif variant == "json_is_a_file":
        case.json_dir = folder / "a-file"
        case.json_dir.write_text("keep me")
        case.protected.append(case.json_dir)
    elif variant == "xlsx_new_folder_slash":
        xlsx = str(folder / "new" / "sub") + "/"
    elif variant == "xlsx_is_the_input":
        xlsx = str(pdf)
    elif variant == "xlsx_inside_a_file":
        blocker = folder / "blocker"
        blocker.write_text("x")
        xlsx = str(blocker / "book.xlsx")
    elif variant == "json_unwritable":
        case.json_dir = Path("/proc/self/fuzz-out")
    elif variant == "xlsx_old_workbook_mode":
        out.mkdir()
        old = out / "book.xlsx"
        old.write_bytes(b"old")
        old.chmod(0o640)
        case.expect_mode = (old, 0o640)
    elif variant == "xlsx_stale_temporary":
        out.mkdir()
        case.stale = out / ".book.xlsx.999999999.abcd.tmp"  # a writer process that cannot exist
        case.stale.write_bytes(b"half")
    case.args = [*(str(p) for p in case.inputs), "--json", str(case.json_dir), "--xlsx", xlsx]
    case.xlsx_paths = [Path(xlsx)] if not xlsx.endswith("/") else []
    return case


def _limit(mem_mb: int):
    def apply() -> None:
        limit = mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_case(case: Case, timeout: float, mem_mb: int) -> Result:
    before = {p: _digest(p) for p in [*case.inputs, *case.protected]}
    stdout_path, stderr_path = case.folder / "stdout.txt", case.folder / "stderr.txt"
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONFAULTHANDLER="")
    start = time.monotonic()
    with open(stdout_path, "wb") as so, open(stderr_path, "wb") as se:
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktopapp", "check", *case.args],
            stdout=so,
            stderr=se,
            stdin=subprocess.DEVNULL,
            cwd=case.folder,
            env=env,
            preexec_fn=_limit(mem_mb),
            start_new_session=True,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(ProcessLookupError, PermissionError):  # workers outliving it
            os.killpg(proc.pid, signal.SIGKILL)
    seconds = time.monotonic() - start
    stderr = stderr_path.read_bytes().decode("utf-8", errors="replace")
    problems: list[str] = []
    rc = proc.returncode
    if timed_out.is_set():
        problems.append("timeout")
        rc = None
    elif rc not in (0, 2):
        problems.append(f"exit {rc}")
    if "Traceback" in stderr:
        problems.append("traceback")
    if any(ENGLISH.search(line) and not CJK.search(line) for line in stderr.splitlines()):
        problems.append("english on stderr")
    for path, digest in before.items():
        if _digest(path) != digest:
            problems.append("input changed")
    marks = 0
    for produced in _outputs(case):
        if produced.suffix == ".json":
            try:
                text = produced.read_text(encoding="utf-8")
                json.loads(text)
                marks += "\ufffd" in text
            except (ValueError, OSError):
                problems.append("invalid json")
        elif produced.suffix == ".xlsx" and produced.stat().st_size > 10 and not _workbook_loads(produced):
            problems.append("invalid workbook")
    leftovers = [p for p in case.folder.rglob("*.tmp") if p != case.stale]
    if leftovers:
        problems.append("temporary left")
    if case.expect_mode and rc == 0:
        path, mode = case.expect_mode
        if (path.stat().st_mode & 0o777) != mode:
            problems.append("mode not kept")
    if case.stale and rc == 0 and case.stale.exists():
        problems.append("stale temporary kept")
    return Result(case, rc, seconds, usage.ru_maxrss / 1024, sorted(set(problems)), marks)


def _outputs(case: Case) -> list[Path]:
    found = []
    for folder in {case.folder / "out", case.folder / "new", case.folder / "in"}:
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".json", ".xlsx")]
    found += [p for p in case.xlsx_paths if p.is_file()]
    inputs = set(case.inputs)
    return sorted({p for p in found if p not in inputs})


def _workbook_loads(path: Path) -> bool:
    import openpyxl  # in this process: a fresh interpreter per workbook would double the run

    try:
        openpyxl.load_workbook(path).close()
    except Exception:  # noqa: BLE001 — any failure to load is what is counted
        return False
    return True


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space cap of each run (MiB)")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument(
        "--corpus", type=Path, default=None, help="default: ../shared/corpus or /work/shared/corpus"
    )
    ap.add_argument("--max-seed-kb", type=int, default=300, help="corpus PDFs larger than this are not used")
    args = ap.parse_args()
    corpus = args.corpus or next(
        (p for p in (REPO.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()), None
    )
    generated, corpus_pdfs = seeds(corpus, args.max_seed_kb)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="fuzz-check-"))
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    print(
        f"{args.count} cases, seed {args.seed}, {len(generated)} generated + {len(corpus_pdfs)} corpus seeds, in {root}"
    )
    cases = [make_case(i, rng, generated, corpus_pdfs, root / "cases") for i in range(args.count)]
    results: list[Result] = []
    started = time.monotonic()
    # results.jsonl: one line per run, its stderr included
    with ThreadPoolExecutor(args.jobs) as pool, open(root / "results.jsonl", "w", encoding="utf-8") as log:
        for n, result in enumerate(
            pool.map(lambda c: run_case(c, args.timeout, args.mem_mb), cases), start=1
        ):
            results.append(result)
            stderr = (result.case.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
            entry = {
                "case": result.case.index,
                "seed": result.case.seed_pdf.name,
                "mutation": result.case.mutation,
                "variant": result.case.variant,
                "rc": result.rc,
                "seconds": round(result.seconds, 1),
                "peak_mb": round(result.peak_mb),
                "problems": result.problems,
                "stderr": stderr.splitlines()[:4],
            }
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            log.flush()
            if result.problems:
                keep = root / "keep" / result.case.folder.name
                keep.mkdir(parents=True, exist_ok=True)
                for p in result.case.inputs:
                    if p.is_file():
                        shutil.copy(
                            p, keep / ("input-" + os.fsencode(p.name).decode("utf-8", "replace")[:60])
                        )
                for stream in ("stdout.txt", "stderr.txt"):
                    shutil.copy(result.case.folder / stream, keep / stream)
            if n % 50 == 0:
                print(f"  {n}/{len(cases)} in {time.monotonic() - started:.0f} s", flush=True)
            if not result.problems:
                shutil.rmtree(result.case.folder, ignore_errors=True)
    report(results, time.monotonic() - started, root)
    return 1 if any(r.problems for r in results) else 0


def report(results: list[Result], seconds: float, root: Path) -> None:
    exits = Counter("timeout" if r.rc is None else str(r.rc) for r in results)
    problems = Counter(p for r in results for p in r.problems)
    by_mutation: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_mutation[r.case.mutation]["runs"] += 1
        by_mutation[r.case.mutation]["exit " + ("timeout" if r.rc is None else str(r.rc))] += 1
    variants = Counter(r.case.variant for r in results if r.case.variant)
    print(f"\n== fuzz tally: {len(results)} runs in {seconds:.0f} s ==")
    print("exit codes:", dict(sorted(exits.items())))
    for kind in (
        "traceback",
        "english on stderr",
        "timeout",
        "invalid json",
        "invalid workbook",
        "input changed",
        "temporary left",
        "mode not kept",
        "stale temporary kept",
    ):
        print(f"  {kind:22s} {problems.get(kind, 0)}")
    other = {k: v for k, v in problems.items() if k.startswith("exit ")}
    print("  exits outside 0/2     ", sum(other.values()), other or "")
    peak = max(results, key=lambda r: r.peak_mb)
    print(
        f"peak RSS {peak.peak_mb:.0f} MB (case {peak.case.index}, {peak.case.mutation}); "
        f"slowest {max(r.seconds for r in results):.1f} s"
    )
    print(
        f"outputs showing a damaged character as the visible mark: {sum(r.marks > 0 for r in results)} runs"
    )
    print("mutations:")
    for name, counter in sorted(by_mutation.items()):
        print(f"  {name:18s} " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    print("names and targets:", dict(sorted(variants.items())))
    for kind in sorted(problems):
        examples = [r for r in results if kind in r.problems][:5]
        print(f"-- {kind}:")
        for r in examples:
            err = r.case.folder / "stderr.txt"
            tail = (
                err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
                if err.exists()
                else []
            )
            print(
                f"   case {r.case.index} {r.case.mutation} {r.case.variant or ''} seed {r.case.seed_pdf.name}: {tail}"
            )
    summary = {
        "runs": len(results),
        "exits": exits,
        "problems": problems,
        "peak_rss_mb": round(peak.peak_mb),
        "seconds": round(seconds),
    }
    (root / "tally.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
