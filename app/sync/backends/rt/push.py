"""Push outbox mutations to RT5, one by one, answering with the receipts the reference server gives.

Updates carry If-Match with the version (ETag) the desk last pulled. A 412 means RT's ticket moved on: the
ticket is read again and the update merged field by field against the mutation's base (core.sync.merge):
fields RT did not change are sent again with the new ETag, the same field changed on both sides becomes a
conflict (base / theirs / mine) in the conflict inbox. After a write the ticket is read back (RT's own
scrips may change it, and RT answers 200 even when it refused a field): a field that did not take is a
conflict with RT's message.

RT has no idempotency key, so replies, notes and creates go through a ledger (app.sync.backends.refs):
"sending" with the ticket's newest transaction is committed before the request; "done" with RT's id after.
A "sending" entry found again (a crash, a lost answer) is looked up in the ticket's history first, and only
sent again when RT does not have it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import BackendRef, Group
from app.sync.backends import refs
from app.sync.backends.rt import files, mapping, reference_fields
from app.sync.backends.rt.http import PAGE_MAX, RtHttp, etag_of
from app.sync.errors import Offline, ServerError
from core.sync.merge import three_way

log = logging.getLogger(__name__)
MAX_MERGES = 5
LOCAL_ONLY = ("Request Tracker has no change records: this change is kept on this desk only and is not sent to "
              "RT.")
NOT_IN_RT = "This ticket is not in Request Tracker (yet); nothing was sent."
NO_FILES = "This desk's data folder is not known to the push; the file stays on this desk."


def body_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()


class Pusher:
    def __init__(self, rt: RtHttp, server_key: str, read: Callable[..., Any], write: Callable[..., Any],
                 me: str, *, blob_dir: Path | None = None, names: dict[str, str] | None = None) -> None:
        self.rt, self.key, self.read, self.write, self.me = rt, server_key, read, write, me
        self.names = mapping.DEFAULT_FIELD_NAMES if names is None else names
        self.blob_dir = blob_dir
        self.base = rt.url
        self._cf_defs: dict[str, dict[str, Any]] = {}  # RT custom field id -> its record (type, Select values)

    def push(self, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """Receipts for the mutations answered; when RT becomes unreachable midway, the ones answered so far
        (the rest stay queued; a repeat is safe: updates merge, appends and creates check the ledger)."""
        receipts: list[dict[str, Any]] = []
        for m in mutations:
            try:
                receipt = self.one(m)
            except Offline:
                if not receipts:
                    raise
                break
            except ServerError as exc:
                if exc.status is None or exc.status >= 500:
                    if not receipts:
                        raise
                    break
                receipt = {"status": "rejected", "reason": str(exc)}
            receipts.append({"mutation_id": m["mutation_id"], "seq": m["seq"], **receipt})
        return {"receipts": receipts, "cursor": 0}

    def one(self, m: dict[str, Any]) -> dict[str, Any]:
        entity, op, payload = m["entity"], m["op"], m["payload"]
        if entity == "ticket" and op == "update":
            return self.update(m["entity_id"], payload.get("fields") or {}, m["mutation_id"])
        if entity == "ticket" and op == "create":
            return self.create(m["mutation_id"], payload.get("row") or {})
        if entity == "worklog_entry" and op == "append":
            row = payload.get("row") or {}
            action = mapping.RT_ACTION.get(row.get("kind", ""))
            if action is None:
                return {"status": "rejected", "reason": "Only replies and internal notes go to Request Tracker."}
            return self.send_text(m["mutation_id"], row.get("ticket_id"), action, str(row.get("body") or ""),
                                  int(row.get("time_spent_minutes") or 0), local_id=row.get("id"))
        if entity == "ticket_link" and op == "append":
            return self.link(payload.get("row") or {})
        if entity == "ticket_link" and op == "delete":
            return self.unlink(payload.get("row") or {})
        if entity == "attachment" and op == "append":
            return self.attach(m["mutation_id"], payload.get("row") or {})
        if entity in ("change", "cab_approval", "change_link"):
            return {"status": "applied", "reason": LOCAL_ONLY}
        return {"status": "rejected", "reason": f"Request Tracker does not take this ({entity} {op})."}

    # --- updates ------------------------------------------------------------------------------------

    def _ticket(self, number: str) -> tuple[dict[str, Any], str | None]:
        response = self.rt.call("GET", f"/ticket/{number}")
        return self.rt.body(response), etag_of(response)

    def _theirs(self, record: dict[str, Any], ticket_id: str, names: list[str]) -> dict[str, Any]:
        # category / service / CI: RT's value is a name, read as the desk's row of that name (as the pull does)
        ids = reference_fields.resolve(self.read, self.base, [record], self.names, {})
        row = mapping.ticket_row(self.base, record, ticket_id=ticket_id, description="", names=self.names, ids=ids)
        return mapping.wire_values(row, names)

    def _reference_labels(self, record: dict[str, Any], wanted: dict[str, Any]) -> tuple[dict[str, str],
                                                                                       dict[str, str]]:
        """The names of the category / service / CI rows a desk edit sets (RT's value), and the fields RT
        cannot take them in (field -> reason): a Select custom field whose list lacks the name."""
        if not wanted:
            return {}, {}
        labels = self.read(reference_fields.names_of, ids=[str(v) for v in wanted.values() if v])
        cf_ids = mapping.custom_field_ids(record)
        refused: dict[str, str] = {}
        for field, value in wanted.items():
            cf_id = cf_ids.get(self.names[field])
            if value is None or cf_id is None:
                continue
            if value not in labels:
                refused[field] = "This row is not on this desk any more; nothing was sent to Request Tracker."
                continue
            if cf_id not in self._cf_defs:
                try:
                    self._cf_defs[cf_id] = self.rt.get(f"/customfield/{cf_id}")
                except ServerError as exc:  # a user who may not read the field's definition: RT decides
                    if exc.status not in (403, 404):
                        raise
                    self._cf_defs[cf_id] = {}
            reason = mapping.select_refusal(self._cf_defs[cf_id], labels[value])
            if reason is not None:
                refused[field] = reason
        return labels, refused

    def update(self, ticket_id: str, fields: dict[str, Any], mutation_id: str) -> dict[str, Any]:
        held = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=ticket_id)
        if held is None:
            return {"status": "rejected", "reason": NOT_IN_RT}
        number, version = held
        user_of = self.read(refs.remotes_of, server_key=self.key, kind="user")
        queue_of = self.read(refs.remotes_of, server_key=self.key, kind="queue")
        sides = {name: ((c or {}).get("base"), (c or {}).get("new")) for name, c in fields.items()
                 if name not in mapping.DERIVED_FIELDS}
        conflicts: list[dict[str, Any]] = []
        notes = sides.pop("resolution_notes", None)
        custom: set[str] = set()
        labels: dict[str, str] = {}
        record: dict[str, Any] | None = None
        if any(n in mapping.DEFAULT_FIELD_NAMES and sides[n][0] != sides[n][1] for n in sides):
            record, _ = self._ticket(number)  # does this ticket's queue keep impact / urgency / category...?
            custom = mapping.custom_fields_of(record, self.names)
            labels, refused = self._reference_labels(record, {
                n: sides[n][1] for n in sides if n in custom and n in mapping.REFERENCE_FIELDS
                and sides[n][0] != sides[n][1]})
            for name, reason in refused.items():
                custom.discard(name)
                conflicts.append({"field": name, "base": sides[name][0], "theirs": sides[name][0],
                                  "mine": sides.pop(name)[1], "reason": reason})
        sent_names = [n for n in sides if n in mapping.MAPPED_FIELDS or n in custom]
        for name in [n for n in sides if n not in sent_names]:
            base, mine = sides[name]
            if mine != base:
                conflicts.append({"field": name, "base": base, "theirs": base, "mine": mine,
                                  "reason": mapping.no_field_reason(name, self.names)})
        mine = {n: sides[n] for n in sent_names}
        changed = {n: new for n, (base, new) in mine.items() if new != base}
        merged = False
        if version is None and changed:
            record, version = self._ticket(number)
            outcome = three_way(mine, self._theirs(record, ticket_id, sent_names))
            changed, merged = outcome.apply, bool(outcome.merged)
            conflicts += _conflicts(outcome)
        wanted_group = changed.get("group_id")
        if wanted_group and wanted_group not in queue_of:  # a queue-made group without its ref yet
            queue = self._queue_of_group(wanted_group)
            if queue is not None:
                queue_of[wanted_group] = queue
        messages: list[str] = []
        for _attempt in range(MAX_MERGES):
            if not changed:
                break
            body, unmapped = mapping.update_body(changed, queue_of=queue_of, user_of=user_of, custom=custom,
                                                 names=self.names, labels=labels)
            for name in unmapped:
                conflicts.append({"field": name, "base": mine[name][0], "theirs": mine[name][0],
                                  "mine": changed.pop(name), "reason": "Request Tracker does not know this value."})
            if not body:
                break
            response = self.rt.put_json(f"/ticket/{number}", body, if_match=version)
            if response.status_code == 412:  # RT's ticket moved on since the desk's version: merge
                record, version = self._ticket(number)
                outcome = three_way({n: mine[n] for n in changed}, self._theirs(record, ticket_id, list(changed)))
                changed, merged = outcome.apply, True
                conflicts += _conflicts(outcome)
                continue
            answer = self.rt.body(response)
            messages = [str(x) for x in answer] if isinstance(answer, list) else []
            break
        else:
            raise ServerError("Request Tracker's ticket kept changing while this edit was sent; it is sent again "
                              "at the next sync.", 503)
        if changed:  # read back: RT answers 200 even for a field it refused
            record, _ = self._ticket(number)
            now = self._theirs(record, ticket_id, list(changed))
            for name, value in changed.items():
                if now.get(name) != value:
                    conflicts.append({"field": name, "base": mine[name][0], "theirs": now.get(name), "mine": value,
                                      "reason": "; ".join(messages) or "Request Tracker did not take this value."})
        if notes is not None and notes[1] and notes[1] != notes[0]:
            self.send_text(f"{mutation_id}:resolution", ticket_id, "comment",
                           f"Resolution notes:\n{notes[1]}", 0, local_id=None)
        if conflicts:
            return {"status": "conflict", "conflicts": conflicts}
        return {"status": "merged" if merged else "applied"}

    # --- appends and creates (the ledger) ---------------------------------------------------------

    def attach(self, mutation_id: str, row: dict[str, Any]) -> dict[str, Any]:
        """A desk attachment: an internal note in RT carrying the file (through the ledger, like a note)."""
        if self.blob_dir is None:
            return {"status": "rejected", "reason": NO_FILES}
        try:
            upload = files.upload_of(self.blob_dir, row)
        except ValueError as exc:
            return {"status": "rejected", "reason": str(exc)}
        receipt = self.send_text(mutation_id, row.get("ticket_id"), "comment", files.note_text(row), 0,
                                 local_id=None, attachments=[upload])
        ledger = self.read(refs.sent, mutation_id=mutation_id)
        if ledger is not None and ledger.get("remote_id"):
            files.remember_sent(self.rt, self.write, refs.put_ref, self.key, str(ledger["remote_id"]), row.get("id"))
        return receipt

    def send_text(self, mutation_id: str, ticket_id: str | None, action: str, text: str, minutes: int, *,
                  local_id: str | None, attachments: list[dict] | None = None) -> dict[str, Any]:
        held = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=ticket_id or "")
        if held is None:
            return {"status": "rejected", "reason": NOT_IN_RT}
        number = held[0]
        digest = body_hash(text)
        ledger = self.read(refs.sent, mutation_id=mutation_id)
        if ledger is not None and ledger["state"] == "done":
            return {"status": "applied", "reason": "already present"}
        if ledger is not None:  # sent before, answer unknown: does RT have it?
            found = self._find_text(number, ledger["after_version"], action, digest)
            if found is not None:
                self._done(mutation_id, found, local_id)
                return {"status": "applied", "reason": "already present (found in Request Tracker's history)"}
        _record, after = self._ticket(number)
        self.write(refs.mark_sending, mutation_id=mutation_id, server_key=self.key, action=action,
                   remote_ticket=number, after_version=after, body_hash=digest)
        from app.sync.engine import crash_point  # the engine's test-only fault injection
        crash_point("rt_before_send")
        body: dict[str, Any] = {"Content": text, "ContentType": "text/plain", "TimeTaken": str(max(0, minutes))}
        if attachments:
            body["Attachments"] = attachments
        response = self.rt.post_json(f"/ticket/{number}/{action}", body)
        self.rt.body(response)  # a refusal raises (4xx: the mutation is refused)
        crash_point("rt_after_send")
        found = self._find_text(number, after, action, digest)
        self._done(mutation_id, found, local_id)
        return {"status": "applied"}

    def _done(self, mutation_id: str, txn_id: str | None, local_id: str | None) -> None:
        pairs = [("txn", txn_id, local_id, None)] if txn_id and local_id else []
        self.write(refs.mark_done, mutation_id=mutation_id, remote_id=txn_id, refs=pairs)

    def _find_text(self, number: str, after: str | None, action: str, digest: str) -> str | None:
        """The id of this user's transaction of `action` on the ticket after `after` whose text is the one
        sent, None when RT has none."""
        kind = "Correspond" if action == "correspond" else "Comment"
        query = f"ObjectType = 'RT::Ticket' AND ObjectId = {int(number)} AND Type = '{kind}'"
        if after and after.isdigit():
            query += f" AND id > {int(after)}"
        answer = self.rt.search("/transactions", query, fields="Type,Creator")
        for txn in answer.get("items") or []:
            if mapping.ref_id(txn.get("Creator")) != self.me:
                continue
            parts = self.rt.get(f"/transaction/{txn['id']}/attachments", fields="ContentType,Filename,Content")
            if body_hash(mapping.message_text(list(parts.get("items") or []))) == digest:
                return str(txn["id"])
        return None

    def create(self, mutation_id: str, row: dict[str, Any]) -> dict[str, Any]:
        ledger = self.read(refs.sent, mutation_id=mutation_id)
        if ledger is not None and ledger["state"] == "done":
            return {"status": "applied", "reason": "already present", "number": f"RT{ledger['remote_id']}"}
        title = str(row.get("title") or "")
        if ledger is not None:
            found = self._find_ticket(ledger["after_version"], title)
            if found is not None:
                self.write(refs.mark_done, mutation_id=mutation_id, remote_id=found,
                           refs=[("ticket", found, row["id"], None)])
                return {"status": "applied", "reason": "already present", "number": f"RT{found}"}
        user_of = self.read(refs.remotes_of, server_key=self.key, kind="user")
        queue = self._queue_of_group(row.get("group_id"))
        if queue is None:
            return {"status": "rejected", "reason": self._no_queue_reason(row.get("group_id"))}
        body: dict[str, Any] = {"Queue": queue, "Subject": title, "Content": str(row.get("description") or ""),
                                "ContentType": "text/plain", "Status": mapping.status_to_rt(row.get("state") or "new"),
                                "Priority": mapping.priority_to_rt(row.get("priority") or 3)}
        if row.get("requester_id") in user_of:
            body["Requestor"] = [user_of[row["requester_id"]]]
        if row.get("assignee_id") in user_of:
            body["Owner"] = user_of[row["assignee_id"]]
        newest = self.rt.search("/tickets", "id > 0", order="DESC", per_page=1).get("items") or []
        after = str(newest[0]["id"]) if newest else "0"
        self.write(refs.mark_sending, mutation_id=mutation_id, server_key=self.key, action="create",
                   remote_ticket=None, after_version=after, body_hash=body_hash(title))
        from app.sync.engine import crash_point
        crash_point("rt_before_send")
        answer = self.rt.body(self.rt.post_json("/ticket", body))
        number = str((answer or {}).get("id") or "")
        if not number.isdigit():
            raise ServerError("Request Tracker did not say which ticket it created.", 502)
        self.write(refs.mark_done, mutation_id=mutation_id, remote_id=number,
                   refs=[("ticket", number, row["id"], None)])
        return {"status": "applied", "number": f"RT{number}"}

    def _queue_of_group(self, group_id: str | None) -> str | None:
        """RT's queue id for a desk assignment group: the ref of a group made from an RT queue; a group whose
        id is the one derived from an RT queue the user can see (a ref lost, or a queue not pulled yet) is
        matched through RT's list of queues, and its ref recorded. None for a group that is no RT queue."""
        if not group_id:
            return None
        queue = self.read(refs.remotes_of, server_key=self.key, kind="queue").get(group_id)
        if queue is not None:
            return queue
        page = 1
        while True:
            answer = self.rt.get("/queues/all", per_page=PAGE_MAX, page=page)
            for item in answer.get("items") or []:
                remote = str(item.get("id", "")) if isinstance(item, dict) else ""
                if remote.isdigit() and mapping.local_id(self.base, "queue", remote) == group_id:
                    self.write(refs.put_ref, server_key=self.key, kind="queue", remote_id=remote, local_id=group_id)
                    return remote
            if page >= int(answer.get("pages") or 1) or not answer.get("items"):
                return None
            page += 1

    def _no_queue_reason(self, group_id: str | None) -> str:
        if not group_id:
            return ("Request Tracker files every ticket in a queue: give this ticket an assignment group that is "
                    "an RT queue, then send it again.")
        name = self.read(group_name, group_id=group_id) or group_id
        return (f"The assignment group {name!r} is not a queue in Request Tracker (it exists on this desk only): "
                "choose a group that is an RT queue, then send the ticket again.")

    def _find_ticket(self, after: str | None, title: str) -> str | None:
        query = f"Creator = '{self.me}' AND id > {int(after or 0)}"
        for ticket in self.rt.search("/tickets", query, fields="Subject").get("items") or []:
            if str(ticket.get("Subject") or "") == title:
                return str(ticket["id"])
        return None

    def unlink(self, row: dict[str, Any]) -> dict[str, Any]:
        """A link removed on the desk: RT's `Delete<type>` on its source ticket. Safe to repeat (RT answers a
        link it no longer has with a message and changes nothing); the pull then finds it gone on both sides."""
        rt_type = {"child_of": "DeleteParent", "refers_to": "DeleteRefersTo", "depends_on": "DeleteDependsOn"}.get(
            str(row.get("kind")))
        if rt_type is None:  # duplicate of / caused by never went to RT: removed on this desk only
            return {"status": "applied", "reason": "This link was on this desk only."}
        source = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=row.get("source_id") or "")
        target = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=row.get("target_id") or "")
        if source is None or target is None:
            return {"status": "applied", "reason": "This link was on this desk only."}
        self.rt.body(self.rt.put_json(f"/ticket/{source[0]}", {rt_type: target[0]}))
        record, _ = self._ticket(source[0])
        ref = {"child_of": "parent", "refers_to": "refers-to", "depends_on": "depends-on"}[str(row["kind"])]
        if any(isinstance(x, dict) and x.get("ref") == ref and str(x.get("id")) == target[0]
               for x in record.get("_hyperlinks") or []):
            return {"status": "rejected",
                    "reason": f"Request Tracker kept the link {ref} RT{target[0]} on RT{source[0]} (removing it "
                              "needs the right to modify both tickets)."}
        self.write(forget_link, server_key=self.key, key=f"{row['source_id']}|{row['kind']}|{row['target_id']}")
        return {"status": "applied"}

    def link(self, row: dict[str, Any]) -> dict[str, Any]:
        # "Add…": "Parent" / "RefersTo" alone would replace the ticket's other links of that type
        rt_type = {"child_of": "AddParent", "refers_to": "AddRefersTo", "depends_on": "AddDependsOn"}.get(
            str(row.get("kind")))
        source = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=row.get("source_id") or "")
        target = self.read(refs.remote_of, server_key=self.key, kind="ticket", local_id=row.get("target_id") or "")
        if rt_type is None:
            return {"status": "rejected",
                    "reason": "Request Tracker has no link of this kind (only parent, refers to, depends on)."}
        if source is None or target is None:
            return {"status": "rejected", "reason": NOT_IN_RT}
        self.rt.body(self.rt.put_json(f"/ticket/{source[0]}", {rt_type: target[0]}))
        # The pull names the link by its two ends: it must find this desk's row, not add a second one.
        self.write(refs.put_ref, server_key=self.key, kind="link",
                   remote_id=f"{row['source_id']}|{row['kind']}|{row['target_id']}", local_id=row["id"])
        return {"status": "applied"}


def forget_link(session: Session, *, server_key: str, key: str) -> None:
    """A link removed on both sides: its ends no longer name the desk's (deleted) row."""
    session.execute(delete(BackendRef).where(BackendRef.server_key == server_key, BackendRef.kind == "link",
                                             BackendRef.remote_id == key))


def group_name(session: Session, *, group_id: str) -> str | None:
    return session.scalar(select(Group.name).where(Group.id == group_id))


def _conflicts(outcome) -> list[dict[str, Any]]:
    out = [{"field": f, "base": b, "theirs": t, "mine": m, "reason": None} for f, b, t, m in outcome.conflicts]
    if outcome.contested_state is not None:
        base, theirs, mine = outcome.contested_state
        out.append({"field": "state", "base": base, "theirs": theirs, "mine": mine,
                    "reason": "The ticket's status was changed in Request Tracker too."})
    return out
