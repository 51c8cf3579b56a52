"""Plain Chinese sentences for failures the officer is told about."""

from __future__ import annotations

from desktopapp.core.errors import UserError


def message_of(exc: BaseException, prefix: str) -> str:
    """A Chinese sentence for any exception: the core's own message when it has one."""
    message = exc.message if isinstance(exc, UserError) else None
    if message:
        return f"{prefix}：{message}"
    if isinstance(exc, OSError):
        return f"{prefix}：{exc.strerror or exc}"
    return f"{prefix}（{type(exc).__name__}）"
