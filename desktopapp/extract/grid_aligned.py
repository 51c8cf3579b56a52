"""Grids without vertical rules: three-line tables and tables set by alignment alone."""

from __future__ import annotations

from desktopapp.extract.grid import Grid
from desktopapp.extract.layout import Char


def find_aligned_grids(chars: list[Char], free_hrules, ruled: list[Grid], width: float, height: float):
    return [], chars
