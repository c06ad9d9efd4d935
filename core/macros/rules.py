"""What a reply template and a macro may hold: names, kinds, bodies, and the ticket fields a macro may set."""
# Both sides clean with these functions: the desk before it writes, the server before it applies a push, so a
# template or macro refused on one side is refused on the other with the same words. A macro's field changes
# are only ever applied through the ticket rules (app.tickets.writes.update_ticket, which plans through
# core.tickets.rules.plan_changes): a macro can never do what a manual edit couldn't. What is checked here is
# only what holds for every ticket (known fields, known states, values of the right kind); what depends on a
# ticket (its type's workflow, its group's members) is checked per ticket when the macro is applied.

from __future__ import annotations

import json
from typing import Any

from core.errors import ValidationError
from core.macros.variables import unknown_names
from core.tickets.children import BODY_MAX
from core.tickets.rules import TEXT_MAX
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, WORKFLOWS

NAME_MAX = 120
DESCRIPTION_MAX = 500
# What a template is for: a public reply, an internal note, or either.
TEMPLATE_KINDS = {"any": "Reply or note", "reply": "Public reply", "note": "Internal note"}
ENTRY_KINDS = ("reply", "note")
ME = "@me"  # a macro's assignee meaning "whoever applies it" (Take it)

# The ticket fields a macro may set, in the order the manager lists them. Left out on purpose: title,
# description, requester, CC, channel and CI describe one ticket and are never the same for a selection.
MACRO_FIELDS = ("state", "on_hold_reason", "resolution_code", "resolution_notes", "impact", "urgency", "priority",
                "group_id", "assignee_id", "category_id", "service_id")
FIELD_LABELS = {"state": "State", "on_hold_reason": "On-hold reason", "resolution_code": "Resolution code",
                "resolution_notes": "Resolution notes", "impact": "Impact", "urgency": "Urgency",
                "priority": "Priority", "group_id": "Group", "assignee_id": "Assignee", "category_id": "Category",
                "service_id": "Service"}
TEMPLATE_COLUMNS = ["id", "name", "kind", "body", "owner_id", "updated_at"]
MACRO_COLUMNS = ["id", "name", "description", "changes", "entry_kind", "entry_body", "owner_id", "updated_at"]
TEMPLATE_EDITABLE = ("name", "kind", "body")
MACRO_EDITABLE = ("name", "description", "changes", "entry_kind", "entry_body")

_STATE_KINDS: dict[str, set[str]] = {}
for _wf in WORKFLOWS.values():
    for _s in _wf.states:
        _STATE_KINDS.setdefault(_s.key, set()).add(_s.kind)


def _clean_line(value: Any, field: str, label: str, limit: int, *, required: bool) -> str | None:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field=field)
    value = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    if required and not value:
        raise ValidationError(f"Give the {label.lower()}.", field=field)
    if len(value) > limit:
        raise ValidationError(f"{label} is longer than {limit} characters.", field=field)
    return value or None


