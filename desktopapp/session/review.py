"""Review files: the officer's corrections, saved at once after every change, tied to the PDF.

A review file belongs to one exact PDF (its sha256). It is kept beside the PDF as
`<pdf stem>.review.json`, or — when that folder is not writable (a read-only share, a CD) — in
`user_data_dir()/reviews/<sha256>.review.json`. Every save is atomic (temporary file, fsync,
rename), so a crash or a power cut leaves either the previous or the new review, never half of
one. The PDF itself is only ever read.

Restoring: `find_review(pdf, sha256)` → `load_review(path)` → `EditLog.replay(review.changes)`
(or `apply_review`, which first sets aside changes that no longer fit the document).

Nothing in a review is ever dropped: a change that does not fit the document (its cell is gone,
its printed text differs) or cannot be read (an amount that is no amount, a field of the wrong
type) is kept in the file under "unapplied", with the reason, through every later save until the
officer discards it. A file that cannot be read at all is renamed aside (`set_aside`), never
overwritten; so is an earlier review the officer chose not to continue.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from desktopapp.core.edits import Change, EditLog
from desktopapp.core.errors import UserError
from desktopapp.core.model import Document
from desktopapp.core.numbers import storable_amount
from desktopapp.core.paths import user_data_dir
from desktopapp.core.safe_text import safe_tree
from desktopapp.core.version import PROGRAM
from desktopapp.export.atomic import atomic_write, folder_is_writable
from desktopapp.extract.docinfo import FACT_NAMES, corrected_facts

from .marks import FindingMark, marks_data, marks_from_data

SCHEMA = "disclosure-review/1"
SUFFIX = ".review.json"
MAX_BYTES = 64 * 1024 * 1024  # far beyond any real review; refuses to parse a wrong huge file
MAX_DEPTH = 32  # a review is 4 levels deep; deeper nesting is damage (and would overflow the writer)
MAX_AMOUNT_DIGITS = 15  # what a disclosure prints and a float-free workbook keeps exactly
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
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
    unapplied: list[Unapplied] = field(default_factory=list)  # kept, not applied, until discarded
    # The other PDFs of a disclosure printed as several files (extract.together), read with this
    # one: their names, in the review file's folder beside this PDF.
    attached: list[str] = field(default_factory=list)
    marks: dict[str, FindingMark] = field(default_factory=dict)  # the officer's judgement of findings, by key
    reference: dict | None = None  # the document compared with (session.compare.ReferenceRecord's data)


@dataclass(frozen=True)
class Unapplied:
    """A change kept in the review file without being applied: the entry as it was, and why."""

    data: dict
    reason: str  # Chinese

    def as_dict(self) -> dict:
        return {**self.data, "unapplied": True, "unapplied_reason": self.reason}

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        """One Chinese line for the officer: where (the table's title when `titles` knows its id), what, why."""
        data = self.data
        row, col = data.get("row"), data.get("col")
        table = data.get("table", "？")
        title = (titles or {}).get(table) if isinstance(table, str) else None
        where = title or f"表格 {_plain(table)}"
        if isinstance(row, int) and isinstance(col, int):
            where += f" 第{row + 1}行第{col + 1}列"
        printed = _plain(data.get("printed", "")) or "（空）"
        new = data.get("new")
        return f"{where}：{printed} → {'原印刷值' if new is None else _plain(new)}（{self.reason}）"


def _plain(value: object, limit: int = 60) -> str:
    """A value from a review file as safe, short display text (no control characters)."""
    text = _CONTROL.sub("", value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reviews_dir() -> Path:
    return user_data_dir() / "reviews"


def _beside(pdf_path: Path) -> Path:
    return pdf_path.with_name(pdf_path.stem + SUFFIX)


def _beside_for(pdf_path: Path, sha256: str) -> Path:
    """The second name beside the PDF, used when `<stem>.review.json` belongs to another version."""
    return pdf_path.with_name(f"{pdf_path.stem}.{sha256[:12]}{SUFFIX}")


def _in_user_data(sha256: str) -> Path:
    return reviews_dir() / f"{sha256}{SUFFIX}"


def user_data_review_path(sha256: str) -> Path:
    """The review of this PDF in the user data folder (the folder is made if missing)."""
    folder = reviews_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return _in_user_data(sha256)


def autosave_path(pdf_path: str | Path, sha256: str) -> Path:
    """Where the corrections to this PDF are saved as they are made.

    Beside the PDF when its folder is writable and the names fit there — unless a review of a
    different version of the PDF already sits there, which is never overwritten — else in the
    user data folder.
    """
    pdf_path = Path(pdf_path)
    if folder_is_writable(pdf_path.parent):
        beside = _beside(pdf_path)
        if not beside.exists() or _sha256_of_review(beside) == sha256:
            target = beside
        else:
            target = _beside_for(pdf_path, sha256)
        if names_fit(target):
            return target
    return user_data_review_path(sha256)


def names_fit(path: Path) -> bool:
    """Whether `path` and the files written next to it (temporary file, lock) fit the file system's
    name limits: a long Chinese PDF name can leave room for the review but not for its temporary
    file (80 characters are 240 bytes in UTF-8 of the usual 255)."""
    longest = f".{path.name}.abcdefgh.lock.tmp"  # longer than the temporary and the lock file names
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        limit = 255
    if os.name == "nt":  # 255 UTF-16 units per name, 260 per path without long-path support
        return len(longest) <= limit and len(str(path.parent / longest)) < 260
    return len(os.fsencode(longest)) <= limit


def review_candidates(pdf_path: str | Path, sha256: str) -> list[Path]:
    """The autosaved reviews that may be this PDF's, newest first.

    A readable review of another version of the PDF is left out. A file that cannot be read is
    kept in, so that the officer is told it is damaged instead of starting afresh silently.
    """
    pdf_path = Path(pdf_path)
    found: list[Path] = []
    for candidate in (_beside(pdf_path), _beside_for(pdf_path, sha256), _in_user_data(sha256)):
        try:
            if not candidate.is_file():
                continue
        except OSError:  # a name too long to look up
            continue
        if _sha256_of_review(candidate) in (sha256, None):
            found.append(candidate)
    return sorted(found, key=_modified, reverse=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def find_review(pdf_path: str | Path, sha256: str) -> Path | None:
    """The newest saved review of exactly this PDF (same sha256), if there is one; else a file
    that may be its review but cannot be read (so that `load_review` can say it is damaged)."""
    candidates = review_candidates(pdf_path, sha256)
    readable = [c for c in candidates if _sha256_of_review(c) == sha256]
    return (readable or candidates or [None])[0]


def saved_marks(pdf_path: str | Path, sha256: str) -> dict[str, FindingMark]:
    """The officer's marks on this PDF's findings from its saved review, when it has been
    reviewed in the window ({} otherwise; a damaged review costs the marks only)."""
    review = find_review(pdf_path, sha256)
    if review is None:
        return {}
    try:
        return dict(load_review(review).marks)
    except ReviewFileError:
        return {}


def review_saved_at(pdf_path: str | Path, sha256: str) -> float | None:
    """When this PDF's saved review (and so its marks) last changed; None when it has none."""
    review = find_review(pdf_path, sha256)
    return _modified(review) if review is not None else None


def set_aside(path: Path, label: str) -> Path:
    """Rename a review file out of the way (`<name>.review.<label><time>.json`), never deleting it.

    Tried beside it, then in the user data folder; raises ReviewSaveError when neither works.
    """
    stamp = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    stem = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
    for folder, base in ((path.parent, stem), (reviews_dir(), stem[:40])):
        for n in range(100):
            target = folder / f"{base}.review.{label}{stamp}{f'-{n}' if n else ''}.json"
            try:
                if target.exists():
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                if target.parent == path.parent:
                    os.replace(path, target)
                else:
                    target.write_bytes(path.read_bytes())
                    path.unlink()
                return target
            except OSError:
                break
    raise ReviewSaveError(f"无法把审核记录文件“{path.name}”另存到一旁，它保持原样，新的修改将另存。")


def _sha256_of_review(path: Path) -> str | None:
    try:
        return _read(path).get("source", {}).get("sha256")
    except (ReviewFileError, AttributeError):
        return None


def review_data(
    document: Document,
    changes: Iterable[Change],
    disabled_rules: Iterable[str] = (),
    unapplied: Iterable[Unapplied] = (),
    marks: Mapping[str, FindingMark] | None = None,
    reference: dict | None = None,
) -> dict:
    data = {
        "schema": SCHEMA,
        "program": PROGRAM,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "source": {
            "file": Path(document.source).name,
            "sha256": document.sha256,
            "pages": document.page_count,
        },
        "disabled_rules": sorted(set(disabled_rules)),
        "facts": corrected_facts(document),
        "changes": [change.as_dict() for change in changes],
        "attached": [{"file": Path(p.source).name, "sha256": p.sha256} for p in document.parts[1:]],
    }
    kept = [item.as_dict() for item in unapplied]
    if kept:
        data["unapplied"] = kept
    if marks:
        data["marks"] = marks_data(marks)
    if reference:
        data["reference"] = reference
    return data


def save_review(
    path: str | Path,
    document: Document,
    changes: Iterable[Change],
    disabled_rules: Iterable[str] = (),
    unapplied: Iterable[Unapplied] = (),
    marks: Mapping[str, FindingMark] | None = None,
    reference: dict | None = None,
) -> None:
    """Write the review (the whole change history) to `path` atomically; raises ReviewSaveError."""
    path = Path(path)
    if document.source and path.resolve() == Path(document.source).resolve():
        raise ReviewSaveError("不能把审核记录保存到源 PDF 文件上，请换一个文件名。")
    text = json.dumps(safe_tree(review_data(document, changes, disabled_rules, unapplied, marks, reference)), ensure_ascii=False, indent=1)
    # a lone surrogate kept from a file becomes its JSON escape again, so it is read back the same
    payload = text.encode("utf-8", errors="backslashreplace")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda fh: fh.write(payload))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReviewSaveError(
            f"审核记录无法保存到“{path}”（{reason}）。请检查磁盘空间和文件夹权限，或另存到其他位置。",
            f"{type(exc).__name__}: {exc}",
        ) from exc


def load_review(path: str | Path) -> Review:
    """Read a review file; ReviewFileError (Chinese message) when it is damaged or not a review.

    Nothing else is raised, whatever the file holds: an entry that cannot be read as a change is
    kept as unapplied, with the reason, instead of failing the whole file.
    """
    path = Path(path)
    try:
        return _load(path)
    except ReviewFileError:
        raise
    except Exception as exc:  # RecursionError, MemoryError's cousins, anything a hostile file finds
        raise _damaged(path, f"{type(exc).__name__}: {exc}") from exc


def _load(path: Path) -> Review:
    data = _read(path)
    source = data.get("source")
    sha256 = source.get("sha256") if isinstance(source, dict) else None
    if data.get("schema") != SCHEMA or not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件。")
    changes_data = data.get("changes")
    disabled = data.get("disabled_rules", [])
    kept_data = data.get("unapplied", [])
    if not isinstance(changes_data, list) or not isinstance(disabled, list) or not isinstance(kept_data, list):
        raise _damaged(path, "changes / disabled_rules / unapplied 不是列表")
    changes: list[Change] = []
    unapplied: list[Unapplied] = []
    for item in changes_data:
        read = _change(item)
        if isinstance(read, Change):
            changes.append(read)
        else:
            unapplied.append(read)
    unapplied += [_kept(item) for item in kept_data]
    facts = _facts(data.get("facts", {}), path)
    attached = data.get("attached", [])
    if not isinstance(attached, list) or not all(isinstance(a, dict) and isinstance(a.get("file"), str) for a in attached):
        raise _damaged(path, "attached 不是文件列表")
    return Review(
        sha256=sha256,
        source=_plain(source.get("file") or "", 255),
        saved_at=_plain(data.get("saved_at") or "", 40),
        changes=changes,
        unapplied=unapplied,
        disabled_rules=[_plain(rule, 80) for rule in disabled],
        path=path,
        facts=facts,
        attached=[Path(a["file"]).name for a in attached],
        marks=marks_from_data(data.get("marks", {})),
        reference=data["reference"] if isinstance(data.get("reference"), dict) else None,
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
        if wanted is str:
            out[name] = _CONTROL.sub("", value)
    return out


def _read(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件（文件过大）。")
        text = _decode(path.read_bytes())
    except FileNotFoundError as exc:
        raise ReviewFileError(f"找不到审核记录文件“{path}”。", str(exc)) from exc
    except OSError as exc:
        raise ReviewFileError(f"无法读取审核记录文件“{path.name}”：{exc.strerror or exc}", str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise _damaged(path, str(exc)) from exc
    try:
        data = json.loads(text, parse_int=_int_or_text)
    except (ValueError, RecursionError) as exc:
        raise _damaged(path, str(exc)) from exc
    if not isinstance(data, dict):
        raise ReviewFileError(f"“{path.name}”不是本程序保存的审核记录文件。")
    if _depth(data) > MAX_DEPTH:
        raise _damaged(path, f"嵌套超过 {MAX_DEPTH} 层")
    return data


_BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(raw: bytes) -> str:
    """UTF-8, or what an editor's “save as Unicode” made of it (a byte order mark says which)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec)
    return raw.decode("utf-8")


def _int_or_text(digits: str) -> int | str:
    """An integer too long for Python to convert (over 4,300 digits) stays text: it is no row number."""
    return int(digits) if len(digits) <= 100 else digits


def _depth(value: object) -> int:
    """How deeply lists and objects nest in `value` (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in item)
    return deepest


def _damaged(path: Path, detail: str) -> ReviewFileError:
    return ReviewFileError(
        f"审核记录文件“{path.name}”已损坏，无法恢复其中的修改。PDF 仍可正常打开，修改需要重新录入。",
        detail,
    )


def _change(item: object) -> Change | Unapplied:
    """The change an entry of the file describes, or the entry kept as unapplied with the reason."""
    if not isinstance(item, dict):
        return Unapplied({"entry": item}, "不是一条修改记录")
    if item.get("unapplied") is True:
        return _kept(item)
    try:
        change = Change(
            time=_plain(item["time"], 40),
            table=_typed(item["table"], str),
            row=_typed(item["row"], int),
            col=_typed(item["col"], int),
            printed=_typed(item.get("printed", ""), str),
            old=_amount_text(item.get("old")),
            new=_amount_text(item.get("new")),
            reason=_CONTROL.sub("", _typed(item.get("reason", ""), str)),
            action=item.get("action") if isinstance(item.get("action"), str) else "edit",
        )
    except KeyError as exc:
        return Unapplied(dict(item), f"缺少“{exc.args[0]}”")
    except (TypeError, ValueError) as exc:
        return Unapplied(dict(item), str(exc))
    if change.row < 0 or change.col < 0:
        return Unapplied(dict(item), "行列号为负数")
    return change


def _kept(item: object) -> Unapplied:
    """An entry saved as unapplied before: kept as it was, with its reason."""
    if not isinstance(item, dict):
        return Unapplied({"entry": item}, "不是一条修改记录")
    data = {k: v for k, v in item.items() if k not in ("unapplied", "unapplied_reason")}
    reason = item.get("unapplied_reason")
    return Unapplied(data, _plain(reason, 200) if isinstance(reason, str) and reason else "未能恢复")


def _typed(value: object, kind: type):
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{_plain(value, 30)} 不是{_KIND_NAMES.get(kind, kind.__name__)}")
    return value


_KIND_NAMES = {str: "文字", int: "整数"}


def _amount_text(value: object) -> str | None:
    """A saved amount, refused (ValueError, Chinese) unless it is a plausible figure as text."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(f"“{_plain(value, 30)}”不是有效金额")
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"“{_plain(value, 30)}”不是有效金额") from exc
    if not storable_amount(amount):  # the same bound as typing a figure (core.numbers)
        raise ValueError(f"“{_plain(value, 30)}”超出 {MAX_AMOUNT_DIGITS} 位有效数字，不是有效金额")
    return value


def apply_review(log: EditLog, review: Review) -> list[Unapplied]:
    """Replay the review's changes on `log`'s document; return the changes left out, with why.

    A change is left out when its cell no longer exists or no longer shows the text it was
    made on (the PDF was read differently) — applying it would correct the wrong figure.
    """
    left_out: list[Unapplied] = []
    applicable: list[Change] = []
    for change in review.changes:
        table = log.document.table(change.table)
        if table is None or change.row >= len(table.body) or change.col >= len(table.body[change.row]):
            left_out.append(Unapplied(change.as_dict(), "该单元格已不存在"))
            continue
        printed = table.body[change.row][change.col].text
        if printed.strip() != change.printed.strip():
            left_out.append(Unapplied(change.as_dict(), f"当前读取的印刷值为“{_plain(printed, 30)}”，与修改时不同"))
            continue
        applicable.append(change)
    log.replay(applicable)
    return left_out
