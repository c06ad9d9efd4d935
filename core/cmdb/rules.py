"""A CI's fields and a relation checked and cleaned, and per-attribute merging (pure; desk and server alike)."""
# The desk's operations and the server's push apply the same checks, so both refuse the same input with the
# same words. Who may do what is the server's (server.cmdb); references (owner, group, service, parent) are
# checked against the store by whoever holds it.

from __future__ import annotations

import json
import unicodedata
from typing import Any

from core.cmdb.classes import STATUSES, CmdbInvalid, load_attributes
from core.cmdb.relations import BY_KEY

TEXT_FIELDS = {"name": 200, "site": 200, "serial": 100, "asset_tag": 100}
REF_FIELDS = ("owner_id", "support_group_id", "service_id", "parent_id")
EDITABLE = ("name", "ci_class", "status", "criticality", "description", "site", "serial", "asset_tag", *REF_FIELDS,
            "attributes")
WIRE_COLUMNS = ("id", *EDITABLE, "updated_at")  # what a create carries
RELATION_COLUMNS = ("id", "source_id", "target_id", "type", "created_at")
CLASS_COLUMNS = ("id", "label", "description", "attributes", "position")
DESCRIPTION_LIMIT = 20_000


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise CmdbInvalid("A text value was expected.", field)
    cleaned = "".join(c for c in str(value) if unicodedata.category(c)[0] != "C" or c == " ")
    return " ".join(cleaned.split())


def _description(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise CmdbInvalid("The description is text.", "description")
    # Line breaks and tabs stay; other control characters (a NUL, a bidi override) go.
    kept = "".join(c for c in value if unicodedata.category(c)[0] != "C" or c in "\n\t").strip()
    if len(kept) > DESCRIPTION_LIMIT:
        raise CmdbInvalid(f"The description is longer than {DESCRIPTION_LIMIT} characters.", "description")
    return kept or None


def clean_ci(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The values cleaned and checked: text trimmed (empty is None), criticality 1..4, a known status, the
    class a key, attributes a JSON object of text (a dict is accepted and dumped). Raises CmdbInvalid."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise CmdbInvalid("Unknown field(s): {}.".format(", ".join(sorted(unknown))))
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field in TEXT_FIELDS:
            text = _text(value, field)
            if len(text) > TEXT_FIELDS[field]:
                raise CmdbInvalid(f"{field.replace('_', ' ').capitalize()} is longer than "
                                  f"{TEXT_FIELDS[field]} characters.", field)
            out[field] = text or None
        elif field == "description":
            out[field] = _description(value)
        elif field == "criticality":
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
                raise CmdbInvalid("Criticality is 1 (mission critical) to 4 (low).", field)
            out[field] = value
        elif field == "status":
            if value not in STATUSES:
                raise CmdbInvalid("Status is one of: {}.".format(", ".join(STATUSES)), field)
            out[field] = value
        elif field == "ci_class":
            key = _text(value, field)
            if not key or len(key) > 60:
                raise CmdbInvalid("A CI needs a class.", field)
            out[field] = key
        elif field in REF_FIELDS:
            if value in (None, ""):
                out[field] = None
            elif not isinstance(value, str) or len(value) > 36:
                raise CmdbInvalid(f"{field} is an id.", field)
            else:
                out[field] = value
        else:  # attributes
            out[field] = _attributes(value)
    if not partial and not out.get("name"):
        raise CmdbInvalid("A CI needs a name.", "name")
    if "name" in out and not out["name"]:
        raise CmdbInvalid("A CI needs a name.", "name")
    return out


def _attributes(value: Any) -> str | None:
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise CmdbInvalid("Attributes are a JSON object.", "attributes") from None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str | int | float)
                                              and not isinstance(v, bool) for k, v in value.items()):
        raise CmdbInvalid("Attributes are a JSON object of text values.", "attributes")
    if any(len(str(v)) > 500 or len(k) > 60 for k, v in value.items()):
        raise CmdbInvalid("An attribute value is longer than 500 characters.", "attributes")
    kept = {k: str(v).strip() for k, v in value.items() if str(v).strip()}
    return json.dumps(kept, sort_keys=True) if kept else None


def check_relation(source_id: str, target_id: str, type_: str) -> None:
    if type_ not in BY_KEY:
        raise CmdbInvalid("Relation type is one of: {}.".format(", ".join(BY_KEY)), "type")
    if source_id == target_id:
        raise CmdbInvalid("A CI cannot be related to itself.", "target_id")


class AttributeConflict(CmdbInvalid):
    """The same attribute was changed on both sides to different values."""


def merge_attributes(base: str | None, mine: str | None, current: str | None) -> str | None:
    """Apply the keys `mine` changed from `base` onto `current`, attribute by attribute: a key changed on both
    sides to different values raises AttributeConflict (naming it); other keys merge silently."""
    b, m, c = load_attributes(base), load_attributes(mine), load_attributes(current)
    out = dict(c)
    for key in set(b) | set(m):
        if b.get(key) == m.get(key):
            continue
        if c.get(key) != b.get(key) and c.get(key) != m.get(key):
            raise AttributeConflict(f"The attribute {key} was changed meanwhile (now {c.get(key)!r}).", key)
        if m.get(key) is None:
            out.pop(key, None)
        else:
            out[key] = m[key]
    return json.dumps(out, sort_keys=True) if out else None
