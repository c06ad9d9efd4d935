"""Templates and macros through a real team server: shared ones reach every desk, personal ones only their owner's."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.macros import ops, queries, run
from app.models import Macro, ReplyTemplate, SyncConflict, Ticket, WorklogEntry
from app.outbox.journal import queue_mutation
from app.sync import refused_work
from app.tickets import writes as tickets
from core.ids import new_id


def _names(node, model):
    with node.store.session() as s:
        return sorted(s.scalars(select(model.name)))


def test_shared_templates_reach_everyone_and_personal_ones_only_their_owner(desk, nodes):
    ann, ben, carl = nodes(desk, "ann"), nodes(desk, "ben"), nodes(desk, "carl")
    with ann.store.session() as s:
        shared = ops.save_template(s, template_id=None, shared=True, actor_id=ann.me,
                                   values={"name": "Team greeting", "body": "Hello {{requester.first_name}},"}).id
        mine = ops.save_template(s, template_id=None, shared=False, actor_id=ann.me,
                                 values={"name": "Ann's sign-off", "body": "Cheers, {{agent.first_name}}"}).id
        ops.save_macro(s, macro_id=None, shared=False, actor_id=ann.me,
                       values={"name": "Ann's private macro", "changes": {"urgency": 1}})
    assert ann.sync().statuses == {"applied": 3}
    ben.sync()
    carl.sync()
    for other in (ben, carl):
        assert _names(other, ReplyTemplate) == ["Team greeting"]
        assert _names(other, Macro) == []  # never the name, never the text
    # Ann's second desk (the same account) gets both.
    ann2 = nodes(desk, "ann", "-laptop")
    assert _names(ann2, ReplyTemplate) == ["Ann's sign-off", "Team greeting"]
    assert _names(ann2, Macro) == ["Ann's private macro"]

    # Ben edits the shared one; Ann's edit of her own goes out; both land where they belong.
    with ben.store.session() as s:
        ops.save_template(s, template_id=shared, values={"body": "Hi {{requester.first_name}},"}, shared=True,
                          actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 1}
    with ann.store.session() as s:
        ops.save_template(s, template_id=mine, values={"name": "Sign-off"}, shared=False, actor_id=ann.me)
    ann.sync()
    carl.sync()
    ann2.sync()
    with carl.store.session() as s:
        assert s.get(ReplyTemplate, shared).body == "Hi {{requester.first_name}},"
        assert s.get(ReplyTemplate, mine) is None
    assert _names(ann2, ReplyTemplate) == ["Sign-off", "Team greeting"]

    # A delete travels as a tombstone to those who had the row.
    with ann.store.session() as s:
        ops.delete_template(s, template_id=shared, actor_id=ann.me)
    ann.sync()
    ben.sync()
    assert _names(ben, ReplyTemplate) == []


def test_the_server_refuses_a_push_to_someone_elses_personal_template(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        mine = ops.save_template(s, template_id=None, shared=False, actor_id=ann.me,
                                 values={"name": "Private", "body": "x"}).id
    ann.sync()
    with ben.store.session() as s:
        shared = ops.save_template(s, template_id=None, shared=True, actor_id=ben.me,
                                   values={"name": "Ben's", "body": "y"}).id
    ben.sync()
    # What a tampered desk could send: an edit and a delete of Ann's row (Ben never received it), a template
    # made in Ann's name, and a shared template turned personal.
    with ben.store.session() as s:
        queue_mutation(s, entity="reply_template", entity_id=mine, op="update",
                       payload={"fields": {"body": {"base": "x", "new": "stolen"}}})
        queue_mutation(s, entity="reply_template", entity_id=mine, op="delete", payload={})
        forged = {"id": new_id(), "name": "As Ann", "kind": "any", "body": "x", "owner_id": ann.me,
                  "updated_at": None}
        queue_mutation(s, entity="reply_template", entity_id=forged["id"], op="create", payload={"row": forged})
        queue_mutation(s, entity="reply_template", entity_id=shared, op="update",
                       payload={"fields": {"owner_id": {"base": None, "new": ben.me}}})
    assert ben.sync().statuses == {"rejected": 4}
    with ben.store.session() as s:
        reasons = " ".join(r or "" for r in s.scalars(select(SyncConflict.reason)))
    assert "Unknown template" in reasons and "someone else" in reasons
    assert "belongs to the person who makes it" in reasons and "copy it to share it" in reasons
    ann.sync()
    with ann.store.session() as s:
        assert s.get(ReplyTemplate, mine).body == "x"


def test_a_macro_run_syncs_as_edits_and_notes_and_its_undo_after_the_push_keeps_the_reply(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Printer jam", actor_id=ann.me,
                                    group_id=ann.group).id
        tickets.update_ticket(s, ticket_id=tid, changes={"state": "in_progress"}, actor_id=ann.me)
        macro = ops.save_macro(s, macro_id=None, shared=True, actor_id=ann.me, values={
            "name": "Take it and chase", "changes": {"assignee_id": "@me", "state": "on_hold",
                                                     "on_hold_reason": "awaiting_caller"},
            "entry_kind": "reply", "entry_body": "{{agent.name}} is on {{ticket.title}}."}).id
    ann.sync()
    ben.sync()
    with ben.store.session() as s:  # the shared macro reached Ben: he applies it
        assert [m.name for m in queries.list_macros(s, me=ben.me)] == ["Take it and chase"]
        result = run.apply_macro(s, macro_id=macro, ticket_ids=[tid], actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 2}  # the ticket's edit and the reply
    with ben.store.session() as s:
        undone = run.undo_macro(s, batch_id=result.batch_id, actor_id=ben.me)
    assert undone.withdrawn == 0 and [k for _, k in undone.kept_sent] == ["reply"]
    ben.sync()
    ann.sync()
    with ann.store.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.id == tid))
        assert (ticket.state, ticket.on_hold_reason, ticket.assignee_id) == ("in_progress", None, None)
        replies = s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == tid)).all()
        assert any(b.endswith("is on Printer jam.") for b in replies)  # sent, so it stays everywhere


def test_personal_templates_stay_with_their_owner_on_postgresql(pg_desk, nodes):
    ann, carl = nodes(pg_desk, "ann", "-pg"), nodes(pg_desk, "carl", "-pg")
    with ann.store.session() as s:
        ops.save_template(s, template_id=None, shared=True, actor_id=ann.me, values={"name": "Team", "body": "x"})
        ops.save_template(s, template_id=None, shared=False, actor_id=ann.me, values={"name": "Own", "body": "y"})
        ops.save_macro(s, macro_id=None, shared=True, actor_id=ann.me,
                       values={"name": "Urgent", "changes": {"urgency": 1}})
    assert ann.sync().statuses == {"applied": 3}
    carl.sync()
    assert _names(carl, ReplyTemplate) == ["Team"] and _names(carl, Macro) == ["Urgent"]
    ann2 = nodes(pg_desk, "ann", "-pg-laptop")
    assert _names(ann2, ReplyTemplate) == ["Own", "Team"]


def test_the_server_checks_a_pushed_macro_with_the_desks_rules(desk, nodes):
    ben = nodes(desk, "ben")
    bad = [({"title": "x"}, None, None, "cannot set title"), ({"state": "flying"}, None, None, "not a state"),
           ({}, "reply", "Hi {{requester.nmae}}", "Unknown variable"), ({}, None, None, "at least one field"),
           ({"state": "on_hold"}, None, None, "on-hold reason")]
    with ben.store.session() as s:
        for changes, kind, body, _words in bad:
            row = {"id": new_id(), "name": "Forged", "description": None, "changes": json.dumps(changes),
                   "entry_kind": kind, "entry_body": body, "owner_id": None, "updated_at": None}
            queue_mutation(s, entity="macro", entity_id=row["id"], op="create", payload={"row": row})
    assert ben.sync().statuses == {"rejected": len(bad)}
    with ben.store.session() as s:
        reasons = s.scalars(select(SyncConflict.reason).order_by(SyncConflict.seq)).all()
    for (_c, _k, _b, words), reason in zip(bad, reasons, strict=True):
        assert words in reason


def test_a_refused_edit_is_kept_in_the_inbox_and_settled_by_send_again_or_discard(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        tid = ops.save_template(s, template_id=None, shared=True, actor_id=ann.me,
                                values={"name": "Shared", "body": "one"}).id
    ann.sync()
    ben.sync()
    with ben.store.session() as s:
        ops.save_template(s, template_id=tid, values={"body": "ben's"}, shared=True, actor_id=ben.me)
    with ann.store.session() as s:
        ops.save_template(s, template_id=tid, values={"body": "ann's"}, shared=True, actor_id=ann.me)
    ben.sync()
    assert ann.sync().statuses == {"rejected": 1}
    with ann.store.session() as s:
        record = s.scalar(select(SyncConflict).where(SyncConflict.entity_id == tid))
        assert "changed on the server meanwhile" in record.reason
        assert refused_work.discard(s, conflict_id=record.id) == "values"
    ann.sync()
    with ann.store.session() as s:
        assert s.get(ReplyTemplate, tid).body == "ben's"
        ops.save_template(s, template_id=tid, values={"body": "ann's again"}, shared=True, actor_id=ann.me)
    assert ann.sync().statuses == {"applied": 1}
    # A refused create goes out again whole once its cause is gone: here a name the server's rules refuse.
    with ann.store.session() as s:
        bad = ops.save_template(s, template_id=None, shared=True, actor_id=ann.me, values={"name": "x", "body": "y"})
        queue_mutation(s, entity="reply_template", entity_id=bad.id, op="update",
                       payload={"fields": {"kind": {"base": "any", "new": "mail"}}})
    assert ann.sync().statuses == {"applied": 1, "rejected": 1}
    with ann.store.session() as s:
        record = s.scalar(select(SyncConflict).where(SyncConflict.entity_id == bad.id))
        assert refused_work.send_again(s, conflict_id=record.id) == 1
    assert ann.sync().statuses == {"rejected": 1}  # still "mail": the server says so again, nothing is lost
