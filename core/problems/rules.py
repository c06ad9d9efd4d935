"""Problem and major-incident rules both sides apply: which ticket type carries which field, what a known
error needs, and the timestamps a flag sets. Pure functions on plain data."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from core.errors import ValidationError

CAUSE_CODES = {
    "software_defect": "Software defect",
    "configuration": "Configuration error",
    "hardware_failure": "Hardware failure",
    "capacity": "Capacity",
    "network": "Network",
    "third_party": "Third party / vendor",
    "human_error": "Human error",
    "process": "Process gap",
    "unknown": "Unknown",
}

# A problem's own fields (root-cause analysis, workaround, fix); an incident's links to a problem and to
# a major incident. A field of the other type is refused, so no incident ever looks like a known error.
PROBLEM_FIELDS = ("root_cause", "cause_code", "workaround", "fix_notes", "fix_change_id", "known_error")
INCIDENT_FIELDS = ("problem_id", "is_major", "major_id")
LINK_FIELDS = ("problem_id", "major_id", "fix_change_id")
TEXT_FIELDS = ("root_cause", "workaround", "fix_notes")
ALL_FIELDS = (*INCIDENT_FIELDS, *PROBLEM_FIELDS)
TEXT_MAX = 100_000


class ProblemLike(Protocol):
    id: str
    type: str
    workaround: str | None
    known_error: bool
    is_major: bool
    major_id: str | None


def check_type_fields(ticket_type: str, target: dict[str, Any]) -> None:
    """ValidationError when `target` sets a problem field on a non-problem or an incident field on a
    non-incident (clearing one to its empty value is always allowed)."""
    for field, value in target.items():
        if field in PROBLEM_FIELDS and ticket_type != "problem" and value not in (None, False, ""):
            raise ValidationError(f"Only a problem has a {field.replace('_', ' ')}.", field=field)
        if field in INCIDENT_FIELDS and ticket_type != "incident" and value not in (None, False):
            label = {"problem_id": "link to a problem", "is_major": "major-incident flag",
                     "major_id": "link to a major incident"}[field]
            raise ValidationError(f"Only an incident has a {label}.", field=field)


def problem_effects(ticket: ProblemLike, target: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The columns a problem or incident edit sets besides its own: the date a problem became a known
    error (cleared when it stops being one), and a major incident's own parent link dropped. Raises
    ValidationError for a known error without a workaround or a link that points at itself."""
    check_type_fields(ticket.type, target)
    out: dict[str, Any] = {}
    if "known_error" in target and bool(target["known_error"]) != bool(ticket.known_error):
        if target["known_error"]:
            workaround = target.get("workaround", ticket.workaround)
            if not (workaround or "").strip():
                raise ValidationError("Write the workaround before marking the problem a known error: it is "
                                      "what the next agent applies.", field="workaround")
            out["known_error_at"] = now
        else:
            out["known_error_at"] = None
    elif "workaround" in target and ticket.known_error and "known_error" not in target \
            and not (target["workaround"] or "").strip():
        raise ValidationError("A known error keeps its workaround; clear the known-error flag first.",
                              field="workaround")
    for field in ("problem_id", "major_id"):
        if target.get(field) is not None and target[field] == ticket.id:
            raise ValidationError("A ticket cannot link to itself.", field=field)
    if target.get("is_major") and "major_id" not in target and ticket.major_id is not None:
        out["major_id"] = None  # a major incident heads its own group; it is nobody's child
    if target.get("major_id") is not None and target.get("is_major", ticket.is_major):
        raise ValidationError("A major incident is not the child of another one.", field="major_id")
    return out


def check_problem_target(target_type: str | None, field: str) -> None:
    """The ticket a link field points at must be of the right type (a problem, a major incident)."""
    if field == "problem_id" and target_type != "problem":
        raise ValidationError("An incident links to a problem.", field=field)
    if field == "major_id" and target_type != "major":
        raise ValidationError("A child incident links to a major incident.", field=field)



def clean_value(field: str, value: Any) -> Any:
    """A problem-management field's value as stored (the link ids are checked against the store by each
    side); ValidationError for a wrong type, an unknown cause code or text too long."""
    if field in TEXT_FIELDS:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(f"{field.replace('_', ' ').capitalize()} must be text.", field=field)
        value = "".join(ch for ch in value if ch in "\t\n\r" or 32 <= ord(ch) != 127)
        if len(value) > TEXT_MAX:
            raise ValidationError(f"{field.replace('_', ' ').capitalize()} is longer than {TEXT_MAX} characters.",
                                  field=field)
        return value
    if field == "cause_code":
        if value is not None and (not isinstance(value, str) or value not in CAUSE_CODES):
            raise ValidationError("Unknown cause code.", field=field)
        return value
    if field in ("known_error", "is_major"):
        if not isinstance(value, bool):
            raise ValidationError(f"{field.replace('_', ' ').capitalize()} is yes or no.", field=field)
        return value
    if field in LINK_FIELDS:
        if value is not None and (not isinstance(value, str) or not 1 <= len(value) <= 36):
            raise ValidationError(f"{field[:-3].replace('_', ' ').capitalize()} must be an id.", field=field)
        return value
    raise ValidationError(f"Unknown field {field}.", field=field)


def link_target_kind(ticket_type: str, is_major: bool) -> str:
    """What a ticket is as the target of a link field: "problem", "major" (a major incident) or its type."""
    return "major" if ticket_type == "incident" and is_major else ticket_type


# ---- a problem's affected CIs (the `ci_ids` field: problem_ci rows beyond the primary ci_id) --------------
MAX_CIS = 200


def parse_ci_ids(value: Any) -> tuple[str, ...]:
    """A problem's CI ids from the wire or an edit: comma-joined text or a list; sorted, each once.
    Raises ValidationError for anything else or more than MAX_CIS."""
    if value is None or value == "":
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        raise ValidationError("Affected CIs must be CI ids.", field="ci_ids")
    ids = tuple(sorted({i.strip() for i in items if i.strip()}))
    if len(ids) > MAX_CIS or any(len(i) > 36 for i in ids):
        raise ValidationError(f"A problem lists at most {MAX_CIS} affected CIs, each by its id.", field="ci_ids")
    return ids


def merge_ci_sets(base: tuple[str, ...], theirs: tuple[str, ...], mine: tuple[str, ...]) -> tuple[str, ...]:
    """Three-way merge of a CI set: what the server holds, plus what this edit added, minus what it took
    off. Two edits never conflict: one adding a CI and another removing a different one both stand, and a
    CI both removed (or both added) is simply gone (there)."""
    added, removed = set(mine) - set(base), set(base) - set(mine)
    return tuple(sorted((set(theirs) | added) - removed))
