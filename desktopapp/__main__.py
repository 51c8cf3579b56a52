"""`python -m desktopapp [PDF | --sample]` opens the window; `python -m desktopapp check …` runs the CLI;
`--version` prints the version."""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    # A frozen build re-runs this entry in the page-reading worker processes.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from desktopapp import __version__

        print(f"desktopapp {__version__}")
        return 0
    if args and args[0] == "check":
        from desktopapp.cli import main as check_main

        return check_main(args[1:])
    from desktopapp._qt.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
