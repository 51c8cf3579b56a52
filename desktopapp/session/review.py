"""Review files: the officer's corrections, saved at once after every change, tied to the PDF.

A review file belongs to one exact PDF (its sha256). It is kept beside the PDF as
`<pdf stem>.review.json`, or — when that folder is not writable (a read-only share, a CD) — in
`user_data_dir()/reviews/<sha256>.review.json`. Every save is atomic (temporary file, fsync,
rename), so a crash or a power cut leaves either the previous or the new review, never half of
one. The PDF itself is only ever read.

Restoring: `find_review(pdf, sha256)` → `load_review(path)` → `EditLog.replay(review.changes)`
(or `apply_review`, which first sets aside changes that no longer fit the document).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import desktopapp
from desktopapp.core.edits import Change, EditLog
from desktopapp.core.errors import UserError
from desktopapp.core.model import Document
from desktopapp.core.numbers import storable_amount
from desktopapp.core.paths import user_data_dir
from desktopapp.core.safe_text import safe_tree
from desktopapp.export.atomic import atomic_write, folder_is_writable
from desktopapp.extract.docinfo import FACT_NAMES, corrected_facts

SCHEMA = "disclosure-review/1"
SUFFIX = ".review.json"
MAX_BYTES = 64 * 1024 * 1024  # far beyond any real review; refuses to parse a wrong huge file
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ReviewFileError(UserError):
    """A review file that cannot be read (damaged, foreign) or written."""


class ReviewSaveError(ReviewFileError):
    """The review could not be saved (folder not writable, disk full)."""


@dataclass
class Review:
    sha256: str
    source: str  # the PDF's file name when the review was saved
    saved_at: str  # ISO 8601, local time
    changes: list[Change] = field(default_factory=list)
    disabled_rules: list[str] = field(default_factory=list)
    path: Path | None = None  # where it was read from
    facts: dict[str, object] = field(default_factory=dict)  # the officer's year / organization / kind / level


def reviews_dir() -> Path:
    return user_data_dir() / "reviews"


def _beside(pdf_path: Path) -> Path:
    return pdf_path.with_name(pdf_path.stem + SUFFIX)


def _beside_for(pdf_path: Path, sha256: str) -> Path:
    """The second name beside the PDF, used when `<stem>.review.json` belongs to another version."""
    return pdf_path.with_name(f"{pdf_path.stem}.{sha256[:12]}{SUFFIX}")


def _in_user_data(sha256: str) -> Path:
    return reviews_dir() / f"{sha256}{SUFFIX}"


def autosave_path(pdf_path: str | Path, sha256: str) -> Path:
    """Where the corrections to this PDF are saved as they are made.

    Beside the PDF when its folder is writable — unless a review of a different version of the
    PDF already sits there, which is never overwritten — else in the user data folder.
    """
    pdf_path = Path(pdf_path)
    if folder_is_writable(pdf_path.parent):
        beside = _beside(pdf_path)
        if not beside.exists() or _sha256_of_review(beside) == sha256:
            return beside
        return _beside_for(pdf_path, sha256)
    folder = reviews_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return _in_user_data(sha256)


def find_review(pdf_path: str | Path, sha256: str) -> Path | None:
    """The saved review of exactly this PDF (same sha256), if there is one.

    A review file for another version of the PDF is not returned. A file in the user data
    folder that is named after this sha256 but cannot be read is returned, so that
    `load_review` can tell the officer it is damaged instead of silently starting afresh.
    """
    pdf_path = Path(pdf_path)
    for candidate in (_beside(pdf_path), _beside_for(pdf_path, sha256), _in_user_data(sha256)):
        if not candidate.is_file():
            continue
        found = _sha256_of_review(candidate)
        if found == sha256:
            return candidate
        if found is None and candidate.name.startswith(sha256):
            return candidate
    return None


def _sha256_of_review(path: Path) -> str | None:
    try:
        return _read(path).get("source", {}).get("sha256")
    except (ReviewFileError, AttributeError):
        return None


def review_data(document: Document, changes: Iterable[Change], disabled_rules: Iterable[str] = ()) -> dict:
    return {
        "schema": SCHEMA,
        "program": f"desktopapp {desktopapp.__version__}",
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "source": {
            "file": Path(document.source).name,
            "sha256": document.sha256,
            "pages": document.page_count,
        },
        "disabled_rules": sorted(set(disabled_rules)),
        "facts": corrected_facts(document),
        "changes": [change.as_dict() for change in changes],
    }


def save_review(
    path: str | Path, document: Document, changes: Iterable[Change], disabled_rules: Iterable[str] = ()
) -> None:
    """Write the review (the whole change history) to `path` atomically; raises ReviewSaveError."""
    path = Path(path)
    if document.source and path.resolve() == Path(document.source).resolve():
        raise ReviewSaveError("不能把审核记录保存到源 PDF 文件上，请换一个文件名。")
    payload = json.dumps(safe_tree(review_data(document, changes, disabled_rules)), ensure_ascii=False, indent=1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda fh: fh.write(payload.encode("utf-8")))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReviewSaveError(
            f"审核记录无法保存到“{path}”（{reason}）。请检查磁盘空间和文件夹权限，或另存到其他位置。",
            f"{type(exc).__name__}: {exc}",
        ) from exc


def load_review(path: str | Path) -> Review:
    """Read a review file; ReviewFileError (Chinese message) when it is damaged or not a review."""
    path = Path(path)
    data = _read(path)
    source = data.get("source")
    sha256 = source.get("sha256") if isinstance(source, dict) else None
    if data.get("schema") != SCHEMA or not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件。")
    changes_data = data.get("changes")
    disabled = data.get("disabled_rules", [])
    if not isinstance(changes_data, list) or not isinstance(disabled, list):
        raise _damaged(path, "changes / disabled_rules 不是列表")
    changes = [_change(item, path, i) for i, item in enumerate(changes_data)]
    facts = _facts(data.get("facts", {}), path)
    return Review(
        sha256=sha256,
        source=str(source.get("file") or ""),
        saved_at=str(data.get("saved_at") or ""),
        changes=changes,
        disabled_rules=[str(rule) for rule in disabled],
        path=path,
        facts=facts,
    )


def _facts(data: object, path: Path) -> dict[str, object]:
    if not isinstance(data, dict):
        raise _damaged(path, "facts 不是对象")
    out: dict[str, object] = {}
    for name, value in data.items():
        if name not in FACT_NAMES:
            continue  # a fact a later version knows of
        wanted = int if name == "year" else str
        try:
            out[name] = _typed(value, wanted)
        except TypeError as exc:
            raise _damaged(path, f"facts.{name}: {exc}") from exc
    return out


def _read(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件（文件过大）。")
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise ReviewFileError(f"找不到审核记录文件“{path}”。", str(exc)) from exc
    except OSError as exc:
        raise ReviewFileError(f"无法读取审核记录文件“{path.name}”：{exc.strerror or exc}", str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise _damaged(path, str(exc)) from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _damaged(path, str(exc)) from exc
    if not isinstance(data, dict):
        raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件。")
    return data


def _damaged(path: Path, detail: str) -> ReviewFileError:
    return ReviewFileError(
        f"审核记录文件“{path.name}”已损坏，无法恢复其中的修改。PDF 仍可正常打开，修改需要重新录入。",
        detail,
    )


def _change(item: object, path: Path, index: int) -> Change:
    if not isinstance(item, dict):
        raise _damaged(path, f"changes[{index}] 不是对象")
    try:
        change = Change(
            time=str(item["time"]),
            table=_typed(item["table"], str),
            row=_typed(item["row"], int),
            col=_typed(item["col"], int),
            printed=_typed(item.get("printed", ""), str),
            old=_amount_text(item.get("old")),
            new=_amount_text(item.get("new")),
            reason=_typed(item.get("reason", ""), str),
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise _damaged(path, f"changes[{index}]: {exc!r}") from exc
    if change.row < 0 or change.col < 0:
        raise _damaged(path, f"changes[{index}]: 负的行列号")
    return change


def _typed(value: object, kind: type):
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{value!r} 不是 {kind.__name__}")
    return value


def _amount_text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not storable_amount(Decimal(value)):
        raise ValueError(f"{value!r} 不是金额")
    return value


def apply_review(log: EditLog, review: Review) -> list[str]:
    """Replay the review's changes on `log`'s document; return why any change was left out.

    A change is left out when its cell no longer exists or no longer shows the text it was
    made on (the PDF was read differently) — applying it would correct the wrong figure.
    """
    problems: list[str] = []
    applicable: list[Change] = []
    for change in review.changes:
        table = log.document.table(change.table)
        place = f"表格 {change.table} 第{change.row + 1}行第{change.col + 1}列"
        if table is None or change.row >= len(table.body) or change.col >= len(table.body[change.row]):
            problems.append(f"{place}：该单元格已不存在，修改未恢复。")
            continue
        printed = table.body[change.row][change.col].text
        if printed.strip() != change.printed.strip():
            problems.append(f"{place}：原印刷值“{change.printed}”与当前读取的“{printed}”不一致，修改未恢复。")
            continue
        applicable.append(change)
    log.replay(applicable)
    return problems
