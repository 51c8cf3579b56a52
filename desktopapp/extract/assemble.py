"""Table pieces of all pages → the document's tables.

A piece without a title at the top of a page continues the table that ended the previous
page (so does one titled "…（续）" or repeating the same title); its repeated header rows
are dropped. The header/body split, title, number, unit, notes and kind are settled here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from desktopapp.core.model import Cell, Table
from desktopapp.core.numbers import normalize, parse_amount
from desktopapp.extract.captions import is_note_start
from desktopapp.extract.geometry import cluster_means
from desktopapp.extract.grid_aligned import make_grid, shared_columns
from desktopapp.extract.header import header_row_count, is_column_number_row, is_data_amount
from desktopapp.extract.page_tables import Piece, grid_rows
from desktopapp.extract.repeated_top import header_of_repeated_lines, repeats_first_line
from desktopapp.extract.row_breaks import join_rows, joins_next_page, names_at_edge
from desktopapp.tables.kinds import classify, is_text_kind

_TOTAL_LABEL = re.compile(r"^(合计|总计)$")
SAME_COLUMN = 4.0  # column boundaries of a table's pages this close (points) are one


def _drop_running_titles(pieces: list[Piece]) -> None:
    """A line printed atop many pages (a running header) read as the title of the tables
    continued there: when other tables' titles come between its pages, it is no title."""
    pages_of: dict[str, list[int]] = {}
    tops_of: dict[str, list[float]] = {}
    for p in pieces:
        if p.caption.title:
            key = _norm_title(p.caption.title)
            pages_of.setdefault(key, []).append(p.page)
            tops_of.setdefault(key, []).append(p.caption.title_top if p.caption.title_top is not None else -1e9)
    running = set()
    for title, pages in pages_of.items():
        tops = tops_of[title]
        if len(set(pages)) < 2 or max(tops) - min(tops) > 2.0:
            continue  # a running header is printed at the same place on each page
        lo, hi = min(pages), max(pages)
        if any(
            p.caption.title and _norm_title(p.caption.title) != title and lo < p.page < hi for p in pieces
        ):
            running.add(title)
    for p in pieces:
        if p.caption.title and _norm_title(p.caption.title) in running:
            p.caption.title = None


def _adopt_foot_captions(pieces: list[Piece]) -> list[Piece]:
    """A caption printed alone at the foot of a page is the caption of the grid that tops the
    next page, when that grid has no title of its own (it is then no continuation of the
    table above the caption). Caption-only pieces leave the list either way."""
    out: list[Piece] = []
    feet = [_norm_title(p.caption.title) for p in pieces if p.strategy == "foot_caption"]
    for k, p in enumerate(pieces):
        if p.strategy != "foot_caption":
            out.append(p)
            continue
        if feet.count(_norm_title(p.caption.title)) > 1:
            continue  # a running footer printed on several pages, no caption
        nxt = next((q for q in pieces[k + 1 :] if q.strategy != "foot_caption"), None)
        if (
            nxt is not None
            and nxt.page == p.page + 1
            and nxt.index_on_page == 0
            and nxt.rows
            and not nxt.blank
            and not nxt.text_above
            and not nxt.caption.title
        ):
            own = nxt.caption
            nxt.caption = replace(
                p.caption,
                unit=own.unit or p.caption.unit,
                org_line=own.org_line or p.caption.org_line,
                number=own.number or p.caption.number,
            )
    return out


def group_pieces(pieces: list[Piece]) -> list[list[Piece]]:
    pieces = _adopt_foot_captions(pieces)
    _drop_running_titles(pieces)
    groups: list[list[Piece]] = []
    last_on_page: dict[int, int] = {}
    for p in pieces:
        last_on_page[p.page] = max(last_on_page.get(p.page, -1), p.index_on_page)
    for p in pieces:
        candidate = p.aligned is not None and p.aligned.region.continuation_only
        if groups and _continues(groups[-1], p, last_on_page) and (not candidate or _repeats_header(groups[-1][0], p)):
            groups[-1].append(p)
        elif not p.blank and not candidate:
            groups.append([p])
    return groups


