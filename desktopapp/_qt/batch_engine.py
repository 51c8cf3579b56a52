"""What the batch window asks of the batch engine (desktopapp.batch), with the window's options
bound: every core, the result cache in the user data folder (an unchanged file is not read
again, and comes back at once), the rule catalog's defaults.

One small seam, so that the window's tests can put a stand-in engine in its place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from desktopapp.batch import BatchOutputs, ResultCache, discover, run_batch
from desktopapp.batch.results import FileResult
from desktopapp.batch.summary import write_summary_workbook

Folders = list[tuple[Path, str]]  # a folder that could not be opened, and why (Chinese)


class BatchEngine:
    # 导出全部批注 PDF… is offered once the engine writes marked-up copies
    can_annotate = "annotated_dir" in {f.name for f in dataclasses.fields(BatchOutputs)}

    def find(self, folder: Path, exclude: list[Path] = ()) -> tuple[list[Path], Folders]:  # noqa: B006
        """The PDFs under `folder` (natural order, sub-folders too, `exclude` left out), and the
        folders not entered."""
        found = discover(folder, exclude=[e for e in exclude if e != folder])
        return found.pdfs, found.unreadable_folders

    def run(self, paths: list[Path], progress: Callable[[int, int, FileResult], None],
            cancel: Callable[[], bool], annotated: Path | None = None) -> list[FileResult]:
        """Check `paths`; with `annotated`, also write each file's marked-up copy into that folder."""
        outputs = BatchOutputs(annotated_dir=annotated) if annotated is not None else None
        return run_batch(paths, cache=ResultCache(), outputs=outputs, progress=progress, cancel=cancel)

    def write_summary(self, results: list[FileResult], target: Path, folder: Path | None) -> None:
        write_summary_workbook(results, target, folders=[folder] if folder is not None else [])
