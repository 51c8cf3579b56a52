"""A table's columns read from its header and body texts: the header path above each column,
its role (code, name, text, value, row number, percent), the kind of code a code column holds,
and what the grid, the workbook and the window show it as (code, amount or text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktopapp.core.model import Table
from desktopapp.tables.text import clean, is_amount_text

_MARKER = re.compile(r"^(※|\*|\d{1,2}|栏次|行次|[A-Z]|甲|乙|丙|丁)$")
_DIGITS = re.compile(r"^\d+$")
_PERCENT = re.compile(r"^[-+]?\d+(\.\d+)?%$")
_HAS_DIGIT = re.compile(r"\d")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
VERSION_WORDS = ("预算数", "决算数", "执行数", "调整预算数", "年初预算数", "全年预算数")


class ColumnKind(StrEnum):
    """How a column's cells are shown and written: codes and names stay text, amounts are figures."""

    CODE = "code"
    AMOUNT = "amount"
    TEXT = "text"


@dataclass
class Column:
    index: int
    path: tuple[str, ...]  # header texts top → bottom (spans spread, markers removed)
    role: str = "value"  # code | name | text | value | rownum | percent
    code_kind: str | None = None  # function | economic | unit | project (code columns)
    number: int | None = None  # printed column number (栏次)
    kind: ColumnKind = ColumnKind.TEXT  # how the grid, the workbook and the window show it
    is_total: bool = False  # the header makes it the sum of other columns (合计 = 基本支出 + 项目支出)
    parts_of: list[int] = field(default_factory=list)  # the total columns it is a part of

    @property
    def label(self) -> str:
        return "".join(self.path)

    @property
    def group(self) -> tuple[str, ...]:
        """The header band above the column (财政拨款 over 合计 | 基本支出 | 项目支出)."""
        return self.path[:-1]

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



# ---------------------------------------------------------------- header


def _is_marker_row(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and all(_MARKER.match(t) for t in filled) and sum(t.isdigit() for t in filled) >= 2


def header_paths(table: Table, n: int) -> tuple[list[tuple[str, ...]], dict[int, int]]:
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
            if not grid[h][c] or not lower_text[h][c]:
                # a text with nothing printed under it is its own column's label merged down
                # (项目名称 over a three-line header's 总计 printed one row lower), not a band
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


# ---------------------------------------------------------------- roles

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


def classify_columns(table: Table, kind: str, paths: list[tuple[str, ...]]) -> list[Column]:
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
        col.kind = _column_kind(table, col)
    return columns


def _column_kind(table: Table, col: Column) -> ColumnKind:
    if col.role == "code":
        return ColumnKind.CODE
    if not table.numeric:
        return ColumnKind.TEXT
    if not any(col.index < len(row) and not row[col.index].is_blank for row in table.body):
        # an empty column of a figures table: figures may be typed in (not in the label column)
        return ColumnKind.AMOUNT if col.index > 0 else ColumnKind.TEXT
    return ColumnKind.AMOUNT if col.role == "value" else ColumnKind.TEXT


def split_segments(columns: list[Column]) -> list[list[Column]]:
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


