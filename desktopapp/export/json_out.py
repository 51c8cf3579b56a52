"""The `check` JSON (schema disclosure-check/1, see ../shared/tools/README.md) and back.

`document_from_json` rebuilds a Document from such a JSON (or a corpus truth file): cell
texts only, no boxes — enough for rules tests and tools.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktopapp.core.model import Cell, DocKind, Document, Finding, Table
from desktopapp.core.safe_text import safe_tree
from desktopapp.core.version import PROGRAM
from desktopapp.export.atomic import atomic_write
from desktopapp.export.write_errors import display_path

SCHEMA = "disclosure-check/1"


def _header_texts(table: Table) -> list[list[str]]:
    return [["" if c.covered else c.text for c in row] for row in table.header]


def document_to_json(document: Document, findings: list[Finding] | None = None, reference: dict | None = None) -> dict:
    """The check JSON; `reference`: the optional top-level object naming the document compared
    with (compare.Comparison.as_json), written only when there is one."""
    data = {
        "schema": SCHEMA,
        "program": PROGRAM,  # which version read and checked it
        "source": {
            "file": display_path(Path(document.source).name),
            "sha256": document.sha256,
            "pages": document.page_count,
        },
        "document": {
            "doc_kind": document.kind.value,
            "organization": document.organization,
            "year": document.year,
            "level": document.level,
            # how each fact was read: status established / uncertain / corrected, and from where
            "facts": {
                name: {k: v for k, v in entry.items() if k in ("value", "status", "sources", "note")}
                for name, entry in (document.facts or {}).items()
            },
        },
        "tables": [
            {
                "id": t.id,
                "title": t.title,
                "number": t.number,
                "kind": t.kind,
                "unit": t.unit,
                "pages": t.pages,
                "numeric": t.numeric,
                "header": _header_texts(t),
                "body": [[c.text for c in row] for row in t.body],
                "notes": t.notes,
            }
            for t in document.tables
        ],
        "findings": [f.as_dict() for f in findings or []],
    }
    if reference is not None:
        data["reference"] = reference
    return data


def write_json_atomic(data: dict, path: str | Path) -> None:
    """Write JSON to `path` atomically (temporary file beside it, then a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # strings are made safe again here: a lone surrogate could not even be encoded
    payload = json.dumps(safe_tree(data), ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(path, lambda fh: fh.write(payload))


def document_from_json(data: dict) -> Document:
    """A Document from a check JSON or a corpus truth file (texts parsed, no page boxes)."""
    kind_value = data.get("document", {}).get("doc_kind") or data.get("doc_kind") or "unknown"
    try:
        kind = DocKind(kind_value)
    except ValueError:
        kind = DocKind.UNKNOWN
    source = data.get("source")
    source_name = source.get("file") if isinstance(source, dict) else (source or "")
    doc = Document(
        source=source_name,
        sha256=source.get("sha256", "") if isinstance(source, dict) else "",
        page_count=source.get("pages", 0) if isinstance(source, dict) else 0,
        kind=kind,
        organization=data.get("document", {}).get("organization"),
        year=data.get("document", {}).get("year"),
        level=data.get("document", {}).get("level"),
        facts=dict(data.get("document", {}).get("facts") or {}),
    )
    for i, t in enumerate(data.get("tables", []), start=1):
        pages = t.get("pages") or []
        first_page = pages[0] if pages else None
        numeric = t.get("numeric", True)
        doc.tables.append(
            Table(
                id=t.get("id") or f"T{i}",
                title=t.get("title") or "",
                number=t.get("number"),
                kind=t.get("kind") or "other",
                unit=t.get("unit"),
                pages=pages,
                header=[[Cell(text=x, page=first_page) for x in row] for row in t.get("header", [])],
                body=[
                    [Cell.from_text(x, page=first_page, numeric=numeric) for x in row]
                    for row in t.get("body", [])
                ],
                notes=t.get("notes", []),
                numeric=numeric,
            )
        )
    return doc
