"""What the document is: 部门/单位 预算/决算, which organisation, which year, which level, its 目录.

Each fact is read from every source that prints it (the cover, the table titles, the 编制单位
lines, the running text) and `read_facts` gives one reading per fact with its status:
"established" when sources agree (or one strong source states it), "uncertain" when they
contradict or only a weak one gives it. An uncertain fact is not used (its value is None in
the Document): rules that depend on it abstain, and one warning says what could not be read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from desktopapp.core.model import DocKind, Page, Table
from desktopapp.core.numbers import normalize
from desktopapp.tables.kinds import classify

_COVER_TITLE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(部门|单位)?\s*(预算|决算)")
_ORG_BEFORE_YEAR = re.compile(r"^(.{2,40}?)(?:20\d{2})\s*年(?:度)?\s*(?:部门|单位)?\s*(?:预算|决算)")
_ORG_LINE = re.compile(r"^(?:编制单位|编制部门|填报单位|预算单位|部门名称|单位名称|部门|单位)[:：]\s*(.+)$")
_TOC_ENTRY_TAIL = re.compile(r"\s*([.．·…]{2,}|…).*$|[.．·…\s\-—_]+\d+\s*$")
_TOC_ENTRY_HEAD = re.compile(r"^\s*([0-9]+[、.．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）])\s*")


def document_kind(pages: list[Page], titles: list[str]) -> DocKind:
    """From the cover and first pages ('2026年部门预算', '单位决算'), else from the tables' titles."""
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
        elif titles:
            what = "决算" if sum("决算" in t for t in titles) * 2 > len(titles) else "预算"
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


# ---------------------------------------------------------------- facts with their sources

ESTABLISHED, UNCERTAIN, CORRECTED = "established", "uncertain", "corrected"
FACT_NAMES = ("year", "organization", "kind", "level")
LEVELS = ("省级", "市级", "区级", "县级")

# An organisation's name: Chinese characters ending as organisations' names end.
_ORG_SUFFIX = re.compile(
    r"(?:局|委员会|委|院|办公室|办公厅|办|中心|部|厅|处|所|站|会|馆|队|校|学|园|社|室|司|署|团|政府|街道|镇|乡|场|台|库|宫|组|府|庭|行)$"
)
_NOT_ORG = re.compile(r"目录|公开|说明|部分|情况|预算|决算|表$|概况|职能")
_LEVEL_WORD = re.compile(r"(省级|市级|区级|县级)")
_DIVISIONS = re.compile(
    r"^(?:中共|中国共产党)?(?P<prov>[\u4e00-\u9fff]{2,3}?(?:省|自治区))?(?P<city>[\u4e00-\u9fff]{2,4}?市)?"
    r"(?P<dist>[\u4e00-\u9fff]{2,4}?(?:区|县|旗))?"
)
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年")
# "2017年度江苏省高级人民法院部门收支预算总表": the name between the year and 部门/单位.
_ORG_IN_TITLE = re.compile(r"^20\d{2}年度?(.{3,30}?)(?:本级)?(?:部门|单位)(?!预算单位)")


@dataclass
class FactReading:
    value: object
    status: str  # ESTABLISHED, UNCERTAIN or CORRECTED
    sources: list[str] = field(default_factory=list)  # where it was read (封面, 表题, 编制单位, 正文)
    note: str = ""  # why it is uncertain (Chinese)

    def as_dict(self) -> dict:
        return {"value": self.value, "status": self.status, "sources": list(self.sources), "note": self.note}


def looks_like_organization(name: str | None) -> bool:
    if not name:
        return False
    name = normalize(name)
    return (
        3 <= len(name) <= 40
        and re.fullmatch(r"[\u4e00-\u9fff（）()·]+", name) is not None
        and _ORG_SUFFIX.search(name) is not None
        and _NOT_ORG.search(name) is None
    )


def read_year(pages: list[Page], tables: list[Table]) -> FactReading:
    """The cover's title, the table titles (each its own source), the running text (weak)."""
    cover = None
    for page in pages[:4]:
        m = _COVER_TITLE.search(normalize(page.text))
        if m:
            cover = int(m.group(1))
            break
    # a title naming two years ("2019年与2018年对比") speaks of one budget year: the latest
    titles = Counter(max(int(y) for y in found) for t in tables if (found := _TITLE_YEAR.findall(normalize(t.title))))
    title_year = _clear_majority(titles)
    if titles and title_year is None:
        said = "、".join(f"{y}年" for y in sorted(titles))
        return FactReading(None, UNCERTAIN, ["表题"], f"各表表题所印年度不一致（{said}）")
    strong = {"封面": cover, "表题": title_year}
    given = {k: v for k, v in strong.items() if v is not None}
    if len(set(given.values())) > 1:
        said = "，".join(f"{k}为{v}年" for k, v in given.items())
        return FactReading(None, UNCERTAIN, list(given), f"年度不一致：{said}")
    if given:
        return FactReading(next(iter(given.values())), ESTABLISHED, list(given))
    text = Counter(int(y) for page in pages[:8] for y in _TITLE_YEAR.findall(page.text))
    if text:
        year = _clear_majority(text)
        if year is not None and text[year] >= 2:
            return FactReading(year, ESTABLISHED, ["正文"])
        return FactReading(None, UNCERTAIN, ["正文"], f"年度只见于正文且不一致（{'、'.join(str(y) for y in sorted(text))}年）")
    return FactReading(None, UNCERTAIN, [], "封面、表题和正文均未印年度")


