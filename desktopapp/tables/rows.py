"""A table's rows read from their label and code cells: the 科目 code (printed, split over
类|款|项 columns, or read from the class name), the label and bare name, the total it names, the
其中 mark, and the row's role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktopapp.core.model import Cell, Table
from desktopapp.tables.columns import Column
from desktopapp.tables.kinds import BASIC_KINDS, SUMMARY_KINDS
from desktopapp.tables.subjects import (
    code_prefix,
    economic_class_code,
    function_class_code,
    split_prefix,
    total_kind,
)
from desktopapp.tables.text import clean, is_amount_text

_DIGITS = re.compile(r"^\d+$")
_HAS_ALNUM = re.compile(r"[0-9A-Za-z]")
_YEAR = re.compile(r"(19|20)\d\d\s*年(度)?")


class RowRole(StrEnum):
    TOTAL = "total"  # 合计 / 总计 / 本年收入合计 …: the table's (or a side's) total
    SUBTOTAL = "subtotal"  # 小计: the sum of a group of rows
    GROUP = "group"  # a 科目 row its sub-codes add up to (类 over 款, 款 over 项)
    LEAF = "leaf"  # a detail row
    QIZHONG = "qizhong"  # "其中：…": a part singled out of the row above, not added again
    NONE = "none"  # blank, or a header line repeated in the body


@dataclass
class Row:
    index: int
    code: str | None = None
    code_kind: str | None = None
    label: str = ""  # normalized label as printed (outline prefix kept)
    label_col: int = -1  # the column the label is printed in (-1: none)
    name: str = ""  # bare name (prefix, 其中 and code removed)
    prefix: str | None = None
    qizhong: bool = False
    total: str | None = None
    number: int | None = None  # printed 行次
    has_values: bool = False
    header_like: bool = False
    inferred: bool = False  # code read from the class name, not printed
    role: RowRole = RowRole.NONE

    @property
    def is_blank(self) -> bool:
        return not self.label and not self.code and not self.has_values

    @property
    def display(self) -> str:
        """How a message names the row: "20801 人力资源和社会保障管理事务"."""
        if self.code and self.name and not self.label.startswith(self.code):
            return f"{self.code} {self.name}"
        return self.label or self.name or (self.code or f"第 {self.index + 1} 行")



def span_anchor(cells: list[Cell], c: int) -> int | None:
    """The column of the cell merged across to cover column `c` of this row (None when `c` is a
    cell of its own, or covered only from above)."""
    if c >= len(cells) or not cells[c].covered:
        return None
    k = c - 1
    while k >= 0 and cells[k].covered:
        k -= 1
    return k if k >= 0 and k + cells[k].col_span > c else None


def _label_of_span(cells: list[Cell], anchor: int) -> str:
    """The text a merged cell gives the columns it covers: its own, or (a figure merged across
    groups) the label printed left of it."""
    text = cells[anchor].text
    if not is_amount_text(clean(text)):
        return text
    for k in range(anchor - 1, -1, -1):
        t = cells[k].text
        if t.strip() and not cells[k].covered and not is_amount_text(clean(t)):
            return t
    return ""


def merged_values(table: Table, segments: list[list[Column]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Body positions whose figure is printed in another cell of the row: (row, col) → (row, col).

    A figure merged across columns is the value of every value column it covers. A row merged
    across column groups (当年支出小计 printed once across 功能分类 | 支出用途, its figure in the
    last group) gives each group it spans the figure printed for the row: a value column covered
    by the merged label reads the row's value column(s) outside the label, position by position;
    when they cannot be paired, nothing is inferred (the covered cell stays unreadable).
    """
    segment_of = {c.index: i for i, cols in enumerate(segments) for c in cols}
    value_cols = {c.index for cols in segments for c in cols if c.role == "value"}
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for r, cells in enumerate(table.body):
        for k, cell in enumerate(cells):
            if cell.covered or cell.col_span < 2:
                continue
            covered = range(k + 1, min(k + cell.col_span, len(cells)))
            if is_amount_text(clean(cell.text)):
                # Across groups the figure is each group's; within one group it would be the
                # sum of the columns it covers, not each one's value: nothing is inferred there.
                for c in covered:
                    if c in value_cols and segment_of.get(c) != segment_of.get(k):
                        out[(r, c)] = (r, k)
                continue
            spanned = {segment_of[c] for c in (k, *covered) if c in segment_of}
            if len(spanned) < 2:
                continue
            hidden = [c for c in covered if c in value_cols]
            shown = [
                c.index
                for i in sorted(spanned)
                for c in segments[i]
                if c.role == "value" and c.index >= k + cell.col_span and not cells[c.index].covered
                if c.index < len(cells)
            ]
            if hidden and len(shown) == len(hidden):
                out.update({(r, h): (r, s) for h, s in zip(hidden, shown)})
            elif hidden and len(shown) == 1:
                out.update({(r, h): (r, shown[0]) for h in hidden})
    return out


_VALID_CODE = {"function": (3, 5, 7), "economic": (3, 5), "unit": (3, 6, 9, 12)}


