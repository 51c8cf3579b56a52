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

from desktopapp.rules.narrative.named_totals import SPECS, Lookup
from desktopapp.rules.narrative.parse import CJK, NarrativeText, normalize_name
from desktopapp.rules.narrative.tables import (
    TableIndex,
    TableValue,
    first_amount_col,
    names_match,
    table_role,
    value_at,
)
from desktopapp.tables.subject_names import OUTDATED_NAMES
from desktopapp.tables.subjects import FUNCTION_CLASSES

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

CURRENT_CLASS_NAMES = FUNCTION_CLASSES  # one list of 类 names: tables/subjects.py

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
                    and (bm.group(1) is None or (nt.year is not None and int(bm.group(1)) == nt.year))
                ):
                    it.amounts.append(idx)
    return items


# ---------------------------------------------------------------- named totals
# (the specs, what each one is and where it is printed: named_totals.py)

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
            if not spec.label_re.search(label):
                continue
            if spec.exclude_re is not None and spec.exclude_re.search(label):
                continue
            context = None
            if spec.context_re is not None:
                s = nt.sentences[mt.sentence] if mt.sentence >= 0 else None
                floor = s.start if s is not None else mt.start
                context = spec.context_re.search(nt.flow[floor : mt.start - len(mt.label)])
                if context is None:
                    continue
            hits = [tv for tv in (_lookup(index, lk) for lk in spec.lookups) if tv is not None]
            if hits:
                res = Resolution(i, spec.name, hits[:1], hits[1:])
                if context is not None:
                    res.context_start = floor + context.start()
                    res.context = context.group(0).rstrip("，,")
                out.append(res)
            elif spec.context_re is not None:
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
    "admissible",
    "find_items",
    "names_match",
    "resolve_items",
    "resolve_named",
    "section_category",
]
