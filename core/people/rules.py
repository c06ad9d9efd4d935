"""A person's directory fields: cleaning and checking them, and the words a caller lookup matches (pure functions)."""
# Shared by the desk (its operations) and the server (what a push may write), so both refuse the same input
# with the same words.
#
# A person's site is the name of a Site row (migration 0024; core.people.reference_rules checks sites): callers
# are filtered and found by it as text, and a caller typed with a new site makes that site's row in the same
# operation (app.people.reference_ops.ensure_sites).

from __future__ import annotations

import re
import unicodedata
from typing import Any

from core.errors import ValidationError

# The fields a desk may write on a person, with their longest value (the schema's column sizes).
TEXT_FIELDS = {"name": 200, "email": 320, "phone": 40, "site": 200, "department": 200, "language": 12}
FLAG_FIELDS = ("vip", "active", "is_agent")
EDITABLE = (*TEXT_FIELDS, *FLAG_FIELDS)

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,40}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_WORD = re.compile(r"\w+", re.UNICODE)


class PersonInvalid(ValidationError):
    """A directory value that cannot be stored; `field` names the input to show it under."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PersonInvalid("A text value was expected.")
    # Control characters (a pasted NUL, a bidi override) never belong in a name or a number. A printable text
    # has none (the common case: checked in C, not character by character here).
    cleaned = value if value.isprintable() else "".join(c for c in value if unicodedata.category(c)[0] != "C")
    return " ".join(cleaned.split())


def clean_person(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The values cleaned and checked: text trimmed (empty becomes None), flags as bools, email lower-cased.
    Raises PersonInvalid on the first problem. `partial`: an edit, so a missing name is not an error."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise PersonInvalid("Unknown field(s): {}.".format(", ".join(sorted(unknown))))
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field in FLAG_FIELDS:
            if not isinstance(value, bool):
                raise PersonInvalid("{} is yes or no.".format(field.replace("_", " ").capitalize()), field)
            out[field] = value
            continue
        text = _text(value)
        limit = TEXT_FIELDS[field]
        if len(text) > limit:
            raise PersonInvalid(f"{field.capitalize()} is longer than {limit} characters.", field)
        out[field] = text or None
    if ("name" in out or not partial) and not out.get("name"):
        raise PersonInvalid("A person needs a name.", "name")
    email = out.get("email")
    if email:
        if not _EMAIL.match(email):
            raise PersonInvalid(f"This is not an e-mail address: {email}", "email")
        out["email"] = email.lower()
    phone = out.get("phone")
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
        raise PersonInvalid("A phone number has digits, spaces and + ( ) . - only.", "phone")
    language = out.get("language")
    if language:
        if not _LANGUAGE.match(language):
            raise PersonInvalid("A language is a code such as en, de or fr-CA.", "language")
        head, _, tail = language.partition("-")
        out["language"] = head.lower() + ("-" + tail.upper() if tail else "")
    return out


def guess_fields(typed: str) -> dict[str, str]:
    """What a caller lookup's text probably is, to start a New caller form with: an e-mail, a phone number
    or a name."""
    typed = " ".join(typed.split())
    if not typed:
        return {}
    if "@" in typed:
        return {"email": typed}
    if _PHONE.match(typed) and sum(c.isdigit() for c in typed) >= 3:
        return {"phone": typed}
    return {"name": typed}


def lookup_words(typed: str, *, limit: int = 6) -> list[str]:
    """The words of a lookup, folded like the search index folds them (lower case, no accents), in typed
    order (a number typed in pieces is joined back in that order)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", typed.lower()) if not unicodedata.combining(c))
    words = _WORD.findall(folded.replace("_", " "))
    unique = list(dict.fromkeys(w for w in words if w))
    return unique[:limit]


def match_expression(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a prefix. Words come from lookup_words (letters and digits
    only), and each is quoted, so no typed text is ever read as query syntax. A number typed in pieces
    ("7946 0123", "+44 20 7946") also matches as its digits run together (the index holds a phone both ways)."""
    each = " AND ".join(f'"{w}"*' for w in words)
    if len(words) > 1 and all(w.isdigit() for w in words):
        return '"{}"* OR ({})'.format("".join(words), each)
    return each


def rank_key(name: str, email: str | None, words: list[str]) -> tuple:
    """Order candidates: a name starting with the longest word, then a name word starting with it, then the
    rest; by name within each."""
    low = name.lower()
    first = max(words, key=len) if words else ""
    starts = low.startswith(first)
    word_start = any(w.startswith(first) for w in _WORD.findall(low))
    return (not starts, not word_start, low, (email or ""))
