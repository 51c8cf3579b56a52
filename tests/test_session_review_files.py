"""Review files never lose an edit (session level, no Qt): changes that do not fit are kept until
discarded, a declined review is kept aside, one writer per review file, autosave falls back to the
user data folder, damaged files are reported and renamed aside, hostile content never raises."""

from __future__ import annotations

import codecs
import errno
import json
import os
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import desktopapp.session.review as review_module
from desktopapp.core.model import CellRef, Finding, Severity
from desktopapp.core.safe_text import safe_text
from desktopapp.session.review import ReviewSaveError, find_review, load_review, save_review
from desktopapp.session.review_session import ReviewLockedError, ReviewSession
from tests.helpers.export_samples import SHA, sample_document

ROOT = Path(__file__).resolve().parents[1]


class StubChecker:
    """One error on T1 row 2 until that cell is corrected (the session needs only this much)."""

    def __init__(self, document) -> None:
        self.document = document
        self.disabled: set[str] = set()

    def check_all(self) -> list[Finding]:
        if self.document.table("T1").body[2][4].is_corrected:
            return []
        return [Finding("row_sum", Severity.ERROR, "合计不等于各项之和", cells=[CellRef("T1", 2, 4)], table="T1")]

    def recheck(self, changed_table_id: str) -> list[Finding]:
        return self.check_all()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "用户数据"
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def pdf(tmp_path) -> Path:
    folder = tmp_path / "公开文件"
    folder.mkdir()
    path = folder / "样例部门预算.pdf"
    path.write_bytes(b"%PDF-1.4\n% a stand-in: the sample document is never read from it\n%%EOF\n")
    return path


def open_session(pdf: Path, document=None) -> ReviewSession:
    document = document or sample_document()
    document.source = str(pdf)
    checker = StubChecker(document)
    return ReviewSession(document, pdf, checker, checker.check_all())


class Events:
    def __init__(self, session: ReviewSession) -> None:
        self.locations: list[str] = []
        self.set_aside: list[str] = []
        self.failed: list[str] = []
        session.on_save_location.append(lambda note, path: self.locations.append(f"{note} {path}"))
        session.on_review_set_aside.append(self.set_aside.append)
        session.on_save_failed.append(self.failed.append)


def saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# -- 1. changes that no longer fit are kept until discarded ---------------------------------------
def test_changes_that_do_not_fit_are_kept_through_every_autosave_until_discarded(pdf):
    first = open_session(pdf)
    first.set_value("T1", 2, 4, "1,209.60", reason="核对凭证")
    first.set_value("T3", 1, 1, "12.5")
    target = first.autosave_target()

    reread = sample_document()
    reread.table("T1").body[2][4].text = "9.99"  # the PDF is read differently now
    second = open_session(pdf, reread)
    left_out = second.restore(second.saved_review())
    assert len(left_out) == 1 and left_out[0].data["new"] == "1209.60" and "9.99" in left_out[0].reason
    assert second.cell("T3", 1, 1).amount == Decimal("12.5")
    kept = saved(target)["unapplied"]
    assert len(kept) == 1 and kept[0]["unapplied"] is True and kept[0]["reason"] == "核对凭证"

    second.set_value("T3", 1, 1, "13")  # later autosaves keep it
    second.undo()
    assert saved(target)["unapplied"] == kept

    third = open_session(pdf, sample_document())  # kept across sessions, even where it would fit now
    review = third.saved_review()
    assert len(review.unapplied) == 1
    third.restore(review)
    assert len(third.unapplied) == 1 and saved(target)["unapplied"] == kept

    third.discard_unapplied()
    assert third.unapplied == [] and "unapplied" not in saved(target)
    assert third.cell("T3", 1, 1).amount == Decimal("12.5")


def test_entries_that_cannot_be_read_are_kept_with_a_reason_and_never_raise(pdf):
    session = open_session(pdf)
    session.set_value("T3", 1, 1, "12.5")
    target = session.autosave_target()
    data = saved(target)
    good = data["changes"][0]
    data["changes"] += [
        {**good, "new": "一千"},
        {**good, "new": 1e50},  # a JSON number, not the text of an amount
        {**good, "new": "1e50"},
        {**good, "new": "123456789012345678.5"},
        {**good, "row": 10**200},
        {**good, "row": -1},
        {**good, "table": {"nested": [1, 2]}},
        {**good, "printed": "\ud800\x01", "reason": "\x07带控制字符"},
        "not a change",
        {"time": "x"},
    ]
    data["changes"][0] = {**good, "reason": "核对\x00凭证"}
    target.write_text(json.dumps(data), encoding="utf-8")

    review = load_review(target)
    assert [c.reason for c in review.changes] == ["核对凭证", "带控制字符"]  # control characters dropped
    assert len(review.unapplied) == 9
    assert all(item.reason for item in review.unapplied)
    assert any("不是有效金额" in item.reason for item in review.unapplied)
    assert any("15 位" in item.reason for item in review.unapplied)
    described = [item.describe() for item in review.unapplied]
    assert all("\x01" not in line and "\x07" not in line for line in described)

    again = open_session(pdf)
    left_out = again.restore(review)
    assert len(left_out) == 1  # printed "\ud800\x01" is not what the cell shows
    assert len(again.unapplied) == 10
    assert all("\x01" not in item.describe() for item in again.unapplied)
    reloaded = load_review(target)  # written back (text made safe, as every writer does) and read again
    assert len(reloaded.unapplied) == 10
    assert any(item.data.get("printed") == safe_text("\ud800\x01") for item in reloaded.unapplied)


