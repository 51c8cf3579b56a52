"""Write a file so that a crash or a failure never leaves it half-written.

The data goes to a temporary file in the target's own folder (same file system, so the final
rename is atomic), is flushed to disk, and only then replaces the target. On any failure the
temporary file is removed and the old target is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write(fh)` on a temporary file beside `path`, fsync it, then rename it over `path`.

    The written file keeps the permissions of the file it replaces; a new file gets the usual
    ones (0666 less the user's umask), not mkstemp's private 0600. Temporary files left by an
    earlier write of the same target that was killed are removed first. OSError (no permission,
    disk full, target locked by another program on Windows) propagates to the caller after the
    temporary file has been removed.
    """
    path = Path(path)
    _remove_stale_temporaries(path)
    mode = _mode_for(path)
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            with contextlib.suppress(OSError):  # a file system without modes (FAT, SMB)
                os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


_SHORT_PREFIX = ".desktopapp."


def _temporary_beside(path: Path) -> tuple[int, str]:
    """mkstemp in the target's folder, named `.name.<pid>.<random>.tmp` — or, when that name is
    too long for the file system (a long Chinese name is 3 bytes a character), a short one."""
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
    return tempfile.mkstemp(prefix=f"{_SHORT_PREFIX}{os.getpid()}.", suffix=".tmp", dir=path.parent)


def _mode_for(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()
    except OSError:
        return None


def current_umask() -> int:
    """The process's umask (read from /proc where possible: setting it is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


STALE_AFTER_SECONDS = 3600  # a temporary file of unknown writer older than this is abandoned


def _remove_stale_temporaries(path: Path) -> None:
    """Remove `.name.*.tmp` (and short `.desktopapp.*.tmp`) files of writes that were killed.

    A temporary file carries its writer's process id: it is stale when that process is gone.
    Files without one (older versions) or on systems where a process cannot be asked about
    (Windows) count as stale after an hour, so a write under way elsewhere is never disturbed.
    """
    try:
        candidates = [
            entry
            for entry in path.parent.iterdir()
            if entry.name.endswith(".tmp")
            and (entry.name.startswith(f".{path.name}.") or entry.name.startswith(_SHORT_PREFIX))
        ]
    except OSError:
        return
    for entry in candidates:
        rest = (
            entry.name[len(_SHORT_PREFIX) :]
            if entry.name.startswith(_SHORT_PREFIX)
            else entry.name[len(path.name) + 2 :]
        )
        if _is_abandoned(entry, rest.split(".", 1)[0]):
            with contextlib.suppress(OSError):
                entry.unlink()


def _is_abandoned(entry: Path, pid_text: str) -> bool:
    if pid_text.isdigit() and os.name == "posix":
        pid = int(pid_text)
        if pid == os.getpid():
            return False  # this process's own write (another thread)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False  # alive, owned by someone else
        return False
    try:
        return time.time() - entry.stat().st_mtime > STALE_AFTER_SECONDS
    except OSError:
        return False


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
