"""Where a table's header ends and its body begins.

The header is the run of rows at the top that carry column labels only. The body starts
at the first row that carries data: an amount, a 科目 code, a total label (合计/总计) whose
other cells hold no labels, a numbered item (一、 / 1. / （一）) or a "无" placeholder. A
column-number row ("※ ※ 1 2 3", "栏次 1 2 3") is the last header row.
"""

from __future__ import annotations

import re

from desktopapp.core.numbers import normalize, parse_amount

_CODE = re.compile(r"^\d{3,}$")
_TOTAL = re.compile(r"^(合计|总计|小计|本年收入合计|本年支出合计|收入总计|支出总计)$")
_ORDINAL = re.compile(r"^([一二三四五六七八九十廿卅]+、|[(（][一二三四五六七八九十廿卅\d]+[)）]|\d+[、.．](?!\d))")
_COLNUM_LABEL = re.compile(r"^(※|栏次|行次|甲|乙|丙|栏号|—|-)$")
_PLACEHOLDER = re.compile(r"^(无|（无）|\(无\))$")


def is_data_amount(text: str) -> bool:
    """An amount as printed in a body cell (not a short integer such as a column number)."""
    t = normalize(text)
    parsed = parse_amount(t)
    if parsed is None:
        return bool(re.fullmatch(r"[-+]?\d+(\.\d+)?%", t))
    _, decimals = parsed
    return decimals > 0 or "," in t or len(t.lstrip("-+")) >= 3


def is_column_number_row(cells: list[str]) -> bool:
    """'※ ※ 1 2 3' / '栏次 1 2 3': numbers 1..n counting the columns."""
    texts = [normalize(c) for c in cells if normalize(c)]
    if len(texts) < 2:
        return False
    numbers = [t for t in texts if t.isdigit()]
    labels = [t for t in texts if not t.isdigit()]
    if len(numbers) < 2 or any(not _COLNUM_LABEL.match(t) for t in labels):
        return False
    values = [int(t) for t in numbers]
    return values == list(range(values[0], values[0] + len(values))) and values[0] <= 2


_LABEL_COLUMN = re.compile(r"项目|科目|名称|编码|代码")


def is_body_row(cells: list[str], above: list[list[str]] | None = None) -> bool:
    texts = [normalize(c) for c in cells]
    filled = [(i, t) for i, t in enumerate(texts) if t]
    if not filled:
        return False
    if is_column_number_row(cells):
        return False
    if any(is_data_amount(t) for _, t in filled):
        return True
    first_i, first = filled[0]
    if first_i < 3 and _CODE.match(first):
        return True
    if _ORDINAL.match(first) or _PLACEHOLDER.match(first):
        return True
    if _TOTAL.match(first):
        # A total row: the other cells hold amounts or nothing (a header row with a
        # 合计 column holds more labels) — or the label stands under the header's
        # 项目/科目 column, where only row labels go.
        if all(not t or parse_amount(t) is not None for _, t in filled[1:]):
            return True
        column_words = "".join(normalize(r[first_i]) for r in (above or []) if first_i < len(r))
        return bool(_LABEL_COLUMN.search(column_words))
    return False


def _numbered(rows: list[list[str]], i: int) -> bool:
    """Row i starts a numbered list: '1 | 上海市XX局', then '2 | …' below."""
    if i + 1 >= len(rows) or not rows[i] or not rows[i + 1]:
        return False
    first, nxt = normalize(rows[i][0]), normalize(rows[i + 1][0])
    return first == "1" and nxt == "2" and any(normalize(t) for t in rows[i][1:])


def header_row_count(rows: list[list[str]], text_table: bool = False) -> int:
    """How many of the top rows are header rows."""
    if not rows:
        return 0
    if text_table:
        return 1 if len(rows) > 1 else 0
    for i, row in enumerate(rows):
        if is_column_number_row(row):
            return i + 1
        if is_body_row(row, rows[:i]) or _numbered(rows, i):
            return i
    # No data at all: an empty table printed with its header only.
    return len(rows)
