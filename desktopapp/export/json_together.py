"""The check JSON of a disclosure read from several files (extract.together): one JSON per file.

Each file's JSON is the schema of json_out with its own `source`, the tables printed in that
file and the findings located in it, page numbers local to that file, plus `together_with`:
the other files' names. A finding is located where it points: its page (the narrative
sentence, the table row), else its first cell's table. A cell in a table printed in another
file carries that file's name (`"file"`), as does a finding about such a table
(`"table_file"`); table ids are unique over the files read together.
"""

from __future__ import annotations

from pathlib import Path

from desktopapp.core.model import Document, DocumentPart, Finding
from desktopapp.export.json_out import document_to_json


def jsons_by_file(document: Document, findings: list[Finding], reference: dict | None = None) -> list[tuple[str, dict]]:
    """(file path, its JSON) for each file the document was read from, in page order; each
    carries the `reference` object when the document was compared with one."""
    whole = document_to_json(document, findings, reference)
    if not document.parts:
        return [(document.source, whole)]
    names = {id(p): Path(p.source).name for p in document.parts}
    table_part = {t.id: _part(document, t.pages[0] if t.pages else None) for t in document.tables}
    out = []
    for part in document.parts:
        data = dict(whole)
        data["source"] = {"file": names[id(part)], "sha256": part.sha256, "pages": part.page_count}
        data["together_with"] = [names[id(p)] for p in document.parts if p is not part]
        data["tables"] = [
            {**t, "pages": [part.local_page(n) for n in t["pages"]]}
            for t in whole["tables"]
            if table_part.get(t["id"]) is part
        ]
        data["findings"] = [
            _localized(f, part, document, table_part, names)
            for f in findings
            if _home(f, document, table_part) is part
        ]
        out.append((part.source, data))
    return out


def _part(document: Document, page: int | None) -> DocumentPart:
    found = document.part_of_page(page) if page is not None else None
    return found or document.parts[0]


def _home(finding: Finding, document: Document, table_part: dict) -> DocumentPart:
    if finding.page is not None:
        return _part(document, finding.page)
    table = finding.table or (finding.cells[0].table if finding.cells else None)
    return table_part.get(table) or document.parts[0]


def _localized(finding: Finding, part: DocumentPart, document: Document, table_part: dict, names: dict) -> dict:
    out = finding.as_dict()
    if finding.page is not None:
        out["page"] = part.local_page(finding.page)
    cells = []
    for cell, ref in zip(out["cells"], finding.cells):
        home = table_part.get(ref.table)
        cells.append(cell if home is None or home is part else {**cell, "file": names[id(home)]})
    out["cells"] = cells
    home = table_part.get(finding.table) if finding.table else None
    if home is not None and home is not part:
        out["table_file"] = names[id(home)]
    return out
