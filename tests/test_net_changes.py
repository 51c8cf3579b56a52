"""The net change per cell (core.net_changes) and a reason written afterwards (EditLog.set_reason):
the change log shows what the history comes to, and a reason belongs to one correction."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktopapp.core.edits import Change, EditError, EditLog
from desktopapp.core.model import Cell, Document, Table
from desktopapp.core.net_changes import net_changes, net_count


def make_log() -> EditLog:
    body = [[Cell.from_text("100.00"), Cell.from_text("200.00")], [Cell.from_text("300.00"), Cell.from_text("400.00")]]
    table = Table(id="T1", title="收支总表", body=body)
    return EditLog(Document(source="x.pdf", sha256="0" * 64, page_count=1, tables=[table]))


def test_two_corrections_with_undo_and_redo_are_two_net_rows_in_time_order() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101", reason="合计有误")
    log.set_value("T1", 1, 1, "401", reason="抄错")
    log.undo()
    log.undo()
    log.redo()
    log.redo()
    assert len(log.changes) == 6  # the history keeps everything
    net = net_changes(log.changes)
    assert [(n.table, n.row, n.col, n.printed, n.value, n.reason) for n in net] == [
        ("T1", 0, 0, "100.00", "101", "合计有误"),
        ("T1", 1, 1, "400.00", "401", "抄错"),
    ]
    assert [len(n.history) for n in net] == [3, 3]
    assert [c.action for c in log.changes] == ["edit", "edit", "undo", "undo", "redo", "redo"]
    assert net_count(log.changes) == 2


def test_a_cell_changed_then_restored_has_no_net_row() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101")
    log.set_value("T1", 0, 0, "")  # back to the printed figure
    log.set_value("T1", 0, 1, "250")
    log.undo()
    assert net_changes(log.changes) == []


def test_an_undo_brings_back_the_earlier_value_with_its_own_reason() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101", reason="第一次")
    log.set_value("T1", 0, 0, "102", reason="第二次")
    log.undo()
    [net] = net_changes(log.changes)
    assert (net.value, net.reason) == ("101", "第一次")


def test_order_follows_the_last_change_of_each_cell() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101")
    log.set_value("T1", 1, 1, "401")
    log.set_value("T1", 0, 0, "102")
    assert [(n.row, n.value) for n in net_changes(log.changes)] == [(1, "401"), (0, "102")]


def test_reason_written_afterwards_is_its_own_entry_and_no_undo_step() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101")
    change = log.set_reason("T1", 0, 0, "  与明细表核对  ")
    assert change is not None and change.action == "reason" and change.old == change.new == "101"
    assert log.set_reason("T1", 0, 0, "与明细表核对") is None  # unchanged: nothing recorded
    [net] = net_changes(log.changes)
    assert (net.value, net.reason, len(net.history)) == ("101", "与明细表核对", 2)
    log.undo()  # undoes the correction itself, not the reason
    assert log.document.tables[0].body[0][0].corrected is None
    with pytest.raises(EditError):
        log.set_reason("T1", 0, 0, "没有修改的单元格")


def test_replayed_history_gives_the_same_net_changes() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101", reason="a")
    log.set_value("T1", 0, 0, "102")
    log.undo()
    log.set_reason("T1", 0, 0, "b")
    saved = [Change(**c.as_dict()) for c in log.changes]
    again = make_log()
    again.replay(saved)
    assert again.document.tables[0].body[0][0].corrected == Decimal("101")
    assert net_changes(again.changes) == net_changes(log.changes)
    assert not again.can_redo and again.can_undo


def test_history_of_an_older_file_without_actions_still_nets() -> None:
    base = dict(table="T1", row=0, col=0, printed="100.00")
    history = [Change(time="2026-01-01T10:00:00", old=None, new="101", reason="原因", **base),
               Change(time="2026-01-01T10:01:00", old="101", new="102", reason="又改", **base),
               Change(time="2026-01-01T10:02:00", old="102", new="101", reason="撤销：又改", **base)]
    [net] = net_changes(history)
    assert (net.value, net.reason, net.time) == ("101", "原因", "2026-01-01T10:02:00")


def test_a_reason_written_afterwards_survives_undo_and_redo() -> None:
    log = make_log()
    log.set_value("T1", 0, 0, "101")
    log.set_reason("T1", 0, 0, "补填的原因")
    log.undo()
    log.redo()
    [net] = net_changes(log.changes)
    assert (net.value, net.reason) == ("101", "补填的原因")
