"""What each finding's PDF annotation says and where it goes (no PDF library here:
`annotated_pdf.py` writes these with pypdf).

Places are in the document's own coordinates (core.model.Box: points, origin at the displayed
page's top-left, combined page numbers when several files are read together).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktopapp.core.labels import severity_label, table_caption
from desktopapp.core.marks import FindingMark, Verdict, finding_key
from desktopapp.core.model import Box, Document, Finding, Severity

AUTHOR = "预决算公开审核助手"

# Highlighter tints, drawn multiplied over the page (text stays black): light enough to read through.
RGB = tuple[float, float, float]
SEVERITY_COLOURS: dict[Severity, RGB] = {
    Severity.ERROR: (1.0, 0.42, 0.42),  # red
    Severity.WARNING: (1.0, 0.76, 0.25),  # amber
    Severity.INFO: (0.50, 0.72, 1.0),  # blue
}
CONFIRMED_COLOUR: RGB = SEVERITY_COLOURS[Severity.ERROR]  # 确有问题: red, whatever the severity
DISMISSED_COLOUR: RGB = (0.78, 0.78, 0.78)  # 非问题: grey, kept so the officer's note travels with it


@dataclass
class Place:
    """One page's part of a finding: the boxes to highlight (empty: a note at the page's top)."""

    page: int  # 1-based, of the combined document
    boxes: list[Box] = field(default_factory=list)


@dataclass
class AnnotationContent:
    key: str  # core.marks.finding_key: a stable name for the annotation (/NM)
    places: list[Place]
    comment: str
    subject: str
    colour: RGB


def annotation_contents(document: Document, findings: list[Finding], marks: Mapping[str, FindingMark],
                        rule_names: Mapping[str, str]) -> list[AnnotationContent]:
    out = []
    for finding in findings:
        key = finding_key(finding)
        mark = marks.get(key)
        places = places_of(document, finding)
        out.append(AnnotationContent(key, places, comment_of(document, finding, mark, places),
                                     rule_names.get(finding.rule) or finding.rule, colour_of(finding, mark)))
    return out


def colour_of(finding: Finding, mark: FindingMark | None) -> RGB:
    if mark is not None and mark.verdict is Verdict.DISMISSED:
        return DISMISSED_COLOUR
    if mark is not None and mark.verdict is Verdict.CONFIRMED:
        return CONFIRMED_COLOUR
    return SEVERITY_COLOURS.get(finding.severity, SEVERITY_COLOURS[Severity.INFO])


def comment_of(document: Document, finding: Finding, mark: FindingMark | None, places: list[Place]) -> str:
    """The comment as the department reads it: severity and message, the figures, the officer's mark."""
    lines = [f"【{severity_label(finding.severity)}】{finding.message}"]
    figures = [f"{label}：{value}" for label, value in
               (("应为", finding.expected), ("实为", finding.actual), ("差额", finding.difference)) if value]
    if figures:
        lines.append("；".join(figures))
    table = document.table(finding.table) if finding.table else None
    if table is not None and table_caption(table):
        lines.append(f"表格：{table_caption(table)}")
    if mark is not None:
        lines.append(f"审核标记：{mark.verdict.label}")
        if mark.note:
            lines.append(f"备注：{mark.note}")
    if len(places) > 1:
        lines.append("涉及页：" + "、".join(document.page_label(p.page) for p in places))
    return "\n".join(lines)


def places_of(document: Document, finding: Finding) -> list[Place]:
    """Where the finding is: its cells' boxes, page by page; else the quoted text's lines; else its
    table's box; else a note at the top of its page (page 1 when it names none)."""
    by_page: dict[int, list[Box]] = {}
    for ref in finding.cells:
        table = document.table(ref.table)
        if table is None or not (0 <= ref.row < len(table.body)) or not (0 <= ref.col < len(table.body[ref.row])):
            continue
        cell = table.body[ref.row][ref.col]
        if cell.page is not None and cell.box is not None:
            by_page.setdefault(cell.page, []).append(cell.box)
        for page, box in cell.continued:
            by_page.setdefault(page, []).append(box)
    if finding.quote and finding.page is not None:  # the sentence, and the table figure it is checked against
        by_page.setdefault(finding.page, []).extend(quote_lines(document, finding.page, finding.quote))
    by_page = {page: boxes for page, boxes in by_page.items() if boxes}
    if by_page:
        first = finding.page if finding.page in by_page else None
        order = sorted(by_page, key=lambda p: (p != first, p))
        return [Place(p, by_page[p]) for p in order]
    table = document.table(finding.table) if finding.table else None
    if table is not None and table.bbox_by_page:
        page = finding.page if finding.page in table.bbox_by_page else min(table.bbox_by_page)
        return [Place(page, [table.bbox_by_page[page]])]
    page = finding.page if finding.page is not None and 1 <= finding.page <= document.page_count else 1
    return [Place(page)]


_SPACE = re.compile(r"\s+")


def quote_lines(document: Document, page_number: int, quote: str) -> list[Box]:
    """The boxes of the page's text lines that hold the quote (compared without white space,
    which the page breaks anywhere); empty when the page does not print it."""
    page = next((p for p in document.pages if p.number == page_number), None)
    wanted = _SPACE.sub("", quote)
    if page is None or not wanted:
        return []
    text = ""
    owner: list[int] = []  # line index of every character of `text`
    for index, line in enumerate(page.lines):
        squeezed = _SPACE.sub("", line.text)
        text += squeezed
        owner.extend([index] * len(squeezed))
    start = text.find(wanted)
    if start < 0:
        return []
    held = sorted(set(owner[start:start + len(wanted)]))
    return [page.lines[i].box for i in held]