# -- 2. declining a restore keeps the old record aside ---------------------------------------------
def test_declining_the_restore_keeps_the_earlier_review_aside(pdf):
    first = open_session(pdf)
    first.set_value("T1", 2, 4, "1,209.60")
    target = first.autosave_target()
    earlier = target.read_bytes()

    second = open_session(pdf)
    aside = second.decline(second.saved_review())
    assert aside is not None and aside.parent == pdf.parent and aside.read_bytes() == earlier
    assert aside.name.startswith("样例部门预算.review.") and aside.name.endswith(".json")
    second.set_value("T3", 1, 1, "12.5")
    assert [c["table"] for c in saved(target)["changes"]] == ["T3"]
    assert aside.read_bytes() == earlier
    assert find_review(pdf, SHA) == target  # the new review is offered next time, the old one kept


# -- 3. one writer -----------------------------------------------------------------------------------
def test_a_second_session_on_the_same_pdf_is_read_only(pdf, tmp_path):
    first = open_session(pdf)
    assert first.take_lock() is None
    first.set_value("T1", 2, 4, "1,209.60")
    target = first.autosave_target()
    written = target.read_bytes()

    second = open_session(pdf)
    holder = second.take_lock()
    assert holder is not None and holder.pid == os.getpid() and second.read_only
    with pytest.raises(ReviewLockedError, match="另一个窗口中审核"):
        second.set_value("T3", 1, 1, "1")
    for refused in (second.undo, second.discard_unapplied, lambda: second.set_fact("year", 2030)):
        with pytest.raises(ReviewLockedError):
            refused()
    second.restore(second.saved_review())  # seen, not saved
    assert second.cell("T1", 2, 4).amount == Decimal("1209.60") and not second.can_undo
    assert target.read_bytes() == written
    with pytest.raises(ReviewSaveError, match="另一个窗口"):
        second.save_to(target)
    copy = tmp_path / "副本.review.json"
    second.save_to(copy)
    assert len(load_review(copy).changes) == 1

    first.close()
    third = open_session(pdf)
    assert third.take_lock() is None and not third.read_only
    assert not any(p.name.endswith(".lock") for p in pdf.parent.iterdir() if p != third._lock.path)


def test_the_lock_holds_while_a_damaged_review_is_set_aside(pdf):
    pdf.with_name("样例部门预算.review.json").write_bytes(b"{")
    first = open_session(pdf)
    assert first.take_lock() is None
    assert first.saved_review() is None  # the damaged file is renamed: the review's name changes
    first.set_value("T3", 1, 1, "12.5")
    second = open_session(pdf)
    assert second.take_lock() is not None and second.read_only


def test_a_pdf_in_a_folder_without_room_for_a_lock_is_locked_in_the_user_data_folder(tmp_path, data_dir):
    long_pdf = tmp_path / ("关于" + "部门预算公开" * 13 + "表.pdf")  # 81 characters: no room for the lock's name
    long_pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    first = open_session(long_pdf)
    assert first.take_lock() is None and first._lock.path.parent == data_dir / "locks"
    assert open_session(long_pdf).take_lock() is not None


LOCK_HOLDER = """
import sys
from pathlib import Path
from desktopapp.session.review_lock import ReviewLock
lock = ReviewLock(Path(sys.argv[1]), sys.argv[2])
print("held" if lock.acquire() is None else "refused", flush=True)
sys.stdin.readline()
"""


def test_a_lock_held_by_another_process_is_respected_and_taken_over_after_it_dies(pdf):
    target = open_session(pdf).autosave_target()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(pdf), SHA], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        session = open_session(pdf)
        found = session.take_lock()
        assert found is not None and found.pid == holder.pid and found.host == socket.gethostname()
    finally:
        holder.kill()  # a crash: the lock file stays behind
        holder.wait()
    assert any(p.name.endswith(".lock") for p in pdf.parent.iterdir())
    after = open_session(pdf)
    assert after.take_lock() is None
    after.set_value("T3", 1, 1, "12.5")
    assert len(load_review(target).changes) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="start times read from /proc")
def test_a_lock_whose_process_id_was_given_again_is_taken_over(pdf):
    """A crash, then a reboot or a long day: the id in the lock now names another running process."""
    from desktopapp.session.review_lock import process_start

    if process_start(1) is None:
        pytest.skip("process 1's start time cannot be read here")
    first = open_session(pdf)
    assert first.take_lock() is None
    place = first._lock.path
    record = json.loads(place.read_text(encoding="utf-8"))
    assert record["started"]  # this process's start is recorded
    record["pid"] = 1  # a process that runs, but started at another time than the lock's
    place.write_text(json.dumps(record), encoding="utf-8")

    second = open_session(pdf)
    assert second.take_lock() is None and not second.read_only  # taken over: the writer is gone
    third = open_session(pdf)
    assert third.take_lock() is not None  # and now held by the second, whose start is recorded


