"""Words for conflicting field values (wire form: ids, numbers, ISO text) and the choices an edit offers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.people.reference import ReferenceData
from app.tickets.writes import CHANNELS
from app.ui import labels
from app.ui.labels import label_text
from app.ui.widgets.time_text import local_time_text
from core.changes.workflow import CHANGE_STATES
from core.errors import TransitionError
from core.problems.rules import CAUSE_CODES
from core.tickets.priority import LEVELS, PRIORITY_LABELS
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, workflow_for

# Where a reference field's names come from in ReferenceData.
REFERENCE_KINDS = {"category_id": "categories", "service_id": "services", "ci_id": "cis",
                   "requester_id": "requesters", "group_id": "groups", "assignee_id": "agents"}
LONG_TEXT = ("description", "resolution_notes")
_LABELS = {
    "title": "Title", "description": "Description", "impact": "Impact", "urgency": "Urgency",
    "priority": "Priority", "category_id": "Category", "service_id": "Service", "ci_id": "Configuration item",
    "requester_id": "Requester", "group_id": "Assignment group", "assignee_id": "Assignee", "channel": "Channel",
    "cc": "CC",
    "csat_score": "Satisfaction", "state": "State", "on_hold_reason": "On-hold reason",
    "resolution_code": "Resolution code", "resolution_notes": "Resolution notes",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("SyncValues", text)


def field_label(field: str) -> str:
    return _t(_LABELS[field]) if field in _LABELS else field.replace("_", " ").capitalize()


def choices_for(reference: ReferenceData, ticket_type: str, field: str) -> list[tuple[Any, str]] | None:
    """(value, words) pairs for a field picked from a list; None for free text."""
    if field in ("impact", "urgency"):
        return [(k, label_text(v)) for k, v in LEVELS.items()]
    if field == "priority":
        return [(k, label_text(v)) for k, v in PRIORITY_LABELS.items()]
    if field == "csat_score":
        return [(None, _t("(none)"))] + [(k, _t("{0} of 5").format(k)) for k in range(1, 6)]
    if field == "state" and ticket_type == "change":
        return [(s.key, label_text(s.label)) for s in CHANGE_STATES]
    if field == "risk" and ticket_type == "change":
        return [(k, labels.change_risk(k)) for k in ("low", "moderate", "high")]
    if field == "state":
        try:
            return [(s.key, label_text(s.label)) for s in workflow_for(ticket_type).states]
        except TransitionError:
            return None
    if field in ("known_error", "is_major"):  # problem management (issue 13)
        return [(False, _t("No")), (True, _t("Yes"))]
    words = {"on_hold_reason": ON_HOLD_REASONS, "resolution_code": RESOLUTION_CODES, "channel": CHANNELS,
             "cause_code": CAUSE_CODES}
    if field in words:
        none = [] if field == "channel" else [(None, _t("(none)"))]
        return none + [(k, label_text(v)) for k, v in words[field].items()]
    if field in REFERENCE_KINDS:
        return [(None, _t("(none)"))] + [(c.id, c.name) for c in getattr(reference, REFERENCE_KINDS[field])]
    return None


def value_text(reference: ReferenceData, ticket_type: str, field: str, value: Any) -> str:
    """A value in words: "High", "P2 High", a person's name, a local time; "(none)" for empty."""
    if value is None or value == "":
        return _t("(none)")
    if field in REFERENCE_KINDS:
        return reference.name_of(REFERENCE_KINDS[field], value) or _t("Unknown ({0})").format(str(value)[:8])
    for key, words in choices_for(reference, ticket_type, field) or ():
        if key == value:
            return words
    if isinstance(value, str) and field.endswith("_at"):
        try:
            return local_time_text(datetime.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(value, bool):
        return _t("Yes") if value else _t("No")
    return str(value)


def change_summary(reference: ReferenceData, ticket_type: str, payload: Any) -> str:
    """What a refused mutation wanted, in a few lines (its payload as the outbox held it)."""
    if not isinstance(payload, dict):
        return ""
    if isinstance(payload.get("fields"), dict):
        lines = []
        for field, change in payload["fields"].items():
            new = change.get("new") if isinstance(change, dict) else change
            lines.append(f"{field_label(field)}: {value_text(reference, ticket_type, field, new)}")
        return "\n".join(lines)
    row = payload.get("row")
    if isinstance(row, dict):
        if "title" in row:
            return _t("New ticket “{0}”").format(row.get("title") or "")
        if "body" in row:
            return _t("Note: {0}").format(str(row.get("body") or "")[:300])
        if "file_name" in row:
            return _t("Attachment {0}").format(row.get("file_name"))
    return _t("A change to this ticket")
