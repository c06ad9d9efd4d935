"""Configuration items as CSV: the file format (core.csv_table reads and writes it) and its cell conventions."""
# A file names a CI's service, support group and owner by name (the owner also by e-mail address) and its
# class by key or label; the desk turns names into ids against its own data (app.cmdb.transfer), so a file
# written on one desk reads on another. Criticality is 1-4 or its word; status its key or label. Per-class
# attributes are one cell, "key=value; key=value"; relations are a cell per type naming the other CIs
# ("depends on" lists what this CI depends on), separated by semicolons.

from __future__ import annotations

from typing import Any

from core.cmdb.classes import CRITICALITIES, STATUSES, CmdbInvalid
from core.cmdb.relations import RELATION_TYPES
from core.cmdb.rules import clean_ci
from core.csv_table import CsvColumn, CsvSpec

RELATION_COLUMNS = tuple(f"rel_{t.key}" for t in RELATION_TYPES)
_NAMED = ("service", "support_group", "owner", "parent")


def _criticality(raw: str) -> int:
    text = raw.strip().lower()
    if not text:
        return 3
    if text.isdigit():
        return int(text)
    for value, label in CRITICALITIES.items():
        if label.lower() == text:
            return value
    raise CmdbInvalid(f"Criticality is 1-4 or one of {', '.join(CRITICALITIES.values())}, not {raw[:40]!r}.",
                      "criticality")


def _status(raw: str) -> str:
    text = raw.strip().lower()
    if not text:
        return "active"
    for key, label in STATUSES.items():
        if text in (key, label.lower(), key.replace("_", " ")):
            return key
    raise CmdbInvalid(f"Status is one of {', '.join(STATUSES.values())}, not {raw[:40]!r}.", "status")


def parse_attributes(raw: str) -> dict[str, str]:
    """ "os=Debian 12; memory_gb=64" -> {"os": "Debian 12", "memory_gb": "64"}."""
    out: dict[str, str] = {}
    for part in raw.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().lower().replace(" ", "_")
        if not sep or not key:
            raise CmdbInvalid(f"Attributes are written key=value; key=value, not {part.strip()[:40]!r}.",
                              "attributes")
        if key in out:
            raise CmdbInvalid(f"The attribute {key} is given twice.", "attributes")
        out[key] = value.strip()
    return out


def format_attributes(values: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in values.items())


def names(raw: str) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in raw.split(";") if n.strip()))


def clean_row(values: dict[str, Any]) -> dict[str, Any]:
    """A file row checked by core.cmdb.rules; the named references (service, support group, owner, parent,
    relations) kept as typed for the desk to resolve, the class as typed (a key or a label)."""
    raw = dict(values)
    named = {k: " ".join((raw.pop(k, "") or "").split()) or None for k in _NAMED}
    relations = {k: names(raw.pop(k, "") or "") for k in RELATION_COLUMNS if k in raw}
    ci_class = " ".join((raw.pop("ci_class", "") or "").split())
    if "criticality" in raw:
        raw["criticality"] = _criticality(raw["criticality"])
    if "status" in raw:
        raw["status"] = _status(raw["status"])
    if "attributes" in raw:
        raw["attributes"] = parse_attributes(raw["attributes"] or "")
    clean = clean_ci({k: v for k, v in raw.items()}, partial=True)
    if not clean.get("name"):
        raise CmdbInvalid("A CI needs a name.", "name")
    clean.update(named)
    clean["ci_class"] = ci_class or None
    clean.update(relations)
    return clean


CIS = CsvSpec(
    noun="configuration items",
    columns=(
        CsvColumn("name", "Name", ("ci", "ci name", "hostname", "configuration item")),
        CsvColumn("ci_class", "Class", ("ci class", "type", "class name")),
        CsvColumn("status", "Status", ("lifecycle", "lifecycle status", "state")),
        CsvColumn("criticality", "Criticality", ("business criticality",)),
        CsvColumn("service", "Service", ("business service",)),
        CsvColumn("support_group", "Support group", ("group", "assignment group")),
        CsvColumn("owner", "Owner", ("owner email", "used by", "assigned to")),
        CsvColumn("site", "Site", ("location",)),
        CsvColumn("serial", "Serial", ("serial number", "serialnumber")),
        CsvColumn("asset_tag", "Asset tag", ("asset", "asset number", "inventory number")),
        CsvColumn("parent", "Parent", ("parent ci",)),
        CsvColumn("description", "Description", ("comments", "notes")),
        CsvColumn("attributes", "Attributes"),
        *(CsvColumn(f"rel_{t.key}", t.outgoing_label.capitalize()) for t in RELATION_TYPES),
    ),
    clean=clean_row,
    unique=("name", "serial", "asset_tag"),
)
