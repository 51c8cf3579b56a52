"""Guard against Qt-binding releases that drop references to None / True / False.

PySide6 6.12.0 treats None, True and False as immortal — as they are from Python 3.12 on — and
returns them from void calls, signal emits and `data()` overrides without taking a reference.
On Python 3.10/3.11 every such call lowers their reference count by one; after some ten
thousand calls (a minute of scrolling) the interpreter aborts with "deallocating None".
Giving the three singletons a reference count no program can exhaust is exactly what Python
3.12 does for them; it costs nothing and leaves a correct binding unaffected.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # ~10^12 leaked references before anything could happen
_done = False


def make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False on CPython < 3.12; True when done."""
    global _done
    if _done:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "getobjects"):
        return False  # immortal already, or a layout (trace-refs build, other VM) this must not touch
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is PyObject's first field
        refcount.value += _HEADROOM
    _done = True
    return True
