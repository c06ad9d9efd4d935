"""Problem management on a real store: the problem lifecycle and its fields, linking incidents (bulk, with
undo), a problem from incidents, publishing a workaround and taking it back, resolving the linked incidents,
similar incidents, known-error matches, major incidents and their communication log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import ConfigurationItem, OutboxMutation, Service, Ticket, WorklogEntry
from app.problems import ops, queries
from app.problems.similar import similar_incidents
from app.tickets import writes as tickets
from core.errors import TransitionError, ValidationError
from core.schema import utcnow
from tests.unit.factories import RESOLUTION, outbox, ticket_in_state


def _ci(s, name):
    ci = ConfigurationItem(name=name)
    s.add(ci)
    s.flush()
    return ci.id


def _incident(s, me, title, **fields):
    return tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me, **fields)


def _problem(s, me, title="Mail queue stalls", **fields):
    return tickets.create_ticket(s, ticket_type="problem", title=title, actor_id=me, **fields)


def test_problem_walks_its_lifecycle_and_refuses_a_skipped_step(store, me):
    with store.session() as s:
        p = _problem(s, me)
        with pytest.raises(TransitionError, match="cannot move from New to Resolved"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": "resolved", **RESOLUTION})
        for state in ("assess", "root_cause_analysis", "fix_in_progress"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": state})
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": "resolved", **RESOLUTION})
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": "closed"})
        assert (p.state, p.is_open) == ("closed", False)
        with pytest.raises(ValidationError, match="final"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"root_cause": "late finding"})


def test_known_error_needs_a_workaround_and_records_when_it_became_one(store, me):
    with store.session() as s:
        p = _problem(s, me)
        with pytest.raises(ValidationError, match="workaround"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"known_error": True})
        assert p.known_error is False and p.known_error_at is None
        done = tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={
            "known_error": True, "workaround": "Restart the relay service.", "root_cause": "Leaking handles",
            "cause_code": "software_defect"})
        assert p.known_error and p.known_error_at is not None and "known_error_at" in done
        with pytest.raises(ValidationError, match="keeps its workaround"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"workaround": " "})
        with pytest.raises(ValidationError, match="cause code"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"cause_code": "gremlins"})
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"known_error": False})
        assert p.known_error_at is None
        sent = [m[3] for m in outbox(s, p.id) if m[2] == "update"]
        assert any("known_error" in m["fields"] and "known_error_at" in m["fields"] for m in sent)


def test_problem_fields_belong_to_problems_and_links_to_the_right_kind(store, me):
    with store.session() as s:
        inc = _incident(s, me, "Printer offline")
        other = _incident(s, me, "Scanner offline")
        p = _problem(s, me)
        with pytest.raises(ValidationError, match="Only a problem"):
            tickets.update_ticket(s, ticket_id=inc.id, actor_id=me, changes={"workaround": "x"})
        with pytest.raises(ValidationError, match="Only an incident"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"problem_id": p.id})
        with pytest.raises(ValidationError, match="links to a problem"):
            tickets.update_ticket(s, ticket_id=inc.id, actor_id=me, changes={"problem_id": other.id})
        with pytest.raises(ValidationError, match="does not exist"):
            tickets.update_ticket(s, ticket_id=inc.id, actor_id=me, changes={"problem_id": "no-such-id"})
        with pytest.raises(ValidationError, match="on create"):
            tickets.create_ticket(s, ticket_type="problem", title="x", actor_id=me, workaround="y")


def test_bulk_link_skips_what_refuses_and_undoes_as_one_batch(store, me):
    with store.session() as s:
        p = _problem(s, me)
        a, b = _incident(s, me, "VPN drops"), _incident(s, me, "VPN drops again")
        closed = ticket_in_state(s, "incident", "closed", me)
        request = tickets.create_ticket(s, ticket_type="service_request", title="New laptop", actor_id=me)
        result = ops.link_incidents(s, problem_id=p.id, incident_ids=[a.id, b.id, closed.id, request.id], actor_id=me)
        assert set(result.changed) == {a.row_id, b.row_id}
        assert {n for n, _ in result.skipped} == {closed.number, request.number}
        assert queries.problem_detail(s, ticket_id=p.id).incidents[0].id in (a.id, b.id)
        undone = ops.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        assert set(undone.changed) == {a.row_id, b.row_id}
        assert a.problem_id is None and b.problem_id is None
        assert queries.problem_detail(s, ticket_id=p.id).incidents == ()


def test_create_problem_from_incidents_takes_their_service_ci_and_worst_impact(store, me):
    with store.session() as s:
        svc = Service(name="Mail")
        s.add(svc)
        s.flush()
        ci = _ci(s, "mx-01")
        a = _incident(s, me, "Mail delayed", service_id=svc.id, ci_id=ci, impact=2)
        b = _incident(s, me, "Mail bounced", service_id=svc.id, ci_id=ci, impact=3, urgency=1)
        created = ops.create_from_incidents(s, row_ids=[a.row_id, b.row_id], title="Mail relay overload",
                                            actor_id=me)
        p = s.scalar(select(Ticket).where(Ticket.id == created.id))
        assert (p.type, p.service_id, p.ci_id, p.impact, p.urgency) == ("problem", svc.id, ci, 2, 1)
        assert a.number in p.description and b.number in p.description
        assert a.problem_id == b.problem_id == p.id
        with pytest.raises(ValidationError, match="Select one or more incidents"):
            ops.create_from_incidents(s, row_ids=[p.row_id], title="x", actor_id=me)


def test_publish_workaround_replies_to_open_linked_incidents_once_and_undo_takes_it_back(store, me):
    with store.session() as s:
        p = _problem(s, me)
        a, b = _incident(s, me, "Outlook hangs"), _incident(s, me, "Outlook hangs too")
        done = ticket_in_state(s, "incident", "resolved", me)
        ops.link_incidents(s, problem_id=p.id, incident_ids=[a.id, b.id, done.id], actor_id=me)
        with pytest.raises(ValidationError, match="workaround first"):
            ops.publish_workaround(s, problem_id=p.id, actor_id=me)
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"workaround": "Start Outlook in safe mode."})
        preview = queries.workaround_preview(s, problem_id=p.id)
        assert {t.id for t in preview.targets} == {a.id, b.id} and "safe mode" in preview.body
        result = ops.publish_workaround(s, problem_id=p.id, actor_id=me)
        assert set(result.posted) == {a.number, b.number}
        replies = s.scalars(select(WorklogEntry).where(WorklogEntry.kind == "reply")).all()
        assert {r.ticket_id for r in replies} == {a.id, b.id}
        again = ops.publish_workaround(s, problem_id=p.id, actor_id=me)
        assert again.posted == () and len(again.skipped) == 2
        # one of the replies reached the server already (its append left the outbox): it is not unsent
        sent = next(r for r in replies if r.ticket_id == b.id)
        s.execute(OutboxMutation.__table__.delete().where(OutboxMutation.entity_id == sent.id))
        undone = ops.undo_publish(s, batch_id=result.batch_id, actor_id=me)
        assert undone.posted == (a.number,) and undone.skipped[0][0] == b.number
        left = s.scalars(select(WorklogEntry.ticket_id).where(WorklogEntry.kind == "reply")).all()
        assert left == [b.id]
        assert not s.scalars(select(OutboxMutation).where(OutboxMutation.entity == "worklog_entry",
                                                          OutboxMutation.entity_id.in_([r.id for r in replies]))).all()


def test_resolving_the_linked_incidents_needs_a_resolved_problem_and_undoes(store, me):
    with store.session() as s:
        p = _problem(s, me)
        a, b = _incident(s, me, "Disk full"), _incident(s, me, "Disk full on share")
        ops.link_incidents(s, problem_id=p.id, incident_ids=[a.id, b.id], actor_id=me)
        with pytest.raises(ValidationError, match="Resolve the problem first"):
            ops.resolve_linked(s, problem_id=p.id, actor_id=me)
        for state in ("assess", "root_cause_analysis"):
            tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": state})
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"state": "resolved", **RESOLUTION})
        result = ops.resolve_linked(s, problem_id=p.id, actor_id=me)
        assert set(result.changed) == {a.row_id, b.row_id}
        assert a.state == b.state == "resolved" and a.resolution_code == RESOLUTION["resolution_code"]
        assert p.number in a.resolution_notes
        ops.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        assert a.state == b.state == "new"


def test_similar_incidents_rank_same_ci_and_shared_words_and_skip_old_closed_ones(store, me):
    with store.session() as s:
        ci, elsewhere = _ci(s, "fs-02"), _ci(s, "fs-09")
        ref = _incident(s, me, "File share fs-02 slow to open spreadsheets", ci_id=ci)
        same_ci_and_words = _incident(s, me, "Spreadsheets slow to open from file share", ci_id=ci)
        words_only = _incident(s, me, "Opening spreadsheets is slow on the share", ci_id=elsewhere)
        unrelated = _incident(s, me, "Keyboard missing keys", ci_id=elsewhere)
        old_closed = ticket_in_state(s, "incident", "closed", me, ci_id=ci)
        old_closed.title = "File share slow spreadsheets"
        old_closed.created_at = utcnow() - timedelta(days=400)
        s.flush()
        found = similar_incidents(s, ticket_id=ref.id, has_fts=store.has_fts)
    ids = [f.id for f in found]
    assert ids[0] == same_ci_and_words.id and found[0].same_ci
    assert words_only.id in ids and unrelated.id not in ids and old_closed.id not in ids
    assert ref.id not in ids
    assert "spreadsheets" in found[0].shared_words


def test_known_error_banner_matches_by_ci_and_text_not_closed_ones(store, me):
    with store.session() as s:
        ci = _ci(s, "print-07")
        ke = _problem(s, me, "Print spooler crashes on large PDF jobs", ci_id=ci)
        tickets.update_ticket(s, ticket_id=ke.id, actor_id=me,
                              changes={"workaround": "Print as image.", "known_error": True})
        by_ci = _incident(s, me, "Cannot print", ci_id=ci)
        by_text = _incident(s, me, "Spooler crashes when printing a large PDF")
        neither = _incident(s, me, "Mouse broken")
        strip = queries.incident_problem(s, ticket_id=by_ci.id)
        assert [(m.number, m.reason, m.workaround) for m in strip.known_errors] == \
            [(ke.number, "ci", "Print as image.")]
        assert queries.incident_problem(s, ticket_id=by_text.id).known_errors[0].reason == "text"
        assert queries.incident_problem(s, ticket_id=neither.id).known_errors == ()
        kedb = queries.problem_list(s, view="known_errors", text="spooler")
        assert [r.id for r in kedb] == [ke.id]
        assert queries.problem_list(s, view="known_errors", text="keyboard") == ()


def test_major_incident_children_and_communication_log(store, me):
    with store.session() as s:
        major = _incident(s, me, "Whole site offline")
        child = _incident(s, me, "Cannot reach intranet")
        with pytest.raises(ValidationError, match="major incident"):
            ops.link_children(s, major_id=major.id, incident_ids=[child.id], actor_id=me)
        tickets.update_ticket(s, ticket_id=major.id, actor_id=me, changes={"is_major": True})
        with pytest.raises(ValidationError, match="cannot link to itself"):
            tickets.update_ticket(s, ticket_id=major.id, actor_id=me, changes={"major_id": major.id})
        other = _incident(s, me, "Second outage")
        tickets.update_ticket(s, ticket_id=other.id, actor_id=me, changes={"is_major": True})
        with pytest.raises(ValidationError, match="not the child"):
            tickets.update_ticket(s, ticket_id=major.id, actor_id=me, changes={"major_id": other.id})
        result = ops.link_children(s, major_id=major.id, incident_ids=[child.id], actor_id=me)
        assert result.changed == (child.row_id,)
        ops.add_comms(s, major_id=major.id, body="Status page updated: investigating.", actor_id=me)
        with pytest.raises(ValidationError, match="Only a major incident"):
            ops.add_comms(s, major_id=child.id, body="x", actor_id=me)
        detail = queries.problem_detail(s, ticket_id=major.id)
        assert [i.id for i in detail.incidents] == [child.id]
        assert [c.body for c in detail.comms] == ["Status page updated: investigating."]
        majors = queries.problem_list(s, view="majors")
        assert {(r.id, r.linked) for r in majors} == {(other.id, 0), (major.id, 1)}
