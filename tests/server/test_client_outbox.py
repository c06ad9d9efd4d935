"""The client's own outbox rows, written by the real desk operations (app.tickets), push as they are and converge."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import insert, select

from app.models import Group, OutboxMutation, Person, Ticket, group_member
from app.people import reference
from app.tickets import attachments, links, worklog
from app.tickets import writes as tickets


def _seed_reference(store, alice) -> None:
    """What a first pull would store: the server's groups, people and memberships; alice signed in."""
    page = alice.pull_all()[0]
    rows = {e: [r for p in page for r in p["rows"].get(e, [])] for e in ("group", "person", "group_member")}
    with store.session() as s:
        for g in {g["id"]: g for g in rows["group"]}.values():
            s.add(Group(id=g["id"], name=g["name"], description=g["description"]))
        for p in {p["id"]: p for p in rows["person"]}.values():
            s.add(Person(id=p["id"], name=p["name"], email=p["email"], is_agent=p["is_agent"], active=p["active"]))
        s.flush()
        for m in {(m["group_id"], m["person_id"]) for m in rows["group_member"]}:
            s.execute(insert(group_member).values(group_id=m[0], person_id=m[1]))
        reference.set_current_user(s, person_id=alice.person_id)


def _outbox(store) -> list[dict]:
    with store.session() as s:
        return [{"seq": m.seq, "mutation_id": m.mutation_id, "entity": m.entity, "entity_id": m.entity_id,
                 "op": m.op, "payload": json.loads(m.payload)}
                for m in s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq))]


def test_outbox_written_by_the_client_services_pushes_and_converges(store, clients, tmp_path):
    alice = clients("alice")
    _seed_reference(store, alice)
    me, group = alice.person_id, alice.group_ids[0]
    note = tmp_path / "screenshot.png"
    note.write_bytes(b"\x89PNG fake image bytes" * 50)
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Laptop will not boot", actor_id=me,
                                      group_id=group, assignee_id=me, description="Black screen")
        second = tickets.create_ticket(s, ticket_type="problem", title="Firmware bug", actor_id=me, group_id=group)
        s.flush()
        tid, pid = first.id, second.id
        tickets.update_ticket(s, ticket_id=tid, changes={"urgency": 1}, actor_id=me)
        tickets.update_ticket(s, ticket_id=tid, changes={"state": "in_progress"}, actor_id=me)
        tickets.update_ticket(s, ticket_id=tid, changes={"state": "on_hold", "on_hold_reason": "awaiting_caller"},
                              actor_id=me)
        worklog.add_worklog(s, ticket_id=tid, kind="reply", body="We are on it", actor_id=me,
                            sent_via="phone")  # a mailed one answers only once sent (none here)
        attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=tid, source=note, actor_id=me)
        links.add_link(s, source_id=tid, target_number=second.number, kind="caused_by", actor_id=me)
        tickets.update_ticket(s, ticket_id=tid, changes={"state": "resolved", "resolution_code": "solved_workaround",
                                                         "resolution_notes": "Reset the BIOS"}, actor_id=me)
    outbox = _outbox(store)
    assert {m["op"] for m in outbox} == {"create", "update", "append"}

    # The bytes go first, as the app's engine sends them: attaching a hash needs the pusher's own upload.
    sha = hashlib.sha256(note.read_bytes()).hexdigest()
    assert alice.http.put(f"{alice.base_url}/v1/blobs/{sha}", data=note.read_bytes(), timeout=30).status_code == 201

    receipts = alice.push(*outbox)
    assert [r["status"] for r in receipts] == ["applied"] * len(outbox), receipts
    assert alice.push(*outbox) == receipts  # a retry of the whole outbox changes nothing

    pages, _ = alice.pull_all()
    server_rows = {r["id"]: r for p in pages for r in p["rows"].get("ticket", [])}
    with store.session() as s:
        local = s.scalar(select(Ticket).where(Ticket.id == tid))
        for field in ("state", "is_open", "urgency", "priority", "on_hold_reason", "resolution_code",
                      "resolution_notes", "group_id", "assignee_id"):
            assert server_rows[tid][field] == getattr(local, field), field
    # The desk's proposed number may already be taken on the server; the receipt says which one counts.
    assert server_rows[tid]["number"] == next(r["number"] for r, m in zip(receipts, outbox, strict=True)
                                              if m["entity_id"] == tid and m["op"] == "create")
    assert server_rows[tid]["first_response_at"] and server_rows[tid]["resolved_at"]
    assert server_rows[pid]["type"] == "problem"
    children = {e: [r for p in pages for r in p["rows"].get(e, []) if tid in (r.get("ticket_id"), r.get("source_id"))]
                for e in ("worklog_entry", "attachment", "ticket_link")}
    assert [len({r["id"] for r in rows}) for rows in children.values()] == [1, 1, 1]
    assert alice.http.get(f"{alice.base_url}/v1/blobs/{sha}", timeout=30).content == note.read_bytes()
