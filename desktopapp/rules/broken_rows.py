"""Findings that rest on a row the page may have broken in two.

A page that ends on a name without figures ("武汉市人力资源和社会保障投诉咨询中"), the next
page starting with figures under a name that does not start as a name starts ("心": no code,
no 一、/（一）/1.) may be one row printed over two pages. Extraction joins the two when it has
evidence (row_breaks.joins_next_page); without it they stay two rows, and a check reading them
would judge a half-row: a name that is not the name, a child missing from its parent's sum.
Such a finding is turned into a 提示 that says why, instead of an 错误 or 警告: the relation
is not judged on a doubtful premise. A finding is on the pair when it cites either row, or is
about the pair's parent (the nearest row above whose code begins the pair's code, or whose
name stands a column further left; the first cell the finding cites in that table, as a sum
cites its total first). Relations further
up (the parent's own parent, the 合计 row) do not read the pair and are judged as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktopapp.core.model import Document, Finding, Severity, Table
from desktopapp.core.numbers import normalize
from desktopapp.extract.row_breaks import broken_name_column

_CODE_LIKE = re.compile(r"^[0-9A-Za-z]+$")


@dataclass(frozen=True)
class DoubtfulBreak:
    row: int  # the first part
    rest: int  # the second part (the next row with text)
    page: int
    name: str  # the two parts of the name together
    parent: int | None  # the row of the parent 科目 (by code), if the first part has a code


def doubtful_breaks(table: Table) -> list[DoubtfulBreak]:
    """Each body row that ends a page and may go on in the next row."""
    out = []
    filled = [r for r, row in enumerate(table.body) if any(c.text and not c.covered for c in row)]
    for r, r2 in zip(filled, filled[1:]):  # an empty row between the parts (a blank band) does not part them
        first, second = table.body[r], table.body[r2]
        n = broken_name_column(first, second)
        if n is None:
            continue
        page, next_page = first[n].page, second[n].page
        if page is not None and next_page is not None and next_page == page + 1:
            name = normalize(first[n].text) + normalize(second[n].text)
            out.append(DoubtfulBreak(r, r2, page, name, _parent_row(table, r, n)))
    return out


def _code(row: list, n: int) -> str:
    """The code printed left of column `n` (one column, or 类 | 款 | 项 parts)."""
    return "".join(normalize(c.text) for c in row[:n] if not c.covered)


def _parent_row(table: Table, r: int, n: int) -> int | None:
    """The nearest row above whose code begins the first part's code; without a code, the
    nearest row above whose name stands in a column left of it (a level up in a hierarchy
    shown by columns: 专项业务支出 | 信息系统建设与运维 | …)."""
    code = _code(table.body[r], n)
    for p in range(r - 1, -1, -1):
        if code:
            above = _code(table.body[p], n)
            if above and len(above) < len(code) and code.startswith(above):
                return p
            continue
        left = next((c for c in table.body[p][:n] if c.text and not c.covered), None)
        if left is not None and not _CODE_LIKE.match(normalize(left.text)):
            return p
    return None


def spare_broken_rows(document: Document, findings: list[Finding]) -> list[Finding]:
    """`findings` with each 错误 or 警告 on a doubtful pair of rows made a 提示 that says why."""
    pairs: dict[str, list[DoubtfulBreak]] = {t.id: breaks for t in document.tables if (breaks := doubtful_breaks(t))}
    if not pairs:
        return findings
    out = []
    for finding in findings:
        hit = _pair_of(finding, pairs) if finding.severity in (Severity.ERROR, Severity.WARNING) else None
        if hit is not None:
            note = (f"第 {hit.page} 页末行与下一页首行可能是被分页截断的同一行（“{hit.name}”），"
                    "此项依据不确定，未作判断，请对照原文核实")
            finding = replace(finding, severity=Severity.INFO, message=f"{finding.message}（{note}）")
        out.append(finding)
    return out


def _pair_of(finding: Finding, pairs: dict[str, list[DoubtfulBreak]]) -> DoubtfulBreak | None:
    rows_by_table: dict[str, list[int]] = {}
    for ref in finding.cells:
        rows_by_table.setdefault(ref.table, []).append(ref.row)
    for table_id, rows in rows_by_table.items():
        for pair in pairs.get(table_id, []):
            if pair.row in rows or pair.rest in rows or (pair.parent is not None and rows[0] == pair.parent):
                return pair
    return None
