"""An article's fields: limits, cleaning and checking (pure functions shared by the desk and the server)."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.errors import ValidationError
from core.knowledge.workflow import CONFIDENCE_KEYS
from core.tickets.rules import clean_text

TITLE_MAX = 300
BODY_MAX = 200_000  # about 60 printed pages: an article, not a manual
KEYWORDS_MAX = 500
COMMENT_MAX = 4000
NOTE_MAX = 500
AUDIENCES = {"agents": "Agents only", "requesters": "Requesters and agents"}
FLAG_REASONS = {"wrong": "Wrong", "outdated": "Outdated", "unclear": "Unclear", "incomplete": "Incomplete"}
REVIEW_DAYS = 180  # a new article's review date: half a year out
UNUSED_DAYS = 365  # an article nobody used for this long needs review

# The fields a person edits; confidence goes through the workflow, services and CIs are id lists.
TEXT_FIELDS = ("title", "body", "keywords")
EDITABLE = ("title", "body", "keywords", "category_id", "audience", "owner_id", "review_date", "confidence",
            "service_ids", "ci_ids")
# What a create carries to the server (service_ids and ci_ids are added comma-joined).
CREATE_COLUMNS = ["id", "number", "title", "body", "keywords", "category_id", "audience", "confidence",
                  "owner_id", "review_date", "version", "created_at", "created_by"]
VERSION_COLUMNS = ["id", "article_id", "version", "title", "body", "note", "changed_by", "changed_at"]
USE_COLUMNS = ["id", "article_id", "ticket_id", "used_by", "used_at"]
FLAG_COLUMNS = ["id", "article_id", "ticket_id", "reason", "comment", "flagged_by", "flagged_at"]


def clean_keywords(value: Any) -> str:
    """Keywords as stored: comma-separated, each trimmed, lower-cased, no duplicates, in the order given."""
    text = clean_text(value, "keywords", required=False, limit=KEYWORDS_MAX * 2)
    words = [" ".join(k.split()).lower() for k in text.replace(";", ",").replace("\n", ",").split(",")]
    out = ", ".join(dict.fromkeys(w for w in words if w))
    if len(out) > KEYWORDS_MAX:
        raise ValidationError(f"Keywords are longer than {KEYWORDS_MAX} characters.", field="keywords")
    return out


def clean_field(field: str, value: Any) -> Any:
    """One field's value as stored, or ValidationError naming the field. References (category, owner,
    services, CIs) are checked for shape here and for existence by each side."""
    if field == "title":
        return clean_text(value, "title", required=True, limit=TITLE_MAX)
    if field == "body":
        return clean_text(value, "body", required=False, limit=BODY_MAX)
    if field == "keywords":
        return clean_keywords(value)
    if field == "audience":
        if value not in AUDIENCES:
            raise ValidationError("The audience is agents only or requesters.", field="audience")
        return value
    if field == "confidence":
        if value not in CONFIDENCE_KEYS:
            raise ValidationError("Unknown confidence.", field="confidence")
        return value
    if field == "review_date":
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise ValidationError("The review date is a date (YYYY-MM-DD).", field="review_date") from None
        if not isinstance(value, date):
            raise ValidationError("The review date is a date.", field="review_date")
        return value
    if field in ("category_id", "owner_id"):
        if value is not None and (not isinstance(value, str) or len(value) > 36 or not value):
            raise ValidationError(f"{field[:-3].capitalize()} must be an id.", field=field)
        return value
    if field in ("service_ids", "ci_ids"):
        ids = value.split(",") if isinstance(value, str) else value
        if ids is None:
            return ()
        if not isinstance(ids, (list, tuple, set, frozenset)) or not all(isinstance(i, str) for i in ids):
            raise ValidationError("Services and CIs are lists of ids.", field=field)
        return tuple(sorted({i for i in ids if i}))
    raise ValidationError(f"Unknown article field {str(field)[:60]}.")


def clean_article(values: dict[str, Any]) -> dict[str, Any]:
    """Every given field cleaned (see clean_field)."""
    return {f: clean_field(f, v) for f, v in values.items()}


def clean_comment(value: Any) -> str:
    return clean_text(value, "comment", required=True, limit=COMMENT_MAX).strip()


def needs_review(*, review_date: date | None, open_flags: int, last_used: date | None, created: date,
                 today: date, confidence: str) -> tuple[str, ...]:
    """Why an article needs review (empty: it does not): its review date passed, someone flagged it, or
    nobody used it for UNUSED_DAYS. Archived articles never need review."""
    if confidence == "archived":
        return ()
    why = []
    if review_date is not None and review_date <= today:
        why.append("review date passed")
    if open_flags:
        why.append("flagged")
    if (today - (last_used or created)).days >= UNUSED_DAYS:
        why.append("unused for a year")
    return tuple(why)
