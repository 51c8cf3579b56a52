"""One way for the window's exports to write a file: the suffix the officer left off added, a wait
cursor while it is written, a failure told in Chinese, never raised."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktopapp.session.messages import message_of

from .prompts import Prompts


def with_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix`; a name with another dot in it ("预算.审核意见") keeps it whole."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def run_export(window: QWidget, prompts: Prompts, path: Path, write: Callable[[Path], None], failure: str) -> bool:
    """Write with `write(path)`; on failure tell the officer ("导出失败": the reason, else `failure`)."""
    window.setCursor(Qt.CursorShape.WaitCursor)
    try:
        write(path)
    except Exception as exc:  # disk full, a folder gone, a file open in Excel: said, never raised
        prompts.inform("导出失败", message_of(exc, failure))
        return False
    finally:
        window.unsetCursor()
    return True
