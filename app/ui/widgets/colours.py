"""The app's colours for priorities, states and worklog entries, in light and dark variants."""
# Shared, so the queue and the editor always agree.

from __future__ import annotations

# Text colour of a priority on the window background (the queue's Priority column).
_PRIORITY_TEXT = {False: {1: "#c62828", 2: "#e65100", 3: "#9a6700", 4: "#2e7d32", 5: "#546e7a"},
                  True: {1: "#ff8a80", 2: "#ffab40", 3: "#ffd54f", 4: "#81c995", 5: "#b0bec5"}}
# Background of a priority badge with white text (the editor's header); dark enough on both themes.
PRIORITY_BADGE = {1: "#c62828", 2: "#e65100", 3: "#9a6700", 4: "#2e7d32", 5: "#546e7a"}
STATE_BADGE = {"open": "#1a73e8", "hold": "#b06000", "resolved": "#188038", "closed": "#5f6368",
               "canceled": "#80868b"}

# Worklog cards: (bar, background, label, text, meta) per kind.
_WORKLOG = {
    False: {"reply": ("#1a73e8", "#eef4fe", "#174ea6", "#202124", "#5f6368"),
            "note": ("#e37400", "#fef4d9", "#8a4b00", "#202124", "#5f6368"),
            "request": ("#80868b", "#f3f4f6", "#3c4043", "#202124", "#5f6368"),
            "requester": ("#188038", "#e6f4ea", "#0d652d", "#202124", "#5f6368")},
    True: {"reply": ("#8ab4f8", "#1c2b45", "#aecbfa", "#e8eaed", "#9aa0a6"),
           "note": ("#fbbc04", "#3a2e12", "#fdd663", "#e8eaed", "#9aa0a6"),
           "request": ("#9aa0a6", "#2a2c30", "#dadce0", "#e8eaed", "#9aa0a6"),
           "requester": ("#81c995", "#1e3325", "#a8dab5", "#e8eaed", "#9aa0a6")},
}
# A reply's delivery line (the team server's mail state), readable on the reply card of each theme.
DELIVERY = {False: {"queued": "#8a4b00", "sent": "#137333", "failed": "#c5221f", "bounced": "#c5221f",
                    "received": "#137333", "none": "#5f6368"},
            True: {"queued": "#fdd663", "sent": "#81c995", "failed": "#f28b82", "bounced": "#f28b82",
                   "received": "#81c995", "none": "#9aa0a6"}}
# The composer's background while writing a reply or a note.
COMPOSER = {False: {"reply": ("#ffffff", "#202124"), "note": ("#fef4d9", "#202124")},
            True: {"reply": ("#202124", "#e8eaed"), "note": ("#3a2e12", "#e8eaed")}}


def priority_text(priority: int, dark: bool) -> str:
    return _PRIORITY_TEXT[dark].get(priority, "#9aa0a6" if dark else "#000000")


def worklog_colours(kind: str, dark: bool) -> tuple[str, str, str, str, str]:
    table = _WORKLOG[dark]
    return table.get(kind, table["note"])
