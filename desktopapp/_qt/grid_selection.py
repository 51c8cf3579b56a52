"""What the officer does with selected cells, as in Excel: their sum, count and average in the
status bar, and Ctrl+C as a block that pastes into Excel as numbers (tab-separated text and an
HTML table, figures without thousands separators)."""

from __future__ import annotations

import atexit
import html
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QMimeData, QModelIndex
from PySide6.QtGui import QGuiApplication

from desktopapp.core.model import Cell
from desktopapp.core.numbers import format_amount

from .table_model import GridModel, display_text


@dataclass(frozen=True)
class SelectionStats:
    count: int
    total: Decimal
    decimals: int  # the most digits after the point among the figures

    @property
    def average(self) -> Decimal:
        return self.total / self.count

    def describe(self, thousands: bool = True) -> str:
        """"计数 3 · 合计 1,234.56 · 平均 411.52", the figures printed like the grid's."""
        places = max(self.decimals, 2)
        return (f"计数 {self.count} · 合计 {format_amount(self.total, self.decimals, thousands)}"
                f" · 平均 {format_amount(self.average, places, thousands)}")


def figure_cells(model: GridModel, indexes: list[QModelIndex]) -> list[Cell]:
    """The selected cells holding a figure in an amount column (codes and names are not summed);
    a merged box counts once."""
    cells = []
    for index in indexes:
        col = index.column()
        cell = model.cell(index.row(), col)
        if cell is None or cell.covered or cell.amount is None:
            continue
        if 0 <= col < len(model.kinds) and model.kinds[col] == "amount":
            cells.append(cell)
    return cells


def selection_stats(model: GridModel, indexes: list[QModelIndex]) -> SelectionStats | None:
    cells = figure_cells(model, indexes)
    if not cells:
        return None
    total = sum((c.amount for c in cells), Decimal(0))
    decimals = max((c.decimals or 0) for c in cells)
    return SelectionStats(len(cells), total, decimals)


def plain_text(model: GridModel, row: int, col: int) -> str:
    """A cell as Excel should read it: a figure as a plain number ("1826.31", "-5.00"), text on one line."""
    cell = model.cell(row, col)
    if cell is None or cell.covered:
        return ""
    if cell.amount is not None and 0 <= col < len(model.kinds) and model.kinds[col] == "amount":
        return format_amount(cell.amount, cell.decimals if cell.decimals is not None else 2, thousands=False)
    return " ".join(display_text(cell, model.thousands).split())


def selected_block(model: GridModel, indexes: list[QModelIndex]) -> list[list[str]]:
    """The selected cells as rows of texts: the selection's rows and columns in order, a cell
    not selected inside the block left empty, so the block keeps its shape."""
    if not indexes:
        return []
    rows = sorted({i.row() for i in indexes})
    cols = sorted({i.column() for i in indexes})
    chosen = {(i.row(), i.column()) for i in indexes}
    return [[plain_text(model, r, c) if (r, c) in chosen else "" for c in cols] for r in rows]


def block_mime(block: list[list[str]]) -> QMimeData:
    data = QMimeData()
    data.setText("\n".join("\t".join(row) for row in block))
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>" for row in block
    )
    data.setHtml(f"<html><body><table>{cells}</table></body></html>")
    return data


_on_clipboard: list[QMimeData] = []  # what this process put there last


def copy_block(model: GridModel, indexes: list[QModelIndex]) -> bool:
    block = selected_block(model, indexes)
    if not block:
        return False
    data = block_mime(block)
    QGuiApplication.clipboard().setMimeData(data)
    if not _on_clipboard:
        atexit.register(_hand_over_clipboard)
    _on_clipboard[:] = [data]
    return True


def _hand_over_clipboard() -> None:
    """At exit, while Python still runs: a QMimeData made in Python calls back into Python when Qt
    deletes it, which crashes once Python is gone; the clipboard gets the same text made by Qt."""
    app = QGuiApplication.instance()
    if app is None or not _on_clipboard:
        return
    clipboard = QGuiApplication.clipboard()
    if clipboard.mimeData() is _on_clipboard[0]:
        clipboard.setText(clipboard.text())
    _on_clipboard.clear()
