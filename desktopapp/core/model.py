"""Document model of a budget / final-accounts disclosure.

Pure Python, no Qt. A `Document` holds `Table`s, a table holds a header grid and a
body grid of `Cell`s; every cell remembers the text as printed and where it was
printed (page, box), so findings and the window can point back to the source.
Money is `Decimal`, never float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path

from desktopapp.core.numbers import parse_amount
from desktopapp.core.safe_text import safe_optional, safe_text


class DocKind(str, Enum):
    DEPT_BUDGET = "dept_budget"
    UNIT_BUDGET = "unit_budget"
    DEPT_FINAL = "dept_final"
    UNIT_FINAL = "unit_final"
    UNKNOWN = "unknown"

    @property
    def is_budget(self) -> bool:
        return self in (DocKind.DEPT_BUDGET, DocKind.UNIT_BUDGET)

    @property
    def is_final(self) -> bool:
        return self in (DocKind.DEPT_FINAL, DocKind.UNIT_FINAL)


@dataclass(frozen=True)
class Box:
    """A rectangle on a page in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Box | None) -> Box:
        if other is None:
            return self
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)]


@dataclass
class Cell:
    """One grid cell: printed text, its value when numeric, and where it was printed.

    `value` is the value as printed (None for text and blanks); `corrected` is the
    officer's correction, if any. Rules read `amount`, the value in force.
    """

    text: str = ""
    page: int | None = None  # 1-based page number
    box: Box | None = None
    value: Decimal | None = None
    decimals: int | None = None  # printed digits after the point (precision)
    corrected: Decimal | None = None
    # Merged boxes as printed (header and body): the top-left cell holds the text and spans,
    # the others are `covered`. A body figure merged across columns is read for each of them
    # (tables.structure.value_cell); the workbook writes the box merged (core.header_spans).
    row_span: int = 1
    col_span: int = 1
    covered: bool = False  # part of a merged cell, not its top-left
    # Where else the cell's text was printed: a name the page broke goes on at the top of the
    # next page, (page, box) of that part.
    continued: list[tuple[int, Box]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = safe_text(self.text)  # the model's boundary: see core.safe_text

    @classmethod
    def from_text(
        cls, text: str, page: int | None = None, box: Box | None = None, numeric: bool = True
    ) -> Cell:
        cell = cls(text=text, page=page, box=box)
        if numeric:
            parsed = parse_amount(cell.text)
            if parsed is not None:
                cell.value, cell.decimals = parsed
        return cell

    @property
    def amount(self) -> Decimal | None:
        return self.corrected if self.corrected is not None else self.value

    @property
    def is_corrected(self) -> bool:
        return self.corrected is not None

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Table:
    """A disclosure table, possibly continued over several pages."""

    id: str  # "T1", "T2" … in reading order
    title: str  # as printed, without the number
    number: str | None = None  # "表3", "公开03表", "附表5-2"
    kind: str = "other"  # canonical kind, desktopapp.tables.kinds.TableKind
    unit: str | None = None  # "元" / "万元"
    pages: list[int] = field(default_factory=list)
    header: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "注：…", formula lines, "本单位无…"
    organization_line: str | None = None  # 编制单位 / 编制部门 line as printed
    numeric: bool = True
    bbox_by_page: dict[int, Box] = field(default_factory=dict)
    strategy: str = ""  # which grid strategy read it ("ruled", "aligned", …)
    header_labels_merged: bool = False  # two columns' header labels read into one cell
    unreadable: list[str] = field(default_factory=list)  # problems met while reading
    # What is read from the printed texts and kept with the table (desktopapp.tables keeps its
    # structure here, with the text signature it was read from).
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.title = safe_text(self.title)
        self.number = safe_optional(self.number)
        self.unit = safe_optional(self.unit)
        self.notes = [safe_text(n) for n in self.notes]
        self.organization_line = safe_optional(self.organization_line)

    @property
    def n_cols(self) -> int:
        rows = self.header + self.body
        return max((len(r) for r in rows), default=0)

    def header_texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.header]

    def body_texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.body]

    @property
    def is_empty(self) -> bool:
        return not any(c.amount is not None for row in self.body for c in row)


