"""Figures of the previous year (or of the year's budget) stated in the text, against the
reference's tables.

The text is read as the narrative rules read it (rules.narrative: paragraphs, sentences, the
figures quoted with their units and labels, what each figure stands for). A statement is

- a change: "支出预算 33172.15 万元，与上年相比增加 4322.77 万元，增长 14.98%" — the year before
  was 33172.15 − 4322.77 by the text's own figures; or "…比上年增长 14.98%" alone;
- a figure of the year before: "上年预算数为 X 万元", "2024年预算 X 万元"; in a 决算 against its
  budget: "年初预算为 X 万元".

The subject is the current figure the statement speaks of, found in this document's tables
(as the narrative rules resolve it, else a table row whose name the text names and whose
figure the text quotes); the reference's figure is the same table kind's, the same subject's
(科目 code first, then name), the same column's. Units are converted, rounding judged by each
figure's printed precision. A statement whose subject cannot be told is counted as unmatched
with its reason, never a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desktopapp.compare.matching import (
    column_name,
    counterpart_table,
    match_column,
    match_row,
    row_key,
    segment_of,
)
from desktopapp.compare.relation import Relation
from desktopapp.compare.tally import Tally
from desktopapp.core.labels import table_caption
from desktopapp.core.model import CellRef, Document, Finding, Severity, Table
from desktopapp.core.numbers import UNIT_FACTORS, format_amount
from desktopapp.rules.base import RuleContext
from desktopapp.rules.narrative.common import Analysis, analysis_of
from desktopapp.rules.narrative.parse import Mention, normalize_name
from desktopapp.rules.narrative.tables import TableValue, value_at
from desktopapp.rules.relation import cell_decimals
from desktopapp.tables.rows import RowRole
from desktopapp.tables.structure import structure_of, value_cell

RULE = "reference_stated_figure"

_UP = ("增加", "增长", "上升", "提高")
_CHANGE = re.compile(r"(增加|减少|增长|下降|上升|降低|提高)了?$")
_PERCENT_CHANGE = re.compile(r"(增加|减少|增长|下降|上升|降低|提高|增幅|降幅)(了|为)?$")
_PREVIOUS = re.compile(r"上年度?|上一年度?|去年|同比|(20\d\d)年度?")
_NOT_IN_A_BUDGET = re.compile(r"执行|决算|实际")
_MEASURE = re.compile(r"(?:支出|收入)?(?:年初)?(?:预算数?|决算数?|预算安排|安排|支出|收入|拨款)?(?:为|是|共计|合计)?$")
_PREFIX = re.compile(r"^(?:[0-9]+[.、．]|[（(][0-9一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)+")
_LEVEL_MARK = re.compile(r"[（(](?:\d+)?[类款项][）)]")


@dataclass
class Statement:
    """One stated figure of the year before: what the text says it was, and the figure of
    this year it is read from (the subject)."""

    start: int  # the quoted words, offsets in the narrative flow
    end: int
    base: int | None  # the mention of this year's figure (the subject), None for a lone figure
    old: Decimal  # the year before's figure by the text, in 万元
    tolerance: Decimal  # its rounding, in 万元
    decimals: int  # the text's printed decimals (for messages)
    unit: str  # the text's unit
    shown: str  # how the text gives it ("33,172.15 − 4,322.77 = 28,849.38")
    percent: Mention | None = None  # a change stated as a percentage only
    sign: int = 1
    # the only figure of this year in its sentence before the change: the text names the
    # subject without doubt ("收入1100万元，其中拨款1000万元，增加100万元" does not)
    sole: bool = True


def _wan(value: Decimal, unit: str) -> Decimal:
    return value * UNIT_FACTORS.get(unit, Decimal(10000)) / UNIT_FACTORS["万元"]


def _half(decimals: int, unit: str) -> Decimal:
    return _wan(Decimal(5).scaleb(-(decimals + 1)), unit)


def _fmt(value: Decimal, decimals: int) -> str:
    return format_amount(value, decimals)


_THIS_YEARS = re.compile(r"上年(?:度)?(?:结转|结余)|年初结转|一般公共预算|政府性基金预算|国有资本经营预算|预算单位|部门预算|单位预算")
_BUDGET = re.compile(r"年初预算|预算数|预算为|预算安排|调整预算|全年预算|(20\d\d)年度?预算")


def _marker(text: str, year: int | None, relation: Relation) -> bool:
    """The words before a figure say it is the reference's: the year before, or the budget.
    上年结转 / 上年结余 are this year's money carried over, not last year's figure."""
    text = _THIS_YEARS.sub("", text)
    if relation is Relation.BUDGET_OF_FINAL:
        m = _BUDGET.search(text)
        return m is not None and (m.group(1) is None or year is None or int(m.group(1)) == year) \
            and "决算" not in text[m.end():]
    for m in _PREVIOUS.finditer(text):
        if m.group(1) is None:
            return True
        if year is not None and int(m.group(1)) == year - 1:
            return True
    return False


def _words_before(a: Analysis, index: int) -> str:
    """The words from the previous figure (or the sentence's start) up to mention `index`."""
    nt = a.nt
    mt = nt.mentions[index]
    floor = nt.sentences[mt.sentence].start if mt.sentence >= 0 else nt.paragraphs[mt.paragraph].start
    prev = [m.end for m in nt.mentions[:index] if m.sentence == mt.sentence]
    return nt.flow[max([floor, *prev]) : mt.start]


def _base_of(a: Analysis, index: int, year: int | None, relation: Relation) -> int | None:
    """This year's figure a statement speaks of: the nearest amount before it in its sentence
    (or the sentence before, in the same paragraph) that is neither a change nor the year
    before's."""
    nt = a.nt
    mt = nt.mentions[index]
    for j in range(index - 1, -1, -1):
        m = nt.mentions[j]
        if m.paragraph != mt.paragraph or m.sentence < mt.sentence - 1:
            return None
        if m.kind != "amount" or m.unit not in UNIT_FACTORS:
            continue
        words = _words_before(a, j)
        if _CHANGE.search(m.label) or _marker(words, year, relation):
            continue
        return j
    return None


def statements(a: Analysis, year: int | None, relation: Relation, reference_final: bool = False) -> list[Statement]:
    """The statements of the reference's figures in the text; `reference_final`: the
    reference is a 决算 (else a budget, which prints no 执行数 / 决算数 of the year before)."""
    nt = a.nt
    out: list[Statement] = []
    taken: set[int] = set()
    for i, mt in enumerate(nt.mentions):
        if i in taken:
            continue
        words = _words_before(a, i)
        if not _marker(words, year, relation):
            continue
        if relation is Relation.PREVIOUS_YEAR and not reference_final and _NOT_IN_A_BUDGET.search(words):
            continue  # 比上年执行数增加…, 上年决算数: no figure of the reference, a budget
        start = mt.start - len(words)
        if mt.kind == "amount" and mt.unit in UNIT_FACTORS:
            change = _CHANGE.search(mt.label)
            if change and relation is not Relation.BUDGET_OF_FINAL:
                base = _base_of(a, i, year, relation)
                if base is None:
                    out.append(Statement(start, mt.end, None, Decimal(0), Decimal(0), mt.decimals, mt.unit, ""))
                    continue
                b = nt.mentions[base]
                sign = 1 if change.group(1) in _UP else -1
                old = _wan(b.value, b.unit) - sign * _wan(mt.value, mt.unit)
                decimals = max(b.decimals, mt.decimals)
                shown = (f"{_fmt(b.value, b.decimals)} {'−' if sign > 0 else '+'} {_fmt(mt.value, mt.decimals)} = "
                         f"{_fmt(old if mt.unit == '万元' else b.value - sign * mt.value, decimals)}")
                pct = i + 1 if i + 1 < len(nt.mentions) and nt.mentions[i + 1].kind == "percent" else None
                end = nt.mentions[pct].end if pct is not None and nt.mentions[pct].sentence == mt.sentence else mt.end
                if pct is not None:
                    taken.add(pct)
                out.append(Statement(b.start - len(b.label), end, base, old,
                                     _half(b.decimals, b.unit) + _half(mt.decimals, mt.unit), decimals, mt.unit, shown,
                                     sign=sign, sole=_sole_base(a, base, i)))
            elif not change:
                base = _base_of(a, i, year, relation)
                following = _following_base(a, i, year, relation) if base is None else None
                out.append(Statement(start, mt.end, base if base is not None else following, _wan(mt.value, mt.unit),
                                     _half(mt.decimals, mt.unit), mt.decimals, mt.unit, _fmt(mt.value, mt.decimals)))
        elif mt.kind == "percent" and _PERCENT_CHANGE.search(mt.label) and relation is not Relation.BUDGET_OF_FINAL:
            base = _base_of(a, i, year, relation)
            if base is not None and _CHANGE.search(nt.mentions[i - 1].label or "") and nt.mentions[i - 1].sentence == mt.sentence:
                continue  # the change's amount is stated too: read with it
            sign = 1 if _PERCENT_CHANGE.search(mt.label).group(1) in _UP + ("增幅",) else -1
            if base is not None:
                start = nt.mentions[base].start - len(nt.mentions[base].label)
            out.append(Statement(start, mt.end, base, Decimal(0), Decimal(0), mt.decimals, "%",
                                 f"{'增长' if sign > 0 else '下降'} {format_amount(mt.value, mt.decimals, thousands=False)}%",
                                 percent=mt, sign=sign, sole=base is not None and _sole_base(a, base, i)))
    return out


def _sole_base(a: Analysis, base: int, change: int) -> bool:
    nt = a.nt
    sentence = nt.mentions[base].sentence
    others = [j for j in range(change) if j != base and nt.mentions[j].sentence == sentence
              and nt.mentions[j].kind == "amount" and not _CHANGE.search(nt.mentions[j].label)
              and not any(k for k in range(j + 1, change) if _CHANGE.search(nt.mentions[k].label) and k < base)]
    return not others


def _following_base(a: Analysis, index: int, year: int | None, relation: Relation) -> int | None:
    """In "年初预算为 X 万元，支出决算为 Y 万元" the subject's figure follows in the sentence."""
    nt = a.nt
    mt = nt.mentions[index]
    for j in range(index + 1, len(nt.mentions)):
        m = nt.mentions[j]
        if m.sentence != mt.sentence:
            return None
        if m.kind == "amount" and m.unit in UNIT_FACTORS and not _marker(_words_before(a, j), year, relation) \
                and not _CHANGE.search(m.label):
            return j
    return None


# ---------------------------------------------------------------- the subject in both documents


_SUFFIXES = (("为", "是", "共计", "合计为"), ("预算数", "预算支出", "预算安排", "预算", "决算数", "决算", "安排", "数"), ("支出", "收入"))
_YEAR_WORDS = re.compile(r"(?:19|20)\d\d年度?|本部门|本单位")


def name_variants(text: str, organization: str | None = None) -> set[str]:
    """A label as a subject's name, with and without the measure words after it ("基本支出预算数为"
    → 基本支出预算数, 基本支出), the outline numbering, (类)(款)(项) marks, the year and the
    organisation taken out; 总计 read as 合计 and 预算 dropped within ("支出预算总计" → 支出合计)."""
    text = _LEVEL_MARK.sub("", _PREFIX.sub("", normalize_name(text)))
    if organization:
        text = text.replace(normalize_name(organization), "")
    text = _YEAR_WORDS.sub("", text)
    out = {text}
    current = {text}
    for group in _SUFFIXES:
        following = set()
        for t in current:
            for suffix in group:
                if t.endswith(suffix) and len(t) > len(suffix) + 1:
                    following.add(t[: -len(suffix)])
        out |= following
        current = current | following
    out |= {t.replace("总计", "合计") for t in out} | {t.replace("预算", "") for t in out}
    out |= {t.replace("总计", "合计") for t in out}
    return {t for t in out if len(t) >= 2}


def _names_row(label_names: set[str], row_names: set[str]) -> bool:
    return any(a.endswith(b) for a in label_names for b in row_names)


def _agrees(tv: TableValue, m: Mention) -> bool:
    """The table's figure is the one the text quotes, at the text's precision."""
    return abs(tv.value - _wan(m.value, m.unit)) <= _half(m.decimals, m.unit) + _wan(Decimal("1e-9"), "万元")


def subject_cell(a: Analysis, document: Document, base: int) -> TableValue | None:
    """The cell of this document's tables that prints the figure mention `base` quotes: the
    narrative rules' resolution when it agrees with the text, else the one row (or the one
    column of a one-row table) whose name ends the text's label and whose figure it quotes."""
    m = a.nt.mentions[base]
    resolved = a.resolutions.get(base)
    for candidate in (resolved.candidates + resolved.others) if resolved is not None else []:
        if _agrees(candidate, m):
            return candidate
        # the row the text names, in the column that prints the figure it quotes (决算数 beside 年初预算数)
        structure = structure_of(candidate.table, document)
        segment = segment_of(structure, candidate.col)
        for col in structure.segments[segment].value_cols if segment is not None else []:
            tv = value_at(candidate.table, candidate.row, col.index)
            if tv is not None and not tv.blank and _agrees(tv, m):
                return tv
    names = name_variants(m.label, document.organization)
    if not names:
        return None
    found: list[tuple[float, TableValue]] = []
    for table in document.tables:
        if not table.numeric or not table.body or table.unit is None:
            continue
        structure = structure_of(table, document)
        for segment in structure.segments:
            for row in segment.rows:
                row_names = name_variants(row.name or row.label)
                if not _names_row(names, row_names):
                    continue
                for col in segment.value_cols:
                    tv = value_at(table, row.index, col.index)
                    if tv is not None and not tv.blank and _agrees(tv, m):
                        found.append((max(len(n) for n in row_names), tv))
                        break
            data_rows = [r.index for r in segment.rows if r.has_values]
            if len(data_rows) == 1 and segment.name_col is None:  # a one-row table (三公): its columns name the subjects
                for col in segment.value_cols:
                    leaf = normalize_name(col.leaf)
                    if len(leaf) >= 2 and any(leaf in n for n in names):
                        tv = value_at(table, data_rows[0], col.index)
                        if tv is not None and not tv.blank and _agrees(tv, m):
                            found.append((len(leaf) + 0.5, tv))  # the 三公 table's own column first
    if not found:
        return None
    # the longest name the text gives wins (行政运行 over 运行); the first table printing it
    longest = max(n for n, _ in found)
    return next(tv for n, tv in found if n == longest)


@dataclass
class Counterpart:
    table: Table
    row: int
    col: int
    value: TableValue
    certain: bool  # subject matched by code, or the total of its table
    decimals: int


def counterpart(current: Document, tv: TableValue, reference: Document, relation: Relation) -> tuple[Counterpart | None, str]:
    """The reference's cell for this document's cell `tv`, or why there is none."""
    table = tv.table
    ref_table = counterpart_table(table, current, reference, across_versions=relation is Relation.BUDGET_OF_FINAL)
    if ref_table is None:
        return None, "参考文件中没有可对应的同类表格"
    if ref_table.unit is None or table.unit is None:
        return None, "表格未注明单位，无法换算"
    mine, theirs = structure_of(table, current), structure_of(ref_table, reference)
    segment = segment_of(mine, tv.col)
    if segment is None:
        return None, "未能确定所在栏目"
    one_row = [r.index for r in mine.segments[segment].rows if r.has_values]
    their_rows = [r.index for r in theirs.segments[segment].rows if r.has_values] if segment < len(theirs.segments) else []
    key = row_key(mine, tv.row, segment)
    if len(one_row) == 1 and len(their_rows) == 1:
        ref_row, certain = their_rows[0], True
    elif key is None:
        return None, "未能确定所在的行"
    else:
        names = [k.name for r in mine.segments[segment].rows if (k := row_key(mine, r.index, segment)) is not None]
        before = [k.name for r in mine.segments[segment].rows[: tv.row] if (k := row_key(mine, r.index, segment)) is not None]
        match = match_row(key, theirs, (before.count(key.name), names.count(key.name)))
        if match is None:
            return None, f"参考文件的{table_caption(ref_table)}中没有同一科目（{key.display}）"
        ref_row = match.row
        certain = match.by_code or mine.segments[segment].rows[tv.row].role is RowRole.TOTAL
    ref_col = match_column(mine, tv.col, theirs)
    if ref_col is None:
        return None, f"参考文件的{table_caption(ref_table)}中没有可对应的栏目"
    value = value_at(ref_table, ref_row, ref_col)
    if value is None:
        return None, "参考文件的对应单元格不是数字"
    decimals = cell_decimals(value_cell(ref_table, ref_row, ref_col)) or 0
    return Counterpart(ref_table, value.row, value.col, value, certain, decimals), ""


# ---------------------------------------------------------------- the comparison


def compare_stated(current: Document, reference: Document, relation: Relation, established: bool = True) -> Tally:
    tally = Tally()
    if relation not in (Relation.PREVIOUS_YEAR, Relation.BUDGET_OF_FINAL):
        return tally
    a = analysis_of(current, RuleContext())
    nt = a.nt
    name = " + ".join(Path(s).name for s in reference.sources())
    for st in statements(a, current.year, relation, reference.kind.is_final):
        what = nt.quote(st.start, st.end, 60)
        if st.base is None:
            tally.unmatched.append((what, "未能确定所说的是哪一项的数字"))
            continue
        tv = subject_cell(a, current, st.base)
        if tv is None:
            tally.unmatched.append((what, "所说的本年数未能与本文件表格中的数字对应"))
            continue
        cp, why = counterpart(current, tv, reference, relation)
        if cp is None:
            tally.unmatched.append((what, why))
            continue
        tally.matched += 1
        finding = _judge(st, a, tv, cp, name, established)
        if finding is not None:
            finding.page = nt.page_at(st.start)
            finding.quote = nt.quote(st.start, st.end, 120)
            tally.findings.append(finding)
    return tally


def _judge(st: Statement, a: Analysis, tv: TableValue, cp: Counterpart, name: str, established: bool) -> Finding | None:
    reference_value = cp.value.value
    ref_half = _wan(Decimal(5).scaleb(-(cp.decimals + 1)), cp.table.unit or "万元")
    where = f"参考文件（{name}）{table_caption(cp.table)}"
    subject = _subject_of(cp)
    if st.percent is not None:
        p = st.percent
        base = a.nt.mentions[st.base]
        now = _wan(base.value, base.unit)
        now_half = _half(base.decimals, base.unit)
        low, high = reference_value - ref_half, reference_value + ref_half
        if low <= 0:
            return None
        rates = [((now + dn) / old - 1) * 100 * st.sign for dn in (-now_half, now_half) for old in (low, high)]
        p_half = Decimal(5).scaleb(-(p.decimals + 1))
        lo, hi = min(rates), max(rates)
        gap = max(lo - (p.value + p_half), (p.value - p_half) - hi, Decimal(0))
        if gap == 0:
            return None
        tail = gap <= Decimal(1).scaleb(-p.decimals)
        expected = ((now / reference_value - 1) * 100).quantize(Decimal(1).scaleb(-p.decimals))
        return _finding(
            st, tv, cp, tail, established,
            f"增减幅度与参考文件不符：本年 {_fmt(base.value, base.decimals)} {base.unit}，{where} · {subject}为 "
            f"{_fmt(_in(reference_value, base.unit), 2)} {base.unit}，应为{'增长' if expected >= 0 else '下降'} "
            f"{format_amount(abs(expected), p.decimals, thousands=False)}%，正文为{st.shown}",
            expected=f"{format_amount(expected, p.decimals, thousands=False)}%",
            actual=f"{format_amount(p.value * st.sign, p.decimals, thousands=False)}%",
        )
    gap = abs(st.old - reference_value) - st.tolerance - ref_half
    if gap <= 0:
        return None
    tail = gap <= _wan(Decimal(1).scaleb(-st.decimals), st.unit)
    said = "年初预算数" if "年初" in a.nt.flow[st.start:st.end] else "上年数"
    text_value = _in(st.old, st.unit)
    return _finding(
        st, tv, cp, tail, established,
        f"{said}与参考文件不符：正文为 {st.shown} {st.unit}，{where} · {subject}为 "
        f"{_fmt(_in(reference_value, st.unit), st.decimals)} {st.unit}" + ("（末位尾差）" if tail else ""),
        expected=_fmt(_in(reference_value, st.unit), st.decimals),
        actual=_fmt(text_value, st.decimals),
        difference=_fmt(text_value - _in(reference_value, st.unit), st.decimals),
    )


def _in(value_wan: Decimal, unit: str) -> Decimal:
    return value_wan * UNIT_FACTORS["万元"] / UNIT_FACTORS.get(unit, UNIT_FACTORS["万元"])


def _subject_of(cp: Counterpart) -> str:
    structure = structure_of(cp.table)
    segment = segment_of(structure, cp.col)
    row = structure.segments[segment].rows[cp.row] if segment is not None else None
    column = column_name(structure.column(cp.col), cp.col)
    label = row.display if row is not None and (row.label or row.code) else ""
    return f"{label} · {column}" if label else column


def _finding(st: Statement, tv: TableValue, cp: Counterpart, tail: bool, established: bool, message: str, **values: str) -> Finding:
    certain = established and cp.certain and st.sole and not tail
    return Finding(
        RULE,
        Severity.ERROR if certain else Severity.WARNING,
        message,
        cells=[CellRef(tv.table.id, tv.row, tv.col)] if tv.row >= 0 else [],
        reference_cells=[CellRef(cp.table.id, cp.row, cp.col)],
        reference_page=value_cell(cp.table, cp.row, cp.col).page or (cp.table.pages[0] if cp.table.pages else None),
        **values,
    )
