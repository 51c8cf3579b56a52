"""The shared geometry of the readers and grid strategies: clusters, intervals, ruling
lines from drawn shapes, and the reading frame's mapping to the displayed page."""

from __future__ import annotations

import pytest

from desktopapp.extract.geometry import (
    RuleLine,
    add_bar,
    add_segment,
    cluster,
    cluster_means,
    merge_intervals,
    merge_rules,
    quarter_turns,
)
from desktopapp.extract.layout import Char, Frame, HRule, VRule, dedupe_chars


def test_cluster_chains_values_within_tolerance_of_the_last_one():
    # 0 → 1.5 → 3.0 chain although 3.0 is 3 away from the first value.
    assert cluster([3.0, 0.0, 10.0, 1.5, 12.1], 2.0) == [[0.0, 1.5, 3.0], [10.0], [12.1]]
    assert cluster([], 2.0) == []


def test_cluster_orders_and_compares_by_key():
    rules = [(10.5, 0.0, 5.0), (10.0, 7.0, 9.0), (20.0, 0.0, 1.0)]
    assert cluster(rules, 1.0, key=lambda r: r[0]) == [[(10.0, 7.0, 9.0), (10.5, 0.0, 5.0)], [(20.0, 0.0, 1.0)]]


def test_cluster_means_keep_the_tolerance_they_are_given():
    values = [100.0, 103.0, 200.0]
    assert cluster_means(values, 2.0) == [100.0, 103.0, 200.0]  # ruled grid: SNAP
    assert cluster_means(values, 4.0) == [101.5, 200.0]  # columns over pages


def test_merge_intervals_joins_touching_and_near_intervals():
    assert merge_intervals([(0.0, 5.0), (5.4, 8.0), (9.0, 10.0)], 0.5) == [(0.0, 8.0), (9.0, 10.0)]
    assert merge_intervals([(0.0, 10.0), (2.0, 3.0)], 0.0) == [(0.0, 10.0)]


def test_merge_rules_joins_pieces_at_one_position_with_small_gaps():
    pieces = [(100.0, 0.0, 50.0), (101.0, 52.0, 90.0), (100.5, 120.0, 150.0), (200.0, 0.0, 10.0)]
    assert merge_rules(pieces, 2.0, 3.0) == [
        RuleLine(100.5, 0.0, 90.0),
        RuleLine(100.5, 120.0, 150.0),
        RuleLine(200.0, 0.0, 10.0),
    ]


def test_segments_and_bars_become_rules_only_when_straight_and_long_enough():
    hrules: list[HRule] = []
    vrules: list[VRule] = []
    add_segment(10.0, 50.0, 90.0, 50.4, hrules, vrules)  # horizontal
    add_segment(30.0, 10.0, 30.2, 80.0, hrules, vrules)  # vertical
    add_segment(0.0, 0.0, 40.0, 40.0, hrules, vrules)  # diagonal: no rule
    add_segment(5.0, 5.0, 6.0, 5.0, hrules, vrules)  # a dot
    add_bar(0.0, 99.0, 200.0, 100.0, hrules, vrules)  # thin filled rectangle
    add_bar(0.0, 0.0, 50.0, 50.0, hrules, vrules)  # a filled box is no rule
    assert hrules == [HRule(50.2, 10.0, 90.0), HRule(99.5, 0.0, 200.0)]
    assert vrules == [VRule(30.1, 10.0, 80.0)]


@pytest.mark.parametrize(("dx", "dy", "turns"), [(1, 0, 0), (0, -1, 1), (-1, 0, 2), (0, 1, 3)])
def test_quarter_turns_bring_the_text_direction_to_the_right(dx, dy, turns):
    assert quarter_turns(dx, dy) == turns


@pytest.mark.parametrize("turn", [0, 1, 2, 3])
def test_frame_maps_points_there_and_back(turn):
    frame = Frame(turn, 595.0, 842.0)
    for x, y in [(0.0, 0.0), (100.0, 700.0), (595.0, 842.0)]:
        assert frame.point_to_page(*frame.point_from_page(x, y)) == pytest.approx((x, y))


def test_dedupe_drops_characters_printed_twice_in_place():
    a = Char("合", 10.0, 20.0, 19.0, 29.0, 9.0)
    bold = Char("合", 10.3, 20.2, 19.3, 29.2, 9.0)
    b = Char("合", 30.0, 20.0, 39.0, 29.0, 9.0)
    assert dedupe_chars([a, bold, b]) == [a, b]
