"""Write a file so that a crash or a failure never leaves it half-written.

The data goes to a temporary file in the target's own folder (same file system, so the final
rename is atomic), is flushed to disk, and only then replaces the target. On any failure the
temporary file is removed and the old target is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write(fh)` on a temporary file beside `path`, fsync it, then rename it over `path`.

    OSError (no permission, disk full, target locked by another program on Windows) propagates
    to the caller after the temporary file has been removed.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def lock_file_of(path: str | Path) -> Path | None:
    """The owner/lock file an office program keeps beside a document it has open, if any.

    Excel and WPS write "~$name" (Excel drops the first two characters of long names);
    LibreOffice writes ".~lock.name#".
    """
    path = Path(path)
    name = path.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")
    for candidate in candidates:
        lock = path.with_name(candidate)
        if lock.exists():
            return lock
    return None


def folder_is_writable(folder: str | Path) -> bool:
    """True when a file can really be created in `folder` (os.access lies on Windows and for root)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".desktopapp-probe.", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True
