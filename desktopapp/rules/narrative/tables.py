"""Table look-ups for the narrative checks: which table plays which part, row and column
labels, 科目 codes, and the cell behind a figure quoted in the text.

Tables are found by their kind (desktopapp.tables.kinds.kind_of: the reader's, else the title's
read the reader's way).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from desktopapp.core.model import Cell, CellRef, Document, Table
from desktopapp.core.numbers import convert
from desktopapp.rules.narrative.parse import normalize_name
from desktopapp.tables.kinds import TableKind, kind_of

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


_WS = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


# ---------------------------------------------------------------- column labels


def column_stacks(table: Table) -> list[list[str]]:
    """Per column, the header texts above it from top to bottom, a merged group's text spread
    over its span.

    A header cell left blank is part of the group to its left only within that group's
    parent span, so "合计 | (blank)" over "预算数 | 决算数" gives both columns "合计".
    """
    n = table.n_cols
    stacks: list[list[str]] = [[] for _ in range(n)]
    parents: list[tuple[int, int]] = [(0, n)]
    for row in table.header:
        texts = [("" if c.covered else _norm(c.text)) for c in row] + [""] * (n - len(row))
        spans: list[tuple[int, int]] = []
        for lo, hi in parents:
            starts = [i for i in range(lo, hi) if texts[i]]
            if not starts:
                spans.append((lo, hi))
                continue
            if starts[0] > lo:
                spans.append((lo, starts[0]))
            for k, s in enumerate(starts):
                e = starts[k + 1] if k + 1 < len(starts) else hi
                spans.append((s, e))
                for j in range(s, e):
                    if texts[s] not in stacks[j]:
                        stacks[j].append(texts[s])
        parents = spans
    return stacks


def column_labels(table: Table) -> list[str]:
    return ["".join(st) for st in column_stacks(table)]


# ---------------------------------------------------------------- codes and names

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass
class CodedRow:
    row: int
    code: str | None
    name: str
    name_col: int


_PLAIN_NUMBER = re.compile(r"[-+]?\d+\.\d+|[-+]?\d+")


@lru_cache(maxsize=16384)
def _is_amount_text(text: str) -> bool:
    t = _norm(text).replace(",", "")
    return bool(_PLAIN_NUMBER.fullmatch(t)) and not _CODE.match(t)


def coded_rows(table: Table) -> list[CodedRow]:
    """Rows with their 科目 code (when printed) and name, codes completed from the rows above."""
    out: list[CodedRow] = []
    lei = kuan = ""
    for r, row in enumerate(table.body):
        texts = [_norm(c.text) for c in row]
        code = None
        name = ""
        name_col = -1
        digits: list[tuple[int, str]] = []
        for i, t in enumerate(texts[:4]):
            if re.fullmatch(r"\d{2,7}", t):
                digits.append((i, t))
        if digits and len(digits[0][1]) in (3, 5, 7) and (len(digits) == 1 or len(digits[0][1]) > 3):
            code = digits[0][1]
        elif digits:
            parts = [t for _, t in digits]
            if len(parts[0]) == 3:
                code = "".join(parts[:3]) if all(len(p) == 2 for p in parts[1:3]) else parts[0]
            elif len(parts[0]) == 2:  # 款 / 项 printed without the 类 column
                code = (lei + parts[0]) if len(parts) == 1 and lei and not kuan else None
                if len(parts) == 1 and kuan:
                    code = kuan + parts[0]
                if len(parts) == 2 and lei:
                    code = lei + parts[0] + parts[1]
        for i, t in enumerate(texts):
            if t and not re.fullmatch(r"[\d.,\-+%]+", t) and t not in ("类", "款", "项", "※"):
                m = re.match(r"^(\d{3,7})(\D.*)$", t)  # "201 一般公共服务支出" in one cell
                if m and code is None:
                    code = m.group(1)
                    t = m.group(2)
                name = t
                name_col = i
                break
        if code:
            if len(code) == 3:
                lei, kuan = code, ""
            elif len(code) == 5:
                lei, kuan = code[:3], code
            elif len(code) == 7:
                lei, kuan = code[:3], code[:5]
        out.append(CodedRow(r, code, normalize_name(name), name_col))
    return out


def first_amount_col(table: Table, row: int, after: int) -> int | None:
    """The column right of `after` holding the row's figure: the first amount before the next
    text cell, else the first blank (a label may span blank code columns: "人员经费合计 | | | 2,152.26")."""
    cells = table.body[row]
    first_blank = None
    for j in range(after + 1, len(cells)):
        t = _norm(cells[j].text)
        if _is_amount_text(t):
            return j
        if not t or t in ("-", "—", "－"):
            if first_blank is None:
                first_blank = j
            continue
        break
    return first_blank


def cell_value(cell: Cell | None) -> Decimal | None:
    if cell is None:
        return None
    if cell.amount is not None:
        return cell.amount
    t = _norm(cell.text)
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
        if table.id not in self._labels:
            self._labels[table.id] = column_stacks(table)
        return self._labels[table.id]

    def coded(self, table: Table) -> list[CodedRow]:
        if table.id not in self._coded:
            self._coded[table.id] = coded_rows(table)
        return self._coded[table.id]

    # -- labelled figures -------------------------------------------------------------

    def find_columns(
        self, table: Table, keywords: tuple[str, ...], exclude: tuple[str, ...] = ()
    ) -> list[int]:
        stacks = self.stacks(table)
        labels = ["".join(st) for st in stacks]
        cols = [
            j
            for j, lab in enumerate(labels)
            if all(k in lab for k in keywords)
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
        wanted = [normalize_name(x) for x in row_labels]
        for r, row in enumerate(table.body):
            for i, cell in enumerate(row):
                name = normalize_name(cell.text)
                if not name or name not in wanted:
                    continue
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
    a, b = normalize_name(a), normalize_name(b)
    if not a or not b:
        return False
    return a == b
