"""Which value column is a total and which columns are its parts, as the header states.

A header cell named 合计 / 总计 / 小计 (or "本年支出合计", "“三公”经费合计") is the sum of
its sibling columns: 合计 = 基本支出 + 项目支出 (+ 事业单位经营支出 + 上缴上级支出 + 对附属单位补助支出);
基本支出 小计 = 人员经费 + 公用经费; 本年收入 小计 = its sources; 合计 = 本年收入 + 上年结转结余.
A column group without its own subtotal contributes its leaves. When the leaves are versions
(预算数 / 决算数) the relations hold per version. A "预算数" column beside "本年" and "上年结转"
columns is their sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktopapp.tables.columns import VERSION_WORDS, Column

_NOT_ADDITIVE = (
    "其中",
    "占比",
    "比例",
    "%",
    "增减",
    "增长",
    "比上年",
    "同比",
    "变动",
    "上年数",
    "上年预算",
    "差额",
)


def is_total_name(name: str) -> bool:
    return name in ("合计", "总计", "小计") or name.endswith(("合计", "总计", "小计"))


def is_additive(name: str) -> bool:
    return not any(word in name for word in _NOT_ADDITIVE)


@dataclass
class _Node:
    name: str
    column: Column | None = None
    children: dict[str, _Node] = field(default_factory=dict)

    @property
    def is_leaf(self) -> bool:
        return self.column is not None and not self.children


def _tree(columns: list[Column], strip: int = 0) -> _Node:
    root = _Node("")
    for col in columns:
        path = col.path[: len(col.path) - strip] if strip else col.path
        node = root
        for part in path:
            node = node.children.setdefault(part, _Node(part))
        if node is root:
            node = root.children.setdefault(f"#{col.index}", _Node(""))
        if node.column is None:
            node.column = col
    return root


def _value_columns(node: _Node) -> list[Column]:
    """The columns that together make up `node`'s amount."""
    if node.column is not None:
        return [node.column]
    total = next((k for k in node.children.values() if k.is_leaf and is_total_name(k.name)), None)
    if total is not None:
        return [total.column]  # type: ignore[list-item]
    out: list[Column] = []
    for child in node.children.values():
        if is_additive(child.name):
            out.extend(_value_columns(child))
    return out


def _period(name: str) -> str | None:
    if "结转" in name or "上年结余" in name:
        return "carryover"
    if "本年" in name or "当年" in name:
        return "current"
    return None


@dataclass
class ColumnRelation:
    total: Column
    parts: list[Column]
    total_name: str
    parts_name: str


def _relations(node: _Node, names: list[str], out: list[ColumnRelation]) -> None:
    kids = list(node.children.values())
    here = [*names, node.name]
    if node.column is not None and kids:
        # A group's own column, printed before its sub-columns, is their subtotal; one printed
        # among them is more likely a split of a sub-column and is left alone.
        parts = [c for k in kids if is_additive(k.name) for c in _value_columns(k)]
        if parts and node.column.index < min(c.index for c in parts):
            out.append(_relation(node.column, parts, here[:-1]))
    elif len(kids) >= 2:
        totals = [k for k in kids if k.is_leaf and is_total_name(k.name)]
        # Two totals side by side (总计 and 合计 under one label) mean the header was not
        # read as printed: no relation can be trusted from it.
        total = totals[0] if len(totals) == 1 else None
        if total is not None:
            parts = [c for k in kids if k is not total and is_additive(k.name) for c in _value_columns(k)]
            if parts:
                out.append(_relation(total.column, parts, here))  # type: ignore[arg-type]
        elif len(kids) == 3 and all(k.is_leaf for k in kids):
            periods = [_period(k.name) for k in kids]
            if sorted(p or "" for p in periods) == ["", "carryover", "current"]:
                whole = kids[periods.index(None)]
                parts = [k.column for k, p in zip(kids, periods) if p]
                out.append(_relation(whole.column, parts, here))  # type: ignore[arg-type]
    for kid in kids:
        _relations(kid, here, out)


def _relation(total: Column, parts: list[Column], names: list[str]) -> ColumnRelation:
    names = [n for n in names if n]
    part_names = [p.name for p in parts]
    joined = " + ".join(part_names) if len(part_names) <= 5 else "各分项之和"
    return ColumnRelation(total=total, parts=parts, total_name=total.name, parts_name=joined)


# Words that head the label columns (or a band over them), never a column of figures.
_LABEL_WORDS = re.compile(r"栏目|项目|科目|名称|编码|代码|类|款|项")


def ambiguous_columns(value_cols: list[Column]) -> set[int]:
    """Value columns sharing their whole header with another, or whose lowest label is but a
    word of the label columns ('栏目', '项目': a band over the labels read by position as
    reaching over figures): which is which, or what the figures are, is unclear."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for c in value_cols:
        seen.setdefault(c.path, []).append(c.index)
    shared = {i for path, cols in seen.items() if len(cols) > 1 and path for i in cols}
    return shared | {c.index for c in value_cols if c.leaf and not _LABEL_WORDS.sub("", c.leaf)}


def column_relations(value_cols: list[Column]) -> list[ColumnRelation]:
    """Every "total column = Σ part columns" the header of a segment's value columns states."""
    ambiguous = ambiguous_columns(value_cols)
    cols = [c for c in value_cols if c.index not in ambiguous]
    if len(cols) < 2:
        return []
    out: list[ColumnRelation] = []
    versions = {c.leaf for c in cols if c.leaf in VERSION_WORDS}
    if len(versions) >= 2 and all(c.leaf in VERSION_WORDS for c in cols):
        for version in sorted(versions):
            group = [c for c in cols if c.leaf == version]
            rels: list[ColumnRelation] = []
            _relations(_tree(group, strip=1), [], rels)
            for r in rels:
                r.total_name = f"{r.total_name}（{version}）"
            out.extend(rels)
    else:
        _relations(_tree(cols), [], out)
    if ambiguous:
        # A group missing a column cannot be summed: leave out relations under its label.
        # Twins at the top level mean the bands above them were lost: nothing can be summed.
        groups = {c.path[:-1] for c in value_cols if c.index in ambiguous}
        out = [r for r in out if not any(r.total.path[: len(g)] == g for g in groups)]
    return out
