"""What the window remembers between sessions (QSettings): recent files, geometry, splitters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "desktopapp"
APPLICATION = "预决算公开审核助手"
MAX_RECENT = 10


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, "desktopapp")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def recent_files(settings: QSettings) -> list[str]:
    return _as_list(settings.value("recent_files", []))


def add_recent(settings: QSettings, path: Path) -> list[str]:
    text = str(Path(path).resolve())
    files = [text] + [f for f in recent_files(settings) if f != text]
    files = files[:MAX_RECENT]
    settings.setValue("recent_files", files)
    return files


def remove_recent(settings: QSettings, path: str) -> list[str]:
    files = [f for f in recent_files(settings) if f != path]
    settings.setValue("recent_files", files)
    return files


def clear_recent(settings: QSettings) -> None:
    settings.setValue("recent_files", [])
