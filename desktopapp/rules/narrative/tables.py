"""Table look-ups for the narrative checks: which table plays which part, row and column
labels, 科目 codes, and the cell behind a figure quoted in the text.

Tables are found by their kind (desktopapp.tables.kinds.kind_of: the reader's, else the title's
read the reader's way). Their column paths, roles, row codes and names and values are the
table's structure (desktopapp.tables.structure), the reading the grid, the workbook and the other
rules share; nothing here reads a table's layout on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desktopapp.core.model import Cell, CellRef, Document, Table
from desktopapp.core.numbers import convert
from desktopapp.rules.narrative.parse import normalize_name
from desktopapp.tables.kinds import TableKind, kind_of
from desktopapp.tables.structure import Structure, known_structure, structure_of, value_source
from desktopapp.tables.text import clean, is_amount_text

# The part each kind of table plays for the narrative checks. (A 委托业务费支出表 has always been
# looked at as an expenditure table, its title saying 支出: kept so.)
ROLE_BY_KIND: dict[TableKind, str] = {
    TableKind.BUDGET_SUMMARY: "summary",
    TableKind.FINAL_SUMMARY: "summary",
    TableKind.INCOME_SUMMARY: "income",
    TableKind.FINAL_INCOME: "income",
    TableKind.EXPENDITURE_SUMMARY: "expenditure",
    TableKind.FINAL_EXPENDITURE: "expenditure",
    TableKind.ENTRUSTED_BUSINESS: "expenditure",
    TableKind.FISCAL_SUMMARY: "fiscal",
    TableKind.FINAL_FISCAL_SUMMARY: "fiscal",
    TableKind.GENERAL_BUDGET_EXPENDITURE: "general",
    TableKind.GENERAL_BUDGET_EXPENDITURE_BY_UNIT: "general",
    TableKind.FINAL_GENERAL_BUDGET_EXPENDITURE: "general",
    TableKind.BASIC_EXPENDITURE: "basic",
    TableKind.FINAL_BASIC_EXPENDITURE: "basic",
    TableKind.THREE_PUBLIC: "three_public",
    TableKind.FINAL_THREE_PUBLIC: "three_public",
    TableKind.GOV_FUND_EXPENDITURE: "gov_fund",
    TableKind.FINAL_GOV_FUND: "gov_fund",
    TableKind.STATE_CAPITAL_EXPENDITURE: "soe",
    TableKind.FINAL_STATE_CAPITAL: "soe",
    TableKind.PROJECT_EXPENDITURE: "project",
}


def table_role(table: Table) -> str:
    """The table's part: from its kind (desktopapp.tables.kinds), "other" for the rest."""
    return ROLE_BY_KIND.get(kind_of(table), "other")


# ---------------------------------------------------------------- codes and names

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass
class CodedRow:
    row: int
    code: str | None
    name: str
    name_col: int


def coded_rows(structure: Structure) -> list[CodedRow]:
    """Per body row, its 科目 code (function or economic, as printed, split codes completed from
    the rows above) and name, read from the table's structure (desktopapp.tables.structure): the
    row of the first side (segment) that labels it. A code read from the class name only
    (`Row.inferred`) is not printed: a table without codes is followed by the order of its rows."""
    out: list[CodedRow] = []
    for r in range(len(structure.table.body)):
        row = next((seg.rows[r] for seg in structure.segments if seg.rows[r].label or seg.rows[r].code), None)
        if row is None:
            out.append(CodedRow(r, None, "", -1))
            continue
        code = row.code
        if not code or row.inferred or row.code_kind in ("unit", "project") or not _CODE.match(code):
            code = None
        out.append(CodedRow(r, code, normalize_name(row.name), row.label_col))
    return out


def first_amount_col(table: Table, row: int, after: int) -> int | None:
    """The column holding the figure of the row labelled in column `after`: the first value
    column of the structure right of it, on its side (segment) of the table, that prints an amount,
    else its first blank one (a label may span blank code columns: "人员经费合计 | | | 2,152.26");
    None when a text stands where the figure should be, or the label is in no side with figures."""
    structure = known_structure(table)
    n = len(table.body[row])
    for segment in structure.segments:
        if not any(c.index <= after for c in segment.columns) or not any(
            c.index > after for c in segment.columns
        ):
            continue
        first_blank = None
        for col in segment.value_cols:
            if col.index <= after or col.index >= n or structure.hidden(row, col.index):
                continue
            # a figure printed once across column groups stands for each group's (value_cell)
            t = clean(structure.cell(row, col.index).text)
            if is_amount_text(t):
                return col.index
            if not t or t in ("-", "—", "－"):
                if first_blank is None:
                    first_blank = col.index
                continue
            break
        return first_blank
    return None


