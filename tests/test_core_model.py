"""Printed numbers, cells and the edit log: what the officer sees when a figure is read or corrected."""

from decimal import Decimal

import pytest

from desktopapp.core.edits import EditError, EditLog
from desktopapp.core.errors import NoTablesError, ReadError, UserError
from desktopapp.core.labels import doc_kind_label, severity_label, severity_rank, table_caption
from desktopapp.core.model import Cell, DocKind, Severity, Table
from desktopapp.core.numbers import convert, format_amount, parse_amount
from desktopapp.export.json_out import document_from_json, document_to_json
from desktopapp.export.xlsx import ExportError
from desktopapp.session.review import ReviewFileError, ReviewSaveError
from tests.helpers.pdfgen import read_labels


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("1,826.31", Decimal("1826.31"), 2),
        ("1826.31", Decimal("1826.31"), 2),
        ("１，８２６．３１", Decimal("1826.31"), 2),
        ("0.00", Decimal("0"), 2),
        ("96,282,213.44", Decimal("96282213.44"), 2),
        ("-3.5", Decimal("-3.5"), 1),
        ("(12.00)", Decimal("-12.00"), 2),
        ("156", Decimal("156"), 0),
    ],
)
def test_amounts_parse_to_decimal_with_their_precision(text, value, decimals):
    assert parse_amount(text) == (value, decimals)


@pytest.mark.parametrize("text", ["", "-", "—", "合计", "12.5%", "1,23,4", "2080101 行政运行"])
def test_non_amounts_stay_text(text):
    assert parse_amount(text) is None


def test_blank_dash_and_zero_stay_distinct():
    blank, dash, zero = (Cell.from_text(t) for t in ("", "-", "0.00"))
    assert blank.value is None and blank.is_blank
    assert dash.value is None and not dash.is_blank
    assert zero.value == Decimal("0") and zero.decimals == 2


def test_format_and_unit_conversion():
    assert format_amount(Decimal("1234.5")) == "1,234.50"
    assert format_amount(Decimal("2132777.54") / 10000) == "213.28"
    assert convert(Decimal("2132777.54"), "元", "万元") == Decimal("213.277754")


def _doc():
    return document_from_json(
        {
            "doc_kind": "unit_budget",
            "tables": [
                {
                    "title": "支出总表",
                    "pages": [7],
                    "header": [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
                    "body": [["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"]],
                }
            ],
        }
    )


def test_edit_undo_redo_and_change_log():
    doc = _doc()
    log = EditLog(doc)
    cell = doc.tables[0].body[0][2]
    log.set_value("T1", 0, 2, "1,608.44", reason="核对原始凭证")
    assert cell.amount == Decimal("1608.44") and cell.value == Decimal("1608.43")
    assert cell.text == "1,608.43"  # the printed text is never overwritten
    log.undo()
    assert cell.amount == Decimal("1608.43") and not cell.is_corrected
    log.redo()
    assert cell.amount == Decimal("1608.44")
    assert [c.new for c in log.changes] == ["1608.44", None, "1608.44"]
    assert log.changes[0].printed == "1,608.43" and log.changes[0].reason == "核对原始凭证"


def test_edit_refuses_text_with_chinese_message():
    log = EditLog(_doc())
    with pytest.raises(EditError, match="不是有效的金额"):
        log.set_value("T1", 0, 2, "一千")
    assert log.changes == []


def test_json_round_trip_keeps_grid_texts():
    doc = _doc()
    data = document_to_json(doc)
    assert data["schema"] == "disclosure-check/1"
    again = document_from_json(data)
    assert again.tables[0].body_texts() == doc.tables[0].body_texts()
    assert again.tables[0].body[0][2].amount == Decimal("1608.43")


def test_column_labels_stack_merged_header_rows():
    header = [
        [Cell("科目编码", col_span=1), Cell("支出", col_span=2), Cell("", covered=True)],
        [Cell(""), Cell("基本支出"), Cell("项目支出")],
    ]
    table = Table(id="T1", title="x", header=header)
    assert read_labels(table) == ["科目编码", "支出基本支出", "支出项目支出"]


def test_severities_and_captions_read_the_same_everywhere():
    assert [severity_label(s) for s in Severity] == ["错误", "警告", "提示"]
    assert severity_label("warning") == "警告"  # the workbook passes the JSON code
    assert sorted(["info", Severity.ERROR, "warning"], key=severity_rank) == [Severity.ERROR, "warning", "info"]
    assert severity_rank("unknown") > severity_rank(Severity.INFO)
    assert doc_kind_label(DocKind.UNIT_FINAL) == "单位决算"
    assert doc_kind_label(None) == doc_kind_label("nonsense") == "未识别"
    assert table_caption(Table(id="T3", title="一般公共预算支出表", number="表3")) == "表3 一般公共预算支出表"
    assert table_caption(Table(id="T4", title="项目支出表")) == "项目支出表"
    assert table_caption(Table(id="T5", title="")) == ""


@pytest.mark.parametrize("kind", [ReadError, NoTablesError, EditError, ExportError, ReviewFileError, ReviewSaveError])
def test_every_error_for_the_officer_is_a_user_error_with_its_message(kind):
    error = kind("无法保存。", "OSError: disk full")
    assert isinstance(error, UserError)
    assert (error.message, str(error), error.detail) == ("无法保存。", "无法保存。", "OSError: disk full")
