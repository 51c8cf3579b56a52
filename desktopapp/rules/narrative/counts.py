"""Counts quoted in the narrative against the rows of the tables.

- narrative_project_count: "项目支出1752.29万元，其中：一级项目6个，二级项目10个" against the
  项目支出表, whose 一级项目 / 二级项目 columns name each project once;
- narrative_target_figures: one target stated twice in the 绩效目标表 with two figures
  ("年度目标：推动社会保险征缴扩面1.45万人次" / "年度目标1：推动社会保险征缴扩面1.06万人次").

A count about performance targets ("设置了1个二级项目支出绩效目标", "绩效评价共涉及1个二级项目")
counts the projects of that exercise, not the table's: such sentences are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktopapp.core.model import CellRef, Document, Finding, Table
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import normalize_name
from desktopapp.rules.narrative.resolve import admissible
from desktopapp.rules.narrative.tables import TableIndex, to_wan

PROJECT_COUNT = "narrative_project_count"
TARGET_FIGURES = "narrative_target_figures"

_COUNT = re.compile(r"(一级|二级)项目(?:共|数量为|数为|为)?(\d{1,4})个|(\d{1,4})个(一级|二级)项目")
_NOT_THE_TABLE = re.compile(r"绩效|评价|自评|新增|政府采购|采购|监控")
_TOTAL_NAMES = {"合计", "总计", "小计"}


def _level_columns(index: TableIndex, table: Table) -> dict[str, int]:
    """The columns whose header names the 一级项目 / 二级项目."""
    out: dict[str, int] = {}
    for col, stack in enumerate(index.stacks(table)):
        for level in ("一级", "二级"):
            if level not in out and any(text.startswith(level + "项目") for text in stack):
                out[level] = col
    return out


def _names(table: Table, col: int) -> tuple[list[tuple[int, str]], set[str]]:
    """(row, name) of every named cell of a column, and the distinct names."""
    rows: list[tuple[int, str]] = []
    for r, row in enumerate(table.body):
        if col >= len(row):
            continue
        name = normalize_name(row[col].text)
        if not name or name in _TOTAL_NAMES or any(normalize_name(c.text) in _TOTAL_NAMES for c in row[:2]):
            continue
        if row[col].value is not None:
            continue  # a figure shifted into the column: not a name
        rows.append((r, name))
    return rows, {n for _, n in rows}


def _table_total(table: Table):
    for row in table.body:
        if any(normalize_name(c.text) in ("合计", "总计") for c in row[:3]):
            return next((c.amount for c in row if c.amount is not None), None)
    return None


@rule(PROJECT_COUNT)
def project_count(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt, index = a.nt, a.index
    if nt.is_template:
        return
    projects = [t for t in index.tables("project") if t.body]
    if not projects:
        return
    for s in nt.sentences:
        text = nt.flow[s.start : s.end]
        if "项目" not in text or _NOT_THE_TABLE.search(text):
            continue
        for m in _COUNT.finditer(text):
            level = m.group(1) or m.group(4)
            said = int(m.group(2) or m.group(3))
            for table in projects:
                cols = _level_columns(index, table)
                if level not in cols:
                    continue
                total = _table_total(table)
                amounts = [nt.mentions[i] for i in s.mentions if nt.mentions[i].kind == "amount"]
                if amounts and total is not None and not any(
                    admissible(mt.value, mt.decimals, mt.unit, to_wan(table, total))[0] for mt in amounts
                ):
                    continue  # the sentence speaks of other money than this table's
                rows, distinct = _names(table, cols[level])
                if not rows or said in (len(rows), len(distinct)):
                    break
                certain = len(rows) == len(distinct)
                order = list(dict.fromkeys(n for _, n in rows))
                listed = f"（{'、'.join(order)}）" if len(order) <= 6 else ""
                yield finding(
                    PROJECT_COUNT,
                    severity(ctx, PROJECT_COUNT, certain),
                    f"正文称{level}项目{said}个，{table.title}列有{len(distinct)}个{level}项目{listed}",
                    nt,
                    s.start + m.start(),
                    s.start + m.end(),
                    cells=[CellRef(table.id, r, cols[level]) for r, _ in rows[:30]],
                    expected=str(len(distinct)),
                    actual=str(said),
                    table=table.id,
                )
                break



# A target: at least eight characters of wording, then a figure and its measure word. Wording
# that compares ("比上年增长", "不少于") states a bound or a change, not the target itself.
_TARGET = re.compile(
    r"([\u4e00-\u9fff]{8,})(\d+(?:\.\d+)?)(万人次|人次|万人|万户|户|家|个|次|件|万笔|笔|万份|份|%)"
)
_COMPARING = re.compile(r"[比较增减降升超约]|不少|不低|不高|不超|以上|以下|低于|高于|达到")


@rule(TARGET_FIGURES)
def target_figures(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    if nt.is_template:
        return
    for table in document.tables:
        if table.numeric:
            continue
        seen: dict[tuple[str, str], list[tuple[int, int, str, str]]] = {}
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                if cell.value is not None or len(cell.text) < 10:
                    continue
                text = re.sub(r"\s+", "", cell.text)
                for m in _TARGET.finditer(text):
                    wording = m.group(1)[-8:]
                    if _COMPARING.search(m.group(1)[-10:]):
                        continue
                    seen.setdefault((wording, m.group(3)), []).append((r, c, m.group(2), m.group(0)[-20:]))
        for (_, unit), places in seen.items():
            figures = list(dict.fromkeys(fig for _, _, fig, _ in places))
            rows = {r for r, _, _, _ in places}
            if len(figures) < 2 or len(rows) < 2:
                continue
            first = places[0]
            other = next(pl for pl in places if pl[2] != first[2])
            yield Finding(
                rule=TARGET_FIGURES,
                severity=severity(ctx, TARGET_FIGURES, False),
                message=f"{table.title}中同一目标的数字前后不一致：“{first[3]}”与“{other[3]}”",
                cells=[CellRef(table.id, first[0], first[1]), CellRef(table.id, other[0], other[1])],
                expected=other[2] + unit,
                actual=first[2] + unit,
                page=table.body[first[0]][first[1]].page,
                quote=first[3],
                table=table.id,
            )
