"""Satisfaction rules: what a CSAT answer may hold and when a ticket can be rated."""

from __future__ import annotations

from typing import Any

from core.errors import ValidationError
from core.tickets.workflow import state_label, workflow_for

# Where an answer can come from; the key is what the audit and the sync carry.
CSAT_SOURCES = {"survey": "Survey", "phone": "Phone", "mail": "Mail", "portal": "Portal", "in_person": "In person"}


CSAT_SCORES = (1, 2, 3, 4, 5)


COMMENT_MAX = 10_000


# Only a ticket whose work is done has an answer to record.
RATED_KINDS = ("resolved", "closed")


def check_csat(score: Any, source: Any, comment: Any) -> str | None:
    """Validate an answer; returns the cleaned comment (None when empty). Raises ValidationError.
    Pure: the server checks a pushed answer with the same function."""
    if isinstance(score, bool) or score not in CSAT_SCORES:
        raise ValidationError("The satisfaction score must be 1 to 5.", field="score")
    if not isinstance(source, str) or source not in CSAT_SOURCES:
        raise ValidationError("Say where the answer came from: " + ", ".join(CSAT_SOURCES.values()).lower() + ".",
                              field="source")
    if comment is None:
        return None
    if not isinstance(comment, str) or len(comment) > COMMENT_MAX:
        raise ValidationError(f"The comment must be text of at most {COMMENT_MAX} characters.", field="comment")
    comment = "".join(ch for ch in comment if ch in "\t\n\r" or 32 <= ord(ch) != 127).strip()
    return comment or None


def check_rated_state(ticket_type: str, state: str, number: str | None) -> None:
    if workflow_for(ticket_type).state(state).kind not in RATED_KINDS:
        raise ValidationError(f"Satisfaction is recorded once the work is done: {number or 'the ticket'} is "
                              f"{state_label(ticket_type, state)}, not resolved or closed.", field="score")
