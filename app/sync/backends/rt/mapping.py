"""RT5 records <-> Deskside sync rows, field by field. Pure functions: no I/O (docs/RT.md has the table)."""
# Ids: RT's numbers are not Deskside ids. A row first seen in RT gets a stable UUID derived from the RT
# address and its RT id (uuid5), so every desk and every repeated pull name it alike; a row the desk made
# itself keeps its own id, which the desk's backend_ref table maps to the RT number once RT has it.

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

NAMESPACE = uuid.UUID("6c0f3d1e-9a41-4c55-8f3b-2d7e1f0a9b61")
EMPTY_DATE = "1970-01-01"  # RT's unset dates
NOBODY = "Nobody"
SYSTEM = "RT_System"  # RT's own automations; no person on the desk

# RT status -> Deskside incident state. RT's lifecycle has no "closed": resolved is its end. Statuses a queue's
# lifecycle adds are kept as they are (the desk shows the raw name; the moves RT allows come from lifecycles.py).
STATE_FROM_RT = {"new": "new", "open": "in_progress", "stalled": "on_hold", "resolved": "resolved",
                 "rejected": "canceled"}
RT_FROM_STATE = {"new": "new", "in_progress": "open", "on_hold": "stalled", "resolved": "resolved",
                 "closed": "resolved", "canceled": "rejected"}
INACTIVE = frozenset({"resolved", "rejected", "deleted"})
STALLED_REASON = "awaiting_caller"

# Deskside priority 1 (critical) .. 5 (planning) <-> RT's 0..99 (higher is more urgent).
PRIORITY_TO_RT = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
PRIORITY_BOUNDS = ((80, 1), (60, 2), (40, 3), (20, 4))

# RT link types -> Deskside link kinds (source = this ticket); REST2 names them in a ticket's _hyperlinks by
# LINK_REFS. MergedInto is not a link on the desk: the merged ticket is evicted and the surviving one pulled.
LINK_FROM_RT = {"MemberOf": "child_of", "RefersTo": "refers_to", "DependsOn": "depends_on"}
LINK_REFS = {"parent": "child_of", "refers-to": "refers_to", "depends-on": "depends_on"}
LINK_TO_RT = {kind: rt for rt, kind in LINK_FROM_RT.items()}

# The worklog kinds of RT transactions: correspond = public reply, comment = internal note.
WORKLOG_TYPES = {"Correspond": "reply", "Comment": "note"}
RT_ACTION = {"reply": "correspond", "note": "comment"}
RT_MAILS = "other_mail"  # core.tickets.children.SENT_VIA: "Mail sent elsewhere"

# Deskside fields kept in RT custom fields when the ticket's queue has one of that name: values 1 / 2 / 3 or
# High / Medium / Low (Deskside's levels); anything else reads as 3 (Low), Deskside's default.
CUSTOM_FIELDS = {"impact": "Impact", "urgency": "Urgency"}
# Reference fields kept in RT custom fields when the queue has them: the value is a name; the desk's category,
# service or CI of that name is used, or made as seen (pull.py); a desk edit sends the row's name (push.py).
REFERENCE_FIELDS = {"category_id": ("category", "Category"), "service_id": ("service", "Service"),
                    "ci_id": ("configuration_item", "CI")}
SETTING_KEYS = {"impact": "impact", "urgency": "urgency", "category": "category_id", "service": "service_id",
                "ci": "ci_id"}
DEFAULT_FIELD_NAMES = {**CUSTOM_FIELDS, **{f: cf for f, (_, cf) in REFERENCE_FIELDS.items()}}

# Deskside ticket fields an RT ticket holds, and the fields that follow from the state (not sent).
MAPPED_FIELDS = ("title", "state", "priority", "group_id", "assignee_id", "requester_id")
DERIVED_FIELDS = frozenset({"is_open", "resolved_at", "closed_at", "reopen_count", "first_response_at",
                            "priority_overridden", "on_hold_reason", "resolution_code", "updated_at"})


