"""Services, groups, categories and sites as CSV: their file formats (core.csv_table reads and writes them)."""
# A services file names the owner by e-mail address (or exact name) and the support group by name; the desk
# turns those into ids against its own directory (app.people.reference_transfer), so a file written on one desk
# reads on another. Hours are typed as people say them ("Mon-Fri 08:00-18:00") with a Time zone column.

from __future__ import annotations

from typing import Any

from core.csv_table import CsvColumn, CsvSpec
from core.people.reference_rules import (
    clean_service,
    criticality,
    parse_hours,
)

_ACTIVE = CsvColumn("active", "Active", kind="flag", empty=True, true_words=("active",),
                    false_words=("inactive", "retired"))


def _clean_service_row(values: dict[str, Any]) -> dict[str, Any]:
    """A file row checked: the service's own fields by core.people.reference_rules, the owner and support group
    kept as typed (resolved later), hours parsed in the row's time zone."""
    raw = dict(values)
    owner = " ".join((raw.pop("owner", "") or "").split()) or None
    group = " ".join((raw.pop("support_group", "") or "").split()) or None
    has_hours = "hours" in raw
    tz = raw.pop("hours_tz", "") or ""
    hours = raw.pop("hours", "") or ""
    if "criticality" in raw:
        raw["criticality"] = criticality(raw["criticality"] or "3")
    clean = clean_service(raw)
    if has_hours:  # a file without an Hours column leaves a service's hours as they are
        clean["hours"] = parse_hours(hours, tz or None) if hours.strip() else None
    clean["owner"] = owner
    clean["support_group"] = group
    return clean


SERVICES = CsvSpec(
    noun="services",
    columns=(
        CsvColumn("name", "Name", ("service", "service name")),
        CsvColumn("description", "Description"),
        CsvColumn("owner", "Owner", ("owner email", "service owner")),
        CsvColumn("criticality", "Criticality", ("business criticality",)),
        CsvColumn("sla_policy", "SLA policy", ("sla",)),
        CsvColumn("support_group", "Support group", ("group", "assignment group")),
        CsvColumn("hours", "Hours", ("service hours", "support hours")),
        CsvColumn("hours_tz", "Time zone", ("timezone", "tz")),
        _ACTIVE,
    ),
    clean=_clean_service_row,
    unique=("name",),
)

GROUPS = CsvSpec(noun="groups", columns=(CsvColumn("name", "Name"), CsvColumn("description", "Description"),
                                         CsvColumn("members", "Members"), _ACTIVE), clean=dict, unique=("name",))
CATEGORIES = CsvSpec(noun="categories", columns=(CsvColumn("path", "Path"), CsvColumn("name", "Name"),
                                                 CsvColumn("parent", "Parent"), _ACTIVE), clean=dict)
SITES = CsvSpec(noun="sites", columns=(CsvColumn("name", "Name"), CsvColumn("address", "Address"),
                                       CsvColumn("timezone", "Time zone"), _ACTIVE), clean=dict, unique=("name",))
