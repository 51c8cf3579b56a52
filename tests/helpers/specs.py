"""Tables several test files print: 表5 一般公共预算支出表 of the sample's unit in any rule style,
the sample's wide 收入总表 and a 项目支出表."""

from __future__ import annotations

from tests.helpers import sample_budget
from tests.helpers.pdfgen import EXPENDITURE_HEADER, EXPENDITURE_ROWS, TableSpec

ORG = sample_budget.UNIT


def expenditure_spec(style: str = "lines", **overrides) -> TableSpec:
    """表5 一般公共预算支出表: two header rows with a merged 基本支出 group, codes, blanks, '-' and '0.00'."""
    fields = dict(
        title="一般公共预算支出表",
        header=EXPENDITURE_HEADER,
        body=EXPENDITURE_ROWS,
        number="表5",
        org=ORG,
        style=style,
        notes=["注：本表按支出功能分类科目列示。"],
    )
    fields.update(overrides)
    return TableSpec(**fields)


# The 收入总表 of the shipped sample (seed 000): wide, with codes and a wrapped unit name.
INCOME_HEADER = sample_budget.INCOME_HEADER
INCOME_ROWS = sample_budget.INCOME_BODY

PROJECT_HEADER = sample_budget.PROJECTS_HEADER

PROJECT_ROWS = [
    ["", "合计", "", "398.85", "242.85", "", "", "", "", "", "", "156.00"],
    ["503", "武汉市人力资源和社会保障局", "", "398.85", "242.85", "", "", "", "", "", "", "156.00"],
    ["420100225030030000105", "社会保障工作", "", "398.85", "242.85", "", "", "", "", "", "", "156.00"],
    [
        "42010022503T000000163",
        "社会保险业务工作经费",
        ORG,
        "398.85",
        "242.85",
        "",
        "",
        "",
        "",
        "",
        "",
        "156.00",
    ],
    ["42010022503T000000171", "信息系统运行维护费", ORG, "0.00", "-", "", "", "", "", "", "", "-"],
]