def read_row(
    table: Table, r: int, seg_cols: list[Column], previous_parts: list[str] | None
) -> tuple[Row, list[str]]:
    cells = table.body[r]
    own = {c.index for c in seg_cols}

    def text(c: Column) -> str:
        if c.index >= len(cells):
            return ""
        if c.role != "value":
            anchor = span_anchor(cells, c.index)
            if anchor is not None and anchor not in own:
                # A label printed once across column groups is this group's label too.
                return clean(_label_of_span(cells, anchor))
        return clean(cells[c.index].text)

    row = Row(index=r)
    code_cols = [c for c in seg_cols if c.role == "code"]
    parts: list[str] = []
    words: list[tuple[str, int]] = []  # texts printed in code columns (a label over them)
    for c in code_cols:
        t = text(c)
        if c.code_kind == "project" and t or _DIGITS.match(t):
            parts.append(t)
        elif t:
            parts.append("")
            words.append((t, c.index))
        else:
            parts.append("")
    code = ""
    if code_cols:
        if len(code_cols) > 1 and not parts[0] and any(parts[1:]) and previous_parts:
            # Split layout printing only the new part: the levels left of it are the rows above's
            # ("| 05 |" under "208 | 01 | 01" is 20805, not 2080501).
            first = next(i for i, p in enumerate(parts) if p)
            parts = [
                p or (previous_parts[i] if i < first and i < len(previous_parts) else "")
                for i, p in enumerate(parts)
            ]
        if parts and parts[0]:
            code = parts[0]
            for p in parts[1:]:
                if not p:
                    break
                code += p
        row.code_kind = code_cols[0].code_kind
    label, row.label_col = next(((text(c), c.index) for c in seg_cols if c.role == "name" and text(c)), ("", -1))
    if not label and words:
        label, row.label_col = words[0]
    if not label:
        label, row.label_col = next(
            ((text(c), c.index) for c in seg_cols if c.role == "text" and text(c)), ("", -1)
        )
    row.label = label
    prefix, qizhong, bare = split_prefix(label)
    row.prefix, row.qizhong, row.name = prefix, qizhong, bare
    if not code and prefix == "code":
        code = code_prefix(label) or ""
    if code:
        kind = row.code_kind
        if kind is None:
            kind = (
                "economic"
                if code[0] == "3" and len(code) in (3, 5)
                else "function"
                if code[0] == "2"
                else None
            )
            row.code_kind = kind
        valid = _VALID_CODE.get(kind or "")
        if valid is None or len(code) in valid or kind == "project":
            row.code = code
    row.total = total_kind(bare) if not row.code else None
    if row.total is None and not row.code and bare.endswith("小计") and not qizhong:
        row.total = "subtotal"  # "当年收入小计": the sum of the rows above it, never one of them
    for c in seg_cols:
        if c.role == "rownum":
            t = text(c)
            if t.isdigit():
                row.number = int(t)
    value_texts = [text(c) for c in seg_cols if c.role == "value"]
    filled = [t for t in value_texts if t]
    row.has_values = bool(filled)
    # Labels, not figures, in every value column: a header line left in the body ("项目 |
    # 2024年预算数 | 本年预算": a year names a column, it is no figure).
    row.header_like = bool(filled) and all(
        not is_amount_text(t) and not _HAS_ALNUM.search(_YEAR.sub("", t)) for t in filled
    ) or _column_numbers(label, filled)
    return row, parts


def _column_numbers(label: str, values: list[str]) -> bool:
    """A 栏次 line ("※ | 1 | 2 | 3 …", a repeated header's last line on a continued page): column
    numbers counting up, under a marker or no label, are no figures."""
    marker = label.replace("※", "").replace(" ", "")
    if marker not in ("", "栏次", "行次") or len(values) < (3 if not label else 2):
        return False
    if not all(_DIGITS.match(v) and len(v) <= 2 for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


_CLASS_PREFIXES = ("cn", "pcn", "code")


def infer_class_codes(rows: list[Row], kind: str) -> None:
    """Codeless tables name their 类 rows ("一、社会保障和就业支出"): give them the class code."""
    economic = kind in BASIC_KINDS
    for row in rows:
        if row.code or not row.name or row.total:
            continue
        if row.prefix not in _CLASS_PREFIXES and kind not in SUMMARY_KINDS:
            continue
        code = economic_class_code(row.name) if economic else function_class_code(row.name)
        if code is None and not economic:
            code = economic_class_code(row.name) if kind not in SUMMARY_KINDS else None
        if code:
            row.code = code
            row.code_kind = "economic" if code[0] == "3" else "function"
            row.inferred = True


def assign_roles(rows: list[Row]) -> None:
    """Each row's part in the table's sums, from its label and code (never from its figures)."""
    parents = {row.code[:k] for row in rows if row.code for k in range(1, len(row.code))}
    for row in rows:
        if row.is_blank or row.header_like:
            row.role = RowRole.NONE
        elif row.qizhong:
            row.role = RowRole.QIZHONG
        elif row.total is not None:
            row.role = RowRole.SUBTOTAL if "小计" in row.name else RowRole.TOTAL
        elif row.code and row.code in parents:
            row.role = RowRole.GROUP
        else:
            row.role = RowRole.LEAF
