"""Forms whose cells are prose (绩效目标表) printed without rules: where such a form lies.

A form has a label column down its left edge (项目名称 / 年度目标 / 绩效指标 …): short labels
that start at the form's left edge with their values beside them, and values that are
sentences wrapped over several lines. Running text and tables found by their figures lack
one or the other. The form runs from its first label down to a caption, a note or the page
number; build.py lays its grid like any other aligned region (a row ends where the label
column starts a new label, wrapped prose lines stack into one cell).
"""

from __future__ import annotations

from desktopapp.extract.captions import is_note_start, is_page_number
from desktopapp.extract.grid_aligned.regions import Region
from desktopapp.extract.layout import Char
from desktopapp.extract.text import Fragment, Line, fragments, group_lines

MAX_LABEL = 12  # characters of a label in the label column
MIN_LABELS = 2  # labels in the left column that make a form
MIN_PROSE = 12  # characters of a value that is a sentence
LABEL_INDENT = 4.0  # ems from the left edge a label may start (centred in a wider label cell)
_SENTENCE = "，。；"


def prose_form_regions(chars: list[Char]) -> list[Region]:
    """Regions of forms with a label column and prose values, one per run of lines."""
    lines = group_lines(chars)
    if not lines:
        return []
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        if _stop(lines, i, size):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not _stop(lines, j, size) and lines[j].top - lines[j - 1].bottom <= 2.5 * size:
            j += 1
        run = lines[i:j]
        if len(run) >= MIN_LABELS and not _running_text(run):
            region = _form_in(run, [fragments(ln, k) for k, ln in enumerate(run)])
            if region is not None:
                regions.append(region)
        i = j
    return regions


def _running_text(lines: list[Line]) -> bool:
    """Most lines long and starting at the left edge: a paragraph, not a form (told before
    the lines are split into fragments, which costs on every page of text)."""
    edge = min(ln.x0 for ln in lines)
    long_at_edge = sum(1 for ln in lines if ln.x0 <= edge + 2 * ln.size and len(ln.text) > 2 * MAX_LABEL)
    return long_at_edge * 3 > len(lines) * 2


def _form_in(lines: list[Line], frags: list[list[Fragment]]) -> Region | None:
    """The run of lines as one form, when its left edge is a label column beside prose."""
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    edge = min(ln.x0 for ln in lines)
    left = [(k, row[0]) for k, row in enumerate(frags) if row and row[0].x0 <= edge + LABEL_INDENT * size]
    labels = [k for k, f in left if _is_label(f)]
    if len(labels) < MIN_LABELS:
        return None
    # A few may run label and value together ('长期目标1：全面推进…'): labels of the column
    # too, each on a page of a long form; running text is all of other lines.
    if sum(1 for _, f in left if not _is_label(f) and not _label_run_in(f.text)) > len(labels) // 3:
        return None
    # Where the label column ends: most labels end there; a long one may overflow its
    # narrow cell up to the prose beside it ('年度目标2：' over a value's wrapped lines).
    ends = sorted(f.x1 for k, f in left if _is_label(f))
    label_right = ends[len(ends) // 2]
    rest = [f for row in frags for f in row if f.x0 > edge + LABEL_INDENT * size]
    if any(f.x0 < label_right and not _is_label(f) for f in rest):
        return None  # prose reaching into the label column: no column of labels
    # A label run together with its value after its colon ('长期目标3：优化营商环境。') is
    # prose as well.
    values = rest + [f for k, f in left if not _is_label(f) and _label_run_in(f.text)]
    texts = [f.text for f in values] + _wrapped_values(frags, edge + LABEL_INDENT * size, size)
    if not any(len(t) >= MIN_PROSE and any(p in t for p in _SENTENCE) for t in texts):
        return None  # values without a sentence: a table of labels, found by its figures
    members = lines  # from the run's first line: a first label set in from the edge ('部门名称（盖章）')
    x0 = min(ln.x0 for ln in members)
    x1 = max(ln.x1 for ln in members)
    return Region(x0 - 2, x1 + 2, members[0].top - 1, members[-1].bottom + 1, None, [], "aligned")


def _wrapped_values(frags: list[list[Fragment]], left: float, size: float) -> list[str]:
    """The values right of the label column as their cells hold them: a sentence wrapped
    in a narrow column is a stack of short pieces right under one another, starting (or,
    right-aligned in their cell, ending) at one x, beside one label at most (lines each with
    a label of their own are rows of their own). Lines of the other columns' stacks may
    stand between two of its lines."""
    runs: list[list] = []  # [start x, end x, bottom, beside a label, text so far]
    for row in frags:
        labelled = any(f.x0 <= left for f in row)
        for f in row:
            if f.x0 <= left:
                continue
            at = next(
                (run for run in runs
                 if 0 <= f.top - run[2] <= 0.8 * size and (abs(run[0] - f.x0) <= size or abs(run[1] - f.x1) <= 1.0)
                 and not (run[3] and labelled)),
                None,
            )
            if at is None:
                runs.append([f.x0, f.x1, f.bottom, labelled, f.text])
            else:
                at[1], at[2], at[3], at[4] = f.x1, f.bottom, at[3] or labelled, at[4] + f.text
    return [run[4] for run in runs]


def _is_label(frag: Fragment) -> bool:
    text = frag.text.strip()
    return 0 < len(text) <= MAX_LABEL and not any(p in text for p in _SENTENCE)


def _label_run_in(text: str) -> bool:
    head, colon, _ = text.strip().replace(":", "：").partition("：")
    return bool(colon) and 0 < len(head) <= MAX_LABEL and not any(p in head for p in _SENTENCE)


def _stop(lines: list[Line], k: int, size: float) -> bool:
    """A caption, note or page number ends a form (a title is set larger)."""
    line = lines[k]
    text = line.text.strip()
    page_number = is_page_number(text) and not _wrapped_on(lines, k)
    return line.size > 1.2 * size or is_note_start(text) or page_number or "单位：" in text.replace(" ", "")


def _wrapped_on(lines: list[Line], k: int) -> bool:
    """Text of its column right above or below the line (a sentence wrapped in a narrow cell,
    '万元，' | '2023' | '年预'): a cell's line, no page number, which stands alone."""
    line = lines[k]
    return any(
        max(other.top - line.bottom, line.top - other.bottom) <= 0.8 * line.size
        and min(line.x1, other.x1) - max(line.x0, other.x0) > 0
        for other in lines[max(0, k - 3): k + 4] if other is not line
    )
