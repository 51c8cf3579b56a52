"""A grouping label printed in a band of its own above the labels of its columns, with no
label right under it ('栏目' centred over 科目编码 … 科目名称): read by position alone, it is
the header's upper band, not a column of its own — the table keeps the columns printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktopapp.core.model import Document
from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import H, PdfBuilder, PrintedTable, TableSpec

TITLE = "一般公共预算机关运行经费支出预算表"
HEADER: list[list[H | str]] = [
    [H("栏目", colspan=2), H("机关运行经费支出", rowspan=2)],
    ["科目编码", "科目名称"],
]


def _body(office: str) -> list[list[str]]:
    """302 商品和服务支出 = the sum of its items when 办公费 is 350.00."""
    return [
        ["", "合计", "1,371.00"],
        ["302", "商品和服务支出", "1,371.00"],
        ["30201", "办公费", office],
        ["30205", "水费", "34.00"],
        ["30206", "电费", "266.00"],
        ["30211", "差旅费", "305.00"],
        ["30213", "维修（护）费", "305.00"],
        ["30299", "其他商品和服务支出", "111.00"],
    ]


def _read(path: Path, style: str, office: str) -> tuple[Document, PrintedTable]:
    builder = PdfBuilder(path)
    printed = builder.table(TableSpec(TITLE, HEADER, _body(office), style=style, header_line_count=3))
    builder.save()
    return read_document(path), printed


@pytest.mark.parametrize("style", ["three_line", "no_rules", "lines"])
def test_group_label_above_its_columns_is_a_band_not_a_column(tmp_path, style):
    document, printed = _read(tmp_path / f"{style}.pdf", style, "350.00")
    [table] = [t for t in document.tables if normalize(t.title) == normalize(TITLE)]
    assert table.n_cols == 3
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert [normalize(c.text) for c in table.header[0] if not c.covered and c.text] == ["栏目", "机关运行经费支出"]
    assert not [f for f in run_checks(document) if f.severity.value == "error"]


@pytest.mark.parametrize("style", ["three_line", "no_rules"])
def test_a_slip_in_the_same_table_is_still_caught(tmp_path, style):
    document, _ = _read(tmp_path / f"{style}.pdf", style, "305.00")
    errors = [f for f in run_checks(document) if f.severity.value == "error"]
    assert any("302" in f.message or "商品和服务支出" in f.message for f in errors), [f.message for f in errors]
