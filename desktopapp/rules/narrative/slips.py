"""Writing slips in the narrative and in the text cells of the tables.

- narrative_year_form: a year written without 年 where a year is meant ("2022预算安排",
  "较上一度增加");
- narrative_enum_conjunction: an enumeration comma directly before the closing 和 / 及 / 或
  ("…办公室、和某某中心");
- narrative_doubled_word: a word printed twice ("一般公共服务支出支出"), or across a 科目 marker
  where the document's other citations drop it from the name ("社会保障和就业（类）支出…
  卫生健康支出（类）支出207.76万元");
- narrative_name_in_definition: the definition of a 科目 ("X（类）Y（款）Z（项）：反映…") writing a
  run of the 科目's own name with one character changed ("用于社会保险和就业方面的支出" under
  其他社会保障和就业支出), or the name's opening word with its first character changed
  ("失业单位基本医疗保险" under 事业单位医疗);
- narrative_parallel_word: clauses of one sentence stating a figure per year in the same words
  ("2022年预算安排896万元，2023年预算安排85.41万元，2024年预算安483.41万元"), one of them
  printed with the word cut short;
- narrative_zhiyao: "只要包括" / "只要用于" where nothing completes the condition (就 / 便 / 都 /
  即可 …): 只要 written for 主要.

Text tables (绩效目标表, 项目支出绩效表) hold sentences of their own ("前两年预算安排情况：…"),
so the year form is also read in their cells; a finding there points at the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from desktopapp.core.model import CellRef, Document, Finding, Severity, Table
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.narrative.common import analysis_of, finding, severity
from desktopapp.rules.narrative.parse import CJK, NarrativeText
from desktopapp.rules.narrative.resolve import ITEM
from desktopapp.tables.subjects import function_class_code

YEAR_FORM = "narrative_year_form"
ENUM_CONJUNCTION = "narrative_enum_conjunction"
DOUBLED_WORD = "narrative_doubled_word"
PARALLEL_WORD = "narrative_parallel_word"
NAME_IN_DEFINITION = "narrative_name_in_definition"
ZHIYAO = "narrative_zhiyao"

# A four-digit year followed directly by what only a year is followed by. Document numbers
# ("〔2015〕6号") and figures ("2022.35", "12022") are not years.
_YEAR_NO_NIAN = re.compile(
    r"(?<![\d.,，〔\[［])((?:19|20)\d\d)(?=(?:预算|决算|执行数|部门|单位|全年|上半年|下半年)|度(?![\d数]))"
)
_LAST_YEAR_NO_NIAN = re.compile(r"(?<=[较比与同])(上一度)(?=[增减相持比下上降])")


def _year_message(printed: str, corrected: str) -> str:
    if printed.isdigit():
        return f"年份“{printed}”后缺“年”字，应为“{corrected}”"
    return f"“{printed}”缺“年”字，应为“{corrected}”"


def _year_slips(text: str, year: int | None) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, printed, corrected) of each year written without 年 in `text`."""
    for m in _YEAR_NO_NIAN.finditer(text):
        y = int(m.group(1))
        if year is not None and abs(y - year) > 10:
            continue
        yield m.start(), m.end(), m.group(1), m.group(1) + "年"
    for m in _LAST_YEAR_NO_NIAN.finditer(text):
        yield m.start(), m.end(), m.group(1), "上一年度"


def _text_cells(table: Table) -> Iterator[tuple[int, int, str]]:
    """(row, col, text) of the body cells of a text table that hold words, not figures."""
    for r, row in enumerate(table.body):
        for c, cell in enumerate(row):
            if cell.value is None and len(cell.text) >= 6:
                yield r, c, cell.text


