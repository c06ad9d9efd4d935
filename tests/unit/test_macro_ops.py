"""Templates and macros on a real store: saving (audited, queued), expanding per ticket, a macro run and its undo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app.macros import ops, queries, run
from app.models import AuditEvent, MacroShortcut, OutboxMutation, Ticket, WorklogEntry
from app.tickets import writes as tickets
from core.errors import ValidationError
from tests.unit.factories import make_desk, outbox, ticket_in_state

MOVING = {"updated_at", "sla_due"}  # an undo is itself an edit: these move (see test_bulk_undo)


def _rows(session, ids):
    out = {}
    for tid in ids:
        row = session.execute(text("SELECT * FROM ticket WHERE id = :id"), {"id": tid}).mappings().one()
        out[tid] = {k: v for k, v in row.items() if k not in MOVING}
    return out


def _entries(session, ids):
    return session.scalar(select(func.count()).select_from(WorklogEntry).where(WorklogEntry.ticket_id.in_(ids)))


def _macro(s, me, **values):
    base = {"name": "Chase requester", "changes": {"state": "on_hold", "on_hold_reason": "awaiting_caller"},
            "entry_kind": "reply", "entry_body": "Dear {{requester.first_name}}, about {{ticket.number}}: any news?"
                                                 "\n{{agent.name}}"}
    return ops.save_macro(s, macro_id=None, values=base | values, shared=True, actor_id=me)


def test_a_template_is_saved_audited_queued_and_listed_own_first(store, me):
    with store.session() as s:
        shared = ops.save_template(s, template_id=None, values={"name": "B shared", "body": "Hi"}, shared=True,
                                   actor_id=me)
        mine = ops.save_template(s, template_id=None, values={"name": "Z mine", "kind": "note", "body": "Note"},
                                 shared=False, actor_id=me)
    with store.session() as s:
        assert [t.name for t in queries.list_templates(s, me=me)] == ["Z mine", "B shared"]
        assert [t.name for t in queries.list_templates(s, me=me, kind="reply")] == ["B shared"]
        assert [t.name for t in queries.list_templates(s, me=me, search="note")] == ["Z mine"]
        assert [t.name for t in queries.list_templates(s, me="someone-else")] == ["B shared"]
        assert [(e, op) for _, e, op, _ in outbox(s, mine.id)] == [("reply_template", "create")]
        payload = outbox(s, shared.id)[0][3]["row"]
        assert payload["owner_id"] is None and payload["body"] == "Hi"
        ops.save_template(s, template_id=mine.id, values={"body": "Note {{ticket.number}}"}, shared=True, actor_id=me)
        assert outbox(s, mine.id)[-1][3] == {"fields": {"body": {"base": "Note", "new": "Note {{ticket.number}}"}}}
        fields = {e.field for e in s.scalars(select(AuditEvent).where(AuditEvent.entity_id == mine.id))}
        assert fields == {"created", "body"}
        with pytest.raises(ValidationError, match="someone else"):
            ops.save_template(s, template_id=mine.id, values={"body": "x"}, shared=False, actor_id="another")
        ops.delete_template(s, template_id=mine.id, actor_id=me)
        assert outbox(s, mine.id)[-1][2] == "delete"
        assert [t.name for t in queries.list_templates(s, me=me)] == ["B shared"]


def test_a_template_expands_for_the_ticket_and_the_agent(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        t = tickets.create_ticket(s, ticket_type="incident", title="VPN {{agent.name}}", actor_id=me,
                                  requester_id=desk.requester, number="INC0000042")
        tpl = ops.save_template(s, template_id=None, shared=True, actor_id=me, values={
            "name": "Hello", "body": "Hi {{requester.first_name}}, {{ticket.number}} ({{ticket.title}}) "
                                     "due {{sla.due}}. {{agent.name}}"})
        out = queries.expand_template(s, template_id=tpl.id, ticket_id=t.id, me=me)
    # The title's braces are the requester's text: inserted as is, never expanded.
    assert out.text.startswith("Hi Rita, INC0000042 (VPN {{agent.name}}) due ")
    assert out.text.endswith(". Test Agent")
    assert out.unknown == ()


def test_a_macro_run_changes_fields_adds_the_expanded_reply_and_undo_puts_all_back(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        a = ticket_in_state(s, "incident", "in_progress", me, requester_id=desk.requester)
        b = ticket_in_state(s, "incident", "in_progress", me)
        macro = _macro(s, me)
        ids = [a.id, b.id]
    with store.session() as s:
        before, entries_before = _rows(s, ids), _entries(s, ids)
        result = run.apply_macro(s, macro_id=macro.id, ticket_ids=ids, actor_id=me)
    assert len(result.changed) == 2 and result.skipped == () and result.entries == 2
    with store.session() as s:
        assert {t.state for t in s.scalars(select(Ticket).where(Ticket.id.in_(ids)))} == {"on_hold"}
        bodies = {w.ticket_id: w.body for w in s.scalars(select(WorklogEntry).where(WorklogEntry.ticket_id.in_(ids)))
                  if w.kind == "reply"}
        assert bodies[a.id].startswith("Dear Rita, about ") and bodies[a.id].endswith("\nTest Agent")
        assert bodies[b.id].startswith("Dear , about ")  # no requester: blank, never "{{...}}"
        history = s.scalars(select(AuditEvent.new_value).where(AuditEvent.field == "macro")).all()
        assert history == ["Chase requester", "Chase requester"]
        undone = run.undo_macro(s, batch_id=result.batch_id, actor_id=me)
    assert undone.withdrawn == 2 and undone.kept_sent == () and undone.skipped == ()
    with store.session() as s:
        assert _rows(s, ids) == before
        assert _entries(s, ids) == entries_before
        # The withdrawn replies never reach the server: their appends left the outbox with them.
        assert not [m for m in outbox(s) if m[1] == "worklog_entry" and m[3]["row"]["ticket_id"] in ids]


def test_undo_keeps_a_reply_the_sync_already_pushed_and_says_so(store, me):
    with store.session() as s:
        a = ticket_in_state(s, "incident", "in_progress", me, number="INC0000007")
        macro = _macro(s, me)
        result = run.apply_macro(s, macro_id=macro.id, ticket_ids=[a.id], actor_id=me)
        # The sync pushed everything (its receipts delete the outbox rows).
        s.execute(OutboxMutation.__table__.delete())
    with store.session() as s:
        undone = run.undo_macro(s, batch_id=result.batch_id, actor_id=me)
        assert undone.kept_sent == (("INC0000007", "reply"),) and undone.withdrawn == 0
        assert s.scalar(select(Ticket.state).where(Ticket.id == a.id)) == "in_progress"
        assert _entries(s, [a.id]) >= 1  # the sent reply stays on the ticket


def test_a_ticket_refusing_any_part_is_left_whole_and_reported(store, me):
    with store.session() as s:
        a = ticket_in_state(s, "incident", "in_progress", me)
        closed = ticket_in_state(s, "incident", "closed", me, number="INC0000099")
        request = ticket_in_state(s, "service_request", "awaiting_approval", me, number="REQ0000005")
        macro = _macro(s, me)
        ids = [a.id, closed.id, request.id]
        before = _rows(s, ids)
        entries_before = _entries(s, [closed.id, request.id])
        result = run.apply_macro(s, macro_id=macro.id, ticket_ids=ids, actor_id=me)
        reasons = dict(result.skipped)
        assert set(reasons) == {"INC0000099", "REQ0000005"}
        assert "final" in reasons["INC0000099"]
        assert "cannot move from Awaiting Approval to On Hold" in reasons["REQ0000005"]
        after = _rows(s, ids)
        assert after[closed.id] == before[closed.id] and after[request.id] == before[request.id]
        assert _entries(s, [closed.id, request.id]) == entries_before  # their replies rolled back too
        assert result.entries == 1


def test_a_macro_assigns_to_whoever_applies_it(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        t = ticket_in_state(s, "incident", "new", me, group_id=desk.desk)
        macro = ops.save_macro(s, macro_id=None, shared=True, actor_id=me, values={
            "name": "Take it", "changes": {"assignee_id": "@me", "state": "in_progress"}})
        run.apply_macro(s, macro_id=macro.id, ticket_ids=[t.id], actor_id=me)
        assert s.scalar(select(Ticket.assignee_id).where(Ticket.id == t.id)) == me


@pytest.mark.parametrize("count", [60, pytest.param(500, marks=pytest.mark.soak)])
def test_a_macro_on_many_tickets_is_one_batch_and_one_undo(store, me, count):
    """60 tickets in make test (each ticket's create, edit and undo recompute its SLA: 500 took 15-48 s);
    the 500-ticket run is its twin in make soak."""
    with store.session() as s:
        desk = make_desk(s, me)
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"t{i}", actor_id=me, group_id=desk.desk).id
               for i in range(count)]
        macro = ops.save_macro(s, macro_id=None, shared=True, actor_id=me, values={
            "name": "Network", "changes": {"group_id": desk.network, "urgency": 1},
            "entry_kind": "note", "entry_body": "Escalated {{ticket.title}} to Network."})
    with store.session() as s:
        before = _rows(s, ids)
        result = run.apply_macro(s, macro_id=macro.id, ticket_ids=ids, actor_id=me)
        assert len(result.changed) == count and result.entries == count
        batches = s.scalars(select(AuditEvent.batch_id).where(AuditEvent.field == "group_id").distinct()).all()
        assert batches == [result.batch_id]
    with store.session() as s:
        undone = run.undo_macro(s, batch_id=result.batch_id, actor_id=me)
        assert len(undone.changed) == count and undone.withdrawn == count
        assert _rows(s, ids) == before and _entries(s, ids) == 0


def test_a_personal_macro_is_not_anyone_elses_to_apply(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "new", me)
        macro = ops.save_macro(s, macro_id=None, shared=False, actor_id=me, values={
            "name": "Mine", "changes": {"urgency": 1}})
        from core.errors import NotFoundError
        with pytest.raises(NotFoundError):
            run.apply_macro(s, macro_id=macro.id, ticket_ids=[t.id], actor_id="someone-else")


def test_a_key_is_bound_per_person_and_never_twice_or_over_a_window_shortcut(store, me):
    with store.session() as s:
        one = ops.save_macro(s, macro_id=None, shared=True, actor_id=me,
                             values={"name": "One", "changes": {"urgency": 1}})
        two = ops.save_macro(s, macro_id=None, shared=True, actor_id=me,
                             values={"name": "Two", "changes": {"urgency": 2}})
        ops.bind_key(s, macro_id=one.id, keys="Alt+1", person_id=me, reserved=["Ctrl+K"])
        with pytest.raises(ValidationError, match="already runs the macro “One”"):
            ops.bind_key(s, macro_id=two.id, keys="Alt+1", person_id=me, reserved=["Ctrl+K"])
        with pytest.raises(ValidationError, match="already a shortcut of Deskside"):
            ops.bind_key(s, macro_id=two.id, keys="Ctrl+K", person_id=me, reserved=["Ctrl+K"])
        for plain in ("T", "Shift+X", "Return"):
            with pytest.raises(ValidationError, match="plain key is for typing"):
                ops.bind_key(s, macro_id=two.id, keys=plain, person_id=me, reserved=[])
        with pytest.raises(ValidationError, match="already a shortcut"):
            ops.bind_key(s, macro_id=two.id, keys="Ctrl+C", person_id=me, reserved=[])
        ops.bind_key(s, macro_id=two.id, keys="F9", person_id=me, reserved=[])
        ops.bind_key(s, macro_id=two.id, keys=None, person_id=me, reserved=[])
        ops.bind_key(s, macro_id=one.id, keys="Alt+1", person_id="colleague", reserved=[])
        assert {m.name: m.keys for m in queries.list_macros(s, me=me)} == {"One": "Alt+1", "Two": ""}
        ops.delete_macro(s, macro_id=one.id, actor_id=me)
        assert s.scalar(select(func.count()).select_from(MacroShortcut)) == 0
        assert outbox(s, one.id)[-1][2:] == ("delete", {})
