"""What the batch window asks of the batch engine (desktopapp.batch), with the window's options
bound: every core, the cache in the user data folder (an unchanged file is not read again).

One small seam, so that the window's tests can put a fake engine in its place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from desktopapp.batch.results import FileResult
from desktopapp.core.paths import user_data_dir

CACHE_FOLDER = "batch-cache"


class BatchEngine:
    can_annotate = False  # whether 导出全部批注 PDF… is offered

    def find(self, folder: Path) -> list[Path]:
        from desktopapp.batch import find_pdfs

        return find_pdfs(folder)

    def run(self, paths: list[Path], progress: Callable[[int, int, FileResult], None],
            cancel: Callable[[], bool]) -> list[FileResult]:
        from desktopapp.batch import run_batch

        return run_batch(paths, jobs=os.cpu_count() or 1, cache=user_data_dir() / CACHE_FOLDER, outputs=None,
                         disabled=(), progress=progress, cancel=cancel)

    def write_summary(self, results: list[FileResult], target: Path) -> None:
        from desktopapp.batch.summary import write_summary_workbook

        write_summary_workbook(results, [], target)

    def write_annotated(self, results: list[FileResult], folder: Path) -> list[Path]:
        raise NotImplementedError
