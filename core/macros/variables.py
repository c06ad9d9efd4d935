"""Template variables: the documented `{{group.name}}` syntax, expanded from plain values, never evaluated."""
# The syntax is deliberately tiny: `{{ name }}` where name is one of VARIABLES (letters, digits, `_` and one
# dot, spaces inside the braces allowed). Expansion is a single left-to-right pass of one regular expression
# with a lookup in a dict of strings: no eval, no str.format, no attribute access, so text typed by a
# requester (a title holding "{{agent.name}}" or "{0.__class__}") is inserted as it is and never expanded in
# turn. An unknown name is left in the text as typed and reported; a known name without a value (a ticket
# without an SLA, a requester without a name) becomes empty text and is reported as blank, so the caller can
# say so. Braces that do not form a variable stay as they are.

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# name -> (group, description). The desk fills the values (app.macros.variables); the order is the picker's.
VARIABLES: dict[str, tuple[str, str]] = {
    "requester.name": ("Requester", "The requester's full name"),
    "requester.first_name": ("Requester", "The requester's first name"),
    "requester.email": ("Requester", "The requester's e-mail address"),
    "ticket.number": ("Ticket", "The ticket's number (a draft label until the server numbers it)"),
    "ticket.title": ("Ticket", "The ticket's title"),
    "ticket.state": ("Ticket", "The ticket's state"),
    "ticket.priority": ("Ticket", "The ticket's priority (P1 to P5)"),
    "ticket.group": ("Ticket", "The assignment group"),
    "ticket.assignee": ("Ticket", "The assignee's name"),
    "ticket.category": ("Ticket", "The ticket's category"),
    "agent.name": ("Agent", "Your name"),
    "agent.first_name": ("Agent", "Your first name"),
    "sla.due": ("SLA", "When the ticket is due under its SLA (local time)"),
    "sla.response_due": ("SLA", "When the first response is due (local time)"),
    "today": ("Date", "Today's date"),
}

# `{{`, optional spaces, a name of word characters with dots, optional spaces, `}}`. The name part is bounded
# so a hostile text of a million braces costs one linear scan.
PATTERN = re.compile(r"\{\{\s{0,8}([A-Za-z_][A-Za-z0-9_]{0,40}(?:\.[A-Za-z_][A-Za-z0-9_]{0,40})?)\s{0,8}\}\}")


@dataclass(frozen=True)
class Expansion:
    """A template's text with its variables replaced, and what could not be."""

    text: str
    unknown: tuple[str, ...] = ()  # names that are not variables: left in the text as typed
    blank: tuple[str, ...] = ()  # variables without a value here: replaced by empty text

    @property
    def complete(self) -> bool:
        return not self.unknown and not self.blank


def names_in(text: str) -> list[str]:
    """The variable names a text uses, each once, in order of first use (known or not)."""
    seen: dict[str, None] = {}
    for match in PATTERN.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)


def unknown_names(text: str) -> list[str]:
    """The names in `text` that are not variables (a template saved with one is refused)."""
    return [n for n in names_in(text) if n not in VARIABLES]


def expand(text: str, values: Mapping[str, str | None]) -> Expansion:
    """Replace every known variable in `text` by its value from `values` (missing or None: empty, reported
    blank). Values are inserted verbatim and never scanned again."""
    unknown: dict[str, None] = {}
    blank: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in VARIABLES:
            unknown.setdefault(name, None)
            return match.group(0)
        value = values.get(name)
        if value is None or value == "":
            blank.setdefault(name, None)
            return ""
        return str(value)

    return Expansion(PATTERN.sub(replace, text or ""), tuple(unknown), tuple(blank))


def first_name(name: str | None) -> str | None:
    """The first word of a full name ("Ada Lovelace" -> "Ada"); None for no name."""
    parts = (name or "").split()
    return parts[0] if parts else None
