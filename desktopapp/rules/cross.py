"""Across tables: the same figure wherever it is printed.

Every table states facts (see facts.py): what each figure is — measure (合计, 基本支出, 人员经费,
机关运行经费 …), funds (all, 财政拨款, 一般公共预算 …), period and subject — from the table's
scope and the column's meaning. Two prints of one fact must agree (元 and 万元 converted,
compared at the coarser precision). Figures of different funds or of different parts of the
budget are different facts and are never compared for equality.

Funds coincide only when the document shows it: when two funds' totals of one measure agree
(the 一般公共预算 basic-expenditure total equals the all-funds one), every 科目's figure of that
measure is the same in both, so those rows are compared too; when the expenditure totals agree
the funds coincide for every part of the expenditure (基本支出, 人员经费, 项目支出 …), and when
基本支出 totals agree, for 人员经费 and 公用经费. Likewise 本年 and all periods when nothing was
carried over. The odd one out (by table majority) is reported against the others; with no
majority, the disagreement is reported as a whole. A blank cell prints no fact (never 0). Tables
whose funds could not be established (title and content disagree) are compared with nothing, and
the document gets one warning; tables whose header could not be read as printed (which column is
which: header_doubtful) neither, and one hint names them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from desktopapp.core.labels import table_caption
from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.facts import FACT_KINDS, Fact, Key, table_facts
from desktopapp.rules.relation import Operand, Outcome, cell_amount, evaluate, fmt, not_printed, with_printed
from desktopapp.tables.structure import structure_of

RULE = "cross_table"

MEASURE_NAMES = {
    "total": "合计",
    "basic": "基本支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "project": "项目支出",
    "income": "收入",
    "operating": "经营支出",
    "upper": "上缴上级支出",
    "subsidiary": "对附属单位补助支出",
    "three_public": "“三公”经费",
    "running_costs": "机关运行经费",
    "procurement": "政府采购",
    "entrusted": "委托业务费",
}
# Measures a coincidence of funds carries over to: equal expenditure totals leave no room for
# a difference in any part; equal 基本支出 totals none in 人员经费 or 公用经费.
_WITHIN = {"total": None, "basic": ("personnel", "public")}
FUND_NAMES = {
    "all": "",
    "fiscal": "财政拨款",
    "general": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "special": "财政专户管理资金",
    "unit_funds": "单位资金",
    "business": "事业收入",
    "operating_income": "事业单位经营收入",
    "upper_grant": "上级补助收入",
    "subsidiary_income": "附属单位上缴收入",
    "other": "其他收入",
    "nonfiscal": "非财政拨款",
}
PERIOD_NAMES = {"all": "", "current": "本年", "carryover": "上年结转"}

Scope = tuple[str, str, str]  # measure, fund, period


def compare(a: Fact, b: Fact) -> Outcome:
    """a − b, in the coarser unit and precision of the two."""
    total = a.operands[0]
    operands = [replace(o, sign=-o.sign) for o in a.operands[1:]] + list(b.operands)
    return evaluate(total, operands, extra_terms=max(len(a.operands) - 1, 0))


def _is_zero(fact: Fact) -> bool:
    return all(_value_of(o) == 0 for o in fact.operands)


def _value_of(o: Operand) -> Decimal:
    v = cell_amount(o.cell)
    return v if v is not None else Decimal(0)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Scope, Scope] = {}

    def find(self, s: Scope) -> Scope:
        self.parent.setdefault(s, s)
        while self.parent[s] != s:
            self.parent[s] = self.parent[self.parent[s]]
            s = self.parent[s]
        return s

    def union(self, a: Scope, b: Scope) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _agree(a: Fact, b: Fact) -> bool:
    return compare(a, b).severity != Severity.ERROR


def scopes(facts: list[Fact]) -> _Union:
    """Which (measure, fund, period) scopes hold the same money, judged by their totals."""
    totals: dict[Scope, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.key[3] == "TOTAL":
            totals[f.key[:3]].append(f)  # type: ignore[index]
    uf = _Union()
    nonzero = {k: [f for f in v if not _is_zero(f)] for k, v in totals.items()}
    keys = [k for k in totals if nonzero[k]]
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a[0] != b[0] or a == b:
                continue
            same_period = a[2] == b[2]
            same_fund_periods = a[1] == b[1] and {a[2], b[2]} == {"all", "current"}
            if not (same_period or same_fund_periods):
                continue
            if any(_agree(fa, fb) for fa in nonzero[a] for fb in nonzero[b]):
                uf.union(a, b)
    # Nothing carried over: the 本年 figures are the whole year's.
    for (measure, fund, period), found in totals.items():
        if period == "carryover" and found and all(_is_zero(f) for f in found):
            uf.union((measure, fund, "all"), (measure, fund, "current"))
    _carry_over(uf, {f.key[:3] for f in facts})  # type: ignore[misc]
    return uf


def _carry_over(uf: _Union, present: set[Scope]) -> None:
    """Funds (and periods) that coincide for a measure coincide for the measures within it."""
    for outer, inner in _WITHIN.items():
        classes: dict[Scope, list[tuple[str, str]]] = defaultdict(list)
        for scope in {s for s in present if s[0] == outer}:
            classes[uf.find(scope)].append(scope[1:])
        for members in classes.values():
            if len(members) < 2:
                continue
            measures = {s[0] for s in present if s[0] != outer and (inner is None or s[0] in inner)}
            if inner is None:
                measures -= {"income"}  # income is not a part of the expenditure
            for measure in measures:
                first = (measure, *members[0])
                for fund_period in members[1:]:
                    uf.union(first, (measure, *fund_period))  # type: ignore[arg-type]


def _measure_name(measure: str) -> str:
    return "".join(MEASURE_NAMES.get(m, m) for m in measure.split("."))


def _describe_key(key: Key, fact: Fact) -> str:
    measure, fund, period, subject = key
    what = f"{PERIOD_NAMES.get(period, '')}{FUND_NAMES.get(fund, fund)}{_measure_name(measure)}"
    if subject == "TOTAL":
        return what if measure != "income" else f"{what}合计"
    return f"「{fact.row_label}」{what}"


def _where(fact: Fact) -> str:
    title = fact.table.title or fact.table.id
    return f"{title}“{fact.row_label}”{('（' + fact.column_label + '）') if fact.column_label else ''}"


def _printed(fact: Fact, decimals: int) -> str:
    if len(fact.operands) == 1:
        cell = fact.operands[0].cell
        if cell.corrected is not None:  # the value in force, and the printed figure where it differs
            return with_printed(cell, fmt(cell.corrected, decimals))
        return cell.text.strip() or "空白"
    return fmt(sum((_value_of(o) for o in fact.operands), 0), decimals)


def _unit_slip(a: Fact, b: Fact) -> bool:
    """Figures 10,000 apart: the same amount in 元 and 万元 with a unit misread or misprinted."""
    units = {a.table.unit, b.table.unit}
    if len(units) == 2 and None not in units:
        return False  # two different stated units: already converted before comparing
    va = sum((_value_of(o) for o in a.operands), Decimal(0))
    vb = sum((_value_of(o) for o in b.operands), Decimal(0))
    if not va or not vb:
        return False
    ratio = abs(va / vb)
    return any(abs(ratio - k) <= k * Decimal("0.001") for k in (Decimal(10000), Decimal("0.0001")))


def _cells(facts: Iterable[Fact]) -> list:
    out = []
    for f in facts:
        for o in f.operands:
            if o.ref not in out:
                out.append(o.ref)
    return out


def _group_findings(key: Key, group: list[Fact]) -> Iterable[Finding]:
    clusters: list[list[Fact]] = []
    for fact in group:
        for cluster in clusters:
            if compare(fact, cluster[0]).severity is None:
                cluster.append(fact)
                break
        else:
            clusters.append([fact])
    if len(clusters) < 2:
        return
    votes = [len({f.table.id for f in c}) for c in clusters]
    best = max(votes)
    majority = [c for c, v in zip(clusters, votes) if v == best]
    subject = _describe_key(key, group[0])
    if len(majority) == 1:
        reference = majority[0]
        for cluster in clusters:
            if cluster is reference:
                continue
            for fact in cluster:
                outcome = compare(fact, reference[0])
                if outcome.severity is None:
                    continue
                d = outcome.decimals
                others = "、".join(f"{_where(r)} {_printed(r, d)}" for r in reference[:3])
                tail = "，在尾差范围内" if outcome.severity == Severity.WARNING else ""
                if outcome.severity == Severity.ERROR and _unit_slip(fact, reference[0]):
                    outcome.tolerance = abs(outcome.difference)  # reported as a warning
                    tail = "；两个数字相差一万倍，可能是两表的金额单位（元/万元）标注有误"
                message = (
                    f"{subject}：{_where(fact)} {_printed(fact, d)} ≠ {others}"
                    f"（差 {fmt(outcome.actual - outcome.expected, d)}{tail}）"
                )
                yield _finding(fact, [fact, *reference], outcome, message)
        return
    # No majority: report the disagreement once, against the first print.
    first = group[0]
    worst: Outcome | None = None
    slip = False
    for cluster in clusters:
        if first in cluster:
            continue
        outcome = compare(cluster[0], first)
        if worst is None or (outcome.severity == Severity.ERROR and worst.severity != Severity.ERROR):
            worst = outcome
            slip = outcome.severity == Severity.ERROR and _unit_slip(cluster[0], first)
    if worst is None:
        return
    d = worst.decimals
    listing = "；".join(f"{_where(f)} {_printed(f, d)}" for f in group[:6])
    tail = "，在尾差范围内" if worst.severity == Severity.WARNING else ""
    if slip:
        worst.tolerance = abs(worst.difference)
        tail = "；两个数字相差一万倍，可能是两表的金额单位（元/万元）标注有误"
    message = f"{subject}在各表中不一致：{listing}（差 {fmt(worst.actual - worst.expected, d)}{tail}）"
    yield _finding(first, group, worst, message)


def _finding(main: Fact, facts: list[Fact], outcome: Outcome, message: str) -> Finding:
    d = outcome.decimals
    cell = main.operands[0].cell
    return Finding(
        rule=RULE,
        severity=outcome.severity or Severity.WARNING,
        message=message,
        cells=_cells(facts),
        expected=fmt(outcome.expected, d),
        actual=fmt(outcome.actual, d),
        difference=fmt(outcome.difference, d),
        page=cell.page or (main.table.pages[0] if main.table.pages else None),
        table=main.table.id,
    )


def all_facts(document: Document, ctx: RuleContext) -> list[Fact]:
    return [f for t in document.tables for f in table_facts(document, t, ctx.cache)]


def _uncertain_scopes(document: Document) -> Iterable[Finding]:
    """One warning naming the tables whose funds could not be established (left out)."""
    why = []
    for table in document.tables:
        if table.numeric and table.body:
            scope = structure_of(table, document).scope
            if not scope.certain:
                why.append(scope.why)
    if why:
        yield Finding(
            rule=RULE,
            severity=Severity.WARNING,
            message=f"未能确认资金口径，以下表格未与其他表比较：{'；'.join(why[:3])}{'等' if len(why) > 3 else ''}。",
        )


def _doubtful_headers(document: Document) -> Iterable[Finding]:
    """One hint naming the tables left out because which column is which was not established
    (facts.py: a header whose bands cross, labels of two columns read as one), so the officer
    knows their figures were not compared and can check them by eye."""
    left_out = []
    for table in document.tables:
        if not table.numeric or table.is_empty:
            continue
        layout = structure_of(table, document)
        if layout.header_doubtful and layout.scope.certain and layout.kind in FACT_KINDS:
            left_out.append(table)
    if left_out:
        names = "、".join(f"“{table_caption(t) or t.id}”" for t in left_out[:4])
        yield Finding(
            rule=RULE,
            severity=Severity.INFO,
            message=(
                f"{names}{'等' if len(left_out) > 4 else ''}的表头层次未能确认（哪一栏是哪项数字不确定），"
                "其数字未与其他表比较，请人工核对。"
            ),
            page=left_out[0].pages[0] if left_out[0].pages else None,
            table=left_out[0].id,
        )


@rule(RULE)
def check_cross_tables(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    yield from _uncertain_scopes(document)
    yield from _doubtful_headers(document)
    facts = all_facts(document, ctx)
    if not facts:
        return
    uf = scopes(facts)
    groups: dict[Key, list[Fact]] = defaultdict(list)
    for f in facts:
        if all(not_printed(o.cell) for o in f.operands):
            continue  # a blank is not printed (a figure merged across columns, or left out), never 0
        scope = uf.find(f.key[:3])  # type: ignore[arg-type]
        groups[(*scope, f.key[3])].append(f)
    for key, group in groups.items():
        if len({f.table.id for f in group}) < 2 or all(_is_zero(f) for f in group):
            continue  # printed once, or nowhere with a figure: nothing to compare
        ctx.count(RULE, len(group) - 1)  # each print is compared with the others' reading
        yield from _group_findings(key, group)
