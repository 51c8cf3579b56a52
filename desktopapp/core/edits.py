"""Corrections to printed figures: apply, undo, redo, and the change log.

Every change is recorded (time, table, row, column, printed value → new value, reason) so the
officer's work can be exported, saved in a review file and replayed on the same PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from decimal import Decimal

from desktopapp.core.errors import UserError
from desktopapp.core.model import Cell, Document
from desktopapp.core.net_changes import current_reason
from desktopapp.core.numbers import MAX_SIGNIFICANT_DIGITS, format_amount, parse_amount, storable_amount
from desktopapp.core.safe_text import safe_text


class EditError(UserError):
    """An edit the officer typed that cannot be applied."""


ACTIONS = ("edit", "undo", "redo", "reason")


@dataclass(frozen=True)
class Change:
    time: str  # ISO 8601, local time
    table: str  # table id
    row: int  # 0-based body row
    col: int
    printed: str  # text as printed in the PDF
    old: str | None  # value in force before the change ("" = as printed)
    new: str | None  # new value ("" / None = back to the printed value)
    reason: str = ""
    # what the officer did: "edit" (typed a figure), "undo", "redo", or "reason" (wrote or changed
    # the reason of the correction in force; the value stays). Older review files have none: "edit".
    action: str = "edit"

    def __post_init__(self) -> None:
        # typed or restored text enters the model here (core.safe_text)
        object.__setattr__(self, "printed", safe_text(self.printed))
        object.__setattr__(self, "reason", safe_text(self.reason))
        if self.action not in ACTIONS:
            object.__setattr__(self, "action", "edit")

    def as_dict(self) -> dict:
        return asdict(self)


def parse_user_amount(text: str) -> Decimal | None:
    """A figure the officer typed ("1,234.5", "１２３", "-3"); None for empty (= restore printed)."""
    stripped = text.strip()
    if not stripped:
        return None
    parsed = parse_amount(stripped)
    if parsed is None:
        raise EditError(f"“{stripped}”不是有效的金额，请输入数字（可带千分位逗号，例如 1,234.56）。")
    if not storable_amount(parsed[0]):
        raise EditError(
            f"“{stripped}”位数过多：金额最多 {MAX_SIGNIFICANT_DIGITS} 位数字（整数与小数合计），请检查后重新输入。"
        )
    return parsed[0]


def _as_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


class EditLog:
    """Apply corrections to a document with undo/redo; `changes` is the full history as done."""

    def __init__(self, document: Document, on_change: Callable[[Change], None] | None = None) -> None:
        self.document = document
        self.changes: list[Change] = []  # everything that happened, undo/redo included
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self.on_change = on_change

    def cell(self, table_id: str, row: int, col: int) -> Cell:
        table = self.document.table(table_id)
        if table is None:
            raise EditError(f"找不到表格 {table_id}")
        try:
            return table.body[row][col]
        except IndexError as exc:
            raise EditError(f"表格 {table_id} 没有第 {row + 1} 行第 {col + 1} 列") from exc

    def set_value(self, table_id: str, row: int, col: int, text: str, reason: str = "") -> Change | None:
        """Set a cell to the figure typed in `text`; "" restores the printed value."""
        cell = self.cell(table_id, row, col)
        new = parse_user_amount(text)
        if new is not None and cell.value is not None and new == cell.value:
            new = None  # typing the printed value back is a restore
        if new == cell.corrected:
            return None
        change = Change(
            time=datetime.now().isoformat(timespec="seconds"),
            table=table_id,
            row=row,
            col=col,
            printed=cell.text,
            old=_as_text(cell.corrected),
            new=_as_text(new),
            reason=reason,
        )
        self._apply(change, forward=True)
        self._undo.append(change)
        self._redo.clear()
        return change

    def _apply(self, change: Change, forward: bool, logged: Change | None = None) -> None:
        cell = self.cell(change.table, change.row, change.col)
        target = change.new if forward else change.old
        cell.corrected = Decimal(target) if target is not None else None
        self.changes.append(logged or (change if forward else _reverse(change)))
        if self.on_change:
            self.on_change(self.changes[-1])

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._apply(change, forward=False)
        self._redo.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        # the history says when it was redone (the undo stack keeps the change as first made)
        self._apply(change, forward=True, logged=replace(change, time=_now(), action="redo"))
        self._undo.append(change)
        return change

    def set_reason(self, table_id: str, row: int, col: int, reason: str) -> Change | None:
        """Write or change the reason of the correction in force on a cell, afterwards.

        Recorded as its own history entry (action "reason", value unchanged), not an undo step;
        None when the reason is already that one. Raises EditError when the cell is not corrected.
        """
        cell = self.cell(table_id, row, col)
        if cell.corrected is None:
            raise EditError("该单元格没有修改，无需填写修改原因。")
        value = _as_text(cell.corrected)
        reason = safe_text(reason.strip())
        if reason == current_reason(self.changes, table_id, row, col):
            return None
        change = Change(time=_now(), table=table_id, row=row, col=col, printed=cell.text,
                        old=value, new=value, reason=reason, action="reason")
        self.changes.append(change)
        if self.on_change:
            self.on_change(change)
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def replay(self, changes: list[Change]) -> None:
        """Re-apply a saved history (restoring a review session) as one undoable sequence."""
        for change in changes:
            self._apply(change, forward=True)
            if change.action != "reason":  # a reason written afterwards changes no figure: nothing to undo
                self._undo.append(change)
        self._redo.clear()

    def corrected_cells(self) -> list[tuple[str, int, int, Cell]]:
        out = []
        for table in self.document.tables:
            for r, row in enumerate(table.body):
                for c, cell in enumerate(row):
                    if cell.is_corrected:
                        out.append((table.id, r, c, cell))
        return out


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _reverse(change: Change) -> Change:
    return Change(
        time=_now(),
        table=change.table,
        row=change.row,
        col=change.col,
        printed=change.printed,
        old=change.new,
        new=change.old,
        reason="撤销" if not change.reason else f"撤销：{change.reason}",
        action="undo",
    )


def describe(change: Change, document: Document) -> str:
    """One Chinese line for the change-log panel."""
    table = document.table(change.table)
    title = table.title if table else change.table
    new = "原印刷值" if change.new is None else format_amount(Decimal(change.new), 2)
    return f"{title} 第{change.row + 1}行第{change.col + 1}列：{change.printed or '（空）'} → {new}"
