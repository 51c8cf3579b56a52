"""Where a figure of the document stands in the reference: the same table (kind, then title),
the same row (科目 code first, then name), the same column (header path, the words naming
the year or the version taken out). Read through tables/structure like every rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktopapp.core.model import Document, Table
from desktopapp.rules.narrative.parse import normalize_name
from desktopapp.rules.narrative.tables import table_role
from desktopapp.tables.columns import VERSION_WORDS, Column
from desktopapp.tables.kinds import TableKind, kind_of
from desktopapp.tables.rows import Row
from desktopapp.tables.structure import Structure, structure_of
from desktopapp.tables.text import clean

_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?")
_TITLE_NOISE = re.compile(r"部门|单位|本级|（[^）]*）|\([^)]*\)|\s")
# The words that say which year or which version a column holds ("上年预算数", "2024年决算数").
_VERSION = re.compile(r"(?:19|20)\d\d年度?|上年度?|本年度?|当年|年初|全年|调整|预算数?|决算数?|执行数?|金额|数$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def title_key(table: Table, document: Document) -> str:
    """The title without the year, the organisation and the 部门/单位 words."""
    title = clean(f"{table.title}")
    title = _YEAR.sub("", title)
    for org in (document.organization,):
        if org:
            title = title.replace(clean(org), "")
    return _TITLE_NOISE.sub("", title)


def column_key(label: str) -> str:
    """A column's label without the words naming its year or version: 上年预算数 and 预算数,
    2024年决算数 and 决算数 name the same column of two editions."""
    return _VERSION.sub("", clean(label))


def counterpart_kinds(kind: TableKind, across_versions: bool) -> set[TableKind]:
    """The kinds the reference's counterpart may have: the same one, or — a 决算 against its
    budget — the budget table that plays the same part (收入决算表 ↔ 收入总表)."""
    if not across_versions:
        return {kind}
    from desktopapp.rules.narrative.tables import ROLE_BY_KIND

    role = ROLE_BY_KIND.get(kind)
    if role is None:
        return {kind}
    return {k for k, r in ROLE_BY_KIND.items() if r == role and k.is_final != kind.is_final}


def counterpart_table(
    table: Table, current: Document, reference: Document, across_versions: bool = False, with_empty: bool = False
) -> Table | None:
    """The reference's table matching `table`: the only one of its kind, else the one of its
    kind with the same title; None when neither tells (or it is printed empty, unless
    `with_empty`)."""
    kind = kind_of(table, current)
    if kind is TableKind.OTHER:
        return None
    kinds = counterpart_kinds(kind, across_versions)
    candidates = [t for t in reference.tables if kind_of(t, reference) in kinds and (t.body or with_empty)]
    own = [t for t in current.tables if kind_of(t, current) == kind]
    if len(candidates) == 1 and len(own) == 1:
        return candidates[0]
    key = title_key(table, current)
    same_title = [t for t in candidates if title_key(t, reference) == key]
    return same_title[0] if len(same_title) == 1 else None


@dataclass
class RowKey:
    segment: int
    code: str | None  # printed 科目 code (None when not printed or inferred)
    name: str  # normalized name / label

    @property
    def display(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


def row_key(structure: Structure, row: int, segment: int) -> RowKey | None:
    seg = structure.segments[segment]
    r: Row = seg.rows[row]
    if r.is_blank or r.header_like:
        return None
    code = r.code if r.code and not r.inferred and r.code_kind not in ("unit", "project") and _CODE.match(r.code) else None
    name = normalize_name(r.name or r.label)
    if not code and not name:
        return None
    return RowKey(segment, code, name)


@dataclass
class RowMatch:
    row: int
    by_code: bool


def match_row(key: RowKey, structure: Structure, occurrence: tuple[int, int] = (0, 1)) -> RowMatch | None:
    """The row of the reference's table (same side) with the same code, else the same name;
    None when none or several. A name printed several times in both tables (年初结转和结余's
    一般公共预算财政拨款 under the income's) pairs in order when both print it as often:
    `occurrence` is (which one, how many) in the document's table."""
    if key.segment >= len(structure.segments):
        return None
    rows = structure.segments[key.segment].rows
    keys = [row_key(structure, r.index, key.segment) for r in rows]
    if key.code:
        hits = [i for i, k in enumerate(keys) if k is not None and k.code == key.code]
        if len(hits) == 1:
            return RowMatch(hits[0], True)
        if hits:
            return None
        if any(k is not None and k.code for k in keys):
            return None  # the reference prints codes and not this one: the subject is not there
    hits = [i for i, k in enumerate(keys) if k is not None and k.name == key.name]
    if len(hits) == 1 and occurrence[1] == 1:
        return RowMatch(hits[0], False)
    which, count = occurrence
    return RowMatch(hits[which], False) if len(hits) == count > 1 else None


def column_name(column: Column | None, index: int) -> str:
    """How a message names a column: "人员经费", "公务接待费 预算数" (a version word alone says
    too little)."""
    if column is None:
        return f"第{index + 1}列"
    path = [p for p in column.path if p]
    if len(path) >= 2 and column.leaf in VERSION_WORDS:
        return f"{path[-2]} {column.leaf}"
    return column.name


def match_column(structure: Structure, col: int, other: Structure, key: str | None = None) -> int | None:
    """The reference's value column with the same label (or the same `key`), on the same side;
    the only value column of that side when both sides have one."""
    column = structure.column(col)
    if column is None:
        return None
    segment = next((i for i, s in enumerate(structure.segments) if any(c.index == col for c in s.columns)), None)
    if segment is None or segment >= len(other.segments):
        return None
    wanted = key if key is not None else column_key(column.label)
    theirs = other.segments[segment].value_cols
    hits = [c.index for c in theirs if column_key(c.label) == wanted]
    if len(hits) == 1:
        return hits[0]
    ours = structure.segments[segment].value_cols
    if not hits and len(ours) == 1 and len(theirs) == 1:
        return theirs[0].index
    return None


def segment_of(structure: Structure, col: int) -> int | None:
    return next((i for i, s in enumerate(structure.segments) if any(c.index == col for c in s.columns)), None)


def structures(table: Table, document: Document) -> Structure:
    return structure_of(table, document)


def same_role(a: Table, b: Table) -> bool:
    return table_role(a) == table_role(b)
