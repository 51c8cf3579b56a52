"""Entry point of the frozen executables `desktopapp` (window) and `desktopapp-cli` (console).

Two things only a frozen program has to do before `desktopapp.__main__.main` runs:

- `multiprocessing.freeze_support()`: on Windows long PDFs are read by `spawn`ed worker
  processes (forkserver when the window reads on Linux), which restart this very executable
  with multiprocessing's own arguments; without the call each worker would open another
  window instead of reading pages. `desktopapp.__main__.main` calls it as well; here it runs
  before anything else is imported.
- a windowed Windows executable starts with `sys.stdout` / `sys.stderr` set to None, and code
  that writes to them (the window's error hook, `check` run from the windowed executable)
  would fail; they are pointed at the null device instead.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 — lives as long as the process


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _ensure_streams()
    from desktopapp.__main__ import main

    sys.exit(main())
