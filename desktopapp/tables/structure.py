"""How a printed table is organised: column roles and meanings, segments, row codes and labels.

Everything the checks need to know about a table's structure, read from its header grid and
body texts only (not from values), so it survives corrections and is computed once per
table. A table may hold side-by-side segments (收入 | 支出 in a 收支总表; two halves of a
基本支出决算表), each with its own label and value columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from desktopapp.core.model import Cell, Document, Table
from desktopapp.core.numbers import normalize, parse_amount
from desktopapp.tables.kinds import kind_of
from desktopapp.tables.subjects import (
    code_prefix,
    economic_class_code,
    function_class_code,
    split_prefix,
    total_kind,
)

_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_MARKER = re.compile(r"^(※|\*|\d{1,2}|栏次|行次|[A-Z]|甲|乙|丙|丁)$")
_DIGITS = re.compile(r"^\d+$")
_PERCENT = re.compile(r"^[-+]?\d+(\.\d+)?%$")
_HAS_ALNUM = re.compile(r"[0-9A-Za-z]")
_HAS_DIGIT = re.compile(r"\d")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
VERSION_WORDS = ("预算数", "决算数", "执行数", "调整预算数", "年初预算数", "全年预算数")


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    return normalize(text).translate(_QUOTES)


def clean(text: str | None) -> str:
    return _clean(text) if text else ""


@lru_cache(maxsize=65536)
def is_amount_text(text: str) -> bool:
    return parse_amount(text) is not None


@dataclass
class Column:
    index: int
    path: tuple[str, ...]  # header texts top → bottom (spans spread, markers removed)
    role: str = "value"  # code | name | text | value | rownum | percent
    code_kind: str | None = None  # function | economic | unit | project (code columns)
    number: int | None = None  # printed column number (栏次)

    @property
    def label(self) -> str:
        return "".join(self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def name(self) -> str:
        """How a message names the column: "人员经费", "基本支出小计", "上年结转结余小计"."""
        path = [p for p in self.path if p]
        if self.leaf in ("合计", "小计", "总计") and len(path) >= 2 and 0 < len(path[-2]) <= 8:
            return f"{path[-2]}{self.leaf}"
        return self.leaf or f"第{self.index + 1}列"


@dataclass
class Row:
    index: int
    code: str | None = None
    code_kind: str | None = None
    label: str = ""  # normalized label as printed (outline prefix kept)
    name: str = ""  # bare name (prefix, 其中 and code removed)
    prefix: str | None = None
    qizhong: bool = False
    total: str | None = None
    number: int | None = None  # printed 行次
    has_values: bool = False
    header_like: bool = False
    inferred: bool = False  # code read from the class name, not printed

    @property
    def is_blank(self) -> bool:
        return not self.label and not self.code and not self.has_values

    @property
    def display(self) -> str:
        """How a message names the row: "20801 人力资源和社会保障管理事务"."""
        if self.code and self.name and not self.label.startswith(self.code):
            return f"{self.code} {self.name}"
        return self.label or self.name or (self.code or f"第 {self.index + 1} 行")


@dataclass
class Segment:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

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
        """Value columns sharing their whole header with another: which is which is unclear."""
        seen: dict[tuple[str, ...], list[int]] = {}
        for c in self.value_cols:
            seen.setdefault(c.path, []).append(c.index)
        return {i for path, cols in seen.items() if len(cols) > 1 and path for i in cols}

    def rows_with_content(self) -> list[Row]:
        return [r for r in self.rows if not r.is_blank and not r.header_like]


@dataclass
class Structure:
    table: Table
    kind: str
    columns: list[Column]
    segments: list[Segment]
    col_numbers: dict[int, int] = field(default_factory=dict)  # printed 栏次 → column index
    row_numbers: dict[int, tuple[int, int]] = field(default_factory=dict)  # 行次 → (body row, segment)

    def column(self, index: int) -> Column | None:
        return self.columns[index] if 0 <= index < len(self.columns) else None

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]


# ---------------------------------------------------------------- header


def _is_marker_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and all(_MARKER.match(t) for t in filled) and sum(t.isdigit() for t in filled) >= 2


def _header_paths(table: Table, n: int) -> tuple[list[tuple[str, ...]], dict[int, int]]:
    grid: list[list[str]] = []
    spans: list[list[int]] = []
    for row in table.header:
        texts, widths = [], []
        for c in range(n):
            cell = row[c] if c < len(row) else None
            text = "" if cell is None or cell.covered else clean(cell.text)
            if text.startswith(("单位:", "编制单位", "金额单位", "单位：")):
                text = ""
            texts.append(text)
            widths.append(cell.col_span if cell is not None and not cell.covered else 1)
        grid.append(texts)
        spans.append(widths)
    col_numbers: dict[int, int] = {}
    kept_grid, kept_spans = [], []
    for texts, widths in zip(grid, spans):
        if _is_marker_row(texts):
            for c, t in enumerate(texts):
                if t.isdigit():
                    col_numbers.setdefault(int(t), c)
        else:
            kept_grid.append(texts)
            kept_spans.append(widths)
    grid, spans = kept_grid, kept_spans
    spread = [list(r) for r in grid]
    for h in range(len(grid)):
        for c in range(n):
            if grid[h][c] and spans[h][c] > 1:
                for k in range(c + 1, min(n, c + spans[h][c])):
                    if grid[h][k] or (h > 0 and spread[h - 1][k] != spread[h - 1][c]):
                        break  # a span never crosses its parent's edge nor another label
                    spread[h][k] = grid[h][c]
    # A text followed by blanks spans the columns that have labels further down (a blank
    # below a label is the label's own cell merged downwards).
    lower_text = [
        [any(grid[j][k] for j in range(h + 1, len(grid))) for k in range(n)] for h in range(len(grid))
    ]
    for h in range(len(grid) - 2, -1, -1):
        for c in range(n):
            if not grid[h][c]:
                continue
            k = c + 1
            while k < n and not grid[h][k] and not spread[h][k] and lower_text[h][k]:
                if h > 0 and grid[h - 1][k]:
                    break
                spread[h][k] = grid[h][c]
                k += 1
    # Repeated merged texts ("基本支出", "基本支出") are one cell.
    paths = []
    for c in range(n):
        path: list[str] = []
        for h in range(len(spread)):
            t = spread[h][c]
            if t.isdigit() and len(t) <= 2:
                col_numbers.setdefault(int(t), c)  # a column number printed among the labels
                continue
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(tuple(path))
    return paths, col_numbers


# ---------------------------------------------------------------- columns

_CODE_HINT = re.compile(r"(编码|代码|编号)")
_NAME_HINT = re.compile(r"(名称|项目|科目|内容|单位$)")


def _code_kind(label: str, kind: str) -> str | None:
    if "经济" in label:
        return "economic"
    if "功能" in label:
        return "function"
    if "项目" in label and "科目" not in label:
        return "project"
    if ("单位" in label or "部门" in label) and "科目" not in label:
        return "unit"
    if kind in ("basic_expenditure", "final_basic_expenditure"):
        return "economic"
    if kind == "general_budget_expenditure_by_unit":
        return "unit"
    return None


def _classify_columns(table: Table, kind: str, paths: list[tuple[str, ...]]) -> list[Column]:
    n = len(paths)
    columns = [Column(index=c, path=paths[c]) for c in range(n)]
    seen_value = False
    for col in columns:
        label = col.label
        texts = [clean(row[col.index].text) for row in table.body if col.index < len(row)]
        texts = [t for t in texts if t]
        # Garbled figures ("1,2O9.58": digits, no Chinese) still make a number column.
        amounts = sum(
            1 for t in texts if is_amount_text(t) or (_HAS_DIGIT.search(t) and not _HAS_CJK.search(t))
        )
        percents = sum(1 for t in texts if _PERCENT.match(t))
        words = len(texts) - amounts - percents
        digit_codes = [t for t in texts if _DIGITS.match(t)]
        prev = columns[col.index - 1] if col.index > 0 else None
        if "行次" in label or label in ("序号", "栏次"):
            col.role = "rownum"
        elif _CODE_HINT.search(label) or col.leaf in ("类", "款", "项"):
            col.role = "code"
        elif not texts:
            col.role = (
                "name" if (_NAME_HINT.search(label) and not seen_value) or not table.numeric else "value"
            )
        elif (
            not seen_value
            and digit_codes
            and len(digit_codes) >= 0.6 * len(texts)
            and all(len(t) in (2, 3, 4, 5, 6, 7) for t in digit_codes)
            and (any(len(t) >= 3 for t in digit_codes) or (prev is not None and prev.role == "code"))
        ):
            col.role = "code"
        elif percents and percents >= amounts:
            col.role = "percent"
        elif amounts and amounts >= words:
            col.role = "value"
        else:
            col.role = (
                "name"
                if not seen_value and not any(c.role == "name" for c in columns[: col.index])
                else "text"
            )
        if col.role == "value":
            seen_value = True
        if col.role == "code":
            col.code_kind = _code_kind(label, kind)
    # A second segment starts its own name column (收支总表: 项目 | 预算数 | 项目 | 预算数).
    last_role = None
    for col in columns:
        if col.role == "text" and last_role == "value":
            col.role = "name"
        if col.role != "text":
            last_role = col.role
    return columns


def _segments(columns: list[Column]) -> list[list[Column]]:
    groups: list[list[Column]] = []
    current: list[Column] = []
    has_value = False
    for col in columns:
        label_like = col.role in ("code", "name", "rownum")
        if label_like and has_value:
            groups.append(current)
            current, has_value = [], False
        current.append(col)
        if col.role == "value":
            has_value = True
    if current:
        groups.append(current)
    return [g for g in groups if any(c.role == "value" for c in g)]


# ---------------------------------------------------------------- rows

_VALID_CODE = {"function": (3, 5, 7), "economic": (3, 5), "unit": (3, 6, 9, 12)}


def _row(
    table: Table, r: int, seg_cols: list[Column], previous_parts: list[str] | None
) -> tuple[Row, list[str]]:
    cells = table.body[r]

    def text(c: Column) -> str:
        return clean(cells[c.index].text) if c.index < len(cells) else ""

    row = Row(index=r)
    code_cols = [c for c in seg_cols if c.role == "code"]
    parts: list[str] = []
    words: list[str] = []
    for c in code_cols:
        t = text(c)
        if c.code_kind == "project" and t or _DIGITS.match(t):
            parts.append(t)
        elif t:
            parts.append("")
            words.append(t)
        else:
            parts.append("")
    code = ""
    if code_cols:
        if len(code_cols) > 1 and not parts[0] and any(parts[1:]) and previous_parts:
            # Split layout printing only the new part: inherit the class from above.
            parts = [p or (previous_parts[i] if i < len(previous_parts) else "") for i, p in enumerate(parts)]
        if parts and parts[0]:
            code = parts[0]
            for p in parts[1:]:
                if not p:
                    break
                code += p
        row.code_kind = code_cols[0].code_kind
    name_texts = [text(c) for c in seg_cols if c.role in ("name",)]
    label = next((t for t in name_texts if t), "")
    if not label and words:
        label = words[0]
    if not label:
        label = next((text(c) for c in seg_cols if c.role == "text" and text(c)), "")
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
    for c in seg_cols:
        if c.role == "rownum":
            t = text(c)
            if t.isdigit():
                row.number = int(t)
    value_texts = [text(c) for c in seg_cols if c.role == "value"]
    filled = [t for t in value_texts if t]
    row.has_values = bool(filled)
    row.header_like = bool(filled) and all(not is_amount_text(t) and not _HAS_ALNUM.search(t) for t in filled)
    return row, parts


def analyse(table: Table, document: Document | None = None) -> Structure:
    kind = kind_of(table, document)
    n = table.n_cols
    paths, col_numbers = _header_paths(table, n)
    columns = _classify_columns(table, kind, paths)
    for number, index in col_numbers.items():
        columns[index].number = number
    segments = []
    row_numbers: dict[int, tuple[int, int]] = {}
    for seg_cols in _segments(columns):
        segment = Segment(columns=seg_cols)
        previous: list[str] | None = None
        for r in range(len(table.body)):
            row, parts = _row(table, r, seg_cols, previous)
            if any(parts):
                previous = parts
            segment.rows.append(row)
            if row.number is not None:
                row_numbers.setdefault(row.number, (r, len(segments)))
        segments.append(segment)
    structure = Structure(
        table=table,
        kind=kind,
        columns=columns,
        segments=segments,
        col_numbers=col_numbers,
        row_numbers=row_numbers,
    )
    _infer_class_codes(structure)
    return structure


_CLASS_PREFIXES = ("cn", "pcn", "code")


def _infer_class_codes(structure: Structure) -> None:
    """Codeless tables name their 类 rows ("一、社会保障和就业支出"): give them the class code."""
    from desktopapp.tables.kinds import BASIC_KINDS, SUMMARY_KINDS

    economic = structure.kind in BASIC_KINDS
    for segment in structure.segments:
        if segment.code_cols:
            continue
        for row in segment.rows:
            if row.code or not row.name or row.total:
                continue
            if row.prefix not in _CLASS_PREFIXES and structure.kind not in SUMMARY_KINDS:
                continue
            code = economic_class_code(row.name) if economic else function_class_code(row.name)
            if code is None and not economic:
                code = economic_class_code(row.name) if structure.kind not in SUMMARY_KINDS else None
            if code:
                row.code = code
                row.code_kind = "economic" if code[0] == "3" else "function"
                row.inferred = True


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


def structure_of(table: Table, document: Document | None = None) -> Structure:
    """The table's structure, read once and kept with the table until one of its texts (or its
    kind) changes: a corrected figure never changes it, an edited text may."""
    key = (text_signature(table), kind_of(table, document))
    found = table.derived.get("structure")
    if found is None or found[0] != key:
        found = (key, analyse(table, document))
        table.derived["structure"] = found
    return found[1]


def cell_at(table: Table, row: int, col: int) -> Cell:
    cells = table.body[row]
    return cells[col] if col < len(cells) else Cell()