def _repeats_header(first: Piece, piece: Piece) -> bool:
    """The piece's header rows print the characters of the table's header, no more, no less
    (its labels may be parted otherwise on this page)."""
    if not first.header_hint or not piece.header_hint:
        return False
    def chars(p: Piece) -> Counter[str]:
        return Counter("".join(normalize(t) for row in p.row_texts()[: p.header_hint] for t in row))
    return chars(first) == chars(piece)


def _continues(group: list[Piece], piece: Piece, last_on_page: dict[int, int]) -> bool:
    prev = group[-1]
    first = group[0]
    if not piece.rows or not first.rows:
        return False  # a table printed without a grid stands alone
    if piece.page != prev.page + 1 or piece.index_on_page != 0:
        return False
    if prev.index_on_page != last_on_page.get(prev.page):
        return False
    cap = piece.caption
    same_title = bool(cap.title) and _norm_title(cap.title) == _norm_title(first.caption.title)
    if cap.title and not cap.continued and not same_title:
        return False
    if cap.continued or same_title:
        return True
    if piece.text_above:
        return False
    return (
        _compatible(first, piece)
        or _columns_among(prev, piece)
        or _leading_columns_without_figures(prev, piece)
        or _columns_of_page_before(group, piece)
    )


def _norm_title(title: str | None) -> str:
    return normalize(title or "")


def _compatible(first: Piece, piece: Piece) -> bool:
    """Same column structure: same number of columns, the same width on the page (tables
    set by alignment may miss a column that is empty on one page), or the piece repeats
    the header."""
    if _n_cols(first) == _n_cols(piece):
        return True
    if first.xs and piece.xs and abs(first.xs[0] - piece.xs[0]) < 4 and abs(first.xs[-1] - piece.xs[-1]) < 4:
        return True
    # Compared by their filled cells: a page of a form (no rules) may lay fewer columns.
    head = {_filled(row) for row in first.row_texts()[:4]} - {()}
    if any(_filled(row) in head for row in piece.row_texts()[:4]):
        return True
    # Or its first rows hold the first rows' texts, its bands split otherwise (a grouping
    # band '栏目' sharing a row with the label beside it on one page, not on the next).
    rows = first.row_texts()
    if any(_leading_rows_repeating(piece.row_texts(), rows[:k]) for k in (2, 3) if len(rows) >= k):
        return True
    return _repeats_top_line(first, piece) or repeats_first_line(first, piece)


def _repeats_top_line(first: Piece, piece: Piece) -> bool:
    """The piece's first band repeats the table's first row (a form's '单位名称 …'
    atop each page) though its grid put more in that row: labels of a lower band, centred in
    tall cells, reach up into it where the line leaves their columns empty."""
    if not first.rows or not piece.rows:
        return False
    want = _filled([c.text for c in first.rows[0] if not c.covered])
    cells = [c for c in piece.rows[0] if not c.covered and c.text and c.box is not None]
    if len(want) < 2 or not cells:
        return False
    band = min(c.box.bottom for c in cells)  # the row's own band; tall cells reach below it
    line = sorted((c for c in cells if c.box.bottom <= band + 1), key=lambda c: c.box.x0)
    return _filled([c.text for c in line]) == want


def _columns_among(prev: Piece, piece: Piece) -> bool:
    """A page set without rules whose leading columns are empty on it (the 采购品目大类 of
    a 政府采购 table, filled only on its group rows) lays fewer columns: each of its
    column boundaries after its first, at least two inside the table, is one of the page
    before's (but one: the boundary before a column of right-aligned amounts moves with
    their widest), at least three, and it ends where that page ends."""
    if piece.aligned is None or prev.aligned is None or len(piece.xs) < 5 or len(piece.xs) >= len(prev.xs):
        return False
    if piece.xs[0] <= prev.xs[0] + SAME_COLUMN or abs(piece.xs[-1] - prev.xs[-1]) >= SAME_COLUMN:
        return False
    shared = sum(any(abs(x - y) < SAME_COLUMN for y in prev.xs) for x in piece.xs[1:-1])
    return shared >= 3 and shared >= len(piece.xs) - 3


