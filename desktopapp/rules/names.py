"""Names that must match across tables: 科目 names by code, project names.

- The same 科目 code carries the same name in every table (the odd one out, by table majority,
  is an error; with no majority, a warning; in a table read by position alone, only the start
  or the tail of the name is a warning: a wrapped name may have lost a line). An outdated class name (医疗卫生与计划生育支出 for
  210) is a warning.
- Projects named in the 绩效目标表 and the 委托业务费表 are the projects of the 项目支出表:
  a name that is close to, but not the same as, a listed project is an error; a name not
  listed at all is a warning.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from desktopapp.core.model import CellRef, Document, Finding, Severity, Table
from desktopapp.core.numbers import normalize
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.scoped import value_independent
from desktopapp.tables.header_trust import POSITION_READ
from desktopapp.tables.kinds import PERFORMANCE_KINDS, PROJECT_KINDS
from desktopapp.tables.structure import coded_subjects, structure_of
from desktopapp.tables.subjects import FUNCTION_CLASSES, OLD_FUNCTION_CLASS_NAMES

RULE_SUBJECT = value_independent("subject_name")
RULE_PROJECT = value_independent("project_name")


def _name_key(name: str) -> str:
    return normalize(name).replace("(", "").replace(")", "").replace("、", "")


def _wrap_fragment(table: Table, key: str, right: str) -> bool:
    """A name read by position alone as only the start or the tail of the name the other tables
    print: a name wrapped over two lines may have lost a line to the row beside it."""
    if table.strategy not in POSITION_READ or not key or len(key) >= len(right):
        return False
    return right.startswith(key) or right.endswith(key)


def _run_together(catalogue: dict[str, tuple[Table, int, int, str]], key: str) -> str | None:
    """A project table read by position whose name cell holds the name whole, run together
    with a neighbouring cell's text: the name is there, only its reading is uncertain."""
    if len(key) < 4:
        return None
    return next(
        (k for k, entry in catalogue.items() if len(k) > len(key) and key in k and entry[0].strategy in POSITION_READ),
        None,
    )


@rule(RULE_SUBJECT)
def check_subject_names(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    by_code: dict[tuple[str, str], list[tuple[Table, int, int, str]]] = defaultdict(list)
    for table, row, col in coded_subjects(document):
        by_code[(row.code_kind, row.code)].append((table, row.index, col, row.name))
    for (kind, code), prints in by_code.items():
        if kind == "function" and len(code) == 3 and code in FUNCTION_CLASSES:
            for table, r, c, name in prints:
                if OLD_FUNCTION_CLASS_NAMES.get(name) == code:
                    yield Finding(
                        rule=RULE_SUBJECT,
                        severity=Severity.WARNING,
                        message=f"{code} 科目名称“{name}”已停用，现行名称为“{FUNCTION_CLASSES[code]}”",
                        cells=[CellRef(table.id, r, c)],
                        expected=FUNCTION_CLASSES[code],
                        actual=name,
                        page=table.body[r][c].page if c < len(table.body[r]) else None,
                        table=table.id,
                    )
        names: dict[str, list[tuple[Table, int, int, str]]] = defaultdict(list)
        for p in prints:
            names[_name_key(p[3])].append(p)
        if len(names) < 2:
            continue
        votes = {k: len({p[0].id for p in v}) for k, v in names.items()}
        best = max(votes.values())
        winners = [k for k, v in votes.items() if v == best]
        if len(winners) == 1:
            right = names[winners[0]]
            for key, wrong in names.items():
                if key == winners[0]:
                    continue
                for table, r, c, name in wrong:
                    where = "、".join(dict.fromkeys(p[0].title for p in right))
                    gap = _wrap_fragment(table, key, winners[0])
                    yield Finding(
                        rule=RULE_SUBJECT,
                        severity=Severity.WARNING if gap else Severity.ERROR,
                        message=f"{code} 科目名称不一致：{table.title}印为“{name}”，{where}为“{right[0][3]}”"
                        + ("（该表按位置读出，可能只读到换行名称的一部分，请核对）" if gap else ""),
                        cells=[CellRef(table.id, r, c), *(CellRef(p[0].id, p[1], p[2]) for p in right)],
                        expected=right[0][3],
                        actual=name,
                        page=table.body[r][c].page if c < len(table.body[r]) else None,
                        table=table.id,
                    )
        else:
            listing = "；".join(f"{v[0][0].title}“{v[0][3]}”" for v in names.values())
            first = prints[0]
            yield Finding(
                rule=RULE_SUBJECT,
                severity=Severity.WARNING,
                message=f"{code} 科目名称在各表中不一致：{listing}",
                cells=[CellRef(p[0].id, p[1], p[2]) for p in prints],
                page=first[0].body[first[1]][first[2]].page
                if first[2] < len(first[0].body[first[1]])
                else None,
                table=first[0].id,
            )


# ---------------------------------------------------------------- projects

_HEADING_WORDS = ("类别", "预算", "金额", "编码", "单位", "属性", "负责人", "年度", "资金")
# A form's own headings read where a name stands (a header line repeated or left in the body,
# the band "栏目" over a form's labels): no project's name.
_FORM_HEADINGS = frozenset({"栏目", "项目", "项目名称", "名称", "部门/单位/项目名称", "单位/项目名称"})


def _project_catalogue(document: Document, ctx: RuleContext) -> dict[str, tuple[Table, int, int, str]]:
    out: dict[str, tuple[Table, int, int, str]] = {}
    for table in document.tables:
        if not table.body:
            continue
        layout = structure_of(table, document)
        if layout.kind not in PROJECT_KINDS:
            continue
        for segment in layout.segments:
            for row in segment.rows_with_content():
                cells = table.body[row.index]
                for col in segment.columns:
                    if col.role in ("name", "text") and col.index < len(cells):
                        text = cells[col.index].text.strip()
                        if text and "单位" not in col.leaf:
                            out.setdefault(_name_key(text), (table, row.index, col.index, text))
    return out


def _named_projects(document: Document, ctx: RuleContext) -> Iterable[tuple[Table, int, int, str]]:
    """(table, row, col, name) of every project named outside the 项目支出表."""
    for table in document.tables:
        if not table.body:
            continue
        kind = structure_of(table, document).kind
        if kind in PERFORMANCE_KINDS:
            yield from _performance_names(table)
        elif kind == "entrusted_business":
            for r, row in enumerate(table.body):
                if len(row) > 1 and row[0].text.strip() and row[1].text.strip():
                    yield table, r, 0, row[0].text.strip()


def _performance_names(table: Table) -> Iterable[tuple[Table, int, int, str]]:
    header_cols = set()
    for header_row in table.header:
        for c, cell in enumerate(header_row):
            if normalize(cell.text) == "项目名称":
                right = next((x for x in header_row[c + 1 :] if x.text.strip()), None)
                if right is None or any(w in normalize(right.text) for w in _HEADING_WORDS):
                    header_cols.add(c)
    for c in header_cols:
        for r, row in enumerate(table.body):
            if c < len(row) and row[c].text.strip():
                yield table, r, c, row[c].text.strip()
    for r, row in enumerate(table.body):
        for c, cell in enumerate(row):
            if normalize(cell.text) != "项目名称":
                continue
            if _header_line(row, c):
                # The table's header line read into the body: the names stand below it.
                for rr in range(r + 1, len(table.body)):
                    below = table.body[rr]
                    if c < len(below) and below[c].text.strip():
                        yield table, rr, c, below[c].text.strip()
                continue
            right = next((i for i in range(c + 1, len(row)) if row[i].text.strip()), None)
            if right is not None and not any(w in normalize(row[right].text) for w in _HEADING_WORDS):
                yield table, r, right, row[right].text.strip()
                continue
            for rr in range(r + 1, len(table.body)):
                below = table.body[rr]
                if c >= len(below) or not below[c].text.strip() or (c > 0 and below[0].text.strip()):
                    break
                yield table, rr, c, below[c].text.strip()


_COLUMN_WORDS = ("名称", "指标", "目标", "权重", "解释", "金额", "资金", "编码", "单位", "类别", "依据")


def _header_line(row: list, c: int) -> bool:
    """'单位名称 | 项目名称 | 年度绩效目标 | 一级指标 | … | 权重': every other text of the row
    names a column (three at least) — a header line, not a label beside its value."""
    others = [x.text.strip() for i, x in enumerate(row) if i != c and x.text.strip()]
    return len(others) >= 3 and all(any(w in normalize(t) for w in _COLUMN_WORDS) for t in others)


def _named_beside(table: Table, r: int, c: int, catalogue: dict) -> bool:
    """The next text to the right in the row is a project the 项目支出表 lists: the name was
    read a cell off ('项目名称 | 来源项目 | 社会保险业务工作经费', a wrapped label in between)."""
    row = table.body[r]
    beside = next((x.text.strip() for x in row[c + 1 :] if x.text.strip()), "")
    return bool(beside) and _name_key(beside) in catalogue


def _same_characters(a: str, b: str) -> float:
    """Share of characters two names have in common, in any order ("审计、评估" ~ "评估、审计")."""
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) if a or b else 0.0


