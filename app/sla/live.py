"""The live SLA state of a stored ticket_sla summary at a moment: pure, read by the queue for every row it shows."""
# Apart from app.sla.tracking (which keeps the summaries and re-exports these) so that painting the queue does
# not import the SLA engine: policies, calendars and the write path's models.

from __future__ import annotations

from datetime import datetime

WARN_PERCENT = 75  # the queue turns amber here; warn_at is this instant


def live_state(state: str | None, due_at: datetime | None, warn_at: datetime | None, warning: int,
               now: datetime) -> tuple[str, int]:
    """(state, warning level) of a stored summary at `now`: a running clock past its due time is breached,
    one past warn_at has reached 75 %. A missing row is ("none", 0)."""
    if state is None:
        return "none", 0
    if state == "running" and due_at is not None:
        if due_at <= now:
            return "breached", 100
        if warn_at is not None and warn_at <= now:
            return "running", max(warning, WARN_PERCENT)
    return state, warning
