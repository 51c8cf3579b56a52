"""An earlier version of the same document (a resubmission after corrections): every figure
that changed, one 提示 per cell — table, subject, column, before → after — so the officer sees
what the new version changed."""

from __future__ import annotations

from desktopapp.compare.cells import cell_pairs, same_label_columns
from desktopapp.compare.matching import column_name, counterpart_table
from desktopapp.compare.tally import Tally
from desktopapp.core.labels import table_caption
from desktopapp.core.model import CellRef, Document, Finding, Severity, Table
from desktopapp.rules.relation import cell_amount, cell_decimals, fmt
from desktopapp.tables.structure import structure_of, value_cell
from desktopapp.tables.text import clean

RULE = "reference_version_changed"


def _shown(cell) -> str:
    value = cell_amount(cell)
    if value is None:
        return clean(cell.text) or "（空白）"
    return fmt(value, cell_decimals(cell) or 0)


def changed_figures(current: Document, reference: Document) -> Tally:
    tally = Tally()
    paired: set[int] = set()
    for table in current.tables:
        if not table.numeric:
            continue
        ref_table = counterpart_table(table, current, reference, with_empty=True)
        if ref_table is None:
            if table.body:
                tally.findings.append(_table_finding(table, f"较早版本中没有这张表：{table_caption(table)}（本版本新增）", table.pages))
            continue
        paired.add(id(ref_table))
        if not ref_table.body or not table.body:
            tally.findings.extend(_emptied(table, ref_table))
            continue
        columns = same_label_columns(structure_of(table, current), structure_of(ref_table, reference))
        pairs, unmatched = cell_pairs(current, table, reference, ref_table, columns)
        tally.unmatched.extend(unmatched)
        for pair in pairs:
            if not pair.readable():
                continue
            tally.matched += 1
            now = value_cell(table, pair.row, pair.col)
            before = value_cell(ref_table, pair.ref_row, pair.ref_col)
            if cell_amount(now) == cell_amount(before) and (cell_amount(now) is not None or now.text == before.text):
                continue
            was, is_ = _shown(before), _shown(now)
            tally.findings.append(Finding(
                RULE, Severity.INFO, f"与较早版本不同：{pair.where}：{was} → {is_}",
                cells=[pair.ref], expected=was, actual=is_, page=pair.page, table=table.id,
                reference_cells=[pair.reference_ref], reference_page=pair.reference_page,
            ))
    for ref_table in reference.tables:
        if ref_table.numeric and ref_table.body and id(ref_table) not in paired \
                and counterpart_table(ref_table, reference, current, with_empty=True) is None:
            tally.findings.append(_table_finding(
                None, f"本版本没有较早版本中的这张表：{table_caption(ref_table)}（已删去）", [],
                reference_page=ref_table.pages[0] if ref_table.pages else None))
    return tally


def _table_finding(table: Table | None, message: str, pages: list[int], reference_page: int | None = None) -> Finding:
    return Finding(RULE, Severity.INFO, message, page=pages[0] if pages else None,
                   table=table.id if table is not None else None, reference_page=reference_page)


def _emptied(table: Table, ref_table: Table) -> list[Finding]:
    """A table printed empty in one version and with figures in the other: its figures listed."""
    filled, now_filled = (table, True) if table.body else (ref_table, False)
    out = []
    for r, row in enumerate(filled.body):
        for c, cell in enumerate(row):
            if cell_amount(cell) is None:
                continue
            label = next((clean(x.text) for x in row[:c] if clean(x.text) and cell_amount(x) is None), "")
            column = column_name(structure_of(filled).column(c), c)
            where = f"{table_caption(table)} · {label + ' · ' if label else ''}{column}"
            was, is_ = ("（空表）", _shown(cell)) if now_filled else (_shown(cell), "（空表）")
            out.append(Finding(
                RULE, Severity.INFO, f"与较早版本不同：{where}：{was} → {is_}", expected=was, actual=is_,
                cells=[CellRef(table.id, r, c)] if now_filled else [], table=table.id,
                page=table.pages[0] if table.pages else None,
                reference_cells=[] if now_filled else [CellRef(ref_table.id, r, c)],
                reference_page=ref_table.pages[0] if ref_table.pages else None,
            ))
    return out
