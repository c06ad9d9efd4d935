"""Field checks the ticket and change writes share: a reference field names an existing row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from core.errors import ValidationError


def check_reference(session: Session, references: Mapping[str, type[Any]], field: str, value: Any) -> str | None:
    """`value` of the reference `field` (a key of `references`, e.g. "group_id" -> Group), checked to be
    the id of an existing row; None stays None. Raises ValidationError naming the field otherwise."""
    if value is None:
        return None
    if not isinstance(value, str) or session.get(references[field], value) is None:
        raise ValidationError(f"The chosen {field[:-3].replace('_', ' ')} does not exist.", field=field)
    return value
