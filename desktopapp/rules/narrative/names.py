"""Names used in the narrative against the classification and the tables.

- narrative_subject_name: a 科目 named by an outdated name (210 医疗卫生与计划生育支出 → 卫生健康支出),
  a code whose name differs from the tables, a name the tables print slightly differently
  (其他社会保障就业支出 / 其他社会保障和就业支出), or a 款/项 name the tables do not use under
  that 类/款;
- narrative_expense_items: the 经济分类 items listed for 人员经费 / 公用经费 ("主要包括：…")
  where the 基本支出 table shows nothing for that item, does not print it at all although it
  prints that 类 item by item, or prints it under a different name (其他交通补助 / 其他交通费用).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from desktopapp.core.model import CellRef, Document, Finding
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import normalize_name
from desktopapp.rules.narrative.resolve import CURRENT_CLASS_NAMES
from desktopapp.rules.narrative.tables import cell_value, first_amount_col, table_role
from desktopapp.tables.structure import known_structure, value_cell
from desktopapp.tables.subject_names import OUTDATED_NAMES

SUBJECT_NAME = "narrative_subject_name"
EXPENSE_ITEMS = "narrative_expense_items"

def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _found_among(name: str, candidates: list[str]) -> bool:
    """Whether the tables use `name` (allowing a wrap-damaged or slightly shortened spelling)."""
    n = normalize_name(name)
    for c in candidates:
        if not c:
            continue
        if n == c or (len(n) >= 4 and (n in c or c in n)) or _similar(n, c) >= 0.86:
            return True
    return False


def near_variant(a: str, b: str) -> bool:
    """Whether two names differ by a slip: up to two characters left out or added ("其他社会保障
    就业支出" / "其他社会保障和就业支出", "…缴费" / "…缴费支出"), or one character changed in a
    long name. Names of four characters or fewer differ too often by design to be compared."""
    if a == b or min(len(a), len(b)) <= 4 or abs(len(a) - len(b)) > 2:
        return False
    if len(a) == len(b):
        return len(a) >= 6 and sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    chars = iter(long_)
    return all(ch in chars for ch in short)


NamePools = list[dict[str, tuple]]  # per level (类/款/项, then uncoded): name → (table, row)


def _name_pools(index, tables) -> NamePools:
    """Every 科目 name printed in the tables, by level (from the code's length); names of
    tables printed without codes go to a fourth pool that any level may use."""
    pools: NamePools = [{}, {}, {}, {}]
    for table in tables:
        for cr in index.item_rows(table):
            if not cr.name or len(cr.name) > 40:
                continue
            level = {3: 0, 5: 1, 7: 2}.get(len(cr.code or ""), 3)
            pools[level].setdefault(cr.name, (table, cr))
    return pools


def _variant_of_table_name(it, pools: NamePools):
    """(level, table name, (table, row)) for the first name of the item that no table prints
    but one prints in a slightly different spelling."""
    if not any(pools[:3]) and not pools[3]:
        return None
    for depth, printed in enumerate(it.names):
        name = normalize_name(printed)
        here, loose = pools[depth], pools[3]
        if name in here or name in loose:
            continue
        if depth == 0 and name in CURRENT_CLASS_NAMES.values():
            continue
        for pool in (here, loose):
            for other, where in pool.items():
                if near_variant(name, other):
                    return depth, other, where
        return None  # not a slip of a printed name: the tree check decides
    return None


@rule(SUBJECT_NAME)
def subject_name(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt, index = a.nt, a.index
    if nt.is_template:
        return
    tables = index.tables("general", "expenditure", "income")
    coded = [(t, [cr for cr in index.item_rows(t) if cr.code]) for t in tables]
    coded = [(t, rows) for t, rows in coded if rows]
    pools = _name_pools(index, tables)
    reported: set[tuple[int, str]] = set()
    for it in a.items:
        quote_end = it.end
        for level, (name, code) in enumerate(zip(it.names, it.codes)):
            level_word = "类款项"[level]
            old = OUTDATED_NAMES.get(name)
            if old is not None:
                key = (it.start, name)
                if key not in reported:
                    reported.add(key)
                    yield finding(
                        SUBJECT_NAME,
                        severity(ctx, SUBJECT_NAME, True),
                        f"科目名称“{name}”已停用，现行名称为“{old[1]}”（{old[0]}）",
                        nt,
                        it.start,
                        quote_end,
                        expected=old[1],
                        actual=name,
                    )
                break
            if (
                level == 0
                and code
                and code in CURRENT_CLASS_NAMES
                and normalize_name(name) != CURRENT_CLASS_NAMES[code]
            ):
                if _similar(normalize_name(name), CURRENT_CLASS_NAMES[code]) < 0.86:
                    yield finding(
                        SUBJECT_NAME,
                        severity(ctx, SUBJECT_NAME, True),
                        f"科目 {code} 的名称应为“{CURRENT_CLASS_NAMES[code]}”，正文为“{name}”",
                        nt,
                        it.start,
                        quote_end,
                        expected=CURRENT_CLASS_NAMES[code],
                        actual=name,
                    )
                break
        else:
            # every level has a current name: a name the tables spell slightly differently
            variant = _variant_of_table_name(it, pools)
            if variant is not None:
                depth, name, (table, row) = variant
                key = (it.paragraph, it.names[depth])
                # a table name that is the text's name cut short may be a cell read only in part
                cut_short = normalize_name(it.names[depth]).startswith(name)
                if key not in reported:
                    reported.add(key)
                    yield finding(
                        SUBJECT_NAME,
                        severity(ctx, SUBJECT_NAME, not cut_short),
                        f"正文的{'类款项'[depth]}级科目名称“{it.names[depth]}”与{table.title}中的“{name}”不一致",
                        nt,
                        it.start,
                        quote_end,
                        cells=[CellRef(table.id, row.row, row.name_col)] if row.name_col >= 0 else [],
                        expected=name,
                        actual=it.names[depth],
                        table=table.id,
                    )
                continue
            # check 款/项 against the tables' tree
            for table, rows in coded:
                row, depth = index.resolve_item(table, it.names, it.codes)
                if depth == len(it.names) or depth == 0:
                    continue
                parent = row.code if row is not None else ""
                want_len = (3, 5, 7)[depth]
                children = [
                    cr.name
                    for cr in rows
                    if cr.code and len(cr.code) == want_len and cr.code.startswith(parent)
                ]
                if not children:
                    continue
                name = it.names[depth]
                if _found_among(name, children):
                    continue
                level_word = "类款项"[depth]
                yield finding(
                    SUBJECT_NAME,
                    severity(ctx, SUBJECT_NAME, False),
                    f"正文的{level_word}级科目“{name}”在{table.title}的“{it.names[depth - 1]}”下没有对应科目"
                    f"（表中为：{'、'.join(children[:6])}）",
                    nt,
                    it.start,
                    quote_end,
                    cells=[CellRef(table.id, row.row, row.name_col)] if row is not None else [],
                    actual=name,
                    table=table.id,
                )
                break
    # class names quoted without （类）, e.g. "医疗卫生与计划生育支出 114.97万元"
    for mt in nt.mentions:
        label = normalize_name(mt.label)
        for old, (code, new) in OUTDATED_NAMES.items():
            if (
                len(code) == 3
                and label.endswith(old)
                and not any(it.start <= mt.start <= it.end + 20 for it in a.items)
            ):
                yield finding(
                    SUBJECT_NAME,
                    severity(ctx, SUBJECT_NAME, True),
                    f"科目名称“{old}”已停用，现行名称为“{new}”（{code}）",
                    nt,
                    mt.start - len(old),
                    mt.end,
                    expected=new,
                    actual=old,
                )


_LIST_INTRO = re.compile(
    r"(人员经费|公用经费|工资福利支出|商品和服务支出|对个人和家庭的补助)[^。；]{0,40}?(?:主要)?(?:包括|用于)[:：]"
)

# 支出经济分类 款 names by 类, with the names of earlier editions still found in texts
# (社会保障缴费, 采暖补贴, 提租补贴 …). A name may belong to two 类 across editions.
ECONOMIC_ITEMS: dict[str, tuple[str, ...]] = {
    "301": (
        "基本工资", "津贴补贴", "奖金", "伙食补助费", "绩效工资", "机关事业单位基本养老保险缴费",
        "职业年金缴费", "职工基本医疗保险缴费", "公务员医疗补助缴费", "其他社会保障缴费",
        "住房公积金", "医疗费", "其他工资福利支出", "社会保障缴费", "伙食费",
    ),
    "302": (
        "办公费", "印刷费", "咨询费", "手续费", "水费", "电费", "邮电费", "取暖费", "物业管理费",
        "差旅费", "因公出国（境）费用", "维修（护）费", "租赁费", "会议费", "培训费", "公务接待费",
        "专用材料费", "被装购置费", "专用燃料费", "劳务费", "委托业务费", "工会经费", "福利费",
        "公务用车运行维护费", "其他交通费用", "税金及附加费用", "其他商品和服务支出",
    ),
    "303": (
        "离休费", "退休费", "退职（役）费", "抚恤金", "生活补助", "救济费", "医疗费补助", "助学金",
        "奖励金", "个人农业生产补贴", "代缴社会保险费", "其他对个人和家庭的补助", "住房公积金",
        "提租补贴", "购房补贴", "采暖补贴", "物业服务补贴", "医疗费", "生产补贴",
    ),
    "310": (
        "房屋建筑物购建", "办公设备购置", "专用设备购置", "基础设施建设", "大型修缮",
        "信息网络及软件购置更新", "物资储备", "公务用车购置", "其他交通工具购置",
        "文物和陈列品购置", "无形资产购置", "其他资本性支出",
    ),
}


def _key(name: str) -> str:
    return normalize_name(name).replace("(", "（").replace(")", "）")


_CLASSES_OF: dict[str, set[str]] = {}
for _cls, _names in ECONOMIC_ITEMS.items():
    for _name in _names:
        _CLASSES_OF.setdefault(_key(_name), set()).add(_cls)


def _listed_items(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, text) of the items of a "主要包括：a、b、c。" list: split at 、 outside brackets
    ("维修（护）费" is one item), up to the sentence's end."""
    items: list[tuple[int, str]] = []
    depth, item_start = 0, start
    for i in range(start, len(text) + 1):
        ch = text[i] if i < len(text) else "。"
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif (ch == "、" and depth == 0) or ch in "；;。\n":
            items.append((item_start, text[item_start:i]))
            item_start = i + 1
            if ch != "、":
                break
    return items


def _item_key(item: str) -> str:
    key = re.sub(r"(?:等(?:支出|方面|费用)?|……|…)$", "", item)
    key = re.sub(r"[（(](?:不涉及的不列|含[^）)]*)[）)]$", "", key)
    return _key(key)


def _basic_names(basics) -> dict[str, list[tuple]]:
    """Economic item names printed in the 基本支出 tables → (table, row, amount column)."""
    names: dict[str, list[tuple]] = {}
    for table in basics:
        # each side's rows as the structure reads them (the name without its code or numbering)
        for segment in known_structure(table).segments:
            for row in segment.rows:
                n = _key(row.name)
                if not n or re.fullmatch(r"[\d.,\-]+", n):
                    continue
                col = first_amount_col(table, row.index, row.label_col)
                if col is None:
                    continue
                names.setdefault(n, []).append((table, row.index, col))
    return names


def _in_table(key: str, names: dict) -> bool:
    """Printed in the table, or as a longer / shorter form of a printed name (社会保障缴费 is
    the earlier name of the 其他社会保障缴费 … group; 其他对个人和家庭的补助支出)."""
    if key in names:
        return True
    return len(key) >= 4 and any(key in n or (len(n) >= 4 and n in key) for n in names)


def _resembling(key: str, names: dict) -> str | None:
    """A printed name the listed one is probably meant to be (其他交通补助 → 其他交通费用)."""
    for n in names:
        if near_variant(key, n):
            return n
        prefix = len(os.path.commonprefix([key, n]))
        if prefix >= 4 and prefix * 3 >= max(len(key), len(n)) * 2 - 2 and abs(len(key) - len(n)) <= 2:
            return n
    return None


@rule(EXPENSE_ITEMS)
def expense_items(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    a = analysis_of(document, ctx)
    nt, index = a.nt, a.index
    basics = [t for t in index.tables("basic") if not t.is_empty]
    if not basics or nt.is_template:
        return
    names = _basic_names(basics)
    # the 类 the table prints item by item (a name of two editions' 类 tells neither)
    detailed = {next(iter(_CLASSES_OF[n])) for n in names if len(_CLASSES_OF.get(n, ())) == 1}
    sev = severity(ctx, EXPENSE_ITEMS, False)
    for p in nt.paragraphs:
        for m in _LIST_INTRO.finditer(p.text):
            listed = _listed_items(p.text, m.end())
            absent: list[tuple[int, str]] = []
            for pos, item in listed:
                key = _item_key(item)
                if len(key) < 2:
                    continue
                item_start = p.start + pos
                hits = names.get(key)
                if hits:
                    zero = _zero_in_table(hits)
                    if zero is not None:
                        t, r, c = zero
                        after = p.text[pos + len(item) : pos + len(item) + 1]
                        yield finding(
                            EXPENSE_ITEMS,
                            sev,
                            f"正文列举“{m.group(1)}”包括“{item}”，但{t.title}中该科目没有金额",
                            nt,
                            max(p.start + m.end(), item_start - 30),
                            item_start + len(item) + (1 if after and after in "；;。" else 0),
                            cells=[CellRef(t.id, r, c)],
                            actual=item,
                            table=t.id,
                        )
                    continue
                if _in_table(key, names):
                    continue
                if _CLASSES_OF.get(key, set()) & detailed:
                    absent.append((pos, item))
                    continue
                if key in _CLASSES_OF:
                    continue  # a 类 the table does not print item by item
                meant = _resembling(key, names)
                if meant is not None:
                    t, r, c = names[meant][0]
                    yield finding(
                        EXPENSE_ITEMS,
                        sev,
                        f"正文列举“{m.group(1)}”包括“{key}”，{t.title}中没有该科目，相近的科目为“{meant}”",
                        nt,
                        max(p.start + m.end(), item_start - 12),
                        item_start + len(item),
                        cells=[CellRef(t.id, r, c)],
                        expected=meant,
                        actual=key,
                        table=t.id,
                    )
            if absent:
                first, last = absent[0], absent[-1]
                listed_names = "、".join(item for _, item in absent)
                t = basics[0]
                yield finding(
                    EXPENSE_ITEMS,
                    sev,
                    f"正文列举“{m.group(1)}”包括{listed_names}，但{t.title}中没有这些科目",
                    nt,
                    p.start + first[0],
                    p.start + last[0] + len(last[1]),
                    actual=listed_names,
                    table=t.id,
                    limit=160,
                )


def _zero_in_table(hits: list[tuple]) -> tuple | None:
    """The cell of a listed item printed in the 基本支出 table with nothing in it (all blank/0)."""
    values = [(t, r, c, cell_value(value_cell(t, r, c))) for t, r, c in hits]
    if any(v is None or v != 0 for *_, v in values):
        return None
    t, r, c, _ = values[0]
    if table_role(t) != "basic" or t.is_empty:
        return None
    return t, r, c
