"""What each figure of the narrative stands for, and the table cell that prints it.

Two kinds of quoted figures are tied to tables:
- 科目 items: "社会保障和就业支出（类）…（款）…（项）1099.62万元", "一般公共服务支出（类）2106.66万元";
- named totals: "收入支出总计 2995.39万元", "基本支出 1583.46万元", "“三公”经费预算数为 10.81万元".
The section a figure stands in (一般公共预算…情况说明, 支出决算情况说明 …) decides which table it
is read against, as officers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from desktopapp.rules.narrative.parse import CJK, NarrativeText, normalize_name
from desktopapp.rules.narrative.tables import (
    TableIndex,
    TableValue,
    first_amount_col,
    names_match,
    table_role,
    value_at,
)
from desktopapp.rules.subjects import FUNCTION_CLASSES
from desktopapp.tables.subject_names import OUTDATED_NAMES

# ---------------------------------------------------------------- sections


_SECTION_KEYS = (
    ("三公", "three_public"),
    ("机关运行", "ops"),
    ("采购", "procurement"),
    ("资产", "assets"),
    ("绩效", "performance"),
    ("基本支出", "basic"),
    ("政府性基金", "gov_fund"),
    ("国有资本", "soe"),
    ("一般公共预算", "general"),
    ("财政拨款收", "fiscal"),
    ("财政拨款支出", "fiscal"),
    ("项目", "project"),
    ("收入支出", "overall"),
    ("收支", "overall"),
    ("收入", "income"),
    ("支出", "expenditure"),
)


def section_category(section: str) -> str:
    for heading in reversed(section.split("|")):
        for key, cat in _SECTION_KEYS:
            if key in heading:
                return cat
    return ""


# ---------------------------------------------------------------- 科目 items

CURRENT_CLASS_NAMES = FUNCTION_CLASSES  # one list of 类 names: rules/subjects.py

ITEM = re.compile(
    rf"(?P<lei>[{CJK}“”]+?)[（(](?P<lc>\d{{3}})?类[）)](?:支出)?"
    rf"(?:(?P<kuan>[{CJK}“”]+?)[（(](?P<kc>\d{{2,5}})?款[）)])?"
    rf"(?:(?P<xiang>[{CJK}“”]+?)[（(](?P<xc>\d{{2,7}})?项[）)])?"
)


@dataclass
class Item:
    start: int
    end: int
    names: list[str]
    codes: list[str | None]
    paragraph: int
    amounts: list[int] = field(default_factory=list)  # mentions quoting this item's figure
    head: int | None = None  # the mention right after the item name


def _trim_class_name(name: str, known: set[str]) -> str:
    if name in known:
        return name
    if name + "支出" in known:  # "社会保障和就业（类）支出"
        return name + "支出"
    for i in range(1, len(name) - 1):
        if name[i:] in known:
            return name[i:]
    return name


_FINAL_FIGURE = re.compile(r"(?:支出)?决算(?:数)?为?$")
_BUDGET_FIGURE = re.compile(r"(?:(20\d\d)年)?(?:预算安排|预算数为?|预算为|安排)$")


def find_items(nt: NarrativeText, known_class_names: set[str]) -> list[Item]:
    items: list[Item] = []
    for p in nt.paragraphs:
        for m in ITEM.finditer(p.text):
            printed = m.group("lei")
            lei = _trim_class_name(printed, known_class_names)
            names = [lei]
            codes: list[str | None] = [m.group("lc")]
            if m.group("kuan"):
                names.append(m.group("kuan"))
                codes.append(m.group("kc"))
                if m.group("xiang"):
                    names.append(m.group("xiang"))
                    codes.append(m.group("xc"))
            start = p.start + m.start() + max(0, len(printed) - len(lei))
            items.append(Item(start, p.start + m.end(), names, codes, p.index))
    # attach the figures quoted for each item
    for k, it in enumerate(items):
        nxt = items[k + 1].start if k + 1 < len(items) and items[k + 1].paragraph == it.paragraph else None
        limit = nxt if nxt is not None else nt.paragraphs[it.paragraph].end
        for idx, mt in enumerate(nt.mentions):
            if mt.kind != "amount" or mt.start < it.end or mt.start >= limit:
                continue
            gap = nt.flow[it.end : mt.start]
            if (
                it.head is None
                and len(gap) <= 12
                and not re.search(r"[。；]", gap)
                and (len(gap) <= 2 or re.fullmatch(r"[:：]?(?:20\d\d年)?(?:预算数|预算|支出)?为?", gap))
            ):
                it.head = idx
                it.amounts.append(idx)
                continue
            label = mt.label
            if nt.is_final and _FINAL_FIGURE.search(label) and "年初" not in label:
                it.amounts.append(idx)
            elif nt.is_final is False:
                bm = _BUDGET_FIGURE.search(label)
                if (
                    bm
                    and "执行" not in label
                    and "上年" not in label
                    and (bm.group(1) is None or nt.year is None or int(bm.group(1)) == nt.year)
                ):
                    it.amounts.append(idx)
    return items


# ---------------------------------------------------------------- named totals


@dataclass(frozen=True)
class Lookup:
    roles: tuple[str, ...]
    rows: tuple[str, ...] = ()
    cols: tuple[str, ...] | None = None
    col_exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    name: str  # how the message names the figure
    label: re.Pattern
    final: bool | None  # None: budgets and final accounts
    sections: tuple[str, ...] | None  # section categories where the label means this figure
    lookups: tuple[Lookup, ...]
    exclude: re.Pattern | None = None  # labels that look alike but mean something else
    # what the sentence must say before the figure ("本年收入中，…"); a context spec that finds
    # no table figure leaves the figure to the specs after it
    context: re.Pattern | None = None


def _spec(name, label, final, sections, *lookups, exclude=None, context=None) -> Spec:
    return Spec(
        name,
        re.compile(label),
        final,
        sections,
        tuple(lookups),
        re.compile(exclude) if exclude else None,
        re.compile(context) if context else None,
    )


# "本年收入中，一般公共预算拨款收入 X 万元": X is this year's money only, without 上年结转 —
# the 本年 column where the 收支总表 prints 合计 | 本年 | 上年结转 side by side.
_THIS_YEAR = r"本年(?:预算)?收入(?:合计)?中[，,]?$"


def _this_year_income(name: str, label: str, rows: tuple[str, ...], income_col: str) -> Spec:
    return _spec(
        f"本年收入中的{name}",
        label,
        False,
        None,
        Lookup(("summary",), rows=rows, cols=("本年",), col_exclude=("上年", "结转")),
        Lookup(("income",), cols=("本年", income_col), col_exclude=("上年", "结转")),
        context=_THIS_YEAR,
    )


_TOTAL_ROWS = ("总计", "收入总计", "收入合计", "收入总额")
_EXP_TOTAL_ROWS = ("支出总计", "总计", "支出合计")

SPECS: tuple[Spec, ...] = (
    # ---- final accounts
    _spec(
        "财政拨款收入支出总计",
        r"财政拨款(?:收入支出|收、?支)总计(?:为|是)?$",
        True,
        None,
        Lookup(("fiscal",), rows=("总计",)),
    ),
    _spec(
        "收入支出总计",
        r"(?:收入支出|收、?支)总计(?:为|是)?$",
        True,
        None,
        Lookup(("summary",), rows=("总计",)),
        exclude=r"财政拨款",
    ),
    _spec(
        "本年收入合计",
        r"本年收入合计(?:为|是)?$",
        True,
        None,
        Lookup(("summary",), rows=("本年收入合计",)),
        Lookup(("income",), cols=("本年收入合计",)),
    ),
    _spec(
        "本年支出合计",
        r"本年支出合计(?:为|是)?$",
        True,
        None,
        Lookup(("summary",), rows=("本年支出合计",)),
        Lookup(("expenditure",), cols=("本年支出合计",)),
    ),
    _spec(
        "财政拨款收入",
        r"^(?:其中)?财政拨款收入(?:为|是)?$",
        True,
        ("income", "overall"),
        Lookup(("income",), cols=("财政拨款收入",)),
    ),
    _spec(
        "其他收入",
        r"^(?:其中)?其他收入(?:为|是)?$",
        True,
        ("income", "overall"),
        Lookup(("income",), cols=("其他收入",)),
        Lookup(("summary",), rows=("其他收入",)),
    ),
    _spec(
        "事业收入",
        r"^(?:其中)?事业收入(?:为|是)?$",
        True,
        ("income", "overall"),
        Lookup(("income",), cols=("事业收入",)),
        Lookup(("summary",), rows=("事业收入",)),
    ),
    _spec(
        "基本支出",
        r"^(?:其中)?基本支出(?:为|是)?$",
        True,
        ("expenditure",),
        Lookup(("expenditure",), cols=("基本支出",)),
    ),
    _spec(
        "项目支出",
        r"^(?:其中)?项目支出(?:为|是)?$",
        True,
        ("expenditure",),
        Lookup(("expenditure",), cols=("项目支出",)),
    ),
    _spec(
        "一般公共预算财政拨款基本支出",
        r"一般公共预算财政拨款基本支出(?:决算)?(?:为|是)?$",
        True,
        None,
        Lookup(("general",), cols=("基本支出",)),
    ),
    _spec(
        "一般公共预算财政拨款支出",
        r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?$",
        True,
        None,
        Lookup(("general",), cols=("合计",), col_exclude=("基本", "项目")),
    ),
    _spec(
        "人员经费",
        r"^(?:其中)?人员经费(?:合计)?(?:为|是)?$",
        True,
        ("basic",),
        Lookup(("basic",), rows=("人员经费合计", "人员经费")),
        Lookup(("basic",), cols=("人员经费",)),
        Lookup(("general",), cols=("人员经费",)),
    ),
    _spec(
        "公用经费",
        r"^(?:其中)?公用经费(?:合计)?(?:为|是)?$",
        True,
        ("basic",),
        Lookup(("basic",), rows=("公用经费合计", "公用经费")),
        Lookup(("basic",), cols=("公用经费",)),
        Lookup(("general",), cols=("公用经费",)),
    ),
    _spec(
        "“三公”经费年初预算",
        r"三公”?经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("合计", "预算数")),
    ),
    _spec(
        "“三公”经费决算",
        r"三公”?经费(?:财政拨款)?支出决算(?:数)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("合计", "决算数")),
    ),
    _spec(
        "因公出国（境）费决算",
        r"因公出国[（(]境[）)](?:经)?费(?:用)?(?:支出)?决算(?:数)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("因公出国", "决算数")),
    ),
    _spec(
        "公务用车购置及运行维护费决算",
        r"公务用车购置及运行(?:维护)?费(?:支出)?决算(?:数)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("公务用车购置及运行", "决算数")),
    ),
    _spec(
        "公务用车购置费决算",
        r"公务用车购置(?:费)?(?:支出)?(?:决算)?为$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("购置费", "决算数"), col_exclude=("小计",)),
    ),
    _spec(
        "公务用车运行维护费决算",
        r"公务用车运行(?:维护)?(?:费)?(?:支出)?(?:决算)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("公务用车运行", "决算数"), col_exclude=("小计",)),
    ),
    _spec(
        "公务接待费决算",
        r"公务接待费(?:支出)?决算(?:数)?为?$",
        True,
        ("three_public",),
        Lookup(("three_public",), cols=("公务接待费", "决算数")),
    ),
    # ---- budgets
    _this_year_income(
        "一般公共预算拨款收入",
        r"^(?:其中)?一般公共预算(?:财政)?拨款(?:收入)?(?:为|是)?$",
        ("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算"),
        "一般公共预算",
    ),
    _this_year_income(
        "政府性基金预算拨款收入",
        r"^(?:其中)?政府性基金(?:预算)?(?:财政)?拨款(?:收入)?(?:为|是)?$",
        ("政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算"),
        "政府性基金",
    ),
    _this_year_income(
        "国有资本经营预算拨款收入",
        r"^(?:其中)?国有资本经营(?:预算)?(?:财政)?拨款(?:收入)?(?:为|是)?$",
        ("国有资本经营预算拨款收入", "国有资本经营预算拨款", "国有资本经营预算"),
        "国有资本经营",
    ),
    _this_year_income(
        "财政拨款收入",
        r"^(?:其中)?财政拨款(?:收入)?(?:为|是)?$",
        ("财政拨款收入", "财政拨款"),
        "财政拨款",
    ),
    _spec(
        "财政拨款收支总预算",
        r"财政拨款收支总预算(?:为|是)?$",
        False,
        None,
        Lookup(("fiscal",), rows=_TOTAL_ROWS),
    ),
    _spec(
        "收支总预算",
        r"收支总预算(?:为|是)?$",
        False,
        None,
        Lookup(("summary",), rows=_TOTAL_ROWS),
        exclude=r"财政拨款",
    ),
    _spec(
        "收入预算",
        r"收入预算(?:总额|合计)?(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=_TOTAL_ROWS),
        exclude=r"财政|一般公共|基金|国有|事业|其他",
    ),
    _spec(
        "支出预算",
        r"支出预算(?:总额|合计)?(?:为|是)?$",
        False,
        ("overall", "expenditure", ""),
        Lookup(("summary",), rows=_EXP_TOTAL_ROWS),
        exclude=r"财政|一般公共|基金|国有|基本|项目|采购",
    ),
    _spec(
        "财政拨款收入",
        r"^(?:其中)?财政拨款收入(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=("财政拨款收入", "财政拨款")),
    ),
    _spec(
        "一般公共预算拨款收入",
        r"^(?:其中)?一般公共预算(?:财政)?拨款收入(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算")),
    ),
    _spec(
        "事业收入",
        r"^(?:其中)?事业收入(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=("事业收入",)),
    ),
    _spec(
        "事业单位经营收入",
        r"^(?:其中)?事业单位经营收入(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=("事业单位经营收入",)),
    ),
    _spec(
        "其他收入",
        r"^(?:其中)?其他收入(?:为|是)?$",
        False,
        ("overall", "income", ""),
        Lookup(("summary",), rows=("其他收入",)),
    ),
    _spec(
        "财政拨款支出预算",
        r"财政拨款支出预算(?:为|是)?$",
        False,
        None,
        Lookup(("fiscal",), rows=_EXP_TOTAL_ROWS),
    ),
    _spec(
        "一般公共预算拨款支出预算",
        r"一般公共预算(?:拨款)?支出预算(?:为|是)?$",
        False,
        None,
        Lookup(("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("一般公共预算",)),
    ),
    _spec(
        "政府性基金拨款支出预算",
        r"政府性基金(?:预算)?(?:拨款)?支出预算(?:为|是)?$",
        False,
        None,
        Lookup(("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("政府性基金",)),
    ),
    _spec(
        "国有资本经营预算拨款支出预算",
        r"国有资本经营预算(?:拨款)?支出预算(?:为|是)?$",
        False,
        None,
        Lookup(("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("国有资本经营",)),
    ),
    _spec(
        "基本支出",
        r"^(?:其中)?基本支出(?:预算)?(?:为|是)?$",
        False,
        ("expenditure", "overall"),
        Lookup(("expenditure",), cols=("基本支出",)),
    ),
    _spec(
        "项目支出",
        r"^(?:其中)?项目支出(?:预算)?(?:为|是)?$",
        False,
        ("expenditure", "overall"),
        Lookup(("expenditure",), cols=("项目支出",)),
    ),
    _spec(
        "一般公共预算基本支出",
        r"^(?:其中)?基本支出(?:为|是)?$",
        False,
        ("general",),
        Lookup(("general",), cols=("基本支出",)),
    ),
    _spec(
        "一般公共预算项目支出",
        r"^(?:其中)?项目支出(?:为|是)?$",
        False,
        ("general",),
        Lookup(("general",), cols=("项目支出",)),
    ),
    _spec(
        "一般公共预算基本支出",
        r"一般公共预算基本支出(?:预算)?(?:为|是)?$",
        False,
        None,
        Lookup(("basic",), cols=("合计",)),
        Lookup(("general",), cols=("基本支出",)),
    ),
    _spec(
        "人员经费",
        r"^(?:其中)?人员经费(?:为|是)?$",
        False,
        ("basic", "general"),
        Lookup(("basic",), cols=("人员经费",)),
        Lookup(("general",), cols=("人员经费",)),
    ),
    _spec(
        "公用经费",
        r"^(?:其中)?公用经费(?:为|是)?$",
        False,
        ("basic", "general"),
        Lookup(("basic",), cols=("公用经费",)),
        Lookup(("general",), cols=("公用经费",)),
    ),
    _spec(
        "“三公”经费预算",
        r"三公”?经费(?:财政拨款)?(?:支出)?(?:预算数?|预算安排)?(?:为|是)?$",
        False,
        None,
        Lookup(("three_public",), cols=("合计",), col_exclude=("机关运行",)),
        Lookup(("three_public",), rows=("合计", "“三公”经费合计", "三公经费合计")),
    ),
    _spec(
        "因公出国（境）费预算",
        r"因公出国[（(]境[）)](?:经)?费(?:用)?(?:预算数?)?(?:为)?$",
        False,
        ("three_public",),
        Lookup(("three_public",), cols=("因公出国",)),
        Lookup(("three_public",), rows=("因公出国（境）费", "因公出国（境）费用", "因公出国(境)费")),
    ),
    _spec(
        "公务用车购置及运行费预算",
        r"公务用车购置及运行(?:维护)?费(?:预算数?)?(?:为)?$",
        False,
        ("three_public",),
        Lookup(("three_public",), cols=("公务用车购置及运行",)),
        Lookup(("three_public",), rows=("公务用车购置及运行费", "公务用车购置及运行维护费")),
    ),
    _spec(
        "公务用车购置费预算",
        r"公务用车购置费(?:预算数?)?(?:为)?$",
        False,
        ("three_public",),
        Lookup(("three_public",), cols=("购置费",), col_exclude=("小计",)),
        Lookup(("three_public",), rows=("公务用车购置费", "公务用车购置")),
    ),
    _spec(
        "公务用车运行费预算",
        r"公务用车运行(?:维护)?费(?:预算数?)?(?:为)?$",
        False,
        ("three_public",),
        Lookup(("three_public",), cols=("运行费",), col_exclude=("小计", "购置及运行费合计")),
        Lookup(("three_public",), cols=("运行维护费",), col_exclude=("小计",)),
        Lookup(("three_public",), rows=("公务用车运行费", "公务用车运行维护费")),
    ),
    _spec(
        "公务接待费预算",
        r"公务接待费(?:预算数?)?(?:为)?$",
        False,
        ("three_public",),
        Lookup(("three_public",), cols=("公务接待费",)),
        Lookup(("three_public",), rows=("公务接待费",)),
    ),
    _spec(
        "机关运行经费预算",
        r"机关运行经费(?:财政拨款)?预算(?:数)?为?$",
        False,
        None,
        Lookup(("three_public",), cols=("机关运行经费",)),
    ),
)

_LEADING_NUMBER = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.](?!\d))+"
)
_MEASURE = re.compile(r"(?:支出)?(?:年初预算|决算数?|预算数?|预算安排)?(?:为|是)?$")


def full_label(nt: NarrativeText, index: int) -> str:
    """The mention's label, with the subject taken from the figure before it when the clause
    names only the measure ("…年初预算为 2.85万元，支出决算为 0.39万元")."""
    mt = nt.mentions[index]
    label = _LEADING_NUMBER.sub("", mt.label)
    subject = _MEASURE.sub("", label)
    if len(subject) >= 2 and subject not in ("支出",):
        return label
    for j in range(index - 1, -1, -1):
        prev = nt.mentions[j]
        if prev.sentence != mt.sentence:
            break
        if prev.kind != "amount":
            continue
        prev_subject = _MEASURE.sub("", prev.label)
        if len(prev_subject) >= 2:
            return prev_subject + label
    return label


@dataclass
class Resolution:
    mention: int
    what: str  # 科目 path or the figure's name, for messages
    candidates: list[TableValue]  # preferred table cells, best first
    others: list[TableValue]  # the same figure in other tables
    item: Item | None = None
    context_start: int | None = None  # where the words naming the figure begin ("本年收入中，…")
    context: str = ""  # those words, when they fix the column ("本年收入中")


def _lookup(index: TableIndex, lk: Lookup) -> TableValue | None:
    for table in index.tables(*lk.roles):
        if lk.rows:
            tv = index.labelled(table, lk.rows, lk.cols, lk.col_exclude)
        elif lk.cols:
            tv = index.column_total(table, lk.cols, lk.col_exclude)
        else:
            tv = None
        if tv is not None:
            return tv
    return None


def resolve_named(nt: NarrativeText, index: TableIndex) -> list[Resolution]:
    out = []
    for i, mt in enumerate(nt.mentions):
        if mt.kind != "amount":
            continue
        label = full_label(nt, i)
        category = section_category(nt.paragraphs[mt.paragraph].section)
        for spec in SPECS:
            if spec.final is not None and nt.is_final is not None and spec.final != nt.is_final:
                continue
            if spec.sections is not None and category not in spec.sections:
                continue
            if not spec.label.search(label):
                continue
            if spec.exclude is not None and spec.exclude.search(label):
                continue
            context = None
            if spec.context is not None:
                s = nt.sentences[mt.sentence] if mt.sentence >= 0 else None
                floor = s.start if s is not None else mt.start
                context = spec.context.search(nt.flow[floor : mt.start - len(mt.label)])
                if context is None:
                    continue
            hits = [tv for tv in (_lookup(index, lk) for lk in spec.lookups) if tv is not None]
            if hits:
                res = Resolution(i, spec.name, hits[:1], hits[1:])
                if context is not None:
                    res.context_start = floor + context.start()
                    res.context = context.group(0).rstrip("，,")
                out.append(res)
            elif spec.context is not None:
                continue
            break
    return out


ITEM_ROLES = {
    "general": ("general",),
    "fiscal": ("fiscal", "general"),
    "expenditure": ("expenditure",),
    "overall": ("summary", "expenditure"),
}
DEFAULT_ITEM_ROLES = ("general", "expenditure", "fiscal", "income")


def item_value(
    index: TableIndex, item: Item, roles: tuple[str, ...]
) -> tuple[TableValue | None, int, object]:
    """(value, depth reached, table) of an item in the first table of `roles` that has it."""
    best: tuple[TableValue | None, int, object] = (None, 0, None)
    for table in index.tables(*roles):
        if table_role(table) in ("summary", "fiscal"):
            if len(item.names) == 1:
                tv = index.labelled(table, (item.names[0],))
                if tv is not None:
                    return tv, 1, table
            continue
        row, depth = index.resolve_item(table, item.names, item.codes)
        if row is not None and depth == len(item.names):
            col = first_amount_col(table, row.row, row.name_col)
            tv = value_at(table, row.row, col) if col is not None else None
            if tv is not None:
                return tv, depth, table
        if depth > best[1]:
            best = (None, depth, table)
    return best


def resolve_items(nt: NarrativeText, index: TableIndex, items: list[Item]) -> list[Resolution]:
    out = []
    for it in items:
        if not it.amounts:
            continue
        category = section_category(nt.paragraphs[it.paragraph].section)
        roles = ITEM_ROLES.get(category, DEFAULT_ITEM_ROLES)
        tv, _, _ = item_value(index, it, roles)
        if tv is None and roles != DEFAULT_ITEM_ROLES:
            tv, _, _ = item_value(index, it, DEFAULT_ITEM_ROLES)
        if tv is None:
            continue
        others = []
        for role in DEFAULT_ITEM_ROLES:
            if role in roles:
                continue
            ov, _, _ = item_value(index, it, (role,))
            if ov is not None:
                others.append(ov)
        what = "".join(f"{n}（{lv}）" for n, lv in zip(it.names, "类款项"))
        for m in it.amounts:
            out.append(Resolution(m, what, [tv], others, it))
    return out


def class_name_mentions(nt: NarrativeText, index: TableIndex, taken: set[int]) -> list[Resolution]:
    """Figures labelled with a bare 类 name ("支出包括：社会保障和就业支出 1452.43 万元")."""
    names = set(CURRENT_CLASS_NAMES.values())
    out = []
    for i, mt in enumerate(nt.mentions):
        if mt.kind != "amount" or i in taken:
            continue
        label = normalize_name(mt.label)
        if label not in names:
            continue
        category = section_category(nt.paragraphs[mt.paragraph].section)
        roles = ITEM_ROLES.get(category, DEFAULT_ITEM_ROLES)
        item = Item(mt.start - len(label), mt.start, [label], [None], mt.paragraph, [i], i)
        tv, _, _ = item_value(index, item, roles)
        if tv is not None:
            out.append(Resolution(i, label, [tv], [], item))
    return out


def known_class_names(index: TableIndex) -> set[str]:
    names = set(CURRENT_CLASS_NAMES.values()) | set(OUTDATED_NAMES)
    for table in index.tables("general", "expenditure", "income", "fiscal", "summary"):
        for cr in index.item_rows(table):
            if cr.code and len(cr.code) == 3:
                names.add(cr.name)
    return names


def admissible(
    text_value: Decimal, decimals: int, unit: str, table_wan: Decimal
) -> tuple[bool, Decimal, bool]:
    """(equal at the text's precision, text − table in the text's unit, off by one last digit)."""
    factor = Decimal(10000) if unit == "元" else Decimal(1)
    table_in_unit = table_wan * factor
    half = Decimal(5).scaleb(-(decimals + 1))
    diff = text_value - table_in_unit
    if abs(diff) <= half + Decimal("1e-9"):
        return True, Decimal(0), False
    step = Decimal(1).scaleb(-decimals)
    rounded = table_in_unit.quantize(step)
    off_by = abs(text_value - rounded)
    return False, diff, off_by <= step


__all__ = [
    "Item",
    "Resolution",
    "SPECS",
    "admissible",
    "find_items",
    "names_match",
    "resolve_items",
    "resolve_named",
    "section_category",
]
