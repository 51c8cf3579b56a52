"""Where the application finds its resources and keeps per-user data."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_NAME = "desktopapp"
ICON_NAME = "icons/desktopapp.png"


def resources_dir() -> Path:
    """The sample PDF, rule catalog and icons, wherever this copy of the program keeps them:
    - frozen (PyInstaller): `resources/` in the bundle folder (installer/desktopapp.spec);
    - installed from the wheel: the package data `desktopapp/resources/` (setup.py maps the
      top-level folder there), found through importlib.resources;
    - a checkout or an editable install: the top-level `resources/` folder itself."""
    if getattr(sys, "frozen", False):  # PyInstaller and similar
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    packaged = resources.files("desktopapp").joinpath("resources")
    # A Path only when the package lies in a folder (site-packages), never inside a zip: the
    # sample is opened by PDFium and the catalog read by path.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def icon_path() -> Path:
    """The application's icon (256×256 PNG; the .ico beside it is for Windows executables)."""
    return resources_dir() / ICON_NAME


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