def cell_value(cell: Cell | None) -> Decimal | None:
    if cell is None:
        return None
    if cell.amount is not None:
        return cell.amount
    t = clean(cell.text)
    if not t or t in ("-", "—", "－", "/"):
        return Decimal(0)
    return None


@dataclass
class TableValue:
    table: Table
    row: int
    col: int
    value: Decimal  # in 万元
    blank: bool

    @property
    def ref(self) -> CellRef | None:
        return CellRef(self.table.id, self.row, self.col) if self.row >= 0 else None


def to_wan(table: Table, value: Decimal) -> Decimal:
    unit = table.unit or "万元"
    if unit not in ("元", "万元", "千元", "亿元"):
        unit = "万元"
    return convert(value, unit, "万元")


def value_at(table: Table, row: int, col: int) -> TableValue | None:
    """The figure of body row `row` in column `col` as every rule reads it (value_cell: a figure
    merged across column groups is each group's), pointing at the cell where it is printed."""
    if not (0 <= row < len(table.body) and 0 <= col < len(table.body[row])):
        return None
    row, col = value_source(table, row, col)
    try:
        cell = table.body[row][col]
    except IndexError:
        return None
    v = cell_value(cell)
    if v is None:
        return None
    return TableValue(table, row, col, to_wan(table, v), cell.amount is None)


_SIBLINGS = (("基本支出", "项目支出"), ("人员经费", "公用经费"), ("预算数", "决算数"))


def _merged_siblings(text: str) -> bool:
    """One header cell holding two sibling columns' titles ("基本支出项目支出"): cells merged
    while reading, so the column cannot be told."""
    return any(a in text and b in text for a, b in _SIBLINGS)


# ---------------------------------------------------------------- document index


