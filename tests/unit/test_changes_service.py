"""Change use-cases through the services: create, edit, risk override, every transition path, freezes,
CAB approvals, ticket links, stale edits, and the audit and outbox rows each writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.changes import links as change_links
from app.changes import windows as schedule_windows
from app.changes import writes as changes
from app.changes.detail import change_detail
from app.models import ChangeTemplate, ConfigurationItem, Group, Person, Service
from app.tickets import writes as tickets
from core.changes.workflow import CHANGE_WORKFLOWS
from core.errors import StaleEditError, TransitionError, ValidationError
from core.schema import utcnow
from tests.unit.factories import audit, journal_counts, outbox


@dataclass(frozen=True)
class Cmdb:
    me: str
    cab: str
    group: str
    outsider: str
    service: str
    db: str
    web: str
    template: str


@pytest.fixture
def cmdb(store, me):
    with store.session() as s:
        cab = Person(name="Carla CAB", is_agent=True)
        outsider = Person(name="Olli Outside", is_agent=True)
        group = Group(name="Platform")
        service = Service(name="Payments")
        s.add_all([cab, outsider, group, service])
        s.flush()
        group.members.extend([s.get(Person, me), cab])
        db = ConfigurationItem(name="pay-db-01", criticality=1, service_id=service.id)
        s.add(db)
        s.flush()
        web = ConfigurationItem(name="pay-web-01", criticality=3, parent_id=db.id)
        tpl = ChangeTemplate(name="Restart web tier", implementation_plan="Restart one node at a time.",
                             backout_plan="Start the old node.", test_plan="Health check.", duration_minutes=30)
        s.add_all([web, tpl])
        s.flush()
        return Cmdb(me, cab.id, group.id, outsider.id, service.id, db.id, web.id, tpl.id)


def _soon(days: int = 10, hour: int = 10) -> datetime:
    return (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _walk(s, change, me, *states, **kw):
    for st in states:
        if st == "scheduled" and change.change_type == "normal" and change.state == "authorize":
            change_links.record_approval(s, change_id=change.id, decision="approved", actor_id=me, cab_group="Platform")
        changes.transition_change(s, change_id=change.id, target=st, actor_id=me, **kw)


def test_create_numbers_proposes_risk_and_journals(store, cmdb):
    with store.session() as s:
        a = changes.create_change(s, change_type="normal", title=" Upgrade DB ", actor_id=cmdb.me,
                                  ci_ids=[cmdb.db], planned_start=_soon(2, 0) + timedelta(hours=12),
                                  planned_end=_soon(2, 0) + timedelta(hours=14))
        b = changes.create_change(s, change_type="emergency", title="Hotfix", actor_id=cmdb.me)
        assert (a.number, b.number) == ("CHG000001", "CHG000002")
        assert a.title == "Upgrade DB" and a.state == "new"
        # criticality 1 (+2) and a lead time under 5 days (+1, 1.5 to 2.5 days at any time of day): moderate
        assert (a.risk, a.risk_proposed, a.risk_overridden) == ("moderate", "moderate", False)
        assert [ci.id for ci in a.cis] == [cmdb.db]
        rows = outbox(s, a.id)
        assert [(e, op) for _, e, op, _ in rows] == [("change", "create")]
        assert rows[0][3]["row"]["number"] == "CHG000001" and rows[0][3]["row"]["ci_ids"] == cmdb.db
        assert [ev.field for ev in audit(s, a.id)] == ["created"]


def test_standard_change_needs_a_template_and_copies_its_plans(store, cmdb):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            changes.create_change(s, change_type="standard", title="x", actor_id=cmdb.me)
        assert err.value.field == "template_id"
        start = _soon()
        c = changes.create_change(s, change_type="standard", title="Restart", actor_id=cmdb.me,
                                  template_id=cmdb.template, planned_start=start)
        assert c.implementation_plan == "Restart one node at a time."
        assert c.planned_end == start + timedelta(minutes=30)
        with pytest.raises(ValidationError):
            changes.create_change(s, change_type="normal", title="x", actor_id=cmdb.me, template_id=cmdb.template)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"change_type": "sideways"}, "change_type"),
    ({"title": "  "}, "title"),
    ({"ci_ids": ["nope"]}, "ci_ids"),
    ({"planned_start": datetime(2030, 1, 1)}, "planned_start"),
    ({"planned_start": datetime(2030, 1, 2, tzinfo=UTC),
      "planned_end": datetime(2030, 1, 1, tzinfo=UTC)}, "planned_end"),
    ({"risk": "extreme"}, "risk"),
    ({"risk": "high"}, "risk_reason"),
])
def test_create_refuses_bad_input_and_writes_nothing(store, cmdb, kwargs, field):
    args = {"change_type": "normal", "title": "ok", **kwargs}
    with store.session() as s:
        before = journal_counts(s)
        with pytest.raises(ValidationError) as err:
            changes.create_change(s, actor_id=cmdb.me, **args)
        assert err.value.field == field
        assert journal_counts(s) == before
        assert s.execute(text("SELECT count(*) FROM change")).scalar_one() == 0


def test_assignee_must_be_in_the_group(store, cmdb):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            changes.create_change(s, change_type="normal", title="x", actor_id=cmdb.me, group_id=cmdb.group,
                                  assignee_id=cmdb.outsider)
        assert err.value.field == "assignee_id"


def test_edit_writes_one_outbox_update_with_base_and_new(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me)
        done = changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={
            "title": "t2", "backout_plan": "undo", "ci_ids": [cmdb.web, cmdb.db]})
        assert set(done) >= {"title", "backout_plan", "ci_ids"}
        rows = outbox(s, c.id)
        assert [op for *_, op, _ in rows] == ["create", "update"]
        fields = rows[1][3]["fields"]
        assert fields["title"] == {"base": "t", "new": "t2"}
        assert fields["ci_ids"] == {"base": "", "new": ",".join(sorted([cmdb.web, cmdb.db]))}
        # The CIs raised the proposal (criticality 1), and the proposal change rides in the same mutation.
        assert fields["risk"]["new"] == c.risk
        assert sorted(ci.id for ci in c.cis) == sorted([cmdb.web, cmdb.db])
        assert changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"title": "t2"}) == {}
        assert len(outbox(s, c.id)) == 2


def test_stale_edit_is_refused(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me)
        seen = c.updated_at
        changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"title": "other desk"})
        before = journal_counts(s)
        with pytest.raises(StaleEditError):
            changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"title": "mine"},
                                  expected_updated_at=seen)
        with pytest.raises(StaleEditError):
            changes.transition_change(s, change_id=c.id, target="assess", actor_id=cmdb.me, expected_updated_at=seen)
        assert journal_counts(s) == before and c.title == "other desk"


def test_risk_override_needs_a_reason_is_audited_and_can_be_cleared(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me, planned_start=_soon(20))
        assert c.risk == "low"
        with pytest.raises(ValidationError) as err:
            changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"risk": "high"})
        assert err.value.field == "risk_reason"
        changes.update_change(s, change_id=c.id, actor_id=cmdb.me,
                              changes={"risk": "high", "risk_reason": "Vendor firmware is new"})
        assert (c.risk, c.risk_proposed, c.risk_overridden, c.risk_reason) == \
            ("high", "low", True, "Vendor firmware is new")
        trail = {ev.field: (ev.old_value, ev.new_value) for ev in audit(s, c.id)}
        assert trail["risk"] == ("low", "high") and trail["risk_reason"] == (None, "Vendor firmware is new")
        assert trail["risk_overridden"] == ("false", "true")
        # A later move re-proposes but keeps the override.
        changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"ci_ids": [cmdb.db]})
        assert (c.risk, c.risk_overridden) == ("high", True)
        changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={}, clear_override=True)
        assert (c.risk, c.risk_overridden, c.risk_reason) == (c.risk_proposed, False, None)
        detail = change_detail(s, change_id=c.id)
        assert any("criticality 1" in r for r in detail.risk_reasons)


def _paths():
    """Every allowed move of every change type, as (type, path to the source state, target)."""
    out = []
    for ctype, wf in CHANGE_WORKFLOWS.items():
        seen = {wf.initial: []}
        todo = [wf.initial]
        while todo:
            cur = todo.pop(0)
            for nxt in wf.allowed(cur):
                out.append((ctype, seen[cur], nxt))
                if nxt not in seen:
                    seen[nxt] = seen[cur] + [nxt]
                    todo.append(nxt)
    return out


@pytest.mark.parametrize(("ctype", "path", "target"), _paths())
def test_every_allowed_transition_through_the_service(store, cmdb, ctype, path, target):
    with store.session() as s:
        kw = {"template_id": cmdb.template} if ctype == "standard" else {}
        c = changes.create_change(s, change_type=ctype, title="walk", actor_id=cmdb.me, planned_start=_soon(),
                                  planned_end=_soon() + timedelta(hours=1), **kw)
        _walk(s, c, cmdb.me, *path, outcome="successful", close_notes="Went fine.")
        if target == "scheduled" and ctype == "normal":
            change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cmdb.cab,
                                         cab_group="Platform")
        before = len(outbox(s, c.id))
        changes.transition_change(s, change_id=c.id, target=target, actor_id=cmdb.me,
                                  outcome="successful" if target == "closed" else None, close_notes="Went fine.")
        assert c.state == target
        assert len(outbox(s, c.id)) == before + 1
        if target == "implement":
            assert c.actual_start is not None
        if target in ("closed", "canceled"):
            assert c.closed_at is not None
            with pytest.raises(ValidationError):
                changes.update_change(s, change_id=c.id, actor_id=cmdb.me, changes={"title": "late"})


def test_disallowed_transition_is_clear_and_changes_nothing(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me)
        before = journal_counts(s)
        with pytest.raises(TransitionError, match="cannot move from New to Implement"):
            changes.transition_change(s, change_id=c.id, target="implement", actor_id=cmdb.me)
        assert c.state == "new" and journal_counts(s) == before


def test_normal_change_needs_every_approval_and_close_needs_an_outcome(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me, planned_start=_soon(),
                                  planned_end=_soon() + timedelta(hours=2))
        _walk(s, c, cmdb.me, "assess", "authorize")
        with pytest.raises(TransitionError, match="needs CAB approval"):
            changes.transition_change(s, change_id=c.id, target="scheduled", actor_id=cmdb.me)
        change_links.record_approval(s, change_id=c.id, decision="rejected",
                                  comment="Not in Q4", actor_id=cmdb.cab, cab_group="Platform")
        with pytest.raises(TransitionError, match="1 rejected"):
            changes.transition_change(s, change_id=c.id, target="scheduled", actor_id=cmdb.me)
        change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cmdb.cab, cab_group="Platform")
        changes.transition_change(s, change_id=c.id, target="scheduled", actor_id=cmdb.me)
        _walk(s, c, cmdb.me, "implement", "review")
        assert c.actual_end > c.actual_start
        with pytest.raises(TransitionError) as err:
            changes.close_change(s, change_id=c.id, outcome="meh", actor_id=cmdb.me)
        assert err.value.field == "outcome"
        changes.close_change(s, change_id=c.id, outcome="backed_out", close_notes="Rolled back", actor_id=cmdb.me)
        assert (c.state, c.outcome, c.close_notes) == ("closed", "backed_out", "Rolled back")
        entities = [(e, op) for _, e, op, _ in outbox(s)]
        assert entities.count(("cab_approval", "append")) == 2
        detail = change_detail(s, change_id=c.id)
        assert [a.decision for a in detail.approvals] == ["rejected", "approved"]
        assert detail.approval_summary == "1 approved"


def test_rejection_needs_a_comment(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me)
        with pytest.raises(ValidationError) as err:
            change_links.record_approval(s, change_id=c.id, decision="rejected",
                                      actor_id=cmdb.cab, cab_group="Platform")
        assert err.value.field == "comment"


def _freeze(s, cmdb, start: datetime, *, blocking=True, everything=False):
    return schedule_windows.save_window(
        s, kind="blackout", name="Year-end freeze", start_local=start.replace(tzinfo=None), duration_minutes=60 * 48,
        tz="UTC", everything=everything, service_ids=() if everything else (cmdb.service,), blocking=blocking)


def test_blocking_freeze_stops_scheduling_and_names_the_window(store, cmdb):
    with store.session() as s:
        start = _soon(15)
        _freeze(s, cmdb, start - timedelta(hours=1))
        c = changes.create_change(s, change_type="emergency", title="t", actor_id=cmdb.me, ci_ids=[cmdb.db],
                                  planned_start=start, planned_end=start + timedelta(hours=1))
        _walk(s, c, cmdb.me, "authorize")
        before = journal_counts(s)
        with pytest.raises(TransitionError, match='freeze window "Year-end freeze"') as err:
            changes.transition_change(s, change_id=c.id, target="scheduled", actor_id=cmdb.me)
        assert c.number in str(err.value) and c.id not in str(err.value)
        assert c.state == "authorize" and journal_counts(s) == before
        # Outside the freeze it schedules; moving it back into the freeze is refused too.
        changes.update_change(s, change_id=c.id, actor_id=cmdb.me,
                              changes={"planned_start": start + timedelta(days=3),
                                       "planned_end": start + timedelta(days=3, hours=1)})
        changes.transition_change(s, change_id=c.id, target="scheduled", actor_id=cmdb.me)
        with pytest.raises(TransitionError, match="Year-end freeze"):
            changes.update_change(s, change_id=c.id, actor_id=cmdb.me,
                                  changes={"planned_start": start, "planned_end": start + timedelta(hours=1)})


def test_warning_blackout_does_not_block(store, cmdb):
    with store.session() as s:
        start = _soon(15)
        _freeze(s, cmdb, start - timedelta(hours=1), blocking=False, everything=True)
        c = changes.create_change(s, change_type="emergency", title="t", actor_id=cmdb.me, ci_ids=[cmdb.db],
                                  planned_start=start, planned_end=start + timedelta(hours=1))
        _walk(s, c, cmdb.me, "authorize", "scheduled")
        assert c.state == "scheduled"


def test_link_and_unlink_tickets(store, cmdb):
    with store.session() as s:
        c = changes.create_change(s, change_type="normal", title="t", actor_id=cmdb.me)
        inc = tickets.create_ticket(s, ticket_type="incident", title="down", actor_id=cmdb.me)
        req = tickets.create_ticket(s, ticket_type="service_request", title="mouse", actor_id=cmdb.me)
        link = change_links.link_ticket(s, change_id=c.id, ticket_number=inc.number.lower(), kind="fixes",
                                        actor_id=cmdb.me)
        with pytest.raises(ValidationError, match="already linked"):
            change_links.link_ticket(s, change_id=c.id, ticket_number=inc.number, actor_id=cmdb.me)
        with pytest.raises(ValidationError, match="service request"):
            change_links.link_ticket(s, change_id=c.id, ticket_number=req.number, actor_id=cmdb.me)
        with pytest.raises(ValidationError, match="No ticket"):
            change_links.link_ticket(s, change_id=c.id, ticket_number="INC9", actor_id=cmdb.me)
        detail = change_detail(s, change_id=c.id)
        assert [(x.ticket_number, x.kind_label) for x in detail.links] == [(inc.number, "Fixes")]
        change_links.unlink_ticket(s, link_id=link.id, actor_id=cmdb.me)
        assert change_detail(s, change_id=c.id).links == ()
        ops = [(e, op) for _, e, op, _ in outbox(s) if e == "change_link"]
        assert ops == [("change_link", "append"), ("change_link", "delete")]
        assert "Change " + c.number in [ev.new_value for ev in audit(s, inc.id)]
