"""The window (PySide6). Only this package imports Qt; the core never does."""

from desktopapp._qt.compat import make_singletons_immortal

make_singletons_immortal()  # before any Qt call: see compat.py (PySide6 6.12.0 on Python < 3.12)
