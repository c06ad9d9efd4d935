"""Pulled rows written by app.sync.bulk: a complete wire row and one lacking columns store the same as the ORM would."""

from __future__ import annotations

from sqlalchemy import text

from app.models import Ticket
from app.sync import bulk


def _wire_ticket(ticket_id: str, number: str) -> dict:
    return {"id": ticket_id, "type": "incident", "number": number, "title": "Printer", "description": "Jammed",
            "state": "new", "is_open": True, "priority": 2, "impact": 2, "urgency": 2,
            "channel": "portal", "is_major": True, "created_at": "2026-12-01T08:00:00+00:00",
            "updated_at": "2026-12-01T09:30:00.250000+00:00", "resolved_at": None}


def test_a_complete_row_and_a_row_lacking_columns_are_written_alike(store):
    full = _wire_ticket("t-full", "INC0000001")
    for column in Ticket.__table__.columns:  # every column, as the server sends them
        if column.name not in bulk.LOCAL_ONLY and column.name not in full:
            full[column.name] = column.default.arg if getattr(column.default, "is_scalar", False) else None
    short = {k: v for k, v in _wire_ticket("t-short", "INC0000002").items() if k != "is_major"}
    with store.session() as s:
        assert bulk.upsert_rows(s, Ticket, [full, short]) == 2
    with store.session() as s:
        got = {r.id: r for r in s.execute(text(
            "SELECT id, is_major, created_at, updated_at, resolved_at, title FROM ticket WHERE id LIKE 't-%'"))}
    assert got["t-full"].is_major == 1 and got["t-short"].is_major == 0  # the column's default when it lacks it
    assert got["t-full"].created_at == "2026-12-01 08:00:00.000000" == got["t-short"].created_at
    assert got["t-full"].updated_at == "2026-12-01 09:30:00.250000" and got["t-full"].resolved_at is None
    with store.session() as s:  # an update by id keeps the row and takes the new values
        bulk.upsert_rows(s, Ticket, [{**full, "title": "Printer again"}])
    with store.session() as s:
        assert s.execute(text("SELECT title FROM ticket WHERE id = 't-full'")).scalar() == "Printer again"
