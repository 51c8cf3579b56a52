"""A short numbered list without rules and in narrow columns (部门决算单位构成): each unit's
name wraps over lines in its cell and its 序号 stands centred beside them, between two
lines. The lone number is a cell of its row — no page number — and the wrapped lines are
one row, so the list is a table with every row and its empty 备注 column."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

BODY = [
    ["1", "上海市某某区规划和自然资源局（本级）", ""],
    ["2", "上海市某某区规划和自然资源局执法大队", "预算不单列，并入本级"],
    ["3", "上海市某某区土地发展中心（下属事业单位）", ""],
]


def _read(tmp_path, body: list[list[str]]):
    builder = PdfBuilder(tmp_path / "units.pdf")
    spec = TableSpec("部门决算单位构成", [["序号", "单位名称", "备注"]], body, unit=None,
                     style="no_rules", col_widths=[30.0, 72.0, 72.0], fill_width=False)
    printed = builder.table(spec)
    builder.save()
    return read_document(tmp_path / "units.pdf"), printed


def test_wrapped_numbered_list_is_read_row_by_row(tmp_path):
    document, printed = _read(tmp_path, BODY)
    [table] = [t for t in document.tables if "单位构成" in t.title]
    assert table.n_cols == 3
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]


def test_empty_remarks_column_keeps_its_label(tmp_path):
    body = [[n, name, ""] for n, name, _ in BODY]
    document, printed = _read(tmp_path, body)
    [table] = [t for t in document.tables if "单位构成" in t.title]
    assert [normalize(c.text) for c in table.header[-1]] == ["序号", "单位名称", "备注"]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
