"""Results of files already checked, so an unchanged file is not read again.

A result is kept under the file's sha256 together with what produced it: the program's version
and the rule set (the catalog's contents and the rules switched off). It is used again only
when all three are the same, and when the outputs asked for now are the ones it wrote then and
are still there (a workbook cannot be written without reading the file).

The cache lives in the user data folder (`batch-cache/<sha256>.json`), not beside the PDFs:
the folder a bureau checks is often a read-only share or the departments' own, which must not
fill with our files, and a PDF sent again under another name or folder is the same bytes.
Each entry is a small JSON written atomically; a damaged or foreign entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from desktopapp.batch.results import FileResult, FindingRow
from desktopapp.core.paths import user_data_dir
from desktopapp.core.version import PROGRAM
from desktopapp.export.atomic import atomic_write

log = logging.getLogger(__name__)

FORMAT = "desktopapp-batch-cache/1"
_PATH_FIELDS = ("json_path", "xlsx_path", "annotated_path")
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str | None:
    """The file's sha256 (None when it cannot be read: the worker then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def rules_fingerprint(disabled: Iterable[str] = ()) -> str:
    """The program's version, the rule catalog's contents and the rules switched off."""
    from desktopapp.rules.catalog import catalog_dir

    digest = hashlib.sha256(PROGRAM.encode())
    folder = catalog_dir()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        digest.update(path.name.encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    digest.update("\0".join(sorted(set(disabled))).encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else user_data_dir() / "batch-cache"

    def _entry(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def get(self, path: Path, sha256: str, rules: str, outputs: dict[str, Path | None]) -> FileResult | None:
        """The cached result of the file with this content, now at `path`; None on a miss.
        `outputs`: the FileResult path fields asked for now ("json_path": target …)."""
        try:
            data = json.loads(self._entry(sha256).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("program") != PROGRAM or data.get("rules") != rules:
                return None
            result = _result_from_dict(data["result"], path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        for name, wanted in outputs.items():
            if wanted is None:
                setattr(result, name, None)  # not asked for this time
                continue
            kept = getattr(result, name)
            if kept is None or not _same_place(kept, wanted) or not wanted.is_file():
                return None
            setattr(result, name, wanted)
        result.from_cache = True
        result.seconds = 0.0  # nothing spent on it in this batch
        return result

    def put(self, result: FileResult, rules: str) -> None:
        if not result.sha256:
            return
        data = {"format": FORMAT, "program": PROGRAM, "rules": rules, "result": _result_to_dict(result)}
        payload = json.dumps(data).encode("ascii")  # escapes keep undecodable file names (surrogates)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._entry(result.sha256), lambda fh: fh.write(payload))
        except OSError as exc:  # a cache that cannot be written only costs time next run
            log.info("batch cache not written: %s", exc)


def _same_place(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b


def _result_to_dict(result: FileResult) -> dict:
    out = {
        "sha256": result.sha256,
        "organization": result.organization,
        "kind": result.kind,
        "year": result.year,
        "pages": result.pages,
        "tables": result.tables,
        "errors": result.errors,
        "warnings": result.warnings,
        "infos": result.infos,
        "first_problems": result.first_problems,
        "unreadable": result.unreadable,
        "seconds": result.seconds,
        "findings": [row.as_dict() for row in result.findings],
    }
    for name in _PATH_FIELDS:
        value = getattr(result, name)
        out[name] = str(value.resolve()) if value is not None else None
    return out


def _result_from_dict(data: dict, path: Path) -> FileResult:
    result = FileResult(path=path)
    for name in ("sha256", "organization", "kind", "year", "pages", "tables", "errors", "warnings",
                 "infos", "first_problems", "unreadable", "seconds"):
        setattr(result, name, data[name])
    result.findings = [FindingRow.from_dict(row) for row in data["findings"]]
    for name in _PATH_FIELDS:
        value = data.get(name)
        setattr(result, name, Path(value) if value else None)
    return result
