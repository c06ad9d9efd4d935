"""Checks on values arriving in mutations: types, allowed values, references that must exist."""
# Limits and allowed values come from the client's own services so both sides agree on one rule.
# Every failure raises Rejected with a reason the user can read; nothing reaches the database unchecked
# (a wrong type there would be a 500 on PostgreSQL and a silent coercion on SQLite).

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.problems.rules import ALL_FIELDS as PROBLEM_FIELDS
from core.problems.rules import check_problem_target, clean_value, link_target_kind
from core.tickets.cc import clean_cc
from core.tickets.rules import CHANNELS, TEXT_MAX, TITLE_MAX
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES
from server.change_models import Change
from server.models import Category, ConfigurationItem, Group, Person, Service, Ticket

REFERENCES = {"category_id": Category, "service_id": Service, "ci_id": ConfigurationItem,
              "requester_id": Person, "group_id": Group, "assignee_id": Person}
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class Rejected(Exception):
    """A mutation the server refuses; the message goes into the receipt's `reason`."""


def clean_text(value: Any, label: str, *, required: bool, limit: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Rejected(f"{label} must be text.")
    # The client strips the same controls; NUL would also break PostgreSQL text.
    value = _CONTROLS.sub("", value.encode("utf-8", "replace").decode("utf-8"))
    if required and not value.strip():
        raise Rejected(f"{label} is required.")
    if len(value) > limit:
        raise Rejected(f"{label} is longer than {limit} characters.")
    return value


def choice(value: Any, allowed, label: str, *, nullable: bool) -> Any:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value not in allowed:
        raise Rejected(f"{label}: {value!r} is not an allowed value.")
    return value


def ident(value: Any, label: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise Rejected(f"{label} must be an id.")
    return value


def int_range(value: Any, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Rejected(f"{label} must be a whole number from {low} to {high}.")
    return value


# The years a stored time may fall in. Near datetime's own limits a conversion to UTC (or a desk's
# later arithmetic on the value) overflows, which once turned a whole push into a 500; no ticket
# predates 1900 or is due after 2999, so a time outside is a typing or clock error, refused in words.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
_EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC)
_LATEST = datetime(LATEST_YEAR + 1, 1, 1, tzinfo=UTC)


def timestamp(value: Any, label: str) -> datetime | None:
    """An ISO-8601 time as an aware UTC datetime (a time without offset is read as UTC); None stays None.
    Raises Rejected for anything else, and for a time UTC cannot hold or outside the kept years."""
    if value is None:
        return None
    try:
        # 64 characters hold any ISO-8601 spelling; a longer string is not a time.
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 64 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise Rejected(f"{label} must be an ISO-8601 time.")
    out_of_range = Rejected(f"{label} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}.")
    try:
        utc = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:
        raise out_of_range from None
    if not _EARLIEST <= utc < _LATEST:
        raise out_of_range
    return utc


def ticket_field(session: Session, field: str, value: Any) -> Any:
    """Validate one editable ticket field's new value; returns it cleaned."""
    if field == "title":
        return clean_text(value, "Title", required=True, limit=TITLE_MAX).strip()
    if field in ("description", "resolution_notes"):
        text = clean_text(value, field.replace("_", " ").capitalize(), required=False, limit=TEXT_MAX)
        return None if value is None and field == "resolution_notes" else text
    if field in ("impact", "urgency"):
        return choice(value, (1, 2, 3), field.capitalize(), nullable=False)
    if field in ("priority", "csat_score"):
        return choice(value, (1, 2, 3, 4, 5), field.replace("_", " ").capitalize(), nullable=True)
    if field == "channel":
        return choice(value, CHANNELS, "Channel", nullable=False)
    if field == "cc":
        try:
            return clean_cc(value)
        except ValidationError as exc:
            raise Rejected(str(exc)) from None
    if field == "resolution_code":
        return choice(value, RESOLUTION_CODES, "Resolution code", nullable=True)
    if field == "on_hold_reason":
        return choice(value, ON_HOLD_REASONS, "On-hold reason", nullable=True)
    if field in REFERENCES:
        return reference(session, field, value)
    if field in PROBLEM_FIELDS:
        return problem_field(session, field, value)
    if field == "state":
        if not isinstance(value, str) or len(value) > 30:
            raise Rejected("State must be a workflow state.")
        return value
    raise Rejected(f"Unknown field {field}.")


def problem_field(session: Session, field: str, value: Any) -> Any:
    """A problem-management field (core.problems.rules): its value, and for a link the ticket or change it
    names, which must exist on the server (outside the user's scope too: a link is not a read)."""
    try:
        value = clean_value(field, value)
        if value is None or field not in ("problem_id", "major_id", "fix_change_id"):
            return value
        ident(value, field)
        if field == "fix_change_id":
            if session.get(Change, value) is None:
                raise Rejected("The chosen change does not exist on the server.")
            return value
        target = session.get(Ticket, value)
        if target is None:
            raise Rejected("The linked ticket does not exist on the server.")
        check_problem_target(link_target_kind(target.type, target.is_major), field)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    return value


def reference(session: Session, field: str, value: Any) -> str | None:
    """The id in a reference field (`group_id`, `assignee_id`... of REFERENCES), checked to name an existing
    row; None stays None (no reference)."""
    if value is None:
        return None
    ident(value, field)
    if session.get(REFERENCES[field], value) is None:
        raise Rejected(f"The chosen {field[:-3].replace('_', ' ')} does not exist on the server.")
    return value


def row_shape(payload: dict, allowed: list[str], entity_id: str, label: str) -> dict[str, Any]:
    """The {"row": {...}} of a create or append: known columns only, id matching the mutation."""
    if set(payload) != {"row"} or not isinstance(payload["row"], dict):
        raise Rejected(f"A {label} mutation carries {{\"row\": {{...}}}}.")
    row = payload["row"]
    unknown = set(row) - set(allowed)
    if unknown:
        raise Rejected(f"Unknown {label} column(s): {', '.join(sorted(map(str, unknown)))[:200]}.")
    if row.get("id", entity_id) != entity_id:
        raise Rejected("The row id does not match the mutation's entity_id.")
    return row
