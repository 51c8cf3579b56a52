"""Pairs of small disclosures for the comparison tests: two years of one department's budget,
a department and its only unit, two versions of one document. Each is built with pdfgen the
way a publisher prints it (cover, 情况说明, 支出总表, 一般公共预算支出表 with a 上年 column), so
the tests read them as the officer's files are read.

`Budget` holds the figures; `write(path)` prints them. A slip is planted by changing one
figure of the text or one cell of a table before printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.helpers.pdfgen import PdfBuilder, TableSpec

DEPARTMENT = "某市某某局"
UNIT = "某市某某局机关服务中心"

# 科目 rows: code, name; figures per year: 基本支出, 项目支出
SUBJECTS = [
    ("201", "一般公共服务支出"),
    ("20101", "人大事务"),
    ("2010101", "行政运行"),
    ("2010102", "一般行政管理事务"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
]
LEAVES = {"2010101", "2010102", "2080505"}


def _money(value: float) -> str:
    return f"{value:,.2f}"


@dataclass
class Budget:
    organization: str
    year: int
    scope: str = "部门"  # 部门 / 单位
    # leaf code → (基本支出, 项目支出)
    leaves: dict[str, tuple[float, float]] = field(default_factory=dict)
    # leaf code → the 上年预算数 printed in the 一般公共预算支出表 (None: no 上年 column)
    previous: dict[str, float] | None = None
    paragraphs: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # printed in the 单位构成 table when given
    final: bool = False  # a 决算: `previous` is then the 年初预算数 column

    @property
    def what(self) -> str:
        return "决算" if self.final else "预算"

    def amount(self, code: str, part: int | None = None) -> float:
        """A row's figure: 合计 (part None), 基本支出 (0) or 项目支出 (1)."""
        rows = [v for c, v in self.leaves.items() if c.startswith(code)]
        return sum(v[part] if part is not None else v[0] + v[1] for v in rows)

    def total(self, part: int | None = None) -> float:
        return sum(self.amount(c, part) for c in ("201", "208"))

    def with_changes(self, **changes) -> Budget:
        return replace(self, **changes)

    def _rows(self, values) -> list[list[str]]:
        return [[code, name, *[_money(v) for v in values(code)]] for code, name in SUBJECTS]

    def tables(self) -> list[TableSpec]:
        org = f"{self.organization}"
        expenditure = TableSpec(
            title=f"{self.year}年{org}{self.scope}支出{'决算表' if self.final else '总表'}",
            number="表3",
            header=[["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            body=[["", "合计", _money(self.total()), _money(self.total(0)), _money(self.total(1))]]
            + self._rows(lambda c: (self.amount(c), self.amount(c, 0), self.amount(c, 1))),
            org=org,
        )
        earlier, now = ("年初预算数", "决算数") if self.final else ("上年预算数", "本年预算数")
        general_header = ["科目编码", "科目名称"] + ([earlier] if self.previous is not None else []) + [now]

        def general_values(code: str) -> tuple[float, ...]:
            now = self.amount(code)
            if self.previous is None:
                return (now,)
            before = sum(v for c, v in self.previous.items() if c.startswith(code))
            return (before, now)

        total = (sum(self.previous.values()), self.total()) if self.previous is not None else (self.total(),)
        general = TableSpec(
            title=f"{self.year}年{org}一般公共预算{'财政拨款支出决算表' if self.final else '支出表'}",
            number="表5",
            header=[general_header],
            body=[["", "合计", *[_money(v) for v in total]]] + self._rows(general_values),
            org=org,
        )
        out = [expenditure, general]
        if self.units:
            out.insert(0, TableSpec(
                title=f"{self.year}年{org}部门预算单位构成",
                number="表1",
                header=[["序号", "单位名称", "备注"]],
                body=[[str(i), name, ""] for i, name in enumerate(self.units, start=1)],
                unit=None,
                org=org,
            ))
        return out

    def write(self, path: Path) -> Path:
        builder = PdfBuilder(path)
        builder.cover([self.organization, f"{self.year}年{self.scope}{self.what}"])
        builder.text_page([], heading=f"第三部分 {self.organization}{self.year}年{self.scope}{self.what}情况说明")
        for text in self.paragraphs:
            builder.text_page([text], new_page=False)
        for spec in self.tables():
            builder.table(spec)
        builder.save()
        return path


LAST_YEAR = Budget(
    DEPARTMENT,
    2024,
    leaves={"2010101": (550.0, 0.0), "2010102": (0.0, 250.0), "2080505": (200.0, 0.0)},
    paragraphs=["一、收支预算总体情况", "某市某某局2024年支出预算合计1,000.00万元。"],
)

THIS_YEAR = Budget(
    DEPARTMENT,
    2025,
    leaves={"2010101": (600.0, 0.0), "2010102": (0.0, 300.0), "2080505": (200.0, 0.0)},
    previous={"2010101": 550.0, "2010102": 250.0, "2080505": 200.0},
    paragraphs=[
        "一、收支预算总体情况",
        "某市某某局2025年支出预算合计1,100.00万元，与上年相比增加100.00万元，增长10.00%。",
        "二、一般公共预算支出情况",
        "1.行政运行（项）支出600.00万元，与上年相比增加50.00万元，增长9.09%。",
        "2.一般行政管理事务（项）支出300.00万元，与上年相比增加50.00万元，增长20.00%。",
    ],
)

FINAL_OF_LAST_YEAR = Budget(
    DEPARTMENT,
    2024,
    final=True,
    leaves={"2010101": (560.0, 0.0), "2010102": (0.0, 240.0), "2080505": (200.0, 0.0)},
    previous={"2010101": 550.0, "2010102": 250.0, "2080505": 200.0},
    paragraphs=[
        "一、一般公共预算财政拨款支出决算情况说明",
        "1.一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为550.00万元，支出决算为560.00万元，"
        "完成年初预算的101.82%。",
        "2.一般公共服务支出（类）人大事务（款）一般行政管理事务（项）。年初预算为250.00万元，支出决算为240.00万元，"
        "完成年初预算的96.00%。",
    ],
)