def _columns_of_page_before(group: list[Piece], piece: Piece) -> bool:
    """A page set without rules and without a repeated header lays exactly the columns of
    the continuation page before it, itself narrower than the table's first page (the
    政府采购 table's leading 科目 column empty on both): the same table carried on."""
    prev = group[-1]
    if len(group) < 2 or piece.aligned is None or prev.aligned is None or len(piece.xs) < 4:
        return False
    return len(piece.xs) == len(prev.xs) and all(abs(x - y) < SAME_COLUMN for x, y in zip(piece.xs, prev.xs))


def _leading_columns_without_figures(prev: Piece, piece: Piece) -> bool:
    """A page set without rules that carries no figure at all (a blank template's 科目 carried
    on under no repeated header) lays only the columns its texts fill: its column boundaries,
    two at least, are the page before's first ones, and it ends inside that page's table."""
    if piece.aligned is None or prev.aligned is None or len(piece.xs) < 3:
        return False
    if any(is_data_amount(t) for row in piece.row_texts() for t in row[1:]):
        return False  # (its first column may hold 科目 codes)
    leading = all(abs(x - y) < SAME_COLUMN for x, y in zip(piece.xs[:-1], prev.xs))
    return leading and len(piece.xs) < len(prev.xs) and piece.xs[-1] < prev.xs[-1] - SAME_COLUMN


def _leading_rows_repeating(rows: list[list[str]], header: list[list[str]]) -> int:
    """How many leading rows hold together exactly the texts of `header`'s rows (a header
    repeated on a continuation page whose texts fall into its rows otherwise), else 0."""
    want = Counter(t for row in header for t in _filled(row))
    if sum(want.values()) < 2:
        return 0
    seen: Counter[str] = Counter()
    for k, row in enumerate(rows[: len(header) + 2]):
        seen.update(_filled(row))
        if seen - want:
            return 0
        if seen == want:
            return k + 1
    return 0


def _filled(row: list[str]) -> tuple[str, ...]:
    return tuple(normalize(t) for t in row if t)


def _n_cols(piece: Piece) -> int:
    return max((len(r) for r in piece.rows), default=0)


def _align_columns(group: list[Piece]) -> None:
    """Give every piece of a table the same columns (a column empty on one page is missing
    from that page's grid): tables set by alignment are laid out again with the columns
    of all their pages; ruled ones take the union of their column boundaries."""
    if len(group) < 2:
        return
    texts = [p.aligned for p in group]
    if all(t is not None for t in texts):
        clusters = shared_columns(texts)
        grids = [make_grid(t, clusters) for t in texts]
        if all(g is not None for g in grids):
            for p, g, following in zip(group, grids, [*grids[1:], None]):
                p.rows = grid_rows(g, p.frame, p.page)
                # In the columns of all pages, the next page's rows tell where names wrap.
                p.names_at_edge = names_at_edge(g, p.rows[-1], following) if p.rows else []
                p.xs = list(g.xs)
                p.header_hint = g.header_rows_hint
                p.header_labels_merged = g.header_labels_merged
            return
    if len({len(p.xs) for p in group}) <= 1 and all(
        all(abs(a - b) < 4 for a, b in zip(p.xs, group[0].xs)) for p in group
    ):
        return
    union = cluster_means([x for p in group for x in p.xs], SAME_COLUMN)
    for p in group:
        _remap(p, union)


def _remap(piece: Piece, union: list[float]) -> None:
    if len(piece.xs) < 2:
        return
    centres = [(a + b) / 2 for a, b in zip(union, union[1:])]

    def span(c0: int, c1: int) -> tuple[int, int] | None:
        lo, hi = piece.xs[c0], piece.xs[c1 + 1]
        inside = [k for k, x in enumerate(centres) if lo <= x < hi]
        return (inside[0], inside[-1]) if inside else None

    n = len(centres)
    rows: list[list[Cell]] = []
    for row in piece.rows:
        out: list[Cell | None] = [None] * n
        for c, cell in enumerate(row):
            if cell.covered:
                continue
            rng = span(c, min(len(row), c + cell.col_span) - 1)
            if rng is None:
                continue
            k0, k1 = rng
            if out[k0] is not None:
                out[k0].text = (out[k0].text + " " + cell.text).strip()
                continue
            out[k0] = Cell(cell.text, piece.page, cell.box, row_span=cell.row_span, col_span=k1 - k0 + 1)
            for k in range(k0 + 1, k1 + 1):
                out[k] = Cell("", piece.page, cell.box, covered=True)
        filler = row[0].box if row else None
        rows.append([c if c is not None else Cell("", piece.page, filler) for c in out])
    piece.rows = rows
    piece.xs = list(union)