@rule(RULE_PROJECT)
def check_project_names(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    catalogue = _project_catalogue(document, ctx)
    if not catalogue:
        return
    seen: set[tuple[str, int, int]] = set()
    for table, r, c, name in _named_projects(document, ctx):
        if (table.id, r, c) in seen:
            continue
        seen.add((table.id, r, c))
        if normalize(name) in _FORM_HEADINGS:
            continue
        key = _name_key(name)
        if key in catalogue or _named_beside(table, r, c, catalogue):
            continue
        best, best_key, ratio = None, "", (0.0, 0.0)
        for other_key, entry in catalogue.items():
            score = (_same_characters(key, other_key), SequenceMatcher(None, key, other_key).ratio())
            if score > ratio:
                best, best_key, ratio = entry, other_key, score
        run_together = _run_together(catalogue, key)
        if run_together is not None:
            best_key, best, ratio = run_together, catalogue[run_together], (1.0, 1.0)
        page = table.body[r][c].page if c < len(table.body[r]) else None
        if best is not None and max(ratio) >= 0.6:
            gap = run_together is not None or _wrap_fragment(table, key, best_key)
            yield Finding(
                rule=RULE_PROJECT,
                severity=Severity.WARNING if gap else Severity.ERROR,
                message=f"项目名称与项目支出表不一致：{table.title}印为“{name}”，{best[0].title}为“{best[3]}”"
                + ("（项目支出表按位置读出，名称可能与相邻单元格的文字连在一起，请核对）" if run_together is not None
                   else "（该表按位置读出，可能只读到换行名称的一部分，请核对）" if gap else ""),
                cells=[CellRef(table.id, r, c), CellRef(best[0].id, best[1], best[2])],
                expected=best[3],
                actual=name,
                page=page,
                table=table.id,
            )
        else:
            yield Finding(
                rule=RULE_PROJECT,
                severity=Severity.WARNING,
                message=f"{table.title}中的项目“{name}”在项目支出表中找不到",
                cells=[CellRef(table.id, r, c)],
                actual=name,
                page=page,
                table=table.id,
            )
