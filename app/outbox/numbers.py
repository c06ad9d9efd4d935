"""Numbers for records made on this desk: taken from the store's own sequence until the server numbers them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.models import NumberSequence
from core.numbering import first_free, number_value


def next_local_number(session: Session, prefix: str, number_column: InstrumentedAttribute) -> str:
    """The next free number of `prefix` for a record whose numbers live in `number_column` (Ticket.number,
    Change.number); the sequence starts after the highest number already in the store."""
    seq = session.get(NumberSequence, prefix)
    if seq is None:
        highest = session.scalar(select(number_column).where(number_column.like(prefix + "%"))
                                 .order_by(number_column.desc()).limit(1))
        seq = NumberSequence(prefix=prefix, next_value=(number_value(prefix, highest) or 0) + 1)
        session.add(seq)
    table = number_column.class_
    number, seq.next_value = first_free(
        prefix, seq.next_value, lambda n: session.scalar(select(table.id).where(number_column == n)) is not None)
    return number
