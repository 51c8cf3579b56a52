"""One review file, one writer: a lock file beside the PDF (and its review) while a window reviews it.

The lock belongs to the PDF, not to the review's current name (which changes when a damaged
review is set aside or autosave falls back). The lock file (`.<PDF stem>.review.lock`) is created atomically (O_CREAT | O_EXCL) and holds who took
it: process id, host, time and a token of its own. A second window — in this process or another —
finds it held and opens the review read-only. A lock left by a crash is stale when its process is
gone (same host) or its process id now names another process (recorded start time differs:
a crash, a reboot, the id given again), when it cannot be read and is older than a few seconds, or when it was not
refreshed for STALE_AFTER (another host, where the process cannot be asked); the next window
takes it over. Where no file can be made beside the PDF (read-only folder, name too long) the lock
is kept in the user data folder under the PDF's sha256 — where its review is kept then too.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktopapp.core.paths import user_data_dir

STALE_AFTER = 24 * 3600  # seconds without a refresh after which another host's lock is given up
_UNREADABLE_GRACE = 5  # seconds: a lock just created may not hold its content yet


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    since: str  # ISO 8601, local time

    def describe(self) -> str:
        where = "本机" if self.host == socket.gethostname() else f"计算机“{self.host}”"
        return f"{where}的进程 {self.pid}，自 {self.since.replace('T', ' ')} 起"


class ReviewLock:
    """The lock on one review file. `acquire()` → None when taken, else who holds it."""

    def __init__(self, pdf_path: Path, sha256: str) -> None:
        self.pdf_path = Path(pdf_path)
        self.sha256 = sha256
        self.path: Path | None = None  # the lock file, once taken
        self._token = secrets.token_hex(8)

    @property
    def held(self) -> bool:
        return self.path is not None

    def acquire(self) -> LockHolder | None:
        for place in (self._beside_the_pdf, self._in_user_data):
            try:
                return self._acquire_at(place())
            except OSError:
                continue  # this folder cannot hold a lock file (read-only, name too long): the next one
        return None  # nowhere to keep a lock: review without one rather than not at all

    def _beside_the_pdf(self) -> Path:
        return self.pdf_path.with_name(f".{self.pdf_path.stem}.review.lock")

    def _in_user_data(self) -> Path:
        return user_data_dir() / "locks" / f"{self.sha256}.lock"

    def _acquire_at(self, place: Path) -> LockHolder | None:
        place.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                fd = os.open(place, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _holder(place)
                if holder is not None:
                    return holder
                with contextlib.suppress(FileNotFoundError):
                    place.unlink()  # stale: its writer is gone
                continue
            record = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "since": datetime.now().isoformat(timespec="seconds"),
                "token": self._token,
                "started": process_start(os.getpid()),
                "pdf": str(self.pdf_path),
            }
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False))
            self.path = place
            return None
        raise FileExistsError(place)

    def refresh(self) -> None:
        """Mark the lock as alive (after each save), so another host does not take it as stale."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        """Remove the lock file if it is still this lock's (a stale take-over is never removed)."""
        if self.path is None:
            return
        place, self.path = self.path, None
        with contextlib.suppress(OSError, ValueError):
            if json.loads(place.read_text(encoding="utf-8")).get("token") == self._token:
                place.unlink()


def _holder(place: Path) -> LockHolder | None:
    """Who holds the lock at `place`, or None when the lock is stale."""
    try:
        age = time.time() - place.stat().st_mtime
        data = json.loads(place.read_text(encoding="utf-8"))
        holder = LockHolder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return LockHolder(0, "？", "？") if time.time() - _mtime(place) < _UNREADABLE_GRACE else None
    if holder.host == socket.gethostname():
        if not process_alive(holder.pid):
            return None
        recorded, now = data.get("started"), process_start(holder.pid)
        return None if recorded and now and recorded != now else holder  # the id was given again
    return holder if age < STALE_AFTER else None


def _mtime(place: Path) -> float:
    try:
        return place.stat().st_mtime
    except OSError:
        return 0.0


def process_start(pid: int) -> str | None:
    """When the process with this id started, as a token that differs for a later process given the
    same id (None where it cannot be told: the lock then trusts the id alone)."""
    try:
        if sys.platform.startswith("linux"):
            boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
            stat = Path(f"/proc/{pid}/stat").read_text()
            return f"{boot}:{stat.rsplit(')', 1)[1].split()[19]}"  # field 22, starttime since boot
        if sys.platform == "win32":
            return _windows_creation_time(pid)
    except (OSError, IndexError, ValueError):
        return None
    return None


@contextlib.contextmanager
def _windows_process(pid: int):
    """(kernel32, handle) of process `pid` opened for queries (handle 0 when it cannot be opened)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    try:
        yield kernel32, handle
    finally:
        if handle:
            kernel32.CloseHandle(handle)


def _windows_creation_time(pid: int) -> str | None:
    import ctypes

    with _windows_process(pid) as (kernel32, handle):
        times = [ctypes.c_ulonglong() for _ in range(4)]  # creation, exit, kernel, user (FILETIME)
        if not handle or not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        return str(times[0].value)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it on Windows
        import ctypes

        with _windows_process(pid) as (kernel32, handle):
            if not handle:
                return False
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True
