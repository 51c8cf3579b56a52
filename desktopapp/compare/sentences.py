"""The narratives of two documents as sentences, aligned one to one.

A sentence is compared with its figures and years masked, so that last year's "2024年支出
1,200.00万元，比2023年增加5.2%" aligns with this year's "2025年支出1,300.00万元，比2024年增加
8.3%": only the figures changed. Alignment is difflib's over the masked sentences; inside a
changed run, a sentence is paired with the most similar one still in order, and only when
similar enough — an unsure pair is no pair (the text checks say nothing about it).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from desktopapp.core.model import Document
from desktopapp.rules.narrative.parse import AMOUNT, PERCENT, YEAR, clean_number, parse_document

# A pair inside a changed run needs this much likeness (difflib ratio of the masked texts).
PAIR_RATIO = 0.75
_OTHER_NUMBER = re.compile(r"\d[\d,.]*")
_TRIM = "。！？；：… "
# Punctuation a changed sentence is not reported for (the figures' "." and "," are kept).
_PUNCTUATION = re.compile(r"[\s。，、；：！？…“”‘’\"'；:;!?]")


@dataclass(frozen=True)
class Sentence:
    text: str  # as printed, white space removed (the narrative parse's flow)
    page: int
    masked: str  # figures → 〔金额〕/〔%〕, years → 〔年〕, other numbers → 〔数〕
    figures: tuple[tuple[Decimal, str], ...]  # amounts and percentages, in order: (value, unit)
    years: tuple[int, ...]
    paragraph: int = -1  # index of its paragraph in the narrative

    @property
    def body(self) -> str:
        return self.text.rstrip(_TRIM)


def mask(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = AMOUNT.sub("〔金额〕", text)
    text = PERCENT.sub("〔%〕", text)
    text = YEAR.sub("〔年〕", text)
    return _OTHER_NUMBER.sub("〔数〕", text)


def figures_of(text: str) -> tuple[tuple[Decimal, str], ...]:
    found: list[tuple[int, Decimal, str]] = []
    for m in AMOUNT.finditer(text):
        value = clean_number(m.group(1) + ("." + m.group(2) if m.group(2) else ""))
        if value is not None:
            unit = "万元" if m.group(3) == "万" else m.group(3)
            found.append((m.start(), value, unit))
    for m in PERCENT.finditer(text):
        value = clean_number(m.group(1))
        if value is not None:
            found.append((m.start(), value, "%"))
    return tuple((value, unit) for _, value, unit in sorted(found, key=lambda f: f[0]))


def years_of(text: str) -> tuple[int, ...]:
    return tuple(int(y) for y in YEAR.findall(text))


def sentences_of(document: Document) -> list[Sentence]:
    """The narrative's sentences in reading order (headings included, as printed)."""
    nt = parse_document(document)
    out: list[Sentence] = []
    for s in nt.sentences:
        text = nt.sentence_text(s).replace("\n", "")
        if not text.strip(_TRIM):
            continue
        out.append(sentence(text, nt.page_at(s.start), s.paragraph))
    return out


def sentence(text: str, page: int, paragraph: int = -1) -> Sentence:
    return Sentence(text, page, mask(text), figures_of(text), years_of(text), paragraph)


def words(text: str) -> str:
    """The words and figures of a text, its punctuation and white space aside."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text))


def _key(s: Sentence) -> str:
    return words(s.text)


def same_words(a: Sentence, b: Sentence) -> bool:
    return _key(a) == _key(b)


@dataclass(frozen=True)
class Pair:
    reference: Sentence | None  # None: the sentence is new in the current document
    current: Sentence | None  # None: the reference's sentence is gone
    same_wording: bool  # the masked texts are equal: only figures or years may differ


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair_run(ref: list[Sentence], cur: list[Sentence]) -> list[Pair]:
    """A changed run: each current sentence paired, in order, with the likeliest reference
    sentence when it is alike enough and no other is as alike (else left unpaired)."""
    pairs: list[Pair] = []
    next_ref = 0
    for c in cur:
        scored = sorted(
            ((_ratio(r.masked, c.masked), i) for i, r in enumerate(ref) if i >= next_ref), reverse=True
        )
        if scored and scored[0][0] >= PAIR_RATIO and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
            best = scored[0][1]
            pairs.extend(Pair(r, None, False) for r in ref[next_ref:best])
            pairs.append(Pair(ref[best], c, ref[best].masked == c.masked))
            next_ref = best + 1
        else:
            pairs.append(Pair(None, c, False))
    pairs.extend(Pair(r, None, False) for r in ref[next_ref:])
    return pairs


def align(reference: list[Sentence], current: list[Sentence]) -> list[Pair]:
    """Every sentence of both narratives, in the current document's order, paired where aligned."""
    matcher = difflib.SequenceMatcher(
        None, [s.masked for s in reference], [s.masked for s in current], autojunk=False
    )
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(Pair(r, c, True) for r, c in zip(reference[i1:i2], current[j1:j2]))
        else:
            pairs.extend(_pair_run(reference[i1:i2], current[j1:j2]))
    return _rejoin(pairs)


def _joined(a: Sentence, b: Sentence) -> Sentence:
    return sentence(a.text + b.text, a.page, a.paragraph)


def _absorbs(whole: Sentence, fragment: Sentence, after: bool) -> bool:
    """Whether `whole` is `part` and `fragment` run together (the two read as one sentence in
    one document and as two in the other, a line break read as a paragraph end)."""
    key, frag = _key(whole), _key(fragment)
    if not frag:
        return False
    return key.endswith(frag) if after else key.startswith(frag)


def _rejoin(pairs: list[Pair]) -> list[Pair]:
    """A sentence one document printed whole and the other split in two is one pair."""
    out = list(pairs)
    i = 0
    while i < len(out):
        lone = out[i]
        if (lone.current is None) == (lone.reference is None):
            i += 1
            continue
        for j, after in ((i - 1, True), (i + 1, False)):
            if not 0 <= j < len(out) or out[j].current is None or out[j].reference is None:
                continue
            near = out[j]
            if lone.reference is not None:  # the reference split what the current prints whole
                ref = (
                    _joined(near.reference, lone.reference)
                    if after
                    else _joined(lone.reference, near.reference)
                )
                if _absorbs(near.current, lone.reference, after) and not _absorbs(
                    near.reference, lone.reference, after
                ):
                    out[j] = Pair(ref, near.current, ref.masked == near.current.masked)
                    del out[i]
                    break
            else:
                cur = _joined(near.current, lone.current) if after else _joined(lone.current, near.current)
                if _absorbs(near.reference, lone.current, after) and not _absorbs(
                    near.current, lone.current, after
                ):
                    out[j] = Pair(near.reference, cur, near.reference.masked == cur.masked)
                    del out[i]
                    break
        else:
            i += 1
    return out