def _cell_finding(
    rule_id: str, sev: Severity, table: Table, r: int, c: int, what: str, *, expected: str, actual: str, quote: str
) -> Finding:
    """A slip in a text table's cell: the finding points at the cell, its message names the table."""
    return Finding(
        rule=rule_id,
        severity=sev,
        message=f"{table.title}中{what}",
        cells=[CellRef(table.id, r, c)],
        expected=expected,
        actual=actual,
        page=table.body[r][c].page,
        quote=quote,
        table=table.id,
    )


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@rule(YEAR_FORM)
def year_form(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    if nt.is_template:
        return
    sev = severity(ctx, YEAR_FORM, True)
    for start, end, printed, corrected in _year_slips(nt.flow, nt.year):
        left, right = nt.clause_bounds(start, end)
        yield finding(
            YEAR_FORM,
            sev,
            _year_message(printed, corrected),
            nt,
            max(left, start - 20),
            min(right, end + 20),
            expected=corrected,
            actual=printed,
        )
    for table in document.tables:
        if table.numeric:
            continue
        joined = _squeeze("|".join(c.text for row in table.body for c in row))
        if not (_YEAR_NO_NIAN.search(joined) or _LAST_YEAR_NO_NIAN.search(joined)):
            continue
        for r, c, text in _text_cells(table):
            squeezed = _squeeze(text)
            for start, end, printed, corrected in _year_slips(squeezed, nt.year):
                left = max(_clause_start(squeezed, start), start - 20)
                yield _cell_finding(
                    YEAR_FORM, sev, table, r, c, _year_message(printed, corrected),
                    expected=corrected, actual=printed, quote=squeezed[left : end + 12],
                )


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in "，,；;。：:\n":
        i -= 1
    return i


# "、和X" where X begins a word of its own (和平区, 和龙市, 及时) is not the conjunction.
_ENUM_CONJ = re.compile(r"、(以及|和|及|或)(?!平|谐|睦|美|解|田|龙|顺|政|静|林|县|时|早|格|者)")


def _closes_enumeration(text: str, pos: int) -> bool:
    """Whether no further "、" item follows before the clause ends (brackets skipped)."""
    depth = 0
    for ch in text[pos:]:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in "。；;，,：:\n":
            return True
        elif depth == 0 and ch == "、":
            return False
    return True


@rule(ENUM_CONJUNCTION)
def enum_conjunction(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    for p in nt.paragraphs:
        if "、" not in p.text:
            continue
        for m in _ENUM_CONJ.finditer(p.text):
            if not re.match(f"[{CJK}]", p.text[m.end() : m.end() + 1]):
                continue
            if not _closes_enumeration(p.text, m.end()):
                continue
            start = p.start + m.start()
            word = m.group(1)
            yield finding(
                ENUM_CONJUNCTION,
                severity(ctx, ENUM_CONJUNCTION, False),
                f"顿号“、”后紧接连词“{word}”：列举的最后一项前用“{word}”时不再加顿号",
                nt,
                max(start - 12, p.start),
                min(start + 12, p.end),
                expected=word,
                actual="、" + word,
            )


# "X（类）支出207.76万元" cites the 科目 X and goes on with the sentence's own 支出: standard
# phrasing, even when X's name ends in 支出 ("其他法院支出（项）支出910万元"). It is a slip only
# against the document's own usage: where its other citations of that level drop the name's
# 支出 before the marker ("社会保障和就业（类）支出", the 科目 being 社会保障和就业支出), a citation keeping it
# ("卫生健康支出（类）支出") prints the word twice. Printed twice with nothing between
# ("一般公共服务支出支出") it is always a slip.
_CITED = re.compile(rf"([{CJK}]{{2,40}}?)[（(]\d{{0,7}}([类款项])[）)](支出|经费)(?=[\d为决预安共合，,]|$)")
_TWICE = re.compile(rf"(?<=[{CJK}])(支出|经费)\1(?=[\d为决预安共合，,。；]|$)")


def _subject_names(document: Document) -> set[str]:
    names: set[str] = set()
    for table in document.tables:
        for row in table.body:
            for cell in row[:3]:
                text = re.sub(r"\s+", "", cell.text or "")
                if 2 <= len(text) <= 40 and re.fullmatch(f"[{CJK}（）()]+", text):
                    names.add(text)
    return names


def _drops_the_word(text: str, word: str, names: set[str]) -> bool:
    """`text` ends with a 科目 printed without its final `word` (社会保障和就业 for 社会保障和就业支出)."""
    if text.endswith(word):
        return False
    for k in range(2, len(text) + 1):
        subject = text[-k:] + word
        if function_class_code(subject) is not None or subject in names:
            return True
    return False


@rule(DOUBLED_WORD)
def doubled_word(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt: NarrativeText = analysis_of(document, ctx).nt
    names = _subject_names(document)
    cited = [(p, m) for p in nt.paragraphs for m in _CITED.finditer(p.text)]
    # usage is per level: 类 names may be cited short while 项 names are cited in full
    dropping = {m.group(2, 3) for _, m in cited if _drops_the_word(m.group(1), m.group(3), names)}
    hits = [
        (p, m, m.end(1) - len(m.group(3)))
        for p, m in cited
        if m.group(2, 3) in dropping and m.group(1).endswith(m.group(3))
    ]
    hits += [(p, m, m.start()) for p in nt.paragraphs for m in _TWICE.finditer(p.text)]
    for p, m, first in hits:
        start = p.start + first
        left = start
        while left > p.start and re.match(f"[{CJK}“”]", nt.flow[left - 1]) and start - left < 16:
            left -= 1
        word = m.group(m.lastindex)
        yield finding(
            DOUBLED_WORD,
            severity(ctx, DOUBLED_WORD, True),
            f"“{word}”重复：科目名称已含“{word}”，其后又写“{word}”",
            nt,
            left,
            p.start + m.end(),
            actual=nt.flow[left : p.start + m.end()],
        )


_DEFINITION = re.compile(r"[:：]反映([^。；\n]{4,200})")
_RUN = 7  # a changed character needs three matching ones on each side to be a slip, not a word
_HEAD = 4  # or the first character of a name's opening four, the three after it matching


def _changed_runs(explanation: str, names: str) -> Iterator[tuple[int, str, str]]:
    """(offset, printed, name) of each run of `_RUN` characters of the explanation that equals
    a run of the names but for its middle character."""
    masks: dict[str, str] = {}
    half = _RUN // 2
    for i in range(len(names) - _RUN + 1):
        run = names[i : i + _RUN]
        if "|" not in run:
            masks.setdefault(run[:half] + run[half + 1 :], run)
    # A name's opening word with its first character changed ("失业单位" under 事业单位医疗):
    # the three characters after it must match.
    heads = {name[1:_HEAD]: name[:_HEAD] for name in names.split("|") if len(name) >= _HEAD}
    i = 0
    while i <= len(explanation) - _HEAD:
        run = explanation[i : i + _RUN]
        name = masks.get(run[:half] + run[half + 1 :]) if len(run) == _RUN else None
        if name is not None and name != run and run not in names and re.fullmatch(f"[{CJK}]+", run):
            yield i, run, name
            i += _RUN
            continue
        word = explanation[i : i + _HEAD]
        name = heads.get(word[1:])
        if (
            name is not None
            and name != word
            and word not in names
            and re.fullmatch(f"[{CJK}]+", word)
        ):
            yield i, word, name
            i += _HEAD
            continue
        i += 1


@rule(NAME_IN_DEFINITION)
def name_in_definition(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    for p in nt.paragraphs:
        if "反映" not in p.text:
            continue
        for m in ITEM.finditer(p.text):
            d = _DEFINITION.match(p.text, m.end())
            if d is None:
                continue
            names = "|".join(x for x in (m.group("lei"), m.group("kuan"), m.group("xiang")) if x)
            for offset, printed, name in _changed_runs(d.group(1), names):
                start = p.start + d.start(1) + offset
                clause_end = re.search(r"[，,；;。]|$", nt.flow[start : p.end])
                yield finding(
                    NAME_IN_DEFINITION,
                    severity(ctx, NAME_IN_DEFINITION, False),
                    f"科目说明中的“{printed}”与科目名称中的“{name}”差一个字",
                    nt,
                    max(start - 4, p.start + d.start(1)),
                    start + clause_end.start(),
                    expected=name,
                    actual=printed,
                )


# "只要…就…" states a condition; "只要包括" with no 就 (便, 都, 即可 …) after it is 主要 mistyped.
_ZHIYAO = re.compile(r"只要(?=包括|用于|是|为|有|涉及)")
_CONDITION_DONE = re.compile(r"就|便|都|即|均|皆|则|可以|能够")


@rule(ZHIYAO)
def zhiyao(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    for m in _ZHIYAO.finditer(nt.flow):
        _, end = nt.sentence_bounds(m.start())
        if _CONDITION_DONE.search(nt.flow, m.end(), end):
            continue
        left, right = nt.clause_bounds(m.start(), m.end())
        yield finding(
            ZHIYAO,
            severity(ctx, ZHIYAO, False),
            "“只要”后没有“就”“便”等与之呼应，应为“主要”",
            nt,
            left,
            min(right, m.end() + 20),
            expected="主要",
            actual="只要",
        )


# "2023年预算安排85.41万元": a year, the words that state it, a figure.
_YEAR_FIGURE = re.compile(rf"20\d\d年度?([{CJK}]{{2,8}}?)(?=[\d０-９])")
_SENTENCE = re.compile(r"[^。；;\n]+")


def _cut_short(sentence: str) -> Iterator[tuple[int, str, str]]:
    """(offset, printed, full) of a year clause whose words are those that two or more parallel
    clauses of the sentence print, less their last character."""
    clauses = [(m.start(1), m.group(1)) for m in _YEAR_FIGURE.finditer(sentence)]
    words = [w for _, w in clauses]
    for offset, word in clauses:
        # one character short: a whole word left out ("2024年预算483.41万元") is no slip
        longer = {w for w in words if len(w) == len(word) + 1 and w.startswith(word)}
        full = next((w for w in longer if words.count(w) >= 2), None)
        if full is not None and words.count(word) == 1:
            yield offset, word, full


@rule(PARALLEL_WORD)
def parallel_word(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    nt = analysis_of(document, ctx).nt
    if nt.is_template:
        return
    sev = severity(ctx, PARALLEL_WORD, False)
    for p in nt.paragraphs:
        for sentence in _SENTENCE.finditer(p.text):
            for offset, printed, full in _cut_short(sentence.group()):
                at = p.start + sentence.start() + offset
                yield finding(
                    PARALLEL_WORD, sev, f"“{printed}”与同句其他各年的“{full}”不一致，疑漏字",
                    nt, max(p.start + sentence.start(), at - 8), at + len(printed) + 12,
                    expected=full, actual=printed,
                )
    for table in document.tables:
        if table.numeric:
            continue
        for r, c, text in _text_cells(table):
            for sentence in _SENTENCE.findall(_squeeze(text)):
                for offset, printed, full in _cut_short(sentence):
                    yield _cell_finding(
                        PARALLEL_WORD, sev, table, r, c, f"“{printed}”与同句其他各年的“{full}”不一致，疑漏字",
                        expected=full, actual=printed,
                        quote=sentence[max(0, offset - 5) : offset + len(printed) + 12],
                    )