def _clear_majority(votes: Counter[int]) -> int | None:
    """The value holding twice the votes of all others together (a slip in one title does not
    outvote the rest; two groups of titles do not make a year)."""
    if not votes:
        return None
    value, count = votes.most_common(1)[0]
    return value if count > 2 * (sum(votes.values()) - count) else None


def read_organization(pages: list[Page], tables: list[Table]) -> FactReading:
    """The labelled lines (预算单位：/ 编制单位：/ 部门：, on the cover or over the tables), the
    table titles and the cover's name; a candidate that does not look like an organisation's
    name is no source."""
    votes: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for page in pages[:3]:
        for ln in page.lines:
            m = _ORG_LINE.match(normalize(ln.text))
            if m and looks_like_organization(m.group(1)):
                votes[m.group(1)] += 2
                sources.setdefault(m.group(1), set()).add("封面")
    for t in tables:
        if t.organization_line:
            m = _ORG_LINE.match(normalize(t.organization_line))
            if m and looks_like_organization(m.group(1)):
                votes[m.group(1)] += 1
                sources.setdefault(m.group(1), set()).add("编制单位")
    for t in tables:
        m = _ORG_IN_TITLE.match(normalize(t.title))
        if m and looks_like_organization(m.group(1)):
            votes[m.group(1)] += 1
            sources.setdefault(m.group(1), set()).add("表题")
    cover = document_organization(pages, [])
    if looks_like_organization(cover):
        votes[cover] += 3
        sources.setdefault(cover, set()).add("封面")
    if not votes:
        return FactReading(None, UNCERTAIN, [], "未能读出单位名称")
    name = votes.most_common(1)[0][0]
    return FactReading(name, ESTABLISHED, sorted(sources[name]))


def read_kind(pages: list[Page], tables: list[Table], kind: DocKind) -> FactReading:
    for page in pages[:4]:
        if _COVER_TITLE.search(normalize(page.text)):
            return FactReading(kind.value, ESTABLISHED, ["封面"])
    return FactReading(kind.value, ESTABLISHED if kind != DocKind.UNKNOWN else UNCERTAIN, ["表题", "正文"])


def level_of_organization(name: str | None) -> str | None:
    """省级 / 市级 / 区级 / 县级 from the divisions that open the name (上海市普陀区… → 区级)."""
    if not name:
        return None
    m = _DIVISIONS.match(normalize(name))
    if not m:
        return None
    if m.group("dist"):
        return "县级" if m.group("dist").endswith(("县", "旗")) else "区级"
    if m.group("city"):
        return "市级"
    if m.group("prov") or re.match(r"^(?:中共)?[\u4e00-\u9fff]{2,3}省委", normalize(name)):
        return "省级"
    return None


def read_level(pages: list[Page], organization: str | None) -> FactReading:
    """The level printed on the cover (上海市2025年市级单位预算), else the organisation's divisions."""
    cover = "".join(normalize(p.text) for p in pages[:2])
    printed = set(_LEVEL_WORD.findall(cover))
    named = level_of_organization(organization)
    if len(printed) == 1:
        (level,) = printed
        if named and named != level:
            return FactReading(None, UNCERTAIN, ["封面", "单位名称"], f"级次不一致：封面为{level}，单位名称为{named}")
        return FactReading(level, ESTABLISHED, ["封面"] + (["单位名称"] if named == level else []))
    if named:
        return FactReading(named, ESTABLISHED, ["单位名称"])
    return FactReading(None, UNCERTAIN, [], "未能确定级次")


def read_facts(pages: list[Page], tables: list[Table], kind: DocKind) -> dict[str, FactReading]:
    organization = read_organization(pages, tables)
    return {
        "year": read_year(pages, tables),
        "organization": organization,
        "kind": read_kind(pages, tables, kind),
        "level": read_level(pages, organization.value if isinstance(organization.value, str) else None),
    }


def apply_facts(document, readings: dict[str, FactReading]) -> None:
    """Put the readings in force: an established or corrected fact is used, an uncertain one is not."""
    document.facts = {}
    for name, reading in readings.items():
        _put(document, name, reading.as_dict())


def _put(document, name: str, entry: dict) -> None:
    document.facts[name] = entry
    value = entry.get("value") if entry.get("status") != UNCERTAIN else None
    if name in ("year", "organization", "level"):
        setattr(document, name, value)
    elif name == "kind" and value and DocKind(value) != document.kind:
        was_final = document.kind.is_final
        document.kind = DocKind(value)
        if document.kind.is_final != was_final:
            _reclassify(document)


def _reclassify(document) -> None:
    """Budget and final-accounts tables share titles ("收入支出总表"): their kinds follow the document's."""
    for table in document.tables:
        header = [c.text for row in table.header[:3] for c in row]
        table.kind = classify(f"{table.number or ''}{table.title}", header, document.kind.is_final).value


def correct_fact(document, name: str, value: object) -> None:
    """The officer's reading of a fact; None or "" goes back to what the document says. The
    document's own reading is kept with the correction ("read") so that it can come back."""
    if name not in FACT_NAMES:
        raise ValueError(name)
    entry = dict((document.facts or {}).get(name) or {"value": None, "status": UNCERTAIN, "sources": [], "note": ""})
    read = entry.pop("read", None) if entry.get("status") == CORRECTED else entry
    if value in (None, ""):
        if read is not None:
            _put(document, name, dict(read))
        return
    if name == "year":
        value = int(value)
    elif name == "kind":
        value = DocKind(value).value
    _put(document, name, {"value": value, "status": CORRECTED, "sources": ["审核人员"], "note": "", "read": read})


def corrected_facts(document) -> dict[str, object]:
    return {k: v["value"] for k, v in (document.facts or {}).items() if v.get("status") == CORRECTED}
