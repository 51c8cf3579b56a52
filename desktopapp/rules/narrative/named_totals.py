"""Named totals of the narrative ("收入支出总计 2995.39万元", "基本支出 1583.46万元", "“三公”经费
预算数为 10.81万元"): the clause labels that quote each one and the table cells that print it.

Keyword data, tried in order: the first spec whose label matches (in the right kind of
document and section) decides what a figure stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lookup:
    """Where a figure is printed: the first table of `roles` that has it, found by row labels
    (and a column), or as the total of a column."""

    roles: tuple[str, ...]
    rows: tuple[str, ...] = ()
    cols: tuple[str, ...] | None = None
    col_exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    """One named total: how the narrative labels it and where the tables print it."""

    name: str  # how the message names the figure
    label: str  # pattern of the clause before the figure
    final: bool | None  # True: final accounts only, False: budgets only, None: both
    lookups: tuple[Lookup, ...]  # the preferred table first
    sections: tuple[str, ...] | None = None  # section categories where the label means this figure
    exclude: str | None = None  # labels that look alike but mean something else
    # what the sentence must say before the figure ("本年收入中，…"); a context spec that finds
    # no table figure leaves the figure to the specs after it
    context: str | None = None
    # compiled once: every quoted figure is tried against the specs
    label_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    exclude_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    context_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_re", re.compile(self.label))
        object.__setattr__(self, "exclude_re", re.compile(self.exclude) if self.exclude else None)
        object.__setattr__(self, "context_re", re.compile(self.context) if self.context else None)


# "本年收入中，一般公共预算拨款收入 X 万元": X is this year's money only, without 上年结转 —
# the 本年 column where the 收支总表 prints 合计 | 本年 | 上年结转 side by side.
_THIS_YEAR = r"本年(?:预算)?收入(?:合计)?中[，,]?$"


def _this_year_income(name: str, label: str, rows: tuple[str, ...], income_col: str) -> Spec:
    return Spec(
        name=f"本年收入中的{name}",
        label=label,
        final=False,
        lookups=(
            Lookup(roles=("summary",), rows=rows, cols=("本年",), col_exclude=("上年", "结转")),
            Lookup(roles=("income",), cols=("本年", income_col), col_exclude=("上年", "结转")),
        ),
        context=_THIS_YEAR,
    )


_TOTAL_ROWS = ("总计", "收入总计", "收入合计", "收入总额")
_EXP_TOTAL_ROWS = ("支出总计", "总计", "支出合计")

SPECS: tuple[Spec, ...] = (
    # ---- final accounts
    Spec(
        name="财政拨款收入支出总计",
        label=r"财政拨款(?:收入支出|收、?支)总计(?:为|是)?$",
        final=True,
        lookups=(Lookup(roles=("fiscal",), rows=("总计",)),),
    ),
    Spec(
        name="收入支出总计",
        label=r"(?:收入支出|收、?支)总计(?:为|是)?$",
        final=True,
        lookups=(Lookup(roles=("summary",), rows=("总计",)),),
        exclude=r"财政拨款",
    ),
    Spec(
        name="本年收入合计",
        label=r"本年收入合计(?:为|是)?$",
        final=True,
        lookups=(
            Lookup(roles=("summary",), rows=("本年收入合计",)),
            Lookup(roles=("income",), cols=("本年收入合计",)),
        ),
    ),
    Spec(
        name="本年支出合计",
        label=r"本年支出合计(?:为|是)?$",
        final=True,
        lookups=(
            Lookup(roles=("summary",), rows=("本年支出合计",)),
            Lookup(roles=("expenditure",), cols=("本年支出合计",)),
        ),
    ),
    Spec(
        name="财政拨款收入",
        label=r"^(?:其中)?财政拨款收入(?:为|是)?$",
        final=True,
        sections=("income", "overall"),
        lookups=(Lookup(roles=("income",), cols=("财政拨款收入",)),),
    ),
    Spec(
        name="其他收入",
        label=r"^(?:其中)?其他收入(?:为|是)?$",
        final=True,
        sections=("income", "overall"),
        lookups=(
            Lookup(roles=("income",), cols=("其他收入",)),
            Lookup(roles=("summary",), rows=("其他收入",)),
        ),
    ),
    Spec(
        name="事业收入",
        label=r"^(?:其中)?事业收入(?:为|是)?$",
        final=True,
        sections=("income", "overall"),
        lookups=(
            Lookup(roles=("income",), cols=("事业收入",)),
            Lookup(roles=("summary",), rows=("事业收入",)),
        ),
    ),
    Spec(
        name="基本支出",
        label=r"^(?:其中)?基本支出(?:为|是)?$",
        final=True,
        sections=("expenditure",),
        lookups=(Lookup(roles=("expenditure",), cols=("基本支出",)),),
    ),
    Spec(
        name="项目支出",
        label=r"^(?:其中)?项目支出(?:为|是)?$",
        final=True,
        sections=("expenditure",),
        lookups=(Lookup(roles=("expenditure",), cols=("项目支出",)),),
    ),
    Spec(
        name="一般公共预算财政拨款基本支出",
        label=r"一般公共预算财政拨款基本支出(?:决算)?(?:为|是)?$",
        final=True,
        lookups=(Lookup(roles=("general",), cols=("基本支出",)),),
    ),
    Spec(
        name="一般公共预算财政拨款支出",
        label=r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?$",
        final=True,
        lookups=(Lookup(roles=("general",), cols=("合计",), col_exclude=("基本", "项目")),),
    ),
    Spec(
        name="人员经费",
        label=r"^(?:其中)?人员经费(?:合计)?(?:为|是)?$",
        final=True,
        sections=("basic",),
        lookups=(
            Lookup(roles=("basic",), rows=("人员经费合计", "人员经费")),
            Lookup(roles=("basic",), cols=("人员经费",)),
            Lookup(roles=("general",), cols=("人员经费",)),
        ),
    ),
    Spec(
        name="公用经费",
        label=r"^(?:其中)?公用经费(?:合计)?(?:为|是)?$",
        final=True,
        sections=("basic",),
        lookups=(
            Lookup(roles=("basic",), rows=("公用经费合计", "公用经费")),
            Lookup(roles=("basic",), cols=("公用经费",)),
            Lookup(roles=("general",), cols=("公用经费",)),
        ),
    ),
    Spec(
        name="“三公”经费年初预算",
        label=r"三公”?经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("合计", "预算数")),),
    ),
    Spec(
        name="“三公”经费决算",
        label=r"三公”?经费(?:财政拨款)?支出决算(?:数)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("合计", "决算数")),),
    ),
    Spec(
        name="因公出国（境）费决算",
        label=r"因公出国[（(]境[）)](?:经)?费(?:用)?(?:支出)?决算(?:数)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("因公出国", "决算数")),),
    ),
    Spec(
        name="公务用车购置及运行维护费决算",
        label=r"公务用车购置及运行(?:维护)?费(?:支出)?决算(?:数)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("公务用车购置及运行", "决算数")),),
    ),
    Spec(
        name="公务用车购置费决算",
        label=r"公务用车购置(?:费)?(?:支出)?(?:决算)?为$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("购置费", "决算数"), col_exclude=("小计",)),),
    ),
    Spec(
        name="公务用车运行维护费决算",
        label=r"公务用车运行(?:维护)?(?:费)?(?:支出)?(?:决算)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("公务用车运行", "决算数"), col_exclude=("小计",)),),
    ),
    Spec(
        name="公务接待费决算",
        label=r"公务接待费(?:支出)?决算(?:数)?为?$",
        final=True,
        sections=("three_public",),
        lookups=(Lookup(roles=("three_public",), cols=("公务接待费", "决算数")),),
    ),
    # ---- budgets
    _this_year_income(
        name="一般公共预算拨款收入",
        label=r"^(?:其中)?一般公共预算(?:财政)?拨款(?:收入)?(?:为|是)?$",
        rows=("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算"),
        income_col="一般公共预算",
    ),
    _this_year_income(
        name="政府性基金预算拨款收入",
        label=r"^(?:其中)?政府性基金(?:预算)?(?:财政)?拨款(?:收入)?(?:为|是)?$",
        rows=("政府性基金预算拨款收入", "政府性基金预算拨款", "政府性基金预算"),
        income_col="政府性基金",
    ),
    _this_year_income(
        name="国有资本经营预算拨款收入",
        label=r"^(?:其中)?国有资本经营(?:预算)?(?:财政)?拨款(?:收入)?(?:为|是)?$",
        rows=("国有资本经营预算拨款收入", "国有资本经营预算拨款", "国有资本经营预算"),
        income_col="国有资本经营",
    ),
    _this_year_income(
        name="财政拨款收入",
        label=r"^(?:其中)?财政拨款(?:收入)?(?:为|是)?$",
        rows=("财政拨款收入", "财政拨款"),
        income_col="财政拨款",
    ),
    Spec(
        name="财政拨款收支总预算",
        label=r"财政拨款收支总预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("fiscal",), rows=_TOTAL_ROWS),),
    ),
    Spec(
        name="收支总预算",
        label=r"收支总预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("summary",), rows=_TOTAL_ROWS),),
        exclude=r"财政拨款",
    ),
    Spec(
        name="收入预算",
        label=r"收入预算(?:总额|合计)?(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(Lookup(roles=("summary",), rows=_TOTAL_ROWS),),
        exclude=r"财政|一般公共|基金|国有|事业|其他",
    ),
    Spec(
        name="支出预算",
        label=r"支出预算(?:总额|合计)?(?:为|是)?$",
        final=False,
        sections=("overall", "expenditure", ""),
        lookups=(Lookup(roles=("summary",), rows=_EXP_TOTAL_ROWS),),
        exclude=r"财政|一般公共|基金|国有|基本|项目|采购",
    ),
    Spec(
        name="财政拨款收入",
        label=r"^(?:其中)?财政拨款收入(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(Lookup(roles=("summary",), rows=("财政拨款收入", "财政拨款")),),
    ),
    Spec(
        name="一般公共预算拨款收入",
        label=r"^(?:其中)?一般公共预算(?:财政)?拨款收入(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(
            Lookup(roles=("summary",), rows=("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算")),
        ),
    ),
    Spec(
        name="事业收入",
        label=r"^(?:其中)?事业收入(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(Lookup(roles=("summary",), rows=("事业收入",)),),
    ),
    Spec(
        name="事业单位经营收入",
        label=r"^(?:其中)?事业单位经营收入(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(Lookup(roles=("summary",), rows=("事业单位经营收入",)),),
    ),
    Spec(
        name="其他收入",
        label=r"^(?:其中)?其他收入(?:为|是)?$",
        final=False,
        sections=("overall", "income", ""),
        lookups=(Lookup(roles=("summary",), rows=("其他收入",)),),
    ),
    Spec(
        name="财政拨款支出预算",
        label=r"财政拨款支出预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("fiscal",), rows=_EXP_TOTAL_ROWS),),
    ),
    Spec(
        name="一般公共预算拨款支出预算",
        label=r"一般公共预算(?:拨款)?支出预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("一般公共预算",)),),
    ),
    Spec(
        name="政府性基金拨款支出预算",
        label=r"政府性基金(?:预算)?(?:拨款)?支出预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("政府性基金",)),),
    ),
    Spec(
        name="国有资本经营预算拨款支出预算",
        label=r"国有资本经营预算(?:拨款)?支出预算(?:为|是)?$",
        final=False,
        lookups=(Lookup(roles=("fiscal",), rows=_EXP_TOTAL_ROWS, cols=("国有资本经营",)),),
    ),
    Spec(
        name="基本支出",
        label=r"^(?:其中)?基本支出(?:预算)?(?:为|是)?$",
        final=False,
        sections=("expenditure", "overall"),
        lookups=(Lookup(roles=("expenditure",), cols=("基本支出",)),),
    ),
    Spec(
        name="项目支出",
        label=r"^(?:其中)?项目支出(?:预算)?(?:为|是)?$",
        final=False,
        sections=("expenditure", "overall"),
        lookups=(Lookup(roles=("expenditure",), cols=("项目支出",)),),
    ),
    Spec(
        name="一般公共预算基本支出",
        label=r"^(?:其中)?基本支出(?:为|是)?$",
        final=False,
        sections=("general",),
        lookups=(Lookup(roles=("general",), cols=("基本支出",)),),
    ),
    Spec(
        name="一般公共预算项目支出",
        label=r"^(?:其中)?项目支出(?:为|是)?$",
        final=False,
        sections=("general",),
        lookups=(Lookup(roles=("general",), cols=("项目支出",)),),
    ),
    Spec(
        name="一般公共预算基本支出",
        label=r"一般公共预算基本支出(?:预算)?(?:为|是)?$",
        final=False,
        lookups=(
            Lookup(roles=("basic",), cols=("合计",)),
            Lookup(roles=("general",), cols=("基本支出",)),
        ),
    ),
    Spec(
        name="人员经费",
        label=r"^(?:其中)?人员经费(?:为|是)?$",
        final=False,
        sections=("basic", "general"),
        lookups=(
            Lookup(roles=("basic",), cols=("人员经费",)),
            Lookup(roles=("general",), cols=("人员经费",)),
        ),
    ),
    Spec(
        name="公用经费",
        label=r"^(?:其中)?公用经费(?:为|是)?$",
        final=False,
        sections=("basic", "general"),
        lookups=(
            Lookup(roles=("basic",), cols=("公用经费",)),
            Lookup(roles=("general",), cols=("公用经费",)),
        ),
    ),
    Spec(
        name="“三公”经费预算",
        label=r"三公”?经费(?:财政拨款)?(?:支出)?(?:预算数?|预算安排)?(?:为|是)?$",
        final=False,
        lookups=(
            Lookup(roles=("three_public",), cols=("合计",), col_exclude=("机关运行",)),
            Lookup(roles=("three_public",), rows=("合计", "“三公”经费合计", "三公经费合计")),
        ),
    ),
    Spec(
        name="因公出国（境）费预算",
        label=r"因公出国[（(]境[）)](?:经)?费(?:用)?(?:预算数?)?(?:为)?$",
        final=False,
        sections=("three_public",),
        lookups=(
            Lookup(roles=("three_public",), cols=("因公出国",)),
            Lookup(
                roles=("three_public",), rows=("因公出国（境）费", "因公出国（境）费用", "因公出国(境)费")
            ),
        ),
    ),
    Spec(
        name="公务用车购置及运行费预算",
        label=r"公务用车购置及运行(?:维护)?费(?:预算数?)?(?:为)?$",
        final=False,
        sections=("three_public",),
        lookups=(
            Lookup(roles=("three_public",), cols=("公务用车购置及运行",)),
            Lookup(roles=("three_public",), rows=("公务用车购置及运行费", "公务用车购置及运行维护费")),
        ),
    ),
    Spec(
        name="公务用车购置费预算",
        label=r"公务用车购置费(?:预算数?)?(?:为)?$",
        final=False,
        sections=("three_public",),
        lookups=(
            Lookup(roles=("three_public",), cols=("购置费",), col_exclude=("小计",)),
            Lookup(roles=("three_public",), rows=("公务用车购置费", "公务用车购置")),
        ),
    ),
    Spec(
        name="公务用车运行费预算",
        label=r"公务用车运行(?:维护)?费(?:预算数?)?(?:为)?$",
        final=False,
        sections=("three_public",),
        lookups=(
            Lookup(roles=("three_public",), cols=("运行费",), col_exclude=("小计", "购置及运行费合计")),
            Lookup(roles=("three_public",), cols=("运行维护费",), col_exclude=("小计",)),
            Lookup(roles=("three_public",), rows=("公务用车运行费", "公务用车运行维护费")),
        ),
    ),
    Spec(
        name="公务接待费预算",
        label=r"公务接待费(?:预算数?)?(?:为)?$",
        final=False,
        sections=("three_public",),
        lookups=(
            Lookup(roles=("three_public",), cols=("公务接待费",)),
            Lookup(roles=("three_public",), rows=("公务接待费",)),
        ),
    ),
    Spec(
        name="机关运行经费预算",
        label=r"机关运行经费(?:财政拨款)?预算(?:数)?为?$",
        final=False,
        lookups=(Lookup(roles=("three_public",), cols=("机关运行经费",)),),
    ),
)
