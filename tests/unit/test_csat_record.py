"""The agent's Record satisfaction… on the desk: it writes the answer's columns (source, comment, time) as well
as the audit, refuses "survey" (only the requester's link makes one), and migration 0017 fills the columns of
answers recorded before them from the audit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.kpi import daily as kpi_daily
from app.models import OutboxMutation, StoreMeta, Ticket
from app.store import current_revision
from app.tickets import writes as tickets
from app.tickets.csat import csat_source, record_csat
from core.errors import ValidationError
from tests.unit.factories import path_to, required_fields
from tests.unit.test_migrations import _run_alembic


def resolved(s, me) -> str:
    t = tickets.create_ticket(s, ticket_type="incident", title="Printer", actor_id=me)
    for step in path_to("incident", "resolved"):
        tickets.update_ticket(s, ticket_id=t.id, actor_id=me,
                              changes={"state": step, **required_fields(step, "incident")})
    return t.id


def test_an_agents_answer_writes_its_columns_and_syncs_its_source(store, me):
    with store.session() as s:
        tid = resolved(s, me)
        record_csat(s, ticket_id=tid, score=4, source="phone", actor=me, comment="  Happy.\x00 ")
    with store.session() as s:
        t = s.scalar(select(Ticket).where(Ticket.id == tid))
        assert (t.csat_score, t.csat_source, t.csat_comment) == (4, "phone", "Happy.")
        assert t.csat_at is not None
        source, comment, at = csat_source(s, tid)
        assert (source, comment, at) == ("phone", "Happy.", t.csat_at)
        payload = json.loads(s.scalars(select(OutboxMutation.payload).where(OutboxMutation.entity_id == tid)
                                       .order_by(OutboxMutation.seq.desc())).first())
        assert payload["csat"] == {"source": "phone", "comment": "Happy."}


def test_an_agent_cannot_record_a_survey_answer(store, me):
    with store.session() as s:
        tid = resolved(s, me)
        with pytest.raises(ValidationError, match="survey link only") as exc:
            record_csat(s, ticket_id=tid, score=5, source="survey", actor=me)
        assert exc.value.field == "source"
        assert s.scalar(select(Ticket.csat_score).where(Ticket.id == tid)) is None


def test_an_agent_cannot_overwrite_the_requesters_survey_answer(store, me):
    with store.session() as s:
        tid = resolved(s, me)
        t = s.scalar(select(Ticket).where(Ticket.id == tid))
        t.csat_score, t.csat_source = 1, "survey"   # as a pull writes it
    with store.session() as s, pytest.raises(ValidationError, match="their answer stands"):
        record_csat(s, ticket_id=tid, score=5, source="phone", actor=me)
    with store.session() as s:
        assert s.execute(select(Ticket.csat_score, Ticket.csat_source).where(Ticket.id == tid)).one() == (1, "survey")


def test_migration_0017_fills_the_columns_from_the_audit_and_rebuilds_the_figures(store, me):
    with store.session() as s:
        first, second, none = resolved(s, me), resolved(s, me), resolved(s, me)
        record_csat(s, ticket_id=first, score=2, source="mail", actor=me, comment="Slow")
        record_csat(s, ticket_id=second, score=5, source="in_person", actor=me)
        record_csat(s, ticket_id=first, score=3, source="phone", actor=me, comment="Better now")
        kpi_daily.rebuild(s)
    _run_alembic(store.engine, "downgrade", "0016")
    with store.engine.begin() as conn:  # as 0016 left them: the answer's source only in the audit
        conn.execute(text("UPDATE ticket SET csat_source = NULL, csat_comment = NULL, csat_at = NULL"))
    _run_alembic(store.engine, "upgrade", "head")
    assert current_revision(store.engine) >= "0017"
    with store.session() as s:
        rows = {t.id: (t.csat_score, t.csat_source, t.csat_comment, t.csat_at is not None)
                for t in s.scalars(select(Ticket))}
        assert rows[first] == (3, "phone", "Better now", True)   # the latest answer, not the first
        assert rows[second] == (5, "in_person", None, True)
        assert rows[none] == (None, None, None, False)
        assert s.scalar(select(StoreMeta.value).where(StoreMeta.key == "kpi_daily")) is None  # rebuilt when shown