def build_table(group: list[Piece], table_id: str, final_document: bool) -> Table:
    header_of_repeated_lines(group)
    _align_columns(group)
    first = group[0]
    cap = first.caption
    title = cap.title or ""
    rows = first.row_texts()
    # Classified once, before the header is split off: whether the table holds text decides
    # where its header ends.
    kind = classify(f"{cap.number or ''}{title}", [t for r in rows[:3] for t in r], final_document)
    text_table = is_text_kind(kind)
    if first.header_hint is not None:
        n_header = first.header_hint
    else:
        n_header = header_row_count(rows, text_table=text_table)
    header_cells = [row for row in first.rows[:n_header]]
    header_texts = [[normalize(t) for t in r] for r in rows[:n_header]]
    body_cells: list[tuple[int, list[Cell]]] = [(first.page, row) for row in first.rows[n_header:]]
    last_piece = first
    for piece in group[1:]:
        prow = piece.row_texts()
        skip = 0
        paths = _column_paths(header_cells)

        def repeats_header(i: int, prow=prow, piece=piece, paths=paths) -> bool:
            return _is_repeated_header(prow[i], header_texts, text_table, piece, i) or _header_by_columns(piece.rows[i], paths)

        while skip < len(prow) and (repeats_header(skip) or _blank_inside_header(prow, skip, repeats_header)):
            skip += 1
        if skip == 0:
            skip = _leading_rows_repeating(prow, header_texts)
        # The repeated header's empty band where the first page's header has one (a band
        # line laid out as a row of its own): header, not an empty body row.
        while 0 < skip < min(len(prow), len(header_texts)) and not any(prow[skip]) and not any(header_texts[skip]):
            skip += 1
        # Some print the 合计 row again under the repeated header: it is the same row.
        totals = {tuple(normalize(t) for t in r) for _, r in ((p, [c.text for c in row]) for p, row in body_cells)
                  if any(_TOTAL_LABEL.match(normalize(t)) for t in r[:4])}
        while skip < len(prow) and tuple(normalize(t) for t in prow[skip]) in totals:
            skip += 1
        if not body_cells and skip < len(prow):
            # The page broke inside the header: the rest of it tops this page.
            more = header_row_count(prow[skip:], text_table=text_table)
            if 0 < more < len(prow) - skip:
                header_cells.extend(piece.rows[skip : skip + more])
                header_texts.extend([normalize(t) for t in r] for r in prow[skip : skip + more])
                skip += more
        if (
            body_cells
            and skip < len(piece.rows)
            and body_cells[-1][0] == last_piece.page
            and body_cells[-1][1] is (last_piece.rows[-1] if last_piece.rows else None)
            and joins_next_page(body_cells[-1][1], piece.rows[skip], last_piece.names_at_edge)
        ):
            body_cells[-1] = (piece.page, join_rows(body_cells[-1][1], piece.rows[skip]))
            skip += 1
        body_cells.extend((piece.page, row) for row in piece.rows[skip:])
        last_piece = piece
    header_cells = [row for row in header_cells if any(c.text for c in row)]
    while body_cells and not any(c.text for c in body_cells[-1][1]):
        body_cells.pop()  # empty ruled rows left at the end of the form
    inner_notes: list[str] = []
    while body_cells and _note_row(body_cells[-1][1]):
        inner_notes.insert(0, next(c.text for c in body_cells[-1][1] if c.text))
        body_cells.pop()  # a note printed in the frame's last row

    numeric = not text_table
    table = Table(
        id=table_id,
        title=title,
        number=cap.number,
        kind=kind,
        unit=cap.unit or next((p.caption.unit for p in group if p.caption.unit), None),
        pages=sorted({p.page for p in group}),
        notes=inner_notes + [n for p in group for n in p.notes],
        organization_line=cap.org_line,
        numeric=numeric,
        strategy=first.strategy,
        header_labels_merged=any(p.header_labels_merged for p in group),
    )
    n_cols = max([len(r) for r in header_cells] + [len(r) for _, r in body_cells] + [0])
    table.header = [_header_row(row, first.page, n_cols, len(header_cells), i) for i, row in enumerate(header_cells)]
    table.body = [_body_row(row, page, n_cols, numeric) for page, row in body_cells]
    for p in group:
        if p.bbox is not None:
            box = table.bbox_by_page.get(p.page)
            table.bbox_by_page[p.page] = p.bbox if box is None else box.union(p.bbox)
    return table