def field_names(setting: str | None) -> dict[str, str]:
    """Deskside field -> RT custom field name, from the profile's `rt_custom_fields` setting ("impact=Impact;
    category=Kategorie; ..."; a key left out keeps its default name, an empty name maps nothing)."""
    out = dict(DEFAULT_FIELD_NAMES)
    for item in (setting or "").split(";"):
        key, eq, name = item.partition("=")
        if eq and key.strip().lower() in SETTING_KEYS:
            field = SETTING_KEYS[key.strip().lower()]
            if name.strip():
                out[field] = name.strip()[:200]
            else:
                out.pop(field, None)
    return out


def local_id(base_url: str, kind: str, remote: str | int) -> str:
    """The stable Deskside id of RT's `kind` record `remote` at `base_url`."""
    return str(uuid.uuid5(NAMESPACE, f"{base_url.rstrip('/')}|{kind}|{remote}"))


def rt_time(value: Any) -> datetime | None:
    """RT's ISO time (UTC, "Z") as an aware datetime; RT's 1970-01-01 for "unset" is None."""
    if not value or not isinstance(value, str) or value.startswith(EMPTY_DATE):
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def wire_time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def state_from_rt(status: str) -> str:
    return STATE_FROM_RT.get(status, status)


def status_to_rt(state: str) -> str:
    return RT_FROM_STATE.get(state, state)


def priority_from_rt(value: Any) -> int:
    """RT's priority (a string of 0..99, sometimes empty) as Deskside's 1..5."""
    try:
        number = int(str(value).strip() or 0)
    except ValueError:
        return 5
    for bound, priority in PRIORITY_BOUNDS:
        if number >= bound:
            return priority
    return 5


def priority_to_rt(priority: int) -> int:
    return PRIORITY_TO_RT.get(int(priority), 50)


def ref_id(value: Any) -> str | None:
    """The id of an RT reference ({"type", "id", "_url"}), None for none or Nobody."""
    if isinstance(value, dict):
        value = value.get("id")
    if value in (None, "", NOBODY, SYSTEM):
        return None
    return str(value)


def custom_values(record: dict[str, Any]) -> dict[str, list[str]]:
    """The ticket's custom fields by name (every field its queue has, with its values, maybe none)."""
    out: dict[str, list[str]] = {}
    for cf in record.get("CustomFields") or []:
        if isinstance(cf, dict) and cf.get("name"):
            out[str(cf["name"])] = [str(v) for v in cf.get("values") or []]
    return out


LEVEL_NAMES = {"high": 1, "medium": 2, "low": 3}


def level(values: list[str] | None) -> int:
    """A custom field value as Deskside's impact or urgency (1 High .. 3 Low; 3 when unset or unknown)."""
    value = (values or [""])[0].strip().lower()
    return int(value) if value in ("1", "2", "3") else LEVEL_NAMES.get(value, 3)


def reference_value(values: list[str] | None) -> str | None:
    """A category / service / CI custom field's value as the name of a desk row (its first value)."""
    value = " ".join(str((values or [""])[0]).split())[:200]
    return value or None


def custom_fields_of(record: dict[str, Any], names: dict[str, str] | None = None) -> set[str]:
    """The Deskside fields (impact, urgency, category, service, CI) this ticket's queue keeps in custom fields
    it sends back."""
    held = custom_values(record)
    names = DEFAULT_FIELD_NAMES if names is None else names
    return {field for field in (*CUSTOM_FIELDS, *REFERENCE_FIELDS) if names.get(field) in held}


def custom_field_ids(record: dict[str, Any]) -> dict[str, str]:
    """The ticket's custom fields: name -> RT's custom field id (to read the field's type and values)."""
    return {str(cf["name"]): str(cf["id"]) for cf in record.get("CustomFields") or []
            if isinstance(cf, dict) and cf.get("name") and str(cf.get("id", "")).isdigit()}


def select_refusal(field: dict[str, Any], value: str | None) -> str | None:
    """Why RT's custom field `field` (REST2 GET /customfield/N) cannot take `value`, None when it can: a Select
    field takes only the values of its list (REST2 lists them in `Values`); None clears the field."""
    if value is None or str(field.get("Type") or "") != "Select":
        return None
    # RT 5.0.3 lists the values as names; its source also has a {name, category} form
    allowed = {str(v.get("name")) if isinstance(v, dict) else str(v) for v in field.get("Values") or []}
    if value in allowed:
        return None
    return (f"Request Tracker's custom field {field.get('Name')!r} is a list without {value!r}; RT keeps its own "
            "value.")


