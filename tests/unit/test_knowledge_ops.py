"""Knowledge operations on a real store: create, versions and diff, KCS moves, reuse, flags, audit and outbox."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.knowledge import ops, queries
from app.models import Article, ArticleUse, ArticleVersion, AuditEvent, OutboxMutation, Service
from app.tickets import writes as tickets
from core.errors import StaleEditError, TransitionError, ValidationError
from tests.unit.factories import RESOLUTION, ticket_in_state


def _outbox(s, entity):
    return [(m.op, json.loads(m.payload)) for m in s.scalars(
        select(OutboxMutation).where(OutboxMutation.entity == entity).order_by(OutboxMutation.seq))]


def test_create_numbers_versions_audits_and_queues(store, me):
    with store.session() as s:
        service = Service(name="VPN")
        s.add(service)
        s.flush()
        d = ops.new_article(s, values={"title": "Reset the VPN client", "body": "1. Quit\n2. Start",
                                       "keywords": "VPN, AnyConnect", "service_ids": [service.id]}, actor_id=me)
    assert d.number == "KB0000001" and d.confidence == "wip" and d.version == 1 and d.owner_id == me
    assert d.service_ids == (service.id,) and d.keywords == "vpn, anyconnect"
    assert d.review_date == date.today() + timedelta(days=180)
    with store.session() as s:
        creates = _outbox(s, "article")
        assert creates[0][0] == "create" and creates[0][1]["row"]["service_ids"] == service.id
        assert _outbox(s, "article_version")[0][1]["row"]["version"] == 1
        assert s.scalar(select(AuditEvent.new_value).where(AuditEvent.entity_id == d.id,
                                                           AuditEvent.field == "created")) == "KB0000001"


def test_a_text_edit_makes_a_version_and_a_diff(store, me):
    with store.session() as s:
        d = ops.new_article(s, values={"title": "Printer jam", "body": "Open the tray.\nPull the paper."},
                            actor_id=me)
    with store.session() as s:
        d2 = ops.save_article(s, article_id=d.id, changes={"body": "Open the tray.\nPull the paper slowly.\nClose."},
                              note="slower", actor_id=me, expected_updated_at=d.updated_at)
        assert d2.version == 2 and [v.version for v in d2.versions] == [2, 1] and d2.versions[0].note == "slower"
        # Keywords only: no new version.
        assert ops.save_article(s, article_id=d.id, changes={"keywords": "paper"}, actor_id=me).version == 2
        diff = queries.version_diff(s, article_id=d.id, old=1, new=2)
    kinds = [(line.kind, line.text) for line in diff.lines]
    assert ("-", "Pull the paper.") in kinds and ("+", "Pull the paper slowly.") in kinds and ("+", "Close.") in kinds
    assert (" ", "Open the tray.") in kinds
    with store.session() as s:
        with pytest.raises(StaleEditError):
            ops.save_article(s, article_id=d.id, changes={"title": "x"}, actor_id=me,
                             expected_updated_at=d.updated_at)
        update = _outbox(s, "article")[-1]
        assert update[0] == "update" and update[1]["fields"]["keywords"] == {"base": "", "new": "paper"}


def test_confidence_follows_the_kcs_workflow(store, me):
    with store.session() as s:
        d = ops.new_article(s, values={"title": "Outlook profile"}, actor_id=me)
        with pytest.raises(TransitionError):
            ops.set_confidence(s, article_id=d.id, confidence="validated", actor_id=me)
    with store.session() as s:
        for target in ("not_validated", "validated", "archived", "wip"):
            assert ops.set_confidence(s, article_id=d.id, confidence=target, actor_id=me).confidence == target
    with store.session() as s, pytest.raises(ValidationError, match="starts as"):
        ops.new_article(s, values={"title": "x", "confidence": "validated"}, actor_id=me)


def test_nothing_is_stored_on_a_refused_edit(store, me):
    with store.session() as s:
        d = ops.new_article(s, values={"title": "Keep me"}, actor_id=me)
    with store.session() as s:
        before = s.scalar(select(func.count()).select_from(OutboxMutation))
    with pytest.raises(ValidationError), store.session() as s:
        ops.save_article(s, article_id=d.id, changes={"title": "New", "category_id": "no-such"}, actor_id=me)
    with store.session() as s:
        assert s.scalar(select(Article.title).where(Article.id == d.id)) == "Keep me"
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == before


def test_this_solved_it_counts_once_per_ticket(store, me):
    with store.session() as s:
        d = ops.new_article(s, values={"title": "Password reset"}, actor_id=me)
        t = tickets.create_ticket(s, ticket_type="incident", title="Locked out", actor_id=me)
        assert ops.mark_solved(s, article_id=d.id, ticket_id=t.id, actor_id=me) is True
        assert ops.mark_solved(s, article_id=d.id, ticket_id=t.id, actor_id=me) is False
        detail = queries.article_detail(s, article_id=d.id)
    assert detail.use_count == 1 and detail.last_used_at is not None and detail.used_on_tickets == (t.number,)
    with store.session() as s:
        assert [op for op, _ in _outbox(s, "article_use")] == ["append"]


def test_flag_from_a_ticket_and_settle(store, me):
    with store.session() as s:
        d = ops.new_article(s, values={"title": "Map a drive"}, actor_id=me)
        t = tickets.create_ticket(s, ticket_type="incident", title="No drive", actor_id=me)
        with pytest.raises(ValidationError):
            ops.flag_from_ticket(s, article_id=d.id, ticket_id=t.id, reason="wrong", comment="  ", actor_id=me)
    with store.session() as s:
        flagged = ops.flag_from_ticket(s, article_id=d.id, ticket_id=t.id, reason="wrong",
                                       comment="The share moved to \\\\files2", actor_id=me)
    assert flagged.open_flags == 1 and "flagged" in flagged.review_reasons
    assert flagged.flags[0].ticket_number == t.number and flagged.flags[0].comment.endswith("files2")
    with store.session() as s:
        settled = ops.settle_flags(s, article_id=d.id, actor_id=me)
    assert settled.open_flags == 0 and len(settled.flags) == 1 and "flagged" not in settled.review_reasons


def test_capture_from_a_resolved_ticket(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me, description="The tunnel drops at :00")
        d = ops.create_article_from_ticket(s, ticket_id=t.id, actor_id=me)
    assert d.title == "incident to resolved" and RESOLUTION["resolution_notes"] in d.body
    assert "The tunnel drops" in d.body and d.confidence == "wip" and d.use_count == 1
    assert d.versions[0].note == f"From {t.number}"
    with store.session() as s:
        t2 = tickets.create_ticket(s, ticket_type="incident", title="Open", actor_id=me)
        with pytest.raises(Exception, match="no resolution notes"):
            ops.create_article_from_ticket(s, ticket_id=t2.id, actor_id=me)


def test_create_article_from_prefilled_text(store, me):
    with store.session() as s:
        d = ops.create_article_from(s, title="Known error: SAP login loops", body="Workaround: clear cookies",
                                    source="From PRB0000003", actor_id=me)
        assert s.scalar(select(func.count()).select_from(ArticleUse)) == 0
        assert s.scalar(select(ArticleVersion.note).where(ArticleVersion.article_id == d.id)) == "From PRB0000003"
    assert d.confidence == "wip" and d.body == "Workaround: clear cookies"
