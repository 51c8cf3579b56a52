"""Without rules, a label two bands above another ('栏目' over 收入 | 支出 over 项目 | 决算数)
may graze the lower label's end: it is no group over it, so no band boundary is drawn through
the middle band — the header keeps its three bands and the columns their labels."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from desktopapp.rules.engine import run_checks
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER: list[list[H | str]] = [
    [H("栏目", colspan=4)],
    [H("收入", colspan=2), H("支出", colspan=2)],
    ["项目", "决算数", "项目", "决算数"],
]


def _body(total: str) -> list[list[str]]:
    return [
        ["一、一般公共预算财政拨款收入", "1,826.31", "一、一般公共服务支出", "1,452.43"],
        ["二、上级补助收入", "156.00", "二、社会保障和就业支出", "529.88"],
        ["本年收入合计", total, "本年支出合计", "1,982.31"],
    ]


def _read(tmp_path, total: str):
    builder = PdfBuilder(tmp_path / "bands.pdf")
    printed = builder.table(TableSpec("收入支出决算总表", HEADER, _body(total), style="no_rules"))
    builder.save()
    return read_document(tmp_path / "bands.pdf"), printed


def test_three_bands_keep_their_labels(tmp_path):
    document, printed = _read(tmp_path, "1,982.31")
    [table] = document.tables
    assert table.n_cols == 4
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert [normalize(c.text) for c in table.header[-1]] == ["项目", "决算数", "项目", "决算数"]
    assert not [f.message for f in run_checks(document) if f.severity.value == "error"]


def test_a_slip_under_the_three_bands_is_caught(tmp_path):
    document, _ = _read(tmp_path, "1,928.31")
    errors = [f.message for f in run_checks(document) if f.severity.value == "error"]
    assert any("1,928.31" in m for m in errors), errors