@dataclass
class TextLine:
    """A line of running text on a page (for narrative checks and click-through)."""

    text: str
    box: Box

    def __post_init__(self) -> None:
        self.text = safe_text(self.text)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    text: str = ""
    lines: list[TextLine] = field(default_factory=list)
    has_text_layer: bool = True
    table_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = safe_text(self.text)


@dataclass(frozen=True)
class DocumentPart:
    """One PDF of a disclosure printed as several files (text and tables apart): its pages are
    `first_page` … `first_page + page_count - 1` of the combined document (extract.together)."""

    source: str  # file path as given
    sha256: str
    page_count: int
    first_page: int  # 1-based page of the combined document where this file begins

    def local_page(self, page: int) -> int:
        return page - self.first_page + 1


@dataclass
class Document:
    source: str  # file path as given (the first file when several are read together)
    sha256: str
    page_count: int
    kind: DocKind = DocKind.UNKNOWN
    organization: str | None = None
    year: int | None = None
    level: str | None = None  # 省级 / 市级 / 区级 / 县级
    facts: dict = field(default_factory=dict)  # fact → {value, status, sources, note} (extract.docinfo)
    tables: list[Table] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)  # table titles listed in the 目录
    warnings: list[str] = field(default_factory=list)
    # The files read together as this document, in page order; empty for a single file.
    parts: list[DocumentPart] = field(default_factory=list)

    def part_of_page(self, page: int) -> DocumentPart | None:
        """The file a (combined) page number belongs to; None for a single-file document."""
        return next((p for p in self.parts if p.first_page <= page < p.first_page + p.page_count), None)

    def page_label(self, page: int) -> str:
        """The page as the officer finds it: "3", or "3（公开表）" — page 3 of that file — when
        several files are read together."""
        part = self.part_of_page(page)
        if part is None:
            return str(page)
        stem = Path(part.source).stem
        return f"{part.local_page(page)}（{stem}）"

    def sources(self) -> list[str]:
        """Every file this document was read from."""
        return [p.source for p in self.parts] or [self.source]
    # Pages no parser could read within the budget: page number → why (Chinese, extract.bounded).
    unreadable_pages: dict[int, str] = field(default_factory=dict)
    # Table pages pdfminer failed or stalled on, read by pdfium instead (a reading trusted less).
    fallback_pages: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.organization = safe_optional(self.organization)
        self.toc = [safe_text(t) for t in self.toc]

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def unreadable_runs(self) -> list[tuple[int, int, str]]:
        """The unreadable pages as runs of consecutive pages for the same reason: (first, last, why)."""
        runs: list[tuple[int, int, str]] = []
        for number, why in sorted(self.unreadable_pages.items()):
            if runs and runs[-1][1] == number - 1 and runs[-1][2] == why:
                runs[-1] = (runs[-1][0], number, why)
            else:
                runs.append((number, number, why))
        return runs

    def tables_of_kind(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    def narrative_pages(self) -> list[Page]:
        """Pages without tables: where 情况说明 and the other running text live."""
        return [p for p in self.pages if not p.table_ids and p.text.strip()]


@dataclass(frozen=True)
class CellRef:
    table: str
    row: int  # 0-based into body
    col: int

    def as_dict(self) -> dict:
        return {"table": self.table, "row": self.row, "col": self.col}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    cells: list[CellRef] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    page: int | None = None
    quote: str | None = None
    table: str | None = None  # table id the finding is mainly about
    id: str = ""
    # A finding against a reference document (compare): the cells of the reference's tables
    # and the reference's page it points to.
    reference_cells: list[CellRef] = field(default_factory=list)
    reference_page: int | None = None

    def __post_init__(self) -> None:
        self.message = safe_text(self.message)
        self.quote = safe_optional(self.quote)

    def as_dict(self) -> dict:
        out: dict = {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [c.as_dict() for c in self.cells],
        }
        for key in ("expected", "actual", "difference", "page", "quote", "table"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.reference_cells:
            out["reference_cells"] = [c.as_dict() for c in self.reference_cells]
        if self.reference_page is not None:
            out["reference_page"] = self.reference_page
        return out
