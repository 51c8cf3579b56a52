"""What the document is: 部门/单位 预算/决算, which organisation, which year, its 目录."""

from __future__ import annotations

import re
from collections import Counter

from desktopapp.core.model import DocKind, Page, Table
from desktopapp.core.numbers import normalize

_COVER_TITLE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(部门|单位)?\s*(预算|决算)")
_ORG_BEFORE_YEAR = re.compile(r"^(.{2,40}?)(?:20\d{2})\s*年(?:度)?\s*(?:部门|单位)?\s*(?:预算|决算)")
_ORG_LINE = re.compile(r"^(?:编制单位|编制部门|填报单位|预算单位|部门名称|单位名称|部门|单位)[:：]\s*(.+)$")
_TOC_ENTRY_TAIL = re.compile(r"\s*([.．·…]{2,}|…).*$|[.．·…\s\-—_]+\d+\s*$")
_TOC_ENTRY_HEAD = re.compile(r"^\s*([0-9]+[、.．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）])\s*")


def document_kind(pages: list[Page], tables: list[Table]) -> DocKind:
    """From the cover and first pages ('2026年部门预算', '单位决算'), else from table titles."""
    what = scope = None
    for page in pages[:4]:
        m = _COVER_TITLE.search(normalize(page.text))
        if m:
            scope, what = m.group(2), m.group(3)
            break
    text = "".join(normalize(p.text) for p in pages[:8])
    if what is None:
        finals = text.count("决算")
        budgets = text.count("预算") - text.count("一般公共预算") - text.count("基金预算") - text.count("经营预算")
        if finals or budgets:
            what = "决算" if finals > budgets else "预算"
        elif tables:
            what = "决算" if sum("决算" in t.title for t in tables) * 2 > len(tables) else "预算"
        else:
            return DocKind.UNKNOWN
    if scope is None:
        unit = sum(text.count("单位" + w) for w in _SCOPE_WORDS)
        dept = sum(text.count("部门" + w) for w in _SCOPE_WORDS)
        scope = "单位" if unit > dept else "部门"
    return _kind_of(scope, what)


_SCOPE_WORDS = ("预算", "决算", "主要职能", "主要职责", "职能", "构成", "概况")


def _kind_of(scope: str | None, what: str) -> DocKind:
    unit = scope == "单位"
    if what == "决算":
        return DocKind.UNIT_FINAL if unit else DocKind.DEPT_FINAL
    return DocKind.UNIT_BUDGET if unit else DocKind.DEPT_BUDGET


def document_year(pages: list[Page]) -> int | None:
    for page in pages[:4]:
        m = _COVER_TITLE.search(normalize(page.text))
        if m:
            return int(m.group(1))
    years = Counter(int(y) for page in pages[:8] for y in re.findall(r"(20\d{2})\s*年", page.text))
    return years.most_common(1)[0][0] if years else None


def document_organization(pages: list[Page], tables: list[Table]) -> str | None:
    """The organisation named on the cover ('上海市普陀区司法局2026年部门预算', or the name on
    the lines above '2024 年预算'), else on the tables' 编制单位 lines."""
    for page in pages[:3]:
        texts = [normalize(ln.text) for ln in page.lines if normalize(ln.text)]
        for i, text in enumerate(texts[:12]):
            m = _COVER_TITLE.search(text)
            if not m:
                continue
            org = _PART.sub("", text[: m.start()]).strip("：: ")
            # On a cover the name may be printed over the lines above the title.
            if 0 < i <= 4 and len(texts) <= 10:
                org = "".join(t for t in texts[:i] if len(t) <= 30 and "目录" not in t) + org
            if org and not re.search(r"目录|公开|说明|部分", org):
                return org
            break
    orgs: Counter[str] = Counter()
    for t in tables:
        if t.organization_line:
            m = _ORG_LINE.match(normalize(t.organization_line))
            if m:
                orgs[m.group(1)] += 1
    return orgs.most_common(1)[0][0] if orgs else None


_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")


def table_of_contents(pages: list[Page]) -> list[str]:
    """Table titles listed on the 目录 page(s)."""
    toc: list[str] = []
    for idx, page in enumerate(pages[:8]):
        texts = [ln.text for ln in page.lines]
        norm = [normalize(t) for t in texts]
        if "目录" not in norm and not any(t.startswith("目录") and len(t) <= 4 for t in norm):
            continue
        for follow in pages[idx: idx + 2]:
            for raw in follow.lines:
                entry = _TOC_ENTRY_TAIL.sub("", raw.text).strip()
                entry = _TOC_ENTRY_HEAD.sub("", entry).strip()
                compact = normalize(entry)
                known = {normalize(t) for t in toc}
                if (
                    "表" in compact
                    and 4 <= len(compact) <= 60
                    and not _PART.match(compact)
                    and compact not in known
                ):
                    toc.append(entry)
        break
    return toc
