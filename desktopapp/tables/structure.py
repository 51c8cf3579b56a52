"""How a printed table is organised: its columns, segments and rows, and what it covers.

Everything the checks, the grid and the workbook need to know about a table's structure, read
from its header grid and body texts only (not from values), so it survives corrections. It is
read once per table and kept with the table (`structure_of`) until one of its texts changes.
A table may hold side-by-side segments (收入 | 支出 in a 收支总表; two halves of a
基本支出决算表), each with its own label and value columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from desktopapp.core.model import Cell, Document, Table
from desktopapp.tables.column_sums import ColumnRelation, ambiguous_columns, column_relations
from desktopapp.tables.columns import Column, ColumnKind, classify_columns, header_paths, split_segments
from desktopapp.tables.header_trust import header_doubtful, trusted_relations
from desktopapp.tables.kinds import TableKind, kind_of
from desktopapp.tables.rows import Row, assign_roles, infer_class_codes, merged_values, read_row
from desktopapp.tables.scope import Scope, scope_of


@dataclass
class Segment:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    relations: list[ColumnRelation] = field(default_factory=list)  # total column = Σ part columns

    @property
    def value_cols(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]

    @property
    def code_cols(self) -> list[Column]:
        return [c for c in self.columns if c.role == "code"]

    @property
    def name_col(self) -> Column | None:
        return next((c for c in self.columns if c.role == "name"), None)

    @property
    def text_cols(self) -> list[Column]:
        return [c for c in self.columns if c.role in ("name", "text")]

    @property
    def ambiguous_cols(self) -> set[int]:
        return ambiguous_columns(self.value_cols)

    def rows_with_content(self) -> list[Row]:
        return [r for r in self.rows if not r.is_blank and not r.header_like]


@dataclass
class Structure:
    table: Table
    kind: TableKind
    columns: list[Column]
    segments: list[Segment]
    scope: Scope
    col_numbers: dict[int, int] = field(default_factory=dict)  # printed 栏次 → column index
    row_numbers: dict[int, tuple[int, int]] = field(default_factory=dict)  # 行次 → (body row, segment)
    # Body positions whose figure is printed in a merged cell elsewhere in the row (rows.merged_values).
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # The header's bands cross (header_trust): no column is taken as a total of others.
    header_doubtful: bool = False

    def source(self, row: int, col: int) -> tuple[int, int]:
        """Where the value of body row `row` in column `col` is printed (merges followed)."""
        return self.merged.get((row, col), (row, col))

    def hidden(self, row: int, col: int) -> bool:
        """No value of its own and none merged into it: the box is covered by a merged label (or a
        figure merged down over several rows) whose meaning for this column is not established."""
        if (row, col) in self.merged or not 0 <= row < len(self.table.body):
            return False
        cells = self.table.body[row]
        return 0 <= col < len(cells) and cells[col].covered

    def unestablished(self, col: int, total: Row, parts: list[Row]) -> bool:
        """Whether a column sum total = Σ parts cannot be judged in column `col`: the total's box
        or a part's box holding figures elsewhere in its row is covered by a merge (a merged
        note or label over a part without figures just adds nothing)."""
        if self.hidden(total.index, col):
            return True
        return any(self.hidden(p.index, col) and p.has_values for p in parts)

    def cell(self, row: int, col: int) -> Cell:
        """The cell holding the value of body row `row` in column `col` (merges followed)."""
        row, col = self.source(row, col)
        cells = self.table.body[row] if 0 <= row < len(self.table.body) else []
        return cells[col] if 0 <= col < len(cells) else Cell()

    def column(self, index: int) -> Column | None:
        return self.columns[index] if 0 <= index < len(self.columns) else None

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]

    @property
    def column_kinds(self) -> list[ColumnKind]:
        return [c.kind for c in self.columns]

    @property
    def code_columns(self) -> set[int]:
        return {c.index for c in self.columns if c.kind is ColumnKind.CODE}

    @property
    def column_groups(self) -> dict[tuple[str, ...], list[Column]]:
        """Value columns under one header band (财政拨款 | 非财政拨款; 基本支出 over 人员经费 | 公用经费)."""
        groups: dict[tuple[str, ...], list[Column]] = {}
        for col in self.value_columns:
            for depth in range(1, len(col.path)):
                groups.setdefault(col.path[:depth], []).append(col)
        return groups


def _read(table: Table, kind: TableKind) -> Structure:
    paths, col_numbers = header_paths(table)
    columns = classify_columns(table, kind, paths)
    for number, index in col_numbers.items():
        columns[index].number = number
    doubtful = header_doubtful(table)
    segments = []
    row_numbers: dict[int, tuple[int, int]] = {}
    for seg_cols in split_segments(columns):
        segment = Segment(columns=seg_cols)
        previous: list[str] | None = None
        for r in range(len(table.body)):
            row, parts = read_row(table, r, seg_cols, previous)
            if any(parts):
                previous = parts
            segment.rows.append(row)
            if row.number is not None:
                row_numbers.setdefault(row.number, (r, len(segments)))
        segments.append(segment)
    for segment in segments:
        if not segment.code_cols:
            infer_class_codes(segment.rows, kind)
        assign_roles(segment.rows)
        if not doubtful:
            segment.relations = trusted_relations(table, column_relations(segment.value_cols))
        for relation in segment.relations:
            relation.total.is_total = True
            for part in relation.parts:
                part.parts_of.append(relation.total.index)
    return Structure(
        table=table,
        kind=kind,
        columns=columns,
        segments=segments,
        scope=scope_of(
            kind,
            f"{table.number or ''}{table.title}",
            [r.label for s in segments for r in s.rows],
            [c.label for c in columns if c.role == "value"],
        ),
        col_numbers=col_numbers,
        row_numbers=row_numbers,
        merged=merged_values(table, [s.columns for s in segments]),
        header_doubtful=doubtful,
    )


def text_signature(table: Table) -> int:
    """What the structure is read from: the kind, title and every printed text (not values)."""
    return hash(
        (
            table.kind,
            table.title,
            tuple(c.text for row in table.header for c in row),
            tuple(c.text for row in table.body for c in row),
        )
    )


def known_structure(table: Table) -> Structure:
    """The structure already read for the table (by whichever document context), else read now."""
    found = table.derived.get("structure")
    return found[1] if found is not None else structure_of(table)


def value_cell(table: Table, row: int, col: int) -> Cell:
    """What every rule reads as "the value of this row in column `col`": the printed cell, or the
    merged cell whose figure stands for it (the structure already read is used as it is)."""
    found = table.derived.get("structure")
    if found is not None and not found[1].merged:  # the common case: nothing merged to follow
        cells = table.body[row]
        return cells[col] if 0 <= col < len(cells) else Cell()
    return known_structure(table).cell(row, col)


def value_source(table: Table, row: int, col: int) -> tuple[int, int]:
    """(row, col) of the cell where that value is printed: what a finding points at."""
    found = table.derived.get("structure")
    if found is not None and not found[1].merged:
        return row, col
    return known_structure(table).source(row, col)


def structure_of(table: Table, document: Document | None = None) -> Structure:
    """The table's structure, read once and kept with the table until one of its texts (or its
    kind) changes: a corrected figure never changes it, an edited text may."""
    kind = kind_of(table, document)
    key = (text_signature(table), kind)
    found = table.derived.get("structure")
    if found is None or found[0] != key:
        found = (key, _read(table, kind))
        table.derived["structure"] = found
    return found[1]




def coded_subjects(document: Document) -> Iterator[tuple[Table, Row, int]]:
    """Every subject row printed with its own 功能 / 经济 code and name, over the document's
    numeric tables: (table, row, the column its name is printed in — the code's when none)."""
    for table in document.tables:
        if not table.numeric or not table.body:
            continue
        for segment in structure_of(table, document).segments:
            name_col = segment.name_col
            col = name_col.index if name_col else (segment.code_cols[0].index if segment.code_cols else 0)
            for row in segment.rows_with_content():
                if row.code and not row.inferred and row.code_kind in ("function", "economic") and row.name:
                    yield table, row, col