def _is_repeated_header(row: list[str], header_texts: list[list[str]], text_table: bool, piece: Piece, index: int) -> bool:
    norm = [normalize(t) for t in row]
    if not any(norm):
        return False
    if norm in header_texts:
        return True
    if not text_table and is_column_number_row(row):
        return True
    # A repeated header whose merged cells were split differently on this page: the same
    # labels in the same order.
    labels = [t for t in norm if t]
    return any(labels == [t for t in h if t] for h in header_texts)


def _blank_inside_header(prow: list[list[str]], index: int, repeats_header: Callable[[int], bool]) -> bool:
    """An empty row between two bands of the header repeated on a continuation page (a band
    line laid out as its own row): it is part of the header when a repeated band follows."""
    if index == 0 or any(normalize(t) for t in prow[index]):
        return False
    after = next((i for i in range(index + 1, len(prow)) if any(normalize(t) for t in prow[i])), None)
    return after is not None and repeats_header(after)


def _column_paths(header_cells: list[list[Cell]]) -> list[list[str]]:
    """Each column's header labels, top to bottom (a merged label in every column it spans)."""
    n = max((len(r) for r in header_cells), default=0)
    paths: list[list[str]] = [[] for _ in range(n)]
    for row in header_cells:
        for c, cell in enumerate(row):
            text = normalize(cell.text)
            if cell.covered or not text:
                continue
            for k in range(c, min(n, c + cell.col_span)):
                paths[k].append(text)
    return paths


def _header_by_columns(row: list[Cell], paths: list[list[str]]) -> bool:
    """A header repeated on a continuation page in fewer bands (the lower band only, with the
    labels merged over both bands written in it, or the bands run together): every label
    stands in a column whose header holds it, or a run of its labels."""
    filled = [(c, normalize(cell.text)) for c, cell in enumerate(row) if cell.text and not cell.covered]
    if len(filled) < 2 or len(row) != len(paths):
        return False
    for c, text in filled:
        parts = paths[c]
        runs = {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
        if text not in runs or is_data_amount(text):
            return False
    return True


def _note_row(row: list[Cell]) -> bool:
    """'注：…' alone in a row across the table."""
    filled = [c for c in row if c.text and not c.covered]
    if len(filled) != 1 or not is_note_start(filled[0].text):
        return False
    return filled[0].col_span >= max(2, 0.6 * len(row)) or len(row) <= 2


def _header_row(row: list[Cell], page: int, n_cols: int, n_rows: int, index: int) -> list[Cell]:
    """The piece's cells become the table's (completed in place, not copied): a merged
    label's span ends with the header."""
    for cell in row:
        if not cell.covered:
            cell.row_span = max(1, min(cell.row_span, n_rows - index))
    return row + [Cell(text="", page=page) for _ in range(n_cols - len(row))]


def _body_row(row: list[Cell], page: int, n_cols: int, numeric: bool) -> list[Cell]:
    """The piece's cells, with their printed values when the table holds amounts."""
    if numeric:
        for cell in row:
            parsed = None if cell.covered else parse_amount(cell.text)
            if parsed is not None:
                cell.value, cell.decimals = parsed
    return row + [Cell(text="", page=page) for _ in range(n_cols - len(row))]
