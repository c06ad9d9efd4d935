"""The server's record numbers: a desk's proposed number is kept when well-formed and free, else the next one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from core.numbering import first_free, number_value
from server.models import NumberCounter


def assign_number(session: Session, prefix: str, number_column: InstrumentedAttribute, proposed: Any) -> str:
    """Keep the client's proposed number when it is well-formed and free, else give the next free one."""
    counter = session.get(NumberCounter, prefix)
    if counter is None:
        counter = NumberCounter(prefix=prefix, next_value=1)
        session.add(counter)
    table = number_column.class_

    def taken(number: str) -> bool:
        return session.scalar(select(table.id).where(number_column == number)) is not None

    value = number_value(prefix, proposed)
    if value is not None and not taken(proposed):
        counter.next_value = max(counter.next_value, value + 1)
        return proposed
    number, counter.next_value = first_free(prefix, counter.next_value, taken)  # a kept desk number may sit ahead
    return number
