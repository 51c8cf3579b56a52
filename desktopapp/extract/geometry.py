"""Plane geometry shared by the two readers and the grid strategies: directions, ruling
lines from drawn shapes, clusters of positions and merged intervals (pdfplumber keeps the
like in `utils/geometry.py` and `utils/clustering.py`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import TypeVar

from desktopapp.extract.layout import HRule, VRule

# A filled rectangle thinner than this (points) is drawn as a rule (WPS prints rules so).
RULE_MAX_THICKNESS = 3.0
# Rules shorter than this are dots or corner joints, not rules.
RULE_MIN_LENGTH = 2.0

T = TypeVar("T")


def quarter_turns(dx: float, dy: float) -> int:
    """Quarter turns (clockwise) that bring the displayed direction (dx, dy) to (1, 0)."""
    angle = math.degrees(math.atan2(dy, dx))  # y grows downwards: clockwise positive
    q = round(angle / 90.0) % 4
    return (4 - q) % 4


def add_segment(ax: float, ay: float, bx: float, by: float, hrules: list[HRule], vrules: list[VRule]) -> None:
    """A stroked segment is a rule when it is (almost) horizontal or vertical and not a dot."""
    if abs(ay - by) < 0.8 and abs(ax - bx) >= RULE_MIN_LENGTH:
        hrules.append(HRule((ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) < 0.8 and abs(ay - by) >= RULE_MIN_LENGTH:
        vrules.append(VRule((ax + bx) / 2, min(ay, by), max(ay, by)))


def add_bar(x0: float, top: float, x1: float, bottom: float, hrules: list[HRule], vrules: list[VRule]) -> None:
    """A filled rectangle is a rule when it is thin and long enough (WPS draws rules so)."""
    wid, hei = x1 - x0, bottom - top
    if hei <= RULE_MAX_THICKNESS and wid >= RULE_MIN_LENGTH and wid > hei:
        hrules.append(HRule((top + bottom) / 2, x0, x1))
    elif wid <= RULE_MAX_THICKNESS and hei >= RULE_MIN_LENGTH and hei > wid:
        vrules.append(VRule((x0 + x1) / 2, top, bottom))


def cluster(items: Iterable[T], tolerance: float, key: Callable[[T], float] = float) -> list[list[T]]:
    """Items in order of position (`key`), chained into clusters: an item within
    `tolerance` of the cluster's last item joins it (pdfplumber's `cluster_list`)."""
    out: list[list[T]] = []
    for item in sorted(items, key=key):
        if out and key(item) - key(out[-1][-1]) <= tolerance:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def cluster_means(values: Iterable[float], tolerance: float) -> list[float]:
    """One position per cluster of nearby values: their mean, in ascending order."""
    return [sum(c) / len(c) for c in cluster(values, tolerance)]


def merge_intervals(items: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Sorted (lo, hi) intervals → their unions, joining those within `tolerance`."""
    out: list[tuple[float, float]] = []
    for lo, hi in items:
        if out and lo <= out[-1][1] + tolerance:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@dataclass
class RuleLine:
    """A horizontal or vertical ruling line, merged from the pieces it was drawn in."""

    pos: float  # y of a horizontal line, x of a vertical one
    lo: float
    hi: float


def merge_rules(rules: list[tuple[float, float, float]], snap: float, join: float) -> list[RuleLine]:
    """(pos, lo, hi) pieces → lines: pieces at the same position (within `snap`) whose
    spans touch (gaps up to `join`) are one line."""
    out: list[RuleLine] = []
    for same_pos in cluster(rules, snap, key=itemgetter(0)):
        pos = sum(r[0] for r in same_pos) / len(same_pos)
        spans = sorted((r[1], r[2]) for r in same_pos)
        out.extend(RuleLine(pos, lo, hi) for lo, hi in merge_intervals(spans, join))
    return out
