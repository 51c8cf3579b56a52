"""A small hand-built disclosure for the export and session tests: merged header spans (recorded
and inferred), codes in one column ("2080101") and in three (208 | 01 | 01), amounts, "-",
blanks, a note, an empty table, names Excel would refuse, and a corrected cell."""

from __future__ import annotations

from desktopapp.core.model import Cell, CellRef, Document, Finding, Severity
from desktopapp.export.json_out import document_from_json

SHA = "0123456789abcdef" * 4

SAMPLE = {
    "schema": "disclosure-check/1",
    "source": {"file": "样例部门预算.pdf", "sha256": SHA, "pages": 12},
    "document": {"doc_kind": "dept_budget", "organization": "样例区司法局", "year": 2026},
    "tables": [
        {
            "id": "T1",
            "title": "2026年样例区司法局部门支出预算总表",
            "number": "表3",
            "unit": "万元",
            "pages": [7, 8],
            "header": [
                ["项目", "", "", "", "支出预算", "", ""],
                ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
                ["类", "款", "项", "", "", "", ""],
            ],
            "body": [
                ["208", "", "", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"],
                ["208", "01", "", "人力资源和社会保障管理事务", "1,608.43", "1,209.58", "398.85"],
                ["208", "01", "01", "行政运行", "1,209.58", "1,209.58", "-"],
                ["208", "01", "09", "社会保险经办机构", "398.85", "", "398.85"],
                ["合计", "", "", "", "1,608.43", "1,209.58", "398.85"],
            ],
        },
        {
            "id": "T2",
            "title": "一般公共预算支出表",
            "number": "表5",
            "unit": "万元",
            "pages": [9],
            "header": [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            "body": [
                ["208", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"],
                ["20801", "人力资源和社会保障管理事务", "1,608.43", "1,209.58", "398.85"],
                ["2080101", "行政运行", "1,209.58", "1,209.58", ""],
                ["2080109", "社会保险经办机构", "398.85", "", "398.85"],
            ],
        },
        {
            "id": "T3",
            "title": "收支总表",
            "number": "表1",
            "unit": "元",
            "pages": [5],
            "header": [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]],
            "body": [
                ["一、一般公共预算拨款收入", "96,282,213.44", "一、公共安全支出", "87,267,272.44"],
                ["二、政府性基金预算拨款收入", "0.00", "二、社会保障和就业支出", "9,014,941.00"],
                ["本年收入合计", "96,282,213.44", "本年支出合计", "96,282,213.44"],
            ],
            "notes": ["注：本表按收付实现制口径编列。"],
        },
        {
            "id": "T4",
            "title": "“三公”经费支出表[附]/说明:*?",
            "number": None,
            "unit": "万元",
            "pages": [10],
            "header": [["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"]],
            "body": [["10.81", "0", "0.83", "9.98"]],
        },
        {
            "id": "T5",
            "title": "“三公”经费支出表[附]/说明:*?",
            "number": None,
            "unit": "万元",
            "pages": [11],
            "header": [["项目", "合计"]],
            "body": [["无", ""]],
            "notes": ["本单位无政府性基金预算，故本表为空表。"],
        },
    ],
}


def recorded_spans(document: Document) -> None:
    """Give T1 the merged spans a reader records (document_from_json leaves them out)."""
    header = document.table("T1").header

    def span(cell: Cell, rows: int = 1, cols: int = 1) -> None:
        cell.row_span, cell.col_span = rows, cols

    span(header[0][0], cols=4)
    span(header[0][4], cols=3)
    span(header[1][0], cols=3)
    for c in (3, 4, 5, 6):
        span(header[1][c], rows=2)
    for r, c in [(0, 1), (0, 2), (0, 3), (0, 5), (0, 6), (1, 1), (1, 2), (2, 3), (2, 4), (2, 5), (2, 6)]:
        header[r][c].covered = True


def sample_document() -> Document:
    document = document_from_json(SAMPLE)
    recorded_spans(document)
    return document


def sample_findings() -> list[Finding]:
    return [
        Finding(
            rule="code_hierarchy_sum",
            severity=Severity.ERROR,
            message="20801 人力资源和社会保障管理事务：合计 1,608.43 ≠ 下级科目之和 1,608.45（差 0.02）",
            cells=[CellRef("T1", 1, 4), CellRef("T1", 2, 4), CellRef("T1", 3, 4)],
            expected="1,608.45",
            actual="1,608.43",
            difference="-0.02",
            page=7,
            table="T1",
            id="F1",
        ),
        Finding(
            rule="row_sum",
            severity=Severity.WARNING,
            message="本年收入合计与各项收入之和相差 0.01（尾差）",
            cells=[CellRef("T3", 2, 1)],
            page=5,
            table="T3",
            id="F2",
        ),
        Finding(
            rule="text_vs_table",
            severity=Severity.INFO,
            message="说明中的金额与表格不一致",
            quote="2026年收支总预算9628.22万元",
            page=14,
            id="F3",
        ),
    ]
