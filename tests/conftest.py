"""Shared fixtures: disclosure-like PDFs built with tests/helpers/pdfgen.py, each with the truth of what was printed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.helpers import sample_budget  # noqa: E402
from tests.helpers.corpus import CORPUS  # noqa: E402
from tests.helpers.pdfgen import (  # noqa: E402
    EXPENDITURE_ROWS,
    STYLES,
    H,
    PdfBuilder,
    PrintedDocument,
    TableSpec,
    generated_rows,
    split_code,
)
from tests.helpers.specs import (  # noqa: E402
    INCOME_HEADER,
    INCOME_ROWS,
    ORG,
    PROJECT_HEADER,
    PROJECT_ROWS,
    expenditure_spec,
)

INTRO = [
    "武汉市人力资源和社会保障局江汉社会保险管理处主要从事社会保险经办工作，承担江汉辖区范围内用人单位"
    "及其职工和离退休人员、个体灵活就业人员、城乡居民参加社会保险的经办服务工作；承办上级交办的其他事项。",
    "本单位内设机构十个，包括：业务受理科、登记核定科、养老待遇科、工伤待遇科、失业待遇科、"
    "机关事业单位养老保险科、稽核内控科、综合服务科、信访接待科、办公室。",
]


def _build(directory: Path, name: str, fill: Callable[[PdfBuilder], object]) -> PrintedDocument:
    builder = PdfBuilder(directory / f"{name}.pdf")
    fill(builder)
    return builder.save()


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("layouts")


# ----------------------------------------------------------------------------- table specs

# ----------------------------------------------------------------------------- layouts


@pytest.fixture(scope="session")
def styled_pdfs(pdf_dir: Path) -> dict[str, PrintedDocument]:
    """The same 表5 in each rule style, after a page of running text."""
    out = {}
    for style in STYLES:

        def fill(b: PdfBuilder, style: str = style) -> None:
            b.text_page(INTRO, heading="第一部分 单位概况")
            b.table(expenditure_spec(style))

        out[style] = _build(pdf_dir, f"style-{style}", fill)
    return out


@pytest.fixture(scope="session")
def vertical_header_pdf(pdf_dir: Path) -> PrintedDocument:
    """收入总表 on a landscape page: narrow columns whose header text is stacked one character per line."""
    widths = [52.0, 140.0, 52.0, 52.0, 52.0] + [22.0] * 7 + [36.0] + [22.0] * 6
    vertical = frozenset(range(5, 19))

    def fill(b: PdfBuilder) -> None:
        b.table(
            TableSpec(
                "收入总表",
                INCOME_HEADER,
                INCOME_ROWS,
                number="表2",
                org=ORG,
                col_widths=widths,
                vertical_header_cols=vertical,
                font_size=8,
            ),
            landscape=True,
        )

    return _build(pdf_dir, "vertical-header", fill)


@pytest.fixture(scope="session")
def wrapped_names_pdf(pdf_dir: Path) -> PrintedDocument:
    """项目支出表 with names, units and long codes wrapped over several lines inside their cells."""
    widths = [62.0, 58.0, 80.0, 44.0, 44.0, 34.0, 34.0, 34.0, 34.0, 34.0, 40.0, 40.0]

    def fill(b: PdfBuilder) -> None:
        b.table(
            TableSpec(
                "项目支出表",
                PROJECT_HEADER,
                PROJECT_ROWS,
                number="表10",
                org=ORG,
                col_widths=widths,
                font_size=8,
            )
        )

    return _build(pdf_dir, "wrapped-names", fill)


@pytest.fixture(scope="session")
def split_codes_pdf(pdf_dir: Path) -> PrintedDocument:
    """支出总表 with the 科目编码 printed in three columns 类 | 款 | 项 under one merged heading."""
    header: list[list[H | str]] = [
        [
            H("科目编码", colspan=3),
            H("科目名称", rowspan=2),
            H("合计", rowspan=2),
            H("基本支出", rowspan=2),
            H("项目支出", rowspan=2),
        ],
        ["类", "款", "项"],
    ]
    body = []
    for code, name, total, basic, _staff, _office, project in EXPENDITURE_ROWS:
        body.append([*split_code(code), name, total, basic, project])

    def fill(b: PdfBuilder) -> None:
        b.table(
            TableSpec(
                "支出总表",
                header,
                body,
                number="表3",
                org=ORG,
                style="wps_rects",
                col_widths=[30.0, 26.0, 26.0, 190.0, 70.0, 70.0, 70.0],
            )
        )

    return _build(pdf_dir, "split-codes", fill)


CONTINUED_HEADER: list[list[H | str]] = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]


@pytest.fixture(scope="session", params=[True, False], ids=["continued-title", "header-only"])
def continued_pdf(request: pytest.FixtureRequest, pdf_dir: Path) -> PrintedDocument:
    """A 95-row 支出总表 over three pages: header repeated on every page, optionally a "（续）" title."""
    with_title = request.param

    def fill(b: PdfBuilder) -> None:
        b.text_page(INTRO, heading="第一部分 单位概况")
        b.table(
            TableSpec(
                "支出总表",
                CONTINUED_HEADER,
                generated_rows(95),
                number="表3",
                org=ORG,
                continued_title=with_title,
            )
        )

    return _build(pdf_dir, f"continued-{'title' if with_title else 'plain'}", fill)


@pytest.fixture(scope="session")
def continued_total_row_pdf(pdf_dir: Path) -> PrintedDocument:
    """基本支出表 continued like the Wuhan originals: the 合计 row is repeated under the header on each page."""
    header: list[list[H | str]] = [
        [H("部门预算支出经济分类科目", colspan=2), H("本年一般公共预算基本支出", colspan=3)],
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ]
    rows = [["", "合计", "1,583.46", "1,366.95", "216.51"]]
    for code, name, total, _basic, _project in generated_rows(40, seed=11):
        rows.append([code[:3] + code[-2:], name, total, total, ""])

    def fill(b: PdfBuilder) -> None:
        b.table(
            TableSpec(
                "一般公共预算基本支出表",
                header,
                rows,
                number="表6",
                org=ORG,
                repeat_body_rows=1,
                break_before=(14, 28),
            )
        )

    return _build(pdf_dir, "continued-total-row", fill)


SANGONG_HEADER = sample_budget.SANGONG_HEADER


@pytest.fixture(scope="session")
def two_tables_pdf(pdf_dir: Path) -> PrintedDocument:
    """表7 “三公” and 表8 机关运行经费 on the same page."""
    second_header: list[list[H | str]] = [["项目", "预算数", "上年预算数", "增减"]]
    second_rows = [
        ["机关运行经费", "216.51", "216.51", "0.00"],
        ["其中：办公费", "15.60", "14.80", "0.80"],
        ["公务用车运行维护费", "1.90", "2.00", "-0.10"],
    ]

    def fill(b: PdfBuilder) -> None:
        b.two_tables(
            TableSpec(
                "一般公共预算“三公”经费支出表",
                SANGONG_HEADER,
                [["2.00", "", "1.90", "", "1.90", "0.10"]],
                number="表7",
                org=ORG,
            ),
            TableSpec(
                "机关运行经费预算表",
                second_header,
                second_rows,
                number="表8",
                org=ORG,
                notes=["注：机关运行经费为单位公用经费。"],
            ),
        )

    return _build(pdf_dir, "two-tables", fill)


@pytest.fixture(scope="session")
def landscape_pdf(pdf_dir: Path) -> PrintedDocument:
    """The 19-column 收入总表 across a landscape page, headers wrapped onto several lines."""

    def fill(b: PdfBuilder) -> None:
        b.text_page(INTRO, heading="第一部分 单位概况")
        b.table(
            TableSpec("收入总表", INCOME_HEADER, INCOME_ROWS, number="表2", org=ORG, font_size=8),
            landscape=True,
        )

    return _build(pdf_dir, "landscape", fill)


@pytest.fixture(scope="session")
def rotated_pdf(pdf_dir: Path) -> PrintedDocument:
    """项目支出表 on a page stored portrait with /Rotate 90: shown as an upright landscape page."""

    def fill(b: PdfBuilder) -> None:
        b.text_page(INTRO, heading="第一部分 单位概况")
        b.table(
            TableSpec("项目支出表", PROJECT_HEADER, PROJECT_ROWS, number="表10", org=ORG, font_size=8),
            rotate=90,
        )

    return _build(pdf_dir, "rotated", fill)


@pytest.fixture(scope="session")
def sideways_pdf(pdf_dir: Path) -> PrintedDocument:
    """项目支出表 printed turned a quarter on an ordinary portrait page (no /Rotate): text runs upwards."""

    def fill(b: PdfBuilder) -> None:
        b.text_page(INTRO, heading="第一部分 单位概况")
        b.table(
            TableSpec("项目支出表", PROJECT_HEADER, PROJECT_ROWS, number="表10", org=ORG, font_size=8),
            sideways=True,
        )

    return _build(pdf_dir, "sideways", fill)


@pytest.fixture(scope="session")
def shaded_header_pdf(pdf_dir: Path) -> PrintedDocument:
    """表5 with a gray header background (large filled rectangles under the header text), as Excel prints it."""

    def fill(b: PdfBuilder) -> None:
        b.table(expenditure_spec("lines", header_fill=0.85))

    return _build(pdf_dir, "shaded-header", fill)


@pytest.fixture(scope="session")
def empty_table_pdf(pdf_dir: Path) -> PrintedDocument:
    """A normal 表5, then 表8 政府性基金预算支出表 printed with its header only and a note that it is empty."""
    fund_header: list[list[H | str]] = [
        [H("科目编码", rowspan=2), H("科目名称", rowspan=2), H("本年政府性基金预算支出", colspan=3)],
        ["合计", "基本支出", "项目支出"],
    ]

    def fill(b: PdfBuilder) -> None:
        b.table(expenditure_spec("lines"))
        b.table(
            TableSpec(
                "政府性基金预算支出表",
                fund_header,
                [],
                number="表8",
                org=ORG,
                notes=["本单位无政府性基金预算收支，故本表为空。"],
            )
        )

    return _build(pdf_dir, "empty-table", fill)


# ----------------------------------------------------------------------------- corpus


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("共享语料 ../shared/corpus 不存在")
    return CORPUS
