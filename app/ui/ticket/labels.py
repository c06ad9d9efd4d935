"""Words and colours the ticket screens show for fields, values, times and sizes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from app.people.reference import ReferenceData
from app.ui import labels
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.time_text import local_time_text
from core.errors import TransitionError
from core.tickets.priority import LEVELS
from core.tickets.workflow import workflow_for

# Where a reference field's names come from in ReferenceData.
_REFERENCE_KINDS = {"category_id": "categories", "service_id": "services", "ci_id": "cis",
                    "requester_id": "requesters", "group_id": "groups", "assignee_id": "agents"}


def _t(text: str) -> str:
    return QCoreApplication.translate("TicketLabels", text)


def field_label(field: str) -> str:
    labels = {
        "title": _t("Title"), "description": _t("Description"), "impact": _t("Impact"),
        "urgency": _t("Urgency"), "priority": _t("Priority"), "priority_overridden": _t("Priority override"),
        "category_id": _t("Category"), "service_id": _t("Service"), "ci_id": _t("Configuration item"),
        "requester_id": _t("Requester"), "group_id": _t("Assignment group"), "assignee_id": _t("Assignee"),
        "channel": _t("Channel"), "cc": _t("CC"), "csat_score": _t("Satisfaction"), "state": _t("State"),
        "is_open": _t("Open"), "on_hold_reason": _t("On-hold reason"), "resolution_code": _t("Resolution code"),
        "resolution_notes": _t("Resolution notes"), "created": _t("Created"), "attachment": _t("Attachment added"),
        "link": _t("Link added"), "reply": _t("Public reply added"), "note": _t("Internal note added"),
        "first_response_at": _t("First response"), "resolved_at": _t("Resolved at"),
        "closed_at": _t("Closed at"), "reopen_count": _t("Times reopened"), "type": _t("Type"),
        "macro": _t("Macro applied"), "reply withdrawn": _t("Unsent public reply withdrawn (undo)"),
        "note withdrawn": _t("Unsent internal note withdrawn (undo)"),
        # problem management (issue 13)
        "problem_id": _t("Problem"), "major_id": _t("Major incident"), "is_major": _t("Major incident flag"),
        "root_cause": _t("Root cause"), "cause_code": _t("Cause code"), "workaround": _t("Workaround"),
        "fix_notes": _t("Fix"), "fix_change_id": _t("Fix change"), "known_error": _t("Known error"),
        "known_error_at": _t("Known error since"), "comms": _t("Communication update added"),
        "workaround_sent": _t("Workaround sent as a reply"), "workaround_withdrawn": _t("Workaround reply withdrawn"),
        "workaround_published": _t("Workaround published to"),
    }
    return labels.get(field, field.replace("_", " ").capitalize())


def type_label(ticket_type: str) -> str:
    return labels.ticket_type(ticket_type)


def state_kind(ticket_type: str, state: str) -> str:
    try:
        return workflow_for(ticket_type).state(state).kind
    except TransitionError:
        return "open"


def priority_label(priority: int | None) -> str:
    return labels.priority(priority)


def link_label(kind: str, direction: str) -> str:
    return labels.ticket_link_kind(kind, direction)


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


def minutes_text(minutes: int) -> str:
    if minutes < 60:
        return _t("{} min").format(minutes)
    hours, rest = divmod(minutes, 60)
    return _t("{} h {} min").format(hours, rest) if rest else _t("{} h").format(hours)


def value_text(reference: ReferenceData, ticket_type: str, field: str, raw: str | None) -> str:
    """An audited value (stored as text) in words: P2 High, On Hold, the group's name, a local time."""
    if raw is None or raw == "":
        return _t("(none)")
    try:
        if field in ("impact", "urgency"):
            return labels.level(int(raw)) if int(raw) in LEVELS else one_line(raw)
        if field == "priority":
            return priority_label(int(raw))
        if field == "csat_score":
            return _t("{} of 5").format(int(raw))
    except (ValueError, KeyError):
        return one_line(raw)
    if field == "state":
        return labels.ticket_state(ticket_type, raw)
    if field in _REFERENCE_KINDS:
        return reference.name_of(_REFERENCE_KINDS[field], raw) or _t("Unknown ({})").format(raw[:8])
    if field in ("workaround_sent", "workaround_withdrawn", "problem_id", "major_id", "fix_change_id"):
        return _t("linked ({})").format(raw[:8]) if field.endswith("_id") else _t("(reply)")
    if field in ("is_open", "priority_overridden", "known_error", "is_major"):
        return _t("Yes") if raw == "true" else _t("No")
    if field.endswith("_at"):
        try:
            return local_time_text(datetime.fromisoformat(raw))
        except ValueError:
            return one_line(raw)
    words = {"on_hold_reason": labels.on_hold_reason, "resolution_code": labels.resolution_code,
             "channel": labels.channel, "cause_code": labels.cause_code}
    if field in words:
        return words[field](raw)
    return one_line(raw, 200)
