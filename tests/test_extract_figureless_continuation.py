"""A table printed without rules, continued on a page whose first rows carry no figures
(tables flowing one after another break anywhere): those rows are the table's rows, not
part of the header repeated above them — the officer sees every row, in the columns
printed, and the header as printed."""

from __future__ import annotations

import pytest

from desktopapp.extract import read_document
from tests.helpers.pdfgen import H, PdfBuilder, TableSpec

HEADER: list = [[H("收入", colspan=2), H("支出", colspan=2)], ["项目", "预算数", "支出功能分类", "预算数"]]
INCOME = ["一、本年收入", "1. 一般公共预算拨款", "其中：一般财力", "2. 政府性基金预算拨款",
          "3. 国有资本经营预算拨款", "4. 财政专户核拨", "二、上年结转结余", "1. 财政拨款结转",
          "其中：一般公共预算拨款", "国有资本经营预算拨款", "2. 非财政拨款结转结余", "其中：财政专户核拨"]
SPENDING = ["201 一般公共服务支出", "205 教育支出", "208 社会保障和就业支出", "210 卫生健康支出",
            "211 节能环保支出", "212 城乡社区支出", "213 农林水支出", "221 住房保障支出",
            "222 粮油物资储备支出", "223 国有资本经营预算支出", "224 灾害防治及应急管理支出", "227 预备费"]
# Figures on the first page's rows and on the last; the rows topping page 2 have none.
INCOME_FIGURES = ["1,036.02", "1,036.02", "1,036.02", "", "", "", "5.13", "5.13", "5.13", "", "", ""]
SPENDING_FIGURES = ["", "", "927.19", "50.70", "", "", "", "58.13", "", "", "", ""]
BREAK = 9


def _body() -> list[list[str]]:
    rows = [list(r) for r in zip(INCOME, INCOME_FIGURES, SPENDING, SPENDING_FIGURES)]
    rows.append(["单位资金", "", "229 其他支出", "5.13"])
    rows.append(["收入总计", "1,041.14", "支出总计", "1,041.14"])
    return rows


@pytest.mark.parametrize("landscape", [False, True])
def test_rows_without_figures_topping_a_continuation_page_are_body_rows(tmp_path, landscape):
    body = _body()
    builder = PdfBuilder(tmp_path / "continued.pdf")
    builder.table(
        TableSpec("部门收支总体情况表", HEADER, body, style="no_rules", break_before=(BREAK,), continued_title=True),
        landscape=landscape,
    )
    printed = builder.save()
    document = read_document(printed.path)
    (table,) = document.tables
    assert table.pages == [1, 2]
    assert table.header_texts()[-1] == ["项目", "预算数", "支出功能分类", "预算数"]
    read = [[c.replace(" ", "") for c in r] for r in table.body_texts()]
    assert read == [[c.replace(" ", "") for c in r] for r in body]
