"""Groups, categories, services and sites: cleaning and checking their fields, service hours (pure functions)."""
# Shared by the desk (its operations and CSV import) and the server (what a push may write), so both refuse
# the same input with the same words.
#
# How a service names its SLA policy: SLA policies are each desk's own (app.sla: a desk's targets and
# calendars are its manager's business and do not travel), so a service carries the policy's *name*. A desk
# holding an active policy of that name (compared without case) measures the service's tickets with it, before
# any other (app.sla.policies.choose_policy); a desk without one says "not on this desk" beside the name and
# measures by its own policies.
#
# Service hours are a weekly calendar in one time zone, typed as people say it ("Mon-Fri 08:00-18:00;
# Sat 09:00-12:00", "24x7") and stored as JSON {"tz": ..., "week": [[["08:00", "18:00"]], ...]} (seven days,
# Monday first), the shape app.sla's business calendars use, checked by core.sla.business_time.

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from core.errors import ValidationError
from core.sla.business_time import WEEKDAY_NAMES, BusinessCalendar

CRITICALITY = {1: "Mission critical", 2: "High", 3: "Medium", 4: "Low"}
_CRITICALITY_WORDS = {"missioncritical": 1, "critical": 1, "high": 2, "medium": 3, "normal": 3, "low": 4}
_ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")
_DAYS = {name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_TIME = r"\d{1,2}:\d{2}"
_RANGE = rf"{_TIME}\s*[-–]\s*{_TIME}"
_GROUP = re.compile(rf"^(?P<days>[A-Za-z ,\-–]+?)\s+(?P<spans>{_RANGE}(?:[\s,]+{_RANGE})*)$")
_SPAN = re.compile(rf"({_TIME})\s*[-–]\s*({_TIME})")
ALWAYS = ("24x7", "24/7", "24×7", "always")


class ReferenceInvalid(ValidationError):
    """A reference value that cannot be stored; `field` names the input to show it under."""


def _text(value: Any, field: str, limit: int, *, lines: bool = False) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReferenceInvalid(f"{field.capitalize()} is text.", field)
    keep = "\n" if lines else ""
    cleaned = "".join(c for c in value.replace("\r\n", "\n") if unicodedata.category(c)[0] != "C" or c in keep)
    if lines:
        text = "\n".join(" ".join(line.split()) for line in cleaned.split("\n")).strip("\n")
    else:
        text = " ".join(cleaned.split())
    if len(text) > limit:
        raise ReferenceInvalid(f"{field.replace('_', ' ').capitalize()} is longer than {limit} characters.", field)
    return text or None


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise ReferenceInvalid(f"{field.capitalize()} is yes or no.", field)
    return value


def _ref(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _ID.match(value):
        raise ReferenceInvalid(f"{field.replace('_id', '').replace('_', ' ').capitalize()} is not a known row.", field)
    return value


def _clean(values: dict[str, Any], fields: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    unknown = set(values) - set(fields)
    if unknown:
        raise ReferenceInvalid("Unknown field(s): {}.".format(", ".join(sorted(unknown))))
    out = {f: fields[f](v, f) for f, v in values.items()}
    if ("name" in out or not partial) and not out.get("name"):
        raise ReferenceInvalid("A name is needed.", "name")
    return out


def _name(value: Any, field: str) -> str | None:
    return _text(value, field, 200)


def _description(value: Any, field: str) -> str | None:
    return _text(value, field, 1000)


GROUP_FIELDS = {"name": _name, "description": _description, "active": _flag}
CATEGORY_FIELDS = {"name": _name, "parent_id": _ref, "active": _flag}


def clean_group(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """A group's values cleaned (text trimmed, empty to None); raises ReferenceInvalid on the first problem."""
    return _clean(values, GROUP_FIELDS, partial=partial)


def clean_category(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    return _clean(values, CATEGORY_FIELDS, partial=partial)


def check_parent(parents: dict[str, str | None], category_id: str, parent_id: str | None) -> None:
    """Refuse a move that would put a category under itself or one of its own subcategories. `parents` maps
    every category id to its parent id."""
    seen = set()
    step = parent_id
    while step is not None and step not in seen:
        if step == category_id:
            raise ReferenceInvalid("A category cannot go under itself or one of its subcategories.", "parent_id")
        seen.add(step)
        step = parents.get(step)


def timezone_name(value: Any, field: str = "timezone") -> str | None:
    """An IANA time-zone name as the zone database spells it ("europe/london" becomes "Europe/London")."""
    text = _text(value, field, 64)
    if text is None:
        return None
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        spelled = {z.lower(): z for z in available_timezones()}.get(text.lower())
        if spelled is None:
            raise ReferenceInvalid(f"{text} is not a time zone such as Europe/London or America/New_York.",
                                   field) from None
        return spelled
    return text


SITE_FIELDS = {"name": _name, "address": lambda v, f: _text(v, f, 1000, lines=True), "timezone": timezone_name,
               "active": _flag}


def clean_site(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    return _clean(values, SITE_FIELDS, partial=partial)


def criticality(value: Any, field: str = "criticality") -> int:
    """1 (mission critical) to 4 (low), from a number or its word."""
    if isinstance(value, bool):
        raise ReferenceInvalid("Criticality is 1 (mission critical) to 4 (low).", field)
    if isinstance(value, str):
        word = "".join(c for c in value.lower() if c.isalnum())
        value = _CRITICALITY_WORDS.get(word, int(word) if word.isdigit() else None)
    if not isinstance(value, int) or value not in CRITICALITY:
        raise ReferenceInvalid("Criticality is 1 (mission critical) to 4 (low).", field)
    return value


def _hours(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ReferenceInvalid("Hours are a weekly calendar.", field)
    try:
        data = json.loads(value)
        tz = data["tz"]
        week = [[[start, end] for start, end in day] for day in data["week"]]  # each span exactly two times
        if not isinstance(tz, str) or not all(isinstance(t, str) for day in week for span in day for t in span):
            raise TypeError
        BusinessCalendar.from_hours(tz, {d: [(s[0], s[1]) for s in spans] for d, spans in enumerate(week)})
    except ValidationError as exc:
        raise ReferenceInvalid(str(exc), field) from None
    except (ValueError, KeyError, TypeError):
        raise ReferenceInvalid('Hours are {"tz": zone, "week": seven lists of ["HH:MM", "HH:MM"]}.', field) from None
    return json.dumps({"tz": tz, "week": week}, separators=(",", ":"))


SERVICE_FIELDS = {"name": _name, "description": _description, "owner_id": _ref, "owner_group_id": _ref,
                  "criticality": criticality, "sla_policy": lambda v, f: _text(v, f, 100), "hours": _hours,
                  "active": _flag}


def clean_service(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    return _clean(values, SERVICE_FIELDS, partial=partial)


def _day(token: str) -> int:
    day = _DAYS.get(token.strip().lower()[:3])
    if day is None or not WEEKDAY_NAMES[day].lower().startswith(token.strip().lower()):
        raise ReferenceInvalid(f"{token.strip()!r} is not a weekday (Mon, Tue, ... Sun).", "hours")
    return day


def _days(text: str) -> list[int]:
    out: list[int] = []
    for part in text.replace("–", "-").split(","):
        if not part.strip():
            continue
        first, dash, last = part.partition("-")
        start = _day(first)
        end = _day(last) if dash else start
        out.extend(range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)])
    return out


def _hhmm(typed: str) -> str:
    hours, _, minutes = typed.partition(":")
    return f"{int(hours):02d}:{minutes}"


def parse_hours(text: str, tz: str | None) -> str | None:
    """Typed hours ("Mon-Fri 08:00-18:00; Sat 09:00-12:00", "24x7"; empty: not stated) in the zone `tz` as the
    stored JSON; raises ReferenceInvalid (field "hours", or "hours_tz" for the zone) with what is wrong."""
    typed = " ".join((text or "").split())
    if not typed:
        return None
    zone = timezone_name(tz, "hours_tz") if tz else None
    if zone is None:
        raise ReferenceInvalid("Service hours need a time zone.", "hours_tz")
    week: list[list[list[str]]] = [[] for _ in range(7)]
    if typed.lower() in ALWAYS:
        week = [[["00:00", "24:00"]] for _ in range(7)]
    else:
        for group in (g.strip() for g in typed.split(";")):
            match = _GROUP.match(group)
            if not group:
                continue
            if match is None:
                raise ReferenceInvalid(f"{group!r}: write days, then times, such as Mon-Fri 08:00-18:00.", "hours")
            for day in _days(match.group("days")):
                week[day].extend([_hhmm(s), _hhmm(e)] for s, e in _SPAN.findall(match.group("spans")))
    try:
        BusinessCalendar.from_hours(zone, {d: [(s[0], s[1]) for s in spans] for d, spans in enumerate(week)})
    except ValidationError as exc:
        raise ReferenceInvalid(str(exc), "hours") from None
    return json.dumps({"tz": zone, "week": week}, separators=(",", ":"))


def describe_hours(stored: str | None) -> tuple[str, str]:
    """Stored hours as (text as parse_hours reads it, time zone); ("", "") when not stated. Days with the same
    times are grouped into runs (Mon-Fri)."""
    if not stored:
        return "", ""
    data = json.loads(stored)
    week = [tuple(tuple(s) for s in day) for day in data["week"]]
    if all(day == (("00:00", "24:00"),) for day in week):
        return "24x7", data["tz"]
    parts: list[str] = []
    day = 0
    while day < 7:
        end = day
        while end + 1 < 7 and week[end + 1] == week[day]:
            end += 1
        if week[day]:
            names = WEEKDAY_NAMES[day][:3] + ("-" + WEEKDAY_NAMES[end][:3] if end > day else "")
            parts.append(names + " " + " ".join(f"{s}-{e}" for s, e in week[day]))
        day = end + 1
    return "; ".join(parts), data["tz"]
