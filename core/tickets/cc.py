"""The addresses copied (CC) on a ticket's mail: one rule for the desk's editor, the server's validation,
mail out and mail in.

Stored form: plain addr-specs (no display names), the domain in lower case (an international domain in its
ASCII "xn--" form), no duplicates (compared without case), at most CC_MAX, joined by ", ". An address is
usable under the same rule as the server's outgoing mail (server.mail.compose.valid_address): a dot-atom
local part and a host name, nothing that needs quoting, at most 254 characters. Anything else is refused
with a message naming it, never silently dropped: a CR or LF cannot reach a header through here."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from core.errors import ValidationError

CC_MAX = 20
ADDRESS_MAX = 254
SEPARATOR = ", "
FIELD = "cc"

# A deliberately plain addr-spec: dot-atom local part, a host name; nothing that needs quoting.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                      r"@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
_SHOWN_MAX = 60


def plain_address(value: str | None) -> str | None:
    """The address as given if it is a plain addr-spec of at most 254 characters, else None (no change of
    case or form: server.mail.compose.valid_address is this)."""
    value = (value or "").strip()
    return value if len(value) <= ADDRESS_MAX and _ADDRESS.fullmatch(value) else None


def normal_address(value: str) -> str | None:
    """One address in its stored form (domain lower case, an international domain as ASCII), or None when
    it is not usable. Only a domain is converted: a local part must be plain ASCII already."""
    value = value.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        return None
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return plain_address(f"{local}@{domain.lower()}")


def split_entries(text: str) -> list[str]:
    """The entries of a typed list: separated by commas, semicolons or line ends outside double quotes
    and angle brackets (so `"Smith, Ann" <ann@example.org>` is one entry). Empty entries are skipped."""
    entries: list[str] = []
    current: list[str] = []
    quoted = angle = False
    for ch in text:
        if ch == '"' and not angle:
            quoted = not quoted
        elif ch == "<" and not quoted:
            angle = True
        elif ch == ">" and not quoted:
            angle = False
        if ch in ",;\r\n\u2028\u2029" and not quoted and not angle:
            entries.append("".join(current))
            current = []
        else:
            current.append(ch)
    entries.append("".join(current))
    return [e.strip() for e in entries if e.strip()]


def _addr_spec(entry: str) -> str:
    """The address of one entry: `Name <addr>` gives addr, a bare entry is the address itself."""
    match = re.fullmatch(r'(?s)(?:"(?:[^"\\]|\\.)*"|[^<>"]*)\s*<([^<>]*)>', entry)
    return match.group(1) if match else entry


def _shown(entry: str) -> str:
    """An entry made safe to quote in a message: controls shown as spaces, cut to a readable length."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in entry)
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX - 1] + "…"


def parse_cc(value: Any) -> list[str]:
    """The stored addresses of a CC value (text as typed or stored; None or blank: none). Raises
    ValidationError naming the first unusable entry, or when there are more than CC_MAX addresses."""
    if value is None:
        return []
    if not isinstance(value, str):
        raise ValidationError("CC must be text: mail addresses separated by commas.", field=FIELD)
    out: dict[str, str] = {}
    for entry in split_entries(value):
        address = normal_address(_addr_spec(entry))
        if address is None:
            raise ValidationError(f"CC: \u201c{_shown(entry)}\u201d is not a usable mail address "
                                  "(write name@example.org; separate addresses with commas).", field=FIELD)
        out.setdefault(address.lower(), address)
    if len(out) > CC_MAX:
        raise ValidationError(f"CC: at most {CC_MAX} addresses ({len(out)} given).", field=FIELD)
    return list(out.values())


def clean_cc(value: Any) -> str | None:
    """The stored form of a CC value: the addresses joined by ", ", or None for none. Raises as parse_cc."""
    return SEPARATOR.join(parse_cc(value)) or None


def cc_addresses(stored: str | None) -> list[str]:
    """The usable addresses of a stored value, skipping any that is not (mail out: an unusable CC never
    blocks the requester's mail; a value written before the rule, or by hand in the database)."""
    out: dict[str, str] = {}
    for entry in split_entries(stored or ""):
        address = normal_address(_addr_spec(entry))
        if address is not None:
            out.setdefault(address.lower(), address)
    return list(out.values())[:CC_MAX]
