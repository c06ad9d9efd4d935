"""How the app shows an SLA: state words, colours (light and dark) and "time left", for the queue and the editor."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

# Text colours on the window background, by display state.
_COLOURS = {
    False: {"running": "#188038", "at_risk": "#b06000", "breached": "#c5221f", "paused": "#5f6368",
            "met": "#5f6368", "canceled": "#80868b", "none": "#80868b"},
    True: {"running": "#81c995", "at_risk": "#fdd663", "breached": "#f28b82", "paused": "#9aa0a6",
           "met": "#9aa0a6", "canceled": "#80868b", "none": "#80868b"},
}
_LABELS = {"running": "Running", "at_risk": "At risk", "breached": "Breached", "paused": "Paused", "met": "Met",
           "canceled": "Canceled", "none": "n/a"}
RISK_LEVEL = 75


def _t(text: str) -> str:
    return QCoreApplication.translate("SlaText", text)


def display_state(state: str, warning: int) -> str:
    """The display state of a live (state, warning) pair: a running clock at 75 % or more is "at_risk"."""
    if state == "running" and warning >= RISK_LEVEL:
        return "at_risk"
    return state if state in _LABELS else "none"


def state_text(display: str) -> str:
    return _t(_LABELS.get(display, "n/a"))


def state_colour(display: str, dark: bool) -> str:
    return _COLOURS[dark].get(display, _COLOURS[dark]["none"])


def duration_text(seconds: float, *, days: bool = True) -> str:
    """A span like "3 d 4 h", "2 h 15 m", "16 h" or "35 m" (rounded down to the minute). Business time
    passes `days=False`: a business day is not 24 hours, so it stays in hours ("80 h")."""
    minutes = int(abs(seconds) // 60)
    whole_days, rest = divmod(minutes, 24 * 60) if days else (0, minutes)
    hours, mins = divmod(rest, 60)
    if whole_days:
        return _t("{0} d {1} h").format(whole_days, hours) if hours else _t("{0} d").format(whole_days)
    if hours:
        return _t("{0} h {1} m").format(hours, mins) if mins else _t("{0} h").format(hours)
    return _t("{0} m").format(mins)


def time_left_text(display: str, due_at: datetime | None, now: datetime) -> str:
    """Wall-clock time until the due time of a running clock, "… overdue" past it, the state otherwise."""
    if display in ("running", "at_risk", "breached") and due_at is not None:
        left = (due_at - now).total_seconds()
        if left < 0:
            return _t("{0} overdue").format(duration_text(left))
        return duration_text(left)
    if display == "paused":
        return _t("Paused")
    return ""