# -- 4. autosave falls back to the user data folder -------------------------------------------------
def test_a_pdf_name_too_long_for_the_temporary_file_saves_in_the_user_data_folder(tmp_path, data_dir):
    long_pdf = tmp_path / ("关于" + "部门预算公开" * 13 + ".pdf")  # 80 Chinese characters
    long_pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    session = open_session(long_pdf)
    events = Events(session)
    assert session.take_lock() is None
    session.set_value("T1", 2, 4, "1,209.60")
    session.set_value("T3", 1, 1, "12.5")
    target = session.autosave_target()
    assert target.parent == data_dir / "reviews" and len(load_review(target).changes) == 2
    assert len(events.locations) == 1 and "文件名过长" in events.locations[0] and str(target) in events.locations[0]
    assert events.failed == []
    assert find_review(long_pdf, SHA) == target


def test_any_failure_beside_the_pdf_moves_autosave_to_the_user_data_folder_once(pdf, data_dir, monkeypatch):
    session = open_session(pdf)
    events = Events(session)
    session.set_value("T3", 1, 1, "1")  # beside the PDF: nothing to say
    beside = session.autosave_target()
    assert beside.parent == pdf.parent and events.locations == []

    real_save = review_module.save_review

    def disk_full_beside(path, *args, **kwargs):
        if Path(path).parent == pdf.parent:
            raise ReviewSaveError("磁盘已满") from OSError(errno.ENOSPC, "No space left on device")
        return real_save(path, *args, **kwargs)

    monkeypatch.setattr("desktopapp.session.review_session.save_review", disk_full_beside)
    session.set_value("T3", 1, 1, "2")
    session.set_value("T3", 1, 1, "3")
    fallback = data_dir / "reviews" / f"{SHA}.review.json"
    assert [c["new"] for c in saved(fallback)["changes"]] == ["1", "2", "3"]
    assert len(events.locations) == 1 and "磁盘已满" in events.locations[0] and events.failed == []
    assert len(load_review(beside).changes) == 1  # the older file is left alone...
    assert find_review(pdf, SHA) == fallback  # ...and the newest review is the one offered


# -- 5. damaged review files --------------------------------------------------------------------------
def _damaged_files() -> dict[str, bytes]:
    document = sample_document()
    good = json.dumps(review_module.review_data(document, []), ensure_ascii=False).encode("utf-8")
    nested = b'{"schema": "disclosure-review/1", "changes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    shallow = b'{"schema": "disclosure-review/1", "changes": [' + b"[" * 60 + b"]" * 60 + b"]}"
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "not json": "这不是审核记录".encode(),
        "binary": bytes(range(256)),
        "nested": nested,
        "too deep": shallow,
        "wrong schema": json.dumps({"schema": "other/9", "source": {"sha256": SHA}}).encode(),
        "changes not a list": json.dumps({"schema": "disclosure-review/1", "source": {"sha256": SHA},
                                          "changes": {"a": 1}}).encode(),
        "utf-16 truncated": codecs.BOM_UTF16_LE + good.decode("utf-8").encode("utf-16-le")[:101],
    }


@pytest.mark.parametrize("kind", list(_damaged_files()))
def test_a_damaged_review_is_reported_and_renamed_aside_never_overwritten(pdf, kind):
    content = _damaged_files()[kind]
    beside = pdf.with_name("样例部门预算.review.json")
    beside.write_bytes(content)
    session = open_session(pdf)
    events = Events(session)
    assert session.saved_review() is None
    assert len(events.set_aside) == 1 and "已损坏，已另存为" in events.set_aside[0]
    aside = [p for p in pdf.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content and aside[0].name in events.set_aside[0]
    session.set_value("T3", 1, 1, "12.5")
    assert len(load_review(session.autosave_target()).changes) == 1
    assert aside[0].read_bytes() == content


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_a_review_saved_with_a_byte_order_mark_is_read(pdf, encoding):
    first = open_session(pdf)
    first.set_value("T1", 2, 4, "1,209.60")
    target = first.autosave_target()
    text = target.read_text(encoding="utf-8")
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    target.write_bytes(raw)
    second = open_session(pdf)
    review = second.saved_review()
    assert review is not None and len(review.changes) == 1
    second.restore(review)
    assert second.cell("T1", 2, 4).amount == Decimal("1209.60")


def test_a_review_that_cannot_be_saved_beside_or_aside_still_never_loses_the_old_one(pdf, data_dir):
    first = open_session(pdf)
    first.set_value("T1", 2, 4, "1,209.60")
    save_review(first.autosave_target(), first.document, first.changes)
    earlier = first.autosave_target().read_bytes()
    second = open_session(pdf)
    review = second.saved_review()
    review.path = pdf.with_name("不存在.review.json")  # nothing to rename: the file stays as it was
    assert second.decline(review) is None
    assert first.autosave_target().read_bytes() == earlier
