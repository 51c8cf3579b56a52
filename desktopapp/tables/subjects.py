"""Budget subjects (科目) and row labels: class names ↔ codes, outline prefixes, totals.

Only the stable top level of the classifications is listed (功能分类 类, 经济分类 类) plus the
few 经济分类 款 the 三公 check needs; deeper levels are read from the printed codes.
"""

from __future__ import annotations

import re

from desktopapp.core.numbers import normalize
from desktopapp.tables.subject_names import OLD_FUNCTION_CLASS_NAMES

# 支出功能分类 类 (current names first; older names as aliases).
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}
# 部门预算支出经济分类 类.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}
# 经济分类 款 that other tables refer to by name.
ECONOMIC_ITEMS: dict[str, str] = {
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "30212": "因公出国（境）费用",
    "31013": "公务用车购置",
}

_FUNCTION_BY_NAME = {normalize(v): k for k, v in FUNCTION_CLASSES.items()} | {
    normalize(k): v for k, v in OLD_FUNCTION_CLASS_NAMES.items()
}
_ECONOMIC_BY_NAME = {normalize(v).replace("(", "").replace(")", ""): k for k, v in ECONOMIC_CLASSES.items()}
_ECONOMIC_ITEM_BY_NAME = {normalize(v): k for k, v in ECONOMIC_ITEMS.items()}


def function_class_code(name: str) -> str | None:
    return _FUNCTION_BY_NAME.get(normalize(name))


def economic_class_code(name: str) -> str | None:
    key = normalize(name).replace("(", "").replace(")", "")
    return _ECONOMIC_BY_NAME.get(key)


def economic_item_code(name: str) -> str | None:
    return _ECONOMIC_ITEM_BY_NAME.get(normalize(name))


# ---------------------------------------------------------------- outline prefixes

PREFIX_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(r"^[一二三四五六七八九十廿卅]+[、.]")),
    ("pcn", re.compile(r"^\([一二三四五六七八九十廿卅]+\)[、.]?")),
    ("pnum", re.compile(r"^\(\d{1,2}\)[、.]?")),
    ("num", re.compile(r"^\d{1,2}[.、](?!\d)")),
    ("code", re.compile(r"^(?:\d{3}|\d{5}|\d{7})(?=[^\d.,%])")),
]
_QIZHONG = re.compile(r"^其中[:：]?")


def split_prefix(label: str) -> tuple[str | None, bool, str]:
    """(outline prefix kind, starts with 其中, bare name) of a normalized row label.

    "一、一般公共预算拨款收入" → ("cn", False, "一般公共预算拨款收入");
    "其中:(1)公务用车运行维护费" → ("pnum", True, "公务用车运行维护费").
    """
    text = label
    qizhong = False
    m = _QIZHONG.match(text)
    if m and len(text) > m.end():
        qizhong = True
        text = text[m.end() :]
    kind = None
    for name, pattern in PREFIX_PATTERNS:
        m = pattern.match(text)
        if m:
            kind = name
            text = text[m.end() :]
            break
    if not qizhong:
        m = _QIZHONG.match(text)
        if m and len(text) > m.end():
            qizhong = True
            text = text[m.end() :]
    return kind, qizhong, text


def code_prefix(label: str) -> str | None:
    m = re.match(r"^(\d{3}|\d{5}|\d{7})(?=[^\d.,%])", label)
    return m.group(1) if m else None


# ---------------------------------------------------------------- totals

TOTAL_WORDS = {"合计", "总计", "小计", "合计数", "总计数"}


def total_kind(name: str) -> str | None:
    """What kind of total a bare row label names, if any.

    "total" (合计/总计), "income_total" (本年收入合计), "expense_total" (本年支出合计),
    "income_grand" (收入总计), "expense_grand" (支出总计), "personnel_total" (人员经费合计),
    "public_total" (公用经费合计).
    """
    n = name.replace(" ", "")
    if n in TOTAL_WORDS or n in {"合计:", "总计:"}:
        return "total"
    if n in {"本年收入合计", "收入合计", "本年收入", "本年收入小计"}:
        return "income_total"
    if n in {"本年支出合计", "支出合计", "本年支出", "本年支出小计"}:
        return "expense_total"
    if n in {"收入总计", "收入合计总计", "收入总计数"}:
        return "income_grand"
    if n in {"支出总计", "支出总计数"}:
        return "expense_grand"
    if n == "人员经费合计":
        return "personnel_total"
    if n == "公用经费合计":
        return "public_total"
    return None
