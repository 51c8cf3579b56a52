"""Review files: corrections saved beside the PDF (or in the user data folder when that folder is
read-only), found again only for the same PDF, damaged files reported in Chinese, and the PDF
itself never written."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktopapp.core.edits import EditLog
from desktopapp.export.xlsx import export_workbook
from desktopapp.session.review import (
    ReviewFileError,
    ReviewSaveError,
    apply_review,
    autosave_path,
    find_review,
    load_review,
    save_review,
)
from tests.helpers.export_samples import SHA, sample_document

OTHER_SHA = "f" * 64


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "用户数据"
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(folder))
    return folder


@pytest.fixture()
def pdf(tmp_path):
    folder = tmp_path / "公开文件"
    folder.mkdir()
    path = folder / "样例部门预算.pdf"
    path.write_bytes(b"%PDF-1.4\n% a stand-in: these tests never parse it\n%%EOF\n")
    return path


def _edited(document):
    log = EditLog(document)
    log.set_value("T1", 2, 4, "1,209.60", reason="核对原始凭证")
    log.set_value("T3", 1, 1, "12.5")
    log.undo()
    log.set_value("T2", 2, 4, "0")
    return log


def test_save_and_load_round_trip(pdf):
    document = sample_document()
    log = _edited(document)
    path = autosave_path(pdf, SHA)
    assert path == pdf.with_name("样例部门预算.review.json")
    save_review(path, document, log.changes, disabled_rules=["text_vs_table"])
    review = load_review(path)
    assert review.sha256 == SHA and review.source == "样例部门预算.pdf" and review.saved_at
    assert review.changes == log.changes and review.disabled_rules == ["text_vs_table"]

    fresh = sample_document()
    EditLog(fresh).replay(review.changes)
    assert fresh.table("T1").body[2][4].amount == Decimal("1209.60")
    assert fresh.table("T3").body[1][1].amount == Decimal("0.00") and not fresh.table("T3").body[1][1].is_corrected
    assert fresh.table("T2").body[2][4].amount == Decimal("0")


def test_found_only_for_the_same_pdf(pdf):
    document = sample_document()
    save_review(autosave_path(pdf, SHA), document, _edited(document).changes)
    assert find_review(pdf, SHA) == pdf.with_name("样例部门预算.review.json")
    assert find_review(pdf, OTHER_SHA) is None


def test_a_new_version_of_the_pdf_never_overwrites_the_old_review(pdf):
    document = sample_document()
    old_review = autosave_path(pdf, SHA)
    save_review(old_review, document, _edited(document).changes)
    kept = old_review.read_bytes()
    new_path = autosave_path(pdf, OTHER_SHA)
    assert new_path != old_review and new_path.parent == pdf.parent
    document.sha256 = OTHER_SHA
    save_review(new_path, document, [])
    assert old_review.read_bytes() == kept
    assert find_review(pdf, OTHER_SHA) == new_path and find_review(pdf, SHA) == old_review


def _make_unwritable(folder: Path) -> bool:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0


def _make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_read_only_pdf_folder_saves_in_the_user_data_folder(pdf, data_dir):
    if not _make_unwritable(pdf.parent):
        pytest.skip("cannot make a folder read-only here")
    try:
        path = autosave_path(pdf, SHA)
        assert path == data_dir / "reviews" / f"{SHA}.review.json"
        document = sample_document()
        save_review(path, document, _edited(document).changes)
        assert find_review(pdf, SHA) == path
        assert find_review(pdf, OTHER_SHA) is None
        assert sorted(p.name for p in pdf.parent.iterdir()) == [pdf.name]
    finally:
        _make_writable(pdf.parent)


def test_damaged_or_foreign_review_files_raise_with_a_chinese_message(tmp_path, pdf):
    document = sample_document()
    good = tmp_path / "good.review.json"
    save_review(good, document, _edited(document).changes)
    truncated = tmp_path / "truncated.review.json"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    garbage = tmp_path / "garbage.review.json"
    garbage.write_bytes(os.urandom(300))
    foreign = tmp_path / "check.json"  # a check JSON: valid, but not a review
    foreign.write_text(json.dumps({"schema": "disclosure-check/1", "source": {"sha256": SHA}}), encoding="utf-8")
    missing = tmp_path / "missing.review.json"
    for path, words in [
        (truncated, "已损坏"),
        (garbage, "已损坏"),
        (foreign, "不是本程序"),
        (missing, "找不到"),
    ]:
        with pytest.raises(ReviewFileError) as info:
            load_review(path)
        assert words in info.value.message, path


def test_a_damaged_autosave_is_reported_not_silently_dropped(pdf, data_dir):
    (data_dir / "reviews").mkdir(parents=True)
    damaged = data_dir / "reviews" / f"{SHA}.review.json"
    damaged.write_text('{"schema": "disclosure-review/1", "source": {"sha', encoding="utf-8")
    assert find_review(pdf, SHA) == damaged
    with pytest.raises(ReviewFileError, match="PDF 仍可正常打开"):
        load_review(damaged)
    assert find_review(pdf, OTHER_SHA) is None


def test_saving_where_it_cannot_be_written_raises_review_save_error(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    with pytest.raises(ReviewSaveError) as info:
        save_review(blocker / "x.review.json", sample_document(), [])
    assert "无法保存" in info.value.message


def test_session_saved_to_and_opened_from_a_chosen_file(tmp_path):
    document = sample_document()
    log = _edited(document)
    chosen = tmp_path / "我的审核" / "第一轮.json"
    save_review(chosen, document, log.changes, ["row_sum"])
    review = load_review(chosen)
    fresh = sample_document()
    assert apply_review(EditLog(fresh), review) == []
    assert fresh.table("T1").body[2][4].amount == Decimal("1209.60")


def test_changes_that_no_longer_fit_the_document_are_set_aside(tmp_path):
    document = sample_document()
    log = _edited(document)
    path = tmp_path / "r.review.json"
    save_review(path, document, log.changes)
    fresh = sample_document()
    fresh.table("T1").body[2][4].text = "9.99"  # read differently now
    del fresh.tables[1]  # T2 no longer found
    problems = apply_review(EditLog(fresh), load_review(path))
    assert [(p.data["table"], p.data["row"], p.data["col"]) for p in problems] == [("T1", 2, 4), ("T2", 2, 4)]
    assert "9.99" in problems[0].reason and "已不存在" in problems[1].reason
    assert "表格 T1 第3行第5列" in problems[0].describe()
    assert fresh.table("T3").body[1][1].amount == Decimal("0.00")
    assert not fresh.table("T1").body[2][4].is_corrected


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


def test_the_source_pdf_is_never_written(split_codes_pdf, tmp_path):
    """A whole review — read, correct, undo, autosave, export, restore — leaves the PDF untouched."""
    from desktopapp.extract import read_document

    (tmp_path / "docs").mkdir()
    pdf = tmp_path / "docs" / "支出总表.pdf"
    pdf.write_bytes(split_codes_pdf.path.read_bytes())
    os.utime(pdf, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = _fingerprint(pdf)

    document = read_document(pdf)
    review_path = autosave_path(pdf, document.sha256)
    log = EditLog(document)
    log.on_change = lambda change: save_review(review_path, document, log.changes)
    table = document.tables[0]
    r, c = next((r, c) for r, row in enumerate(table.body) for c, cell in enumerate(row) if cell.value is not None)
    log.set_value(table.id, r, c, "123.45", reason="测试")
    log.undo()
    log.redo()
    export_workbook(document, [], log.changes, pdf.with_suffix(".xlsx"))

    again = read_document(pdf)
    found = find_review(pdf, again.sha256)
    assert found == review_path
    assert apply_review(EditLog(again), load_review(found)) == []
    assert again.table(table.id).body[r][c].amount == Decimal("123.45")
    workbook = openpyxl.load_workbook(pdf.with_suffix(".xlsx"))
    changes_sheet = workbook["修改记录"]
    assert changes_sheet["J2"].value == pytest.approx(123.45) and changes_sheet["I2"].value == 3  # one net row
    assert changes_sheet.max_row == 8  # then a blank row, the history's title and heading, its 3 rows
    assert _fingerprint(pdf) == before
    assert sorted(p.name for p in pdf.parent.iterdir()) == sorted(
        [pdf.name, review_path.name, pdf.with_suffix(".xlsx").name]
    )