class TableIndex:
    def __init__(self, document: Document):
        self.document = document
        self.by_role: dict[str, list[Table]] = {}
        for t in document.tables:
            self.by_role.setdefault(table_role(t), []).append(t)
        self._labels: dict[str, list[list[str]]] = {}
        self._coded: dict[str, list[CodedRow]] = {}

    def tables(self, *roles: str) -> list[Table]:
        out: list[Table] = []
        for r in roles:
            out.extend(self.by_role.get(r, []))
        return out

    def labels(self, table: Table) -> list[str]:
        return ["".join(st) for st in self.stacks(table)]

    def stacks(self, table: Table) -> list[list[str]]:
        """Per column, the header texts above it top to bottom: the structure's column paths
        (desktopapp.tables.structure), the one reading the grid, the workbook and the rules share."""
        if table.id not in self._labels:
            structure = structure_of(table, self.document)
            self._labels[table.id] = [list(c.path) for c in structure.columns]
        return self._labels[table.id]

    def coded(self, table: Table) -> list[CodedRow]:
        if table.id not in self._coded:
            self._coded[table.id] = coded_rows(structure_of(table, self.document))
        return self._coded[table.id]

    # -- labelled figures -------------------------------------------------------------

    def find_columns(
        self, table: Table, keywords: tuple[str, ...], exclude: tuple[str, ...] = ()
    ) -> list[int]:
        stacks = self.stacks(table)
        labels = ["".join(st) for st in stacks]
        columns = structure_of(table, self.document).columns
        cols = [
            j
            for j, lab in enumerate(labels)
            if columns[j].role == "value"  # a figure's column, never a label's
            and all(k in lab for k in keywords)
            and not any(x in lab for x in exclude)
            and not any(_merged_siblings(text) for text in stacks[j])
        ]

        def rank(j: int) -> tuple:
            # the keywords found in the lowest header levels name the column most closely
            depth = sum(
                max((lvl for lvl, text in enumerate(stacks[j]) if k in text), default=0) for k in keywords
            )
            total = "小计" in labels[j] or "合计" in labels[j]
            return (-depth, 0 if total else 1, len(labels[j]))

        cols.sort(key=rank)
        return cols

    def labelled(
        self,
        table: Table,
        row_labels: tuple[str, ...],
        col_keywords: tuple[str, ...] | None = None,
        col_exclude: tuple[str, ...] = (),
    ) -> TableValue | None:
        """The figure of the row labelled one of `row_labels` (in the column `col_keywords`)."""
        wanted = [normalize_name(clean(x)) for x in row_labels]
        segments = structure_of(table, self.document).segments
        for r in range(len(table.body)):
            # the row's label on each side of the table (the structure's rows), left to right
            for row in (seg.rows[r] for seg in segments):
                name = normalize_name(row.label)
                if not name or name not in wanted:
                    continue
                i = row.label_col
                if col_keywords:
                    cols = self.find_columns(table, col_keywords, col_exclude)
                    for c in cols:
                        tv = value_at(table, r, c)
                        if tv is not None:
                            return tv
                    continue
                c = first_amount_col(table, r, i)
                if c is not None:
                    tv = value_at(table, r, c)
                    if tv is not None:
                        return tv
        return None

    def column_total(
        self, table: Table, col_keywords: tuple[str, ...], col_exclude: tuple[str, ...] = ()
    ) -> TableValue | None:
        """A column's figure in the 合计/总计 row, or in the only data row."""
        cols = self.find_columns(table, col_keywords, col_exclude)
        if not cols:
            return None
        total_rows = [
            r
            for r, row in enumerate(table.body)
            if any(normalize_name(c.text) in ("合计", "总计", "本年合计") for c in row[:4])
        ]
        data_rows = [r for r, row in enumerate(table.body) if any(c.amount is not None for c in row)]
        rows = total_rows or (data_rows[:1] if len(data_rows) == 1 else [])
        if not rows and table.body and not data_rows and len(table.body) == 1:
            rows = [0]
        if not table.body:
            # the table is printed with its header only: every figure is blank
            return TableValue(table, -1, cols[0], Decimal(0), True)
        for r in rows:
            for c in cols:
                tv = value_at(table, r, c)
                if tv is not None:
                    return tv
        return None

    # -- 科目 rows -----------------------------------------------------------------------

    def item_rows(self, table: Table) -> list[CodedRow]:
        return [cr for cr in self.coded(table) if cr.name]

    def resolve_item(
        self, table: Table, names: list[str], codes: list[str | None]
    ) -> tuple[CodedRow | None, int]:
        """The row of the (类)(款)(项) path `names` (codes when the text gives them).

        Returns (row, depth reached): depth = how many levels of the path were found, so a
        caller can tell "类 found, 款 name unknown to the table" from "nothing matched".
        """
        rows = self.item_rows(table)
        have_codes = any(cr.code for cr in rows)
        level_len = (3, 5, 7)
        if have_codes:
            prefix = ""
            found: CodedRow | None = None
            for depth, (name, code) in enumerate(zip(names, codes)):
                want_len = level_len[depth]
                cands = [
                    cr for cr in rows if cr.code and len(cr.code) == want_len and cr.code.startswith(prefix)
                ]
                hit = None
                if code:
                    full = (prefix + code[-2:]) if depth and len(code) <= 2 else code
                    hit = next((cr for cr in cands if cr.code == full), None)
                if hit is None:
                    hit = next((cr for cr in cands if names_match(cr.name, name)), None)
                if hit is None:
                    return found, depth
                found = hit
                prefix = hit.code or prefix
            return found, len(names)
        # No codes printed: follow the order of rows (类 row, then its 款, then its 项).
        start = 0
        found = None
        for depth, name in enumerate(names):
            hit = next((cr for cr in rows[start:] if names_match(cr.name, name)), None)
            if hit is None:
                return found, depth
            found = hit
            start = rows.index(hit) + 1
        return found, len(names)

    def children_names(self, table: Table, parent_code: str, length: int) -> list[str]:
        return [
            cr.name
            for cr in self.item_rows(table)
            if cr.code and len(cr.code) == length and cr.code.startswith(parent_code)
        ]


def names_match(a: str, b: str) -> bool:
    """Whether two 科目 names are the same (quotes dropped, as the structure reads the table's)."""
    a, b = normalize_name(clean(a)), normalize_name(clean(b))
    if not a or not b:
        return False
    return a == b
