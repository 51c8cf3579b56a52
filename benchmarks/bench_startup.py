"""Start-up of the window (target: shown within 3 s), from the process start to the main window
mapped on the X display, and to the bundled sample read and shown (`--sample`: the window title
names the file once it is open). Needs an X display (Xvfb) and xdotool.

    Xvfb :91 -screen 0 1366x768x24 &
    DISPLAY=:91 python3 benchmarks/bench_startup.py                         # python -m desktopapp
    DISPLAY=:91 python3 benchmarks/bench_startup.py installer/dist/desktopapp/desktopapp   # frozen
    DISPLAY=:91 python3 benchmarks/bench_startup.py /usr/bin/desktopapp --repeat 5

Each run starts with empty settings and data folders (a first start on the officer's PC). The
first run is the coldest this can measure without root (the files may still be in the page
cache from the build or install); the median of the others is the usual start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TITLE = "预决算公开审核助手"
SAMPLE_STEM = "sample-dept-budget"
TARGET_SECONDS = 3.0


def _wait_for_window(name: str, pid: int, deadline: float) -> float | None:
    """Seconds on the clock when a visible window whose title contains `name` exists."""
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name], capture_output=True, text=True
        )
        if found.stdout.strip():
            return time.monotonic()
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        time.sleep(0.02)
    return None


def one_run(command: list[str], sample: bool, timeout: float) -> tuple[float | None, float | None]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{home}/config", DESKTOPAPP_DATA_DIR=f"{home}/data")
        env.pop("QT_QPA_PLATFORM", None)
        started = time.monotonic()
        process = subprocess.Popen(
            [*command, *(["--sample"] if sample else [])], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = started + timeout
            shown = _wait_for_window(TITLE, process.pid, deadline)
            opened = _wait_for_window(SAMPLE_STEM, process.pid, deadline) if sample and shown else None
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return (shown - started if shown else None), (opened - started if opened else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("program", nargs="?", help="the executable (default: python -m desktopapp from this checkout)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        print("needs an X display (DISPLAY=:91 with Xvfb) and xdotool", file=sys.stderr)
        return 2
    command = [args.program] if args.program else [sys.executable, "-m", "desktopapp"]
    if not args.program:
        os.environ["PYTHONPATH"] = str(REPO)
    print(f"{' '.join(command)} — target: window shown within {TARGET_SECONDS:.0f} s")
    shown_times, opened_times = [], []
    for run in range(args.repeat):
        shown, opened = one_run(command, sample=True, timeout=args.timeout)
        label = "first" if run == 0 else f"run {run + 1}"
        print(f"  {label:>6}: window shown {shown or float('nan'):.2f} s, sample read and shown {opened or float('nan'):.2f} s")
        if shown:
            shown_times.append(shown)
        if opened:
            opened_times.append(opened)
    if not shown_times:
        print("the window never appeared", file=sys.stderr)
        return 1
    rest = shown_times[1:] or shown_times
    print(f"window shown: first {shown_times[0]:.2f} s, median of the others {statistics.median(rest):.2f} s "
          f"({statistics.median(rest) / TARGET_SECONDS:.0%} of the target)")
    if opened_times:
        print(f"sample open: median {statistics.median(opened_times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
