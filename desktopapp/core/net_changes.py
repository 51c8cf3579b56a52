"""The net change per cell: what the history of corrections comes to.

The history (core.edits.EditLog.changes) keeps every edit, undo, redo and reason as it happened;
the officer and the workbook want, per corrected cell, printed → value in force, the reason of
that value and when the cell last changed. A cell changed and then brought back to its printed
figure has no net change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

CellKey = tuple[str, int, int]  # table id, body row, column


class Change(Protocol):
    """A history entry (core.edits.Change, which imports this module to find a cell's reason)."""

    @property
    def time(self) -> str: ...
    @property
    def table(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def printed(self) -> str: ...
    @property
    def new(self) -> str | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def action(self) -> str: ...


@dataclass(frozen=True)
class NetChange:
    table: str
    row: int
    col: int
    printed: str  # text as printed in the PDF
    value: str  # the value in force (Decimal as text)
    reason: str  # the reason given for that value ("" = none)
    time: str  # ISO 8601 time of the cell's last history entry
    history: list[Change] = field(default_factory=list, compare=False)  # the cell's entries, in order

    @property
    def key(self) -> CellKey:
        return (self.table, self.row, self.col)


def _is_undo(change: Change) -> bool:
    # files written before history entries said what they were mark an undo by its reason only
    return change.action == "undo" or (change.action == "edit" and change.reason.startswith("撤销"))


def net_changes(changes: Iterable[Change]) -> list[NetChange]:
    """One NetChange per cell whose value in force differs from the printed one, ordered by the
    time of their last change (the history's order)."""
    history: dict[CellKey, list[Change]] = {}
    last_seen: dict[CellKey, int] = {}
    value: dict[CellKey, str | None] = {}
    # per cell: which reason set each value (an undo brings back an earlier value with its reason)
    reason_of: dict[CellKey, dict[str | None, str]] = {}
    for n, change in enumerate(changes):
        key = (change.table, change.row, change.col)
        history.setdefault(key, []).append(change)
        last_seen[key] = n
        value[key] = change.new
        reasons = reason_of.setdefault(key, {})
        if change.action == "redo":  # brings the value back with the reason it had (written afterwards too)
            reasons.setdefault(change.new, change.reason)
        elif not _is_undo(change):
            reasons[change.new] = change.reason
    out: list[NetChange] = []
    for key in sorted(history, key=last_seen.__getitem__):
        in_force = value[key]
        if in_force is None:
            continue
        entries = history[key]
        out.append(NetChange(*key, printed=entries[-1].printed, value=in_force,
                             reason=reason_of.get(key, {}).get(in_force, ""), time=entries[-1].time,
                             history=entries))
    return out


def current_reason(changes: Sequence[Change], table_id: str, row: int, col: int) -> str:
    """The reason of the correction in force on a cell, "" when none."""
    for net in net_changes(c for c in changes if (c.table, c.row, c.col) == (table_id, row, col)):
        return net.reason
    return ""


def net_count(changes: Iterable[Change]) -> int:
    """How many cells the history leaves corrected ("3 处修改")."""
    return len(net_changes(changes))
