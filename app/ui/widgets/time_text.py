"""How the app writes a moment: local time, unambiguous in every locale (2026-11-21 14:05)."""

from __future__ import annotations

from datetime import datetime


def local_time_text(when: datetime | None) -> str:
    """A UTC datetime in the user's time zone; empty for None. One format across queue and editor."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when is not None else ""
