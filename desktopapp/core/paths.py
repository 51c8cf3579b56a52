"""Where the application finds its resources and keeps per-user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "desktopapp"


def resources_dir() -> Path:
    """`resources/` of the source tree (or beside the frozen executable when installed)."""
    if getattr(sys, "frozen", False):  # PyInstaller and similar
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def user_data_dir() -> Path:
    """Per-user writable folder (review files when the PDF's folder is read-only)."""
    override = os.environ.get("DESKTOPAPP_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_NAME
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base