def no_field_reason(field: str, names: dict[str, str] | None = None) -> str:
    """The conflict-inbox reason for a desk field this ticket's RT queue does not keep."""
    cf = (DEFAULT_FIELD_NAMES if names is None else names).get(field)
    if cf is None:
        return "Request Tracker has no field for this; RT keeps its own value."
    return (f"This ticket's queue in Request Tracker has no custom field {cf!r}; RT keeps its own value "
            "(Settings → Sync → RT custom fields names the fields).")


def is_open_status(status: str) -> bool:
    return status not in INACTIVE


def html_to_text(markup: str) -> str:
    """Readable text of an HTML message: tags dropped, entities decoded. The result is shown as plain text,
    so scripts, styles and remote images never run or load."""
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", markup)
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>|</tr\s*>", "\n", text)
    text = re.sub(r"(?s)<[^>]*>", "", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def message_text(parts: list[dict[str, Any]]) -> str:
    """A transaction's text from its attachments: the text/plain part, else the text/html one as text."""
    plain = [p for p in parts if str(p.get("ContentType", "")).startswith("text/plain") and not p.get("Filename")]
    if plain:
        return "\n".join(str(p.get("Content") or "") for p in plain).strip()
    markup = [p for p in parts if str(p.get("ContentType", "")).startswith("text/html") and not p.get("Filename")]
    return "\n".join(html_to_text(str(p.get("Content") or "")) for p in markup).strip()


def ticket_row(base_url: str, record: dict[str, Any], *, ticket_id: str, description: str,
               ids: dict[tuple[str, str], str] | None = None, active: bool | None = None,
               names: dict[str, str] | None = None) -> dict[str, Any]:
    """The Deskside wire row of RT ticket `record` (REST2 GET /ticket/N). `ids` maps (kind, remote) to the
    local ids of rows the desk made itself; the others get their derived ids."""
    def person(remote: str | None) -> str | None:
        return None if remote is None else (ids or {}).get(("user", remote)) or local_id(base_url, "user", remote)

    def reference(kind: str, values: list[str] | None) -> str | None:
        value = reference_value(values)
        return None if value is None else (ids or {}).get((kind, value)) or local_id(base_url, kind, value)

    names = DEFAULT_FIELD_NAMES if names is None else names
    status = str(record.get("Status") or "new")
    state = state_from_rt(status)
    requestors = [ref_id(r) for r in record.get("Requestor") or []]
    queue = ref_id(record.get("Queue"))
    group = None if queue is None else (ids or {}).get(("queue", queue)) or local_id(base_url, "queue", queue)
    resolved = rt_time(record.get("Resolved"))
    custom = custom_values(record)
    return {
        "id": ticket_id,
        "number": f"RT{record['id']}",
        "type": "incident",
        "title": str(record.get("Subject") or "")[:300] or f"(RT #{record['id']} has no subject)",
        "description": description,
        "state": state,
        # A status of a queue's own lifecycle: whether it is active comes from RT (`active`, see pull.py)
        "is_open": is_open_status(status) if active is None or status in STATE_FROM_RT else active,
        "on_hold_reason": STALLED_REASON if status == "stalled" else None,
        "impact": level(custom.get(names.get("impact", ""))),
        "urgency": level(custom.get(names.get("urgency", ""))),
        "priority": priority_from_rt(record.get("Priority")),
        "priority_overridden": True,
        **{field: reference(kind, custom.get(names.get(field, ""))) for field, (kind, _) in REFERENCE_FIELDS.items()},
        "requester_id": person(next((r for r in requestors if r), None)),
        "group_id": group,
        "assignee_id": person(ref_id(record.get("Owner"))),
        "channel": "email",
        "created_at": wire_time(rt_time(record.get("Created"))),
        "updated_at": wire_time(rt_time(record.get("LastUpdated"))),
        "first_response_at": None,
        "resolved_at": wire_time(resolved) if status == "resolved" else None,
        "closed_at": None,
        "resolution_code": None, "resolution_notes": None,
        "csat_score": None, "csat_source": None, "csat_comment": None, "csat_at": None,
        "reopen_count": 0,
        "cc": ", ".join(c for c in (ref_id(x) for x in record.get("Cc") or []) if c) or None,
    }


def person_row(base_url: str, record: dict[str, Any], person_id: str | None = None) -> dict[str, Any]:
    """A Deskside person from RT's user record (REST2 GET /user/NAME)."""
    name = str(record.get("Name") or record.get("id") or "")
    real = str(record.get("RealName") or "").strip()
    email = str(record.get("EmailAddress") or "").strip() or (name if "@" in name else None)
    return {"id": person_id or local_id(base_url, "user", name), "name": (real or name)[:200], "email": email,
            "is_agent": bool(int(record.get("Privileged") or 0)), "department": None,
            "active": not bool(int(record.get("Disabled") or 0)), "phone": None, "site": None, "vip": False,
            "language": None}


def group_row(base_url: str, record: dict[str, Any], group_id: str | None = None) -> dict[str, Any]:
    """A Deskside assignment group from RT's queue record (REST2 GET /queue/N)."""
    return {"id": group_id or local_id(base_url, "queue", record["id"]), "name": str(record.get("Name"))[:200],
            "description": (str(record.get("Description") or "") or None),
            "active": not bool(int(record.get("Disabled") or 0))}  # a disabled queue: a retired group


def worklog_row(base_url: str, txn: dict[str, Any], *, ticket_id: str, body: str,
                entry_id: str | None = None, author_id: str | None = None) -> dict[str, Any]:
    """A Deskside worklog entry from an RT Correspond (public reply) or Comment (internal note)."""
    creator = ref_id(txn.get("Creator"))
    try:
        minutes = max(0, int(str(txn.get("TimeTaken") or 0)))
    except ValueError:
        minutes = 0
    return {"id": entry_id or local_id(base_url, "txn", txn["id"]), "ticket_id": ticket_id,
            "kind": WORKLOG_TYPES[str(txn["Type"])],
            "author_id": author_id or (None if creator is None else local_id(base_url, "user", creator)),
            "body": body, "time_spent_minutes": minutes, "created_at": wire_time(rt_time(txn.get("Created"))),
            # RT mails its correspondence itself (its scrips): the desk shows it as mailed elsewhere.
            "sent_via": RT_MAILS if txn["Type"] == "Correspond" else None}


def link_row(base_url: str, source_id: str, target_id: str, kind: str, created_at: str | None) -> dict[str, Any]:
    return {"id": local_id(base_url, "link", f"{source_id}|{kind}|{target_id}"), "source_id": source_id,
            "target_id": target_id, "kind": kind, "created_at": created_at}


def update_body(fields: dict[str, Any], *, queue_of: dict[str, str], user_of: dict[str, str],
                custom: Collection[str] = (), names: dict[str, str] | None = None,
                labels: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """RT's update body for Deskside field values (name -> new value) and the fields RT cannot hold.
    `queue_of` / `user_of` map group and person ids to RT queue ids and user names; `custom` names the
    Deskside fields the ticket's queue keeps in custom fields (custom_fields_of); `labels` maps the ids of
    categories, services and CIs to their names (RT's value; None clears the field)."""
    body: dict[str, Any] = {}
    unmapped: list[str] = []
    for name, value in fields.items():
        if name in DERIVED_FIELDS:
            continue
        if name == "title":
            body["Subject"] = value
        elif name == "state":
            body["Status"] = status_to_rt(value)
        elif name == "priority":
            body["Priority"] = priority_to_rt(value)
        elif name == "group_id" and value in queue_of:
            body["Queue"] = queue_of[value]
        elif name == "assignee_id" and (value is None or value in user_of):
            body["Owner"] = NOBODY if value is None else user_of[value]
        elif name == "requester_id" and value in user_of:
            body["Requestor"] = [user_of[value]]
        elif name in custom and name in REFERENCE_FIELDS:
            if value is not None and value not in (labels or {}):
                unmapped.append(name)
                continue
            body.setdefault("CustomFields", {})[(names or DEFAULT_FIELD_NAMES)[name]] = (
                None if value is None else (labels or {})[value])
        elif name in custom:
            body.setdefault("CustomFields", {})[(names or DEFAULT_FIELD_NAMES)[name]] = str(value)
        else:
            unmapped.append(name)
    return body, unmapped


def wire_values(row: dict[str, Any], names: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """The values of `names` in a ticket row built by ticket_row (the "theirs" of a merge)."""
    return {name: row.get(name) for name in names}
