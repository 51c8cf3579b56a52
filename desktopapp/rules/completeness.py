"""Is everything there and readable?

- the standard tables of the document kind (部门/单位预算, 部门决算) are printed;
- every table the 目录 lists is in the document, under the title the 目录 gives it;
- an empty table says why ("本单位无政府性基金预算安排的支出");
- what could not be read — a page over the reading budget or damaged, a damaged table, a
  figure that is not a number — is reported, never silently counted as 0; a table not found
  while a page could not be read is not blamed on the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktopapp.core.labels import page_span
from desktopapp.core.model import CellRef, Document, Finding, Severity, Table
from desktopapp.core.numbers import normalize
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.relation import PLACEHOLDERS, cell_amount, is_unreadable
from desktopapp.rules.scoped import table_rule, value_independent
from desktopapp.tables.kinds import (
    KIND_LABELS,
    REQUIRED_BUDGET,
    REQUIRED_FINAL,
    classify,
    is_final_document,
    kind_of,
)
from desktopapp.tables.scope import scope_of
from desktopapp.tables.structure import Segment, structure_of

RULE_MISSING = value_independent("missing_table")
RULE_TOC = value_independent("toc_table_missing")
RULE_EMPTY = "empty_table_note"
RULE_UNREADABLE = "unreadable"
RULE_UNREADABLE_PAGE = value_independent("unreadable_page")

_TOC_PREFIX = re.compile(
    r"^((附表|表)[0-9一二三四五六七八九十]+(-[0-9]+)?[、.:：]?|公开[0-9]+表[、.:：]?|[0-9一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\))"
)
_TOC_TAIL = re.compile(r"[.…·\-—_ ]*\d*$")
_SUBJECT_WORDS = re.compile(r"(收|支|三公|基金|资本|项目|绩效|结转|结余|委托|构成|采购|资产)")
_NONE_NOTE = re.compile(r"(无|没有|未安排|不涉及|未发生|为空|为0|为零|空表)")


def title_key(text: str) -> str:
    t = normalize(text).replace("“", "").replace("”", "").replace('"', "")
    t = _TOC_TAIL.sub("", t)
    t = _TOC_PREFIX.sub("", t)
    t = re.sub(r"\((续|分功能科目)\)$", "", t)
    return re.sub(r"^\d{4}年(度)?", "", t)


def _page_texts(document: Document, ctx: RuleContext) -> list[tuple[int, str]]:
    cached = ctx.cache.get("page_texts")
    if cached is None or cached[0] is not document:
        cached = (document, [(p.number, normalize(p.text)) for p in document.pages])
        ctx.cache["page_texts"] = cached
    return cached[1]


def _toc_line(document: Document, entry: str, ctx: RuleContext) -> tuple[int | None, str]:
    """(page, the 目录 line as printed, leaders and page number cut) for a 目录 entry."""
    key = normalize(entry)
    if not key:
        return None, entry
    texts = _page_texts(document, ctx)
    pages = [n for n, text in texts if key in text and "目录" in text] or [
        n for n, text in texts if key in text
    ]
    if not pages:
        return None, entry
    page = next(p for p in document.pages if p.number == pages[0])
    for line in page.text.splitlines():
        if key in normalize(line):
            printed = _TOC_TAIL.sub("", re.sub(r"[.…·]{2,}.*$", "", line.strip())).strip()
            return page.number, printed or entry
    return page.number, entry


def _toc_entries(document: Document) -> list[str]:
    out = []
    for entry in document.toc:
        if re.search(r"第[一二三四五六七八九十\d]+部分", normalize(entry)):
            continue  # a part heading ("第二部分 …2024年预算表"), not a table
        key = title_key(entry)
        if not (key.endswith("表") or "表(" in key or key.endswith("表)")):
            continue
        if not _SUBJECT_WORDS.search(key):
            continue  # "部门预算表": the heading of the tables part, not a table
        out.append(entry)
    return out


def _match(document: Document, entry: str, final: bool) -> tuple[Table | None, bool]:
    """(table, exact title?) for a 目录 entry."""
    key = title_key(entry)
    kind = classify(entry, None, final)
    for table in document.tables:
        title = title_key(table.title)
        if title and title == key:
            return table, True
    for table in document.tables:
        title = title_key(table.title)
        if title and (title in key or key in title) and kind_of(table, document) == kind:
            return table, True
    # Not under its own title: the table of the same part of the budget (a 政府采购 entry is the
    # 政府采购 table, not the 支出总表 its words resemble), else one of the same kind.
    part = scope_of(kind, entry).selection
    candidates = [t for t in document.tables if structure_of(t, document).scope.selection is part]
    for table in candidates:
        if kind != "other" and kind_of(table, document) == kind:
            return table, False
    if part is not None and candidates:
        return candidates[0], False
    if kind != "other":
        for table in document.tables:
            if kind_of(table, document) == kind:
                return table, False
    return None, False


@rule(RULE_TOC)
def check_toc(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    if not document.tables:  # the tables are in another file (rules/attachments.py says so)
        return
    final = is_final_document(document)
    for entry in _toc_entries(document):
        table, exact = _match(document, entry, final)
        if table is not None and exact:
            continue
        page, printed = _toc_line(document, entry, ctx)
        if table is None and document.unreadable_pages:
            yield Finding(
                rule=RULE_TOC,
                severity=Severity.WARNING,
                message=f"目录列出的“{printed}”没有读到：{_unread_pages(document)}无法读取，此表可能在其中",
                quote=printed,
                page=page,
            )
        elif table is None:
            known = classify(entry, None, final) != "other"
            yield Finding(
                rule=RULE_TOC,
                severity=Severity.ERROR if known else Severity.WARNING,
                message=f"目录列出的“{printed}”在文件中没有找到",
                quote=printed,
                page=page,
            )
        else:
            yield Finding(
                rule=RULE_TOC,
                severity=Severity.WARNING,
                message=f"目录中的表名“{printed}”与表格标题“{table.title}”不一致",
                quote=printed,
                page=page,
                table=table.id,
            )


@rule(RULE_MISSING)
def check_missing_tables(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    if not document.tables:
        return
    final = is_final_document(document)
    required = REQUIRED_FINAL if final else REQUIRED_BUDGET
    present = {kind_of(t, document) for t in document.tables}
    listed = {classify(e, None, final) for e in _toc_entries(document)}
    what = "部门决算" if final else "预算"
    for kind in required:
        if kind in present or kind in listed:  # a listed but absent table is the 目录 check's
            continue
        label = KIND_LABELS.get(kind, kind)
        message = (
            f"未读到“{label}”：{_unread_pages(document)}无法读取，此表可能在其中"
            if document.unreadable_pages
            else f"未找到“{label}”：{what}应公开此表，没有相关资金也应公开空表并注明"
        )
        yield Finding(rule=RULE_MISSING, severity=Severity.WARNING, message=message)


def _unread_pages(document: Document) -> str:
    runs = document.unreadable_runs()
    shown = "、".join(page_span(first, last).removeprefix("第 ").removesuffix(" 页") for first, last, _ in runs[:5])
    return f"第 {shown}{'等' if len(runs) > 5 else ''} 页"


@rule(RULE_UNREADABLE_PAGE)
def check_unreadable_pages(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    for first, last, why in document.unreadable_runs():
        yield Finding(
            rule=RULE_UNREADABLE_PAGE,
            severity=Severity.WARNING,
            message=f"{page_span(first, last)}无法读取：{why}。此页如有表格或文字，未能读取和核对",
            page=first,
        )


def _has_none_note(document: Document, table: Table) -> bool:
    texts = list(table.notes) + [c.text for row in table.body for c in row]
    for page in document.pages:
        if page.number in table.pages:
            texts.append(page.text)
    return any(_NONE_NOTE.search(normalize(t)) for t in texts if t)


@table_rule(RULE_EMPTY)
def check_empty_table(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    if not table.numeric:
        return
    kind = kind_of(table, document)
    if kind not in REQUIRED_BUDGET and kind not in REQUIRED_FINAL and kind not in ("project_expenditure",):
        return
    if not table.is_empty:
        return
    if _has_none_note(document, table):
        return
    yield Finding(
        rule=RULE_EMPTY,
        severity=Severity.WARNING,
        message=f"“{table.title}”没有数字，但未注明原因（如“本单位无…安排的支出”）",
        page=table.pages[0] if table.pages else None,
        table=table.id,
    )


def _worded_column(table: Table, segment: Segment, col: int) -> bool:
    """A column whose texts are mostly not amounts ("100%", "1000人次", "≥85%", words: a 绩效
    指标值 column taken for figures) is no money column: its texts are not garbled figures."""
    figures = worded = 0
    for row in segment.rows:
        cells = table.body[row.index]
        if col >= len(cells) or cells[col].is_blank:
            continue
        if cell_amount(cells[col]) is not None or normalize(cells[col].text) in PLACEHOLDERS:
            figures += 1
        else:
            worded += 1
    return worded >= 2 and worded > figures


@table_rule(RULE_UNREADABLE)
def check_unreadable(document: Document, table: Table, ctx: RuleContext) -> Iterable[Finding]:
    for problem in table.unreadable:
        yield Finding(
            rule=RULE_UNREADABLE,
            severity=Severity.WARNING,
            message=f"“{table.title}”有部分内容未能读取：{problem}",
            page=table.pages[0] if table.pages else None,
            table=table.id,
        )
    if not table.numeric or not table.body:
        return
    layout = structure_of(table, document)
    for segment in layout.segments:
        words = {c.index for c in segment.value_cols if _worded_column(table, segment, c.index)}
        for row in segment.rows:
            cells = table.body[row.index]
            for col in segment.value_cols:
                if col.index >= len(cells) or col.index in words or not is_unreadable(cells[col.index]):
                    continue
                cell = cells[col.index]
                yield Finding(
                    rule=RULE_UNREADABLE,
                    severity=Severity.WARNING,
                    message=(
                        f"“{table.title}”{row.display}的“{col.leaf or col.label}”栏“{cell.text}”无法识别为数字，"
                        "核对时按 0 计算，请对照原文核实或更正"
                    ),
                    cells=[CellRef(table.id, row.index, col.index)],
                    actual=cell.text,
                    page=cell.page or (table.pages[0] if table.pages else None),
                    table=table.id,
                )
