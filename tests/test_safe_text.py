"""Damaged characters (controls, U+FFFE/FFFF, lone surrogates) never break a workbook or a JSON,
and amounts beyond 15 digits are refused where they are typed, never crash where they are shown."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import openpyxl
import pytest

from desktopapp.core.edits import Change, EditError, EditLog, parse_user_amount
from desktopapp.core.model import Cell, Document, Finding, Page, Severity, Table
from desktopapp.core.numbers import format_amount
from desktopapp.core.safe_text import MARK, is_safe, safe_text
from desktopapp.export.json_out import document_from_json, document_to_json, write_json_atomic
from desktopapp.export.xlsx import export_workbook
from tests.helpers.export_samples import SAMPLE, sample_document

BAD = ["\x01", "\x07", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\ud800", "\udfff"]


@pytest.mark.parametrize("bad", BAD)
def test_text_entering_the_model_is_made_safe(bad):
    cell = Cell.from_text(f"社会{bad}保障")
    table = Table(id="T1", title=f"一般公共{bad}预算支出表", notes=[f"注：{bad}本单位无"])
    page = Page(number=1, width=1, height=1, text=f"情况{bad}说明\n第二行")
    change = Change("t", "T1", 0, 0, printed=f"1{bad}", old=None, new="2", reason=f"核对{bad}原件")
    for text in (cell.text, table.title, table.notes[0], page.text, change.printed, change.reason):
        assert is_safe(text)
    assert "\n" in page.text  # line breaks are kept
    # a control becomes a visible mark, a non-character disappears
    assert cell.text in ("社会保障", f"社会{MARK}保障")


def test_a_damaged_figure_stays_visibly_damaged_not_another_number():
    cell = Cell.from_text("1,2\x0134.00")
    assert cell.value is None and MARK in cell.text


def _damaged_document() -> Document:
    document = copy.deepcopy(sample_document())
    table = document.tables[0]
    # as if a string slipped past the model (set after construction)
    table.title = "部门支出\x01预算总表\uffff"
    table.body[0][3].text = "社会保障\x02和就业支出"
    table.body[1][3].text = "人力资源\ufffe和社会保障管理事务\ud800"
    return document


def test_the_workbook_holds_every_row_of_a_damaged_document(tmp_path):
    document = _damaged_document()
    findings = [Finding("row_sum", Severity.WARNING, "第\x03行\uffff不平", table="T1")]
    changes = [Change("2026-01-01T00:00:00", "T1", 0, 4, "1,608.43", None, "1608.44", reason="原件\x04核对")]
    out = tmp_path / "结果.xlsx"
    export_workbook(document, findings, changes, out)
    workbook = openpyxl.load_workbook(out)  # invalid XML would fail here
    ws = workbook[workbook.sheetnames[1]]  # after 审核意见
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("社会保障") and "就业支出" in t for t in texts)
    assert any("人力资源" in t and "管理事务" in t for t in texts)
    assert all(is_safe(t) for t in texts)
    body_rows = len(SAMPLE["tables"][0]["body"])
    figures = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert len(figures) >= body_rows  # no row lost after the damaged ones


def test_the_json_of_a_damaged_document_loads(tmp_path):
    out = tmp_path / "结果.json"
    write_json_atomic(document_to_json(_damaged_document()), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "人力资源和社会保障管理事务" in data["tables"][0]["body"][1][3]
    assert document_from_json(data).tables[0].body[0][4].value == Decimal("1608.43")


@pytest.mark.parametrize("typed", ["1e50", "1234567890123456", "12345678901234.56", "1" * 30, "NaN", "Infinity"])
def test_amounts_beyond_15_digits_are_refused_in_chinese(typed):
    with pytest.raises(EditError) as info:
        parse_user_amount(typed)
    assert "金额" in info.value.message or "位数" in info.value.message


def test_15_digit_amounts_are_accepted_and_the_log_shows_them():
    assert parse_user_amount("9,999,999,999,999.99") == Decimal("9999999999999.99")
    document = sample_document()
    log = EditLog(document)
    log.set_value("T1", 0, 4, "123456789012345")
    assert document.tables[0].body[0][4].amount == Decimal("123456789012345")


@pytest.mark.parametrize("value", ["1e50", "1" * 40, "-1E+300", "Infinity", "NaN"])
def test_showing_any_decimal_never_raises(value):
    shown = format_amount(Decimal(value), 2)
    assert shown


def test_safe_text_leaves_clean_text_alone():
    text = "2026年部门预算\t合计\r\n1,234.56"
    assert safe_text(text) == text


def test_a_printed_figure_of_30_digits_is_checked_and_exported(tmp_path):
    """A damaged file may print any number of digits: the checks and the export still run."""
    from desktopapp.rules import run_checks

    document = copy.deepcopy(sample_document())
    document.tables[0].body[2][4] = Cell.from_text("1" * 30 + ".00")
    findings = run_checks(document)
    assert any(f.severity == Severity.ERROR and f.table == "T1" for f in findings)
    out = tmp_path / "结果.xlsx"
    export_workbook(document, findings, [], out)
    assert openpyxl.load_workbook(out).sheetnames


def test_a_review_file_is_saved_whatever_the_text_and_refuses_a_50_digit_amount(tmp_path):
    from desktopapp.session.review import load_review, save_review

    document = sample_document()
    document.source = str(tmp_path / "a.pdf")
    document.organization = "样例\ud800区\x01司法局"  # set after construction: past the model's guard
    change = Change("2026-01-01T00:00:00", "T1", 0, 4, "1,608.43", None, "1608.44", reason="核对\x02原件")
    path = tmp_path / "a.review.json"
    save_review(path, document, [change])
    restored = load_review(path)
    assert restored.changes[0].new == "1608.44" and is_safe(restored.changes[0].reason)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["changes"][0]["new"] = "1E+50"
    path.write_text(json.dumps(data), encoding="utf-8")
    kept = load_review(path)  # kept aside with a Chinese reason, never decimal.InvalidOperation
    assert not kept.changes and len(kept.unapplied) == 1 and "有效数字" in kept.unapplied[0].reason
