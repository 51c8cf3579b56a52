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
MAX_VARIANTS = 8  # results kept per content (copies at other places, other rule sets)
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
        for variant in self._variants(sha256):
            try:
                if variant["program"] != PROGRAM or variant["rules"] != rules:
                    continue
                result = _result_from_dict(variant["result"], path)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            if _outputs_match(result, outputs):
                result.from_cache = True
                result.seconds = 0.0  # nothing spent on it in this batch
                return result
        return None

    def put(self, result: FileResult, rules: str) -> None:
        """Keep `result` (newest first, beside the results of the same bytes written elsewhere:
        two copies of one PDF in a batch have their own outputs)."""
        if not result.sha256:
            return
        entry = {"program": PROGRAM, "rules": rules, "result": _result_to_dict(result)}
        places = [entry["result"][name] for name in _PATH_FIELDS]
        kept = [
            v for v in self._variants(result.sha256)
            if not (isinstance(v, dict) and v.get("program") == PROGRAM and v.get("rules") == rules
                    and isinstance(v.get("result"), dict) and [v["result"].get(n) for n in _PATH_FIELDS] == places)
        ]
        data = {"format": FORMAT, "variants": [entry, *kept][:MAX_VARIANTS]}
        payload = json.dumps(data).encode("ascii")  # escapes keep undecodable file names (surrogates)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._entry(result.sha256), lambda fh: fh.write(payload))
        except OSError as exc:  # a cache that cannot be written only costs time next run
            log.info("batch cache not written: %s", exc)

    def _variants(self, sha256: str) -> list:
        try:
            data = json.loads(self._entry(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("variants"), list):
            return []
        return data["variants"]


def _outputs_match(result: FileResult, outputs: dict[str, Path | None]) -> bool:
    """The outputs asked for now are the ones this result wrote, and they are still there."""
    for name, wanted in outputs.items():
        if wanted is None or not result.readable:  # not asked for, or nothing written for an unreadable file
            setattr(result, name, None)
            continue
        kept = getattr(result, name)
        if kept is None or not _same_place(kept, wanted) or not wanted.is_file():
            return False
        setattr(result, name, wanted)
    return True


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