def _clean_body(value: Any, field: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("The text must be text.", field=field)
    # Control characters other than tabs and line breaks are dropped (as the worklog does).
    value = "".join(ch for ch in value if ch in "\t\n\r" or 32 <= ord(ch) != 127)
    if required and not value.strip():
        raise ValidationError("Write the text of the template.", field=field)
    if len(value) > BODY_MAX:
        raise ValidationError(f"The text is longer than {BODY_MAX} characters.", field=field)
    unknown = unknown_names(value)
    if unknown:
        listed = ", ".join("{{" + n + "}}" for n in unknown[:5])
        raise ValidationError(f"Unknown variable {listed}: pick one from the list of variables.", field=field)
    return value


def clean_owner(value: Any) -> str | None:
    """None: shared with the team; a person id: that person's own."""
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= 36:
        raise ValidationError("The owner is a person's id.", field="owner_id")
    return value


def clean_template(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The template's editable values, checked and tidied; ValidationError names the field otherwise."""
    unknown = set(values) - set(TEMPLATE_EDITABLE)
    if unknown:
        raise ValidationError(f"A template has no field {', '.join(sorted(unknown))}.")
    out: dict[str, Any] = {}
    if "name" in values or not partial:
        out["name"] = _clean_line(values.get("name"), "name", "Name", NAME_MAX, required=True)
    if "kind" in values or not partial:
        kind = values.get("kind", "any")
        if kind not in TEMPLATE_KINDS:
            raise ValidationError("A template is for a reply, a note, or either.", field="kind")
        out["kind"] = kind
    if "body" in values or not partial:
        out["body"] = _clean_body(values.get("body"), "body", required=True)
    return out


def _clean_id(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= 36:
        raise ValidationError(f"{FIELD_LABELS[field]}: not a known id.", field=field)
    return value


def _clean_change(field: str, value: Any) -> Any:
    label = FIELD_LABELS[field]
    if field == "state":
        if not isinstance(value, str) or value not in _STATE_KINDS:
            raise ValidationError("The macro's state is not a state of any workflow.", field=field)
        return value
    if field == "on_hold_reason":
        if value is not None and value not in ON_HOLD_REASONS:
            raise ValidationError("Unknown on-hold reason.", field=field)
        return value
    if field == "resolution_code":
        if value is not None and value not in RESOLUTION_CODES:
            raise ValidationError("Unknown resolution code.", field=field)
        return value
    if field == "resolution_notes":
        if value is not None and (not isinstance(value, str) or len(value) > TEXT_MAX):
            raise ValidationError(f"Resolution notes are text of at most {TEXT_MAX} characters.",
                                  field=field)
        return value
    if field in ("impact", "urgency"):
        if isinstance(value, bool) or value not in (1, 2, 3):
            raise ValidationError(f"{label} must be High, Medium or Low.", field=field)
        return value
    if field == "priority":
        if isinstance(value, bool) or value not in (1, 2, 3, 4, 5):
            raise ValidationError("Priority must be P1 to P5.", field=field)
        return value
    if field == "assignee_id" and value == ME:
        return ME
    return _clean_id(value, field)


def clean_changes(changes: Any) -> dict[str, Any]:
    """A macro's field changes, checked for every ticket alike; its state's needs (a hold reason, a resolution
    code and notes) must come with it, or every ticket would refuse it."""
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            raise ValidationError("The macro's changes cannot be read.", field="changes") from None
    if not isinstance(changes, dict):
        raise ValidationError("The macro's changes cannot be read.", field="changes")
    unknown = set(changes) - set(MACRO_FIELDS)
    if unknown:
        raise ValidationError(f"A macro cannot set {', '.join(sorted(unknown))}.", field="changes")
    out = {f: _clean_change(f, changes[f]) for f in MACRO_FIELDS if f in changes}
    kinds = _STATE_KINDS.get(out.get("state", ""), set())
    if out.get("state") == "on_hold" and out.get("on_hold_reason") is None:
        raise ValidationError("A macro that puts tickets on hold sets the on-hold reason too.", field="on_hold_reason")
    if "resolved" in kinds and (out.get("resolution_code") is None or not (out.get("resolution_notes") or "").strip()):
        raise ValidationError("A macro that resolves tickets sets a resolution code and resolution notes too.",
                              field="resolution_code")
    return out


def clean_macro(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The macro's editable values, checked (`changes` comes back as canonical JSON text)."""
    unknown = set(values) - set(MACRO_EDITABLE)
    if unknown:
        raise ValidationError(f"A macro has no field {', '.join(sorted(unknown))}.")
    out: dict[str, Any] = {}
    if "name" in values or not partial:
        out["name"] = _clean_line(values.get("name"), "name", "Name", NAME_MAX, required=True)
    if "description" in values or not partial:
        out["description"] = _clean_line(values.get("description"), "description", "Description",
                                         DESCRIPTION_MAX, required=False)
    if "changes" in values or not partial:
        out["changes"] = json.dumps(clean_changes(values.get("changes") or {}), sort_keys=True)
    if "entry_kind" in values or not partial:
        kind = values.get("entry_kind")
        if kind is not None and kind not in ENTRY_KINDS:
            raise ValidationError("A macro adds a public reply, an internal note, or nothing.", field="entry_kind")
        out["entry_kind"] = kind
    if "entry_body" in values or not partial:
        out["entry_body"] = _clean_body(values.get("entry_body"), "entry_body", required=False) or None
    return out


def check_macro_whole(macro: dict[str, Any]) -> None:
    """The whole macro (after a partial edit too): it does something, and an entry has its text."""
    kind, body = macro.get("entry_kind"), (macro.get("entry_body") or "").strip()
    if kind and not body:
        raise ValidationError("Write the text of the macro's reply or note, or choose to add none.",
                              field="entry_body")
    if body and not kind:
        raise ValidationError("Choose whether the macro's text is a public reply or an internal note.",
                              field="entry_kind")
    if not kind and json.loads(macro.get("changes") or "{}") == {}:
        raise ValidationError("A macro changes at least one field or adds a reply or note.", field="changes")
