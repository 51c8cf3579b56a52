"""What the document is: 部门/单位 预算/决算, which organisation, which year, its 目录."""

from __future__ import annotations

import re
from collections import Counter

from desktopapp.core.model import DocKind, Page, Table
from desktopapp.core.numbers import normalize

_COVER_TITLE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(部门|单位)?\s*(预算|决算)")
_ORG_BEFORE_YEAR = re.compile(r"^(.{2,40}?)(?:20\d{2})\s*年(?:度)?\s*(?:部门|单位)?\s*(?:预算|决算)")
_ORG_LINE = re.compile(r"^(?:编制单位|编制部门|填报单位|预算单位|部门名称|单位名称|部门|单位)[:：]\s*(.+)$")
_TOC_ENTRY_TAIL = re.compile(r"[.．·…\s\-—_]*\d+\s*$")
_TOC_ENTRY_HEAD = re.compile(r"^\s*([0-9]+[、.．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）])\s*")


def document_kind(pages: list[Page], tables: list[Table]) -> DocKind:
    """From the cover and first pages ('2026年部门预算', '单位决算'), else from table titles."""
    for page in pages[:4]:
        text = normalize(page.text)
        m = _COVER_TITLE.search(text)
        if m:
            return _kind_of(m.group(2), m.group(3))
    words = Counter()
    for page in pages[:6]:
        text = normalize(page.text)
        for scope in ("部门", "单位"):
            for what in ("预算", "决算"):
                words[(scope, what)] += text.count(scope + what)
    if words and words.most_common(1)[0][1] > 0:
        (scope, what), _ = words.most_common(1)[0]
        return _kind_of(scope, what)
    finals = sum(1 for t in tables if "决算" in t.title)
    if tables:
        return DocKind.DEPT_FINAL if finals * 2 > len(tables) else DocKind.DEPT_BUDGET
    return DocKind.UNKNOWN


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
    """The organisation named on the cover ('上海市普陀区司法局2026年部门预算') or on 编制单位 lines."""
    for page in pages[:3]:
        for line in page.lines[:12]:
            m = _ORG_BEFORE_YEAR.match(normalize(line.text))
            if m:
                org = m.group(1).strip("：: ")
                if org and not re.search(r"目录|公开|说明", org):
                    return org
    orgs = Counter()
    for t in tables:
        if t.organization_line:
            m = _ORG_LINE.match(normalize(t.organization_line))
            if m:
                orgs[m.group(1)] += 1
    if orgs:
        return orgs.most_common(1)[0][0]
    # A cover where the name and the title are on separate lines.
    for page in pages[:2]:
        texts = [normalize(ln.text) for ln in page.lines if normalize(ln.text)]
        for i, text in enumerate(texts):
            if _COVER_TITLE.search(text) and i > 0 and len(texts[i - 1]) <= 40:
                prev = texts[i - 1]
                if re.search(r"(局|委|办|院|中心|处|所|站|队|会|部|厅|馆|校|室|社|政府)$", prev):
                    return prev
    return None


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
                if compact and "表" in compact and len(compact) <= 60 and compact not in ("目录",):
                    if compact not in (normalize(t) for t in toc):
                        toc.append(entry)
        break
    return toc
