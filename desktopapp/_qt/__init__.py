"""The window (PySide6). Only this package imports Qt; the core never does."""

import PySide6

from desktopapp._qt.compat import make_singletons_immortal

# pyproject pins PySide6 below 6.12 on Python < 3.12; should 6.12.0 be installed anyway, guard
# before any Qt call (see compat.py) instead of aborting a minute into a review.
if PySide6.__version__.startswith("6.12.0"):
    make_singletons_immortal()
