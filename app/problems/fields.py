"""The desk's check of a problem-management field: its value (core.problems.rules) and what a link names."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Change, Ticket
from core.errors import ValidationError
from core.problems.rules import check_problem_target, clean_value, link_target_kind


def check_field(session: Session, field: str, value: Any) -> Any:
    """`value` cleaned; a problem or major-incident link names a ticket of that kind here, a fix change an
    existing change. Raises ValidationError naming the field otherwise."""
    value = clean_value(field, value)
    if value is None or field not in ("problem_id", "major_id", "fix_change_id"):
        return value
    if field == "fix_change_id":
        if session.scalar(select(Change.id).where(Change.id == value)) is None:
            raise ValidationError("The chosen change does not exist.", field=field)
        return value
    row = session.execute(select(Ticket.type, Ticket.is_major).where(Ticket.id == value)).first()
    if row is None:
        raise ValidationError("The linked ticket does not exist.", field=field)
    check_problem_target(link_target_kind(row.type, row.is_major), field)
    return value
