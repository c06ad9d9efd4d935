"""CI classes with their per-class attributes, lifecycle statuses and criticalities (pure data and checks)."""
# Built-in classes live here, so every desk and the server know them without a row; a user-defined class is a
# `ci_class` row (core.cmdb.schema) with the same shape, its attributes held as JSON. A CI's attribute values
# are one JSON object on the CI (`attributes`), keyed by the attribute's key; the class decides which keys
# are shown and in what order, and a value whose key the class no longer has is kept, not shown.

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from core.errors import ValidationError

ATTRIBUTE_KINDS = ("text", "number", "date")


@dataclass(frozen=True)
class AttributeDef:
    key: str
    label: str
    kind: str = "text"  # one of ATTRIBUTE_KINDS


@dataclass(frozen=True)
class CiClass:
    key: str
    label: str
    attributes: tuple[AttributeDef, ...] = ()
    builtin: bool = True
    description: str = ""


# The built-in attributes' labels as people write them (a key's words capitalised are not: "Os", "Memory gb").
_LABELS = {"sla_tier": "SLA tier", "url": "URL", "licence_count": "Licences", "os": "OS", "os_version": "OS version",
           "cpu_count": "CPUs", "vcpu_count": "vCPUs", "memory_gb": "Memory (GB)", "ip_address": "IP address",
           "warranty_end": "Warranty ends", "size_gb": "Size (GB)", "port_count": "Ports", "capacity_tb":
           "Capacity (TB)", "raid_level": "RAID level", "imei": "IMEI", "node_count": "Nodes"}


def _a(*pairs: str) -> tuple[AttributeDef, ...]:
    out = []
    for pair in pairs:
        key, _, kind = pair.partition(":")
        out.append(AttributeDef(key, _LABELS.get(key, key.replace("_", " ").capitalize()), kind or "text"))
    return tuple(out)


BUILTIN_CLASSES: tuple[CiClass, ...] = (
    CiClass("business_service", "Business service", _a("service_hours", "sla_tier", "business_owner")),
    CiClass("application", "Application", _a("vendor", "version", "url", "licence_count:number")),
    CiClass("server", "Server", _a("os", "os_version", "cpu_count:number", "memory_gb:number", "ip_address",
                                   "warranty_end:date")),
    CiClass("virtual_machine", "Virtual machine", _a("os", "os_version", "vcpu_count:number", "memory_gb:number",
                                                     "ip_address", "hypervisor")),
    CiClass("database", "Database", _a("engine", "version", "size_gb:number", "port:number")),
    CiClass("network_device", "Network device", _a("device_type", "vendor", "model", "firmware", "ip_address",
                                                   "port_count:number")),
    CiClass("storage", "Storage", _a("vendor", "model", "capacity_tb:number", "raid_level")),
    CiClass("workstation", "Workstation", _a("os", "model", "memory_gb:number", "purchase_date:date")),
    CiClass("mobile_device", "Mobile device", _a("os", "model", "phone_number", "imei")),
    CiClass("printer", "Printer", _a("model", "ip_address", "colour")),
    CiClass("cluster", "Cluster", _a("cluster_type", "node_count:number")),
)
BUILTIN = {c.key: c for c in BUILTIN_CLASSES}

# Lifecycle: planned -> in stock -> active <-> maintenance -> retired. Any status may be set by an edit (a CMDB
# records what is, it does not enforce a workflow); retired CIs drop out of impact results' "open" figures.
STATUSES = {"planned": "Planned", "in_stock": "In stock", "active": "Active", "maintenance": "In maintenance",
            "retired": "Retired"}
CRITICALITIES = {1: "Mission critical", 2: "High", 3: "Medium", 4: "Low"}

_KEY = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CmdbInvalid(ValidationError):
    """A CI, relation or class value that cannot be stored; `field` names the input to show it under."""


def class_key(label: str) -> str:
    """A class key made from a label: "Load balancer" -> "load_balancer"."""
    return re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")[:60]


def parse_class(key: str, label: str, attributes_json: str | None, description: str | None = "") -> CiClass:
    """A user-defined class from its stored row; attributes that do not parse are skipped, not fatal."""
    try:
        raw = json.loads(attributes_json or "[]")
    except ValueError:
        raw = []
    attrs = tuple(AttributeDef(str(a["key"]), str(a.get("label") or a["key"]), a.get("kind", "text")
                               if a.get("kind") in ATTRIBUTE_KINDS else "text")
                  for a in raw if isinstance(a, dict) and isinstance(a.get("key"), str))
    return CiClass(key, label, attrs, builtin=False, description=description or "")


def check_class_definition(key: str, label: str, attributes: list[dict[str, str]]) -> str:
    """Check a user-defined class; returns its attributes as the JSON to store. Raises CmdbInvalid."""
    if not _KEY.match(key or ""):
        raise CmdbInvalid("A class key is 2 to 60 lower-case letters, digits or _ starting with a letter.", "key")
    if key in BUILTIN:
        raise CmdbInvalid(f"{BUILTIN[key].label} is a built-in class.", "key")
    if not (label or "").strip() or len(label) > 200:
        raise CmdbInvalid("A class needs a label of at most 200 characters.", "label")
    seen: set[str] = set()
    out = []
    for attr in attributes:
        akey, alabel, kind = attr.get("key", ""), (attr.get("label") or "").strip(), attr.get("kind", "text")
        if not _KEY.match(akey) or akey in seen:
            raise CmdbInvalid(f"Attribute key {akey!r} is not a new lower-case key.", "attributes")
        if kind not in ATTRIBUTE_KINDS:
            raise CmdbInvalid(f"Attribute kind {kind!r} is not one of {', '.join(ATTRIBUTE_KINDS)}.", "attributes")
        seen.add(akey)
        out.append({"key": akey, "label": alabel or akey.replace("_", " ").capitalize(), "kind": kind})
    return json.dumps(out, sort_keys=True)


def clean_attribute(attr: AttributeDef, value: Any) -> str | None:
    """One attribute value as stored (text); empty is None. Raises CmdbInvalid for a bad number or date."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if len(text) > 500:
        raise CmdbInvalid(f"{attr.label} is longer than 500 characters.", attr.key)
    if attr.kind == "number":
        try:
            float(text)
        except ValueError:
            raise CmdbInvalid(f"{attr.label} is a number.", attr.key) from None
    elif attr.kind == "date" and not _DATE.match(text):
        raise CmdbInvalid(f"{attr.label} is a date written YYYY-MM-DD.", attr.key)
    return text


def load_attributes(raw: str | None) -> dict[str, str]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items() if v is not None} if isinstance(value, dict) else {}


def dump_attributes(values: dict[str, str]) -> str:
    return json.dumps({k: v for k, v in values.items() if v is not None}, sort_keys=True)
