"""Apply a push: every mutation in client order, each with a stored receipt, all in one transaction."""
# Idempotency: receipts are keyed by (client_id, seq) and written in the transaction that applied the
# effect, so a push repeated after a lost reply finds them and answers with them, applying nothing twice.
# Each mutation runs in a savepoint: a refused one leaves no trace but its receipt.

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from server import change_sync, changelog, children, cmdb, knowledge, macros, reference, reference_rows, tickets
from server.config import Settings
from server.db import Database
from server.mail import queue as mail_queue
from server.models import MutationReceipt, SyncClient, utcnow
from server.notify import Notifier
from server.protocol import Mutation, PushRequest, PushResponse, Receipt, storable
from server.scope import Scope
from server.validate import Rejected


class PushRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _apply(session: Session, scope: Scope, client_id: str, m: Mutation, settings: Settings) -> dict[str, Any]:
    try:
        storable(m.payload)
    except ValueError as exc:
        raise Rejected(f"The payload cannot be stored: {exc}.") from None
    if m.entity == "person":
        return reference.apply_person(session, scope, op=m.op, entity_id=m.entity_id, payload=m.payload)
    if m.entity in macros.ENTITIES:
        return macros.apply(session, scope, entity=m.entity, op=m.op, entity_id=m.entity_id, payload=m.payload)
    if m.entity in reference_rows.ENTITIES:
        return reference_rows.apply(session, scope, entity=m.entity, op=m.op, entity_id=m.entity_id, payload=m.payload)
    if m.entity in cmdb.ENTITIES:
        return cmdb.apply(session, scope, entity=m.entity, op=m.op, entity_id=m.entity_id, payload=m.payload)
    if m.entity in knowledge.ENTITIES:
        return knowledge.apply(session, scope, client_id, m)
    if m.entity in change_sync.ENTITIES:
        return change_sync.apply(session, scope, client_id, m, cab_group=settings.cab_group)
    if m.entity == "ticket":
        if m.op == "create":
            return tickets.create(session, scope, m.entity_id, m.payload)
        if m.op == "update":
            return tickets.update(session, scope, client_id=client_id, mutation_id=m.mutation_id,
                                  entity_id=m.entity_id, payload=m.payload)
        if m.op == "delete":
            return tickets.remove(session, scope, m.entity_id)
        raise Rejected("A ticket is created, updated or deleted, not appended.")
    if m.entity == "ticket_link" and m.op == "delete":
        return children.remove_link(session, scope, m.entity_id)
    if m.op != "append":
        raise Rejected(f"A {m.entity.replace('_', ' ')} is only ever appended.")
    return children.append(session, scope, entity=m.entity, entity_id=m.entity_id, payload=m.payload,
                           max_blob_bytes=settings.max_blob_bytes)


def _apply_one(session: Session, scope: Scope, client_id: str, m: Mutation, settings: Settings) -> dict[str, Any]:
    # The change-number cache must roll back with the savepoint, or a refused mutation leaves a hole.
    next_seq, last_seq = session.info.get("next_seq"), session.info.get("last_seq")
    savepoint = session.begin_nested()
    try:
        seen = mail_queue.before(session, m)
        outcome = _apply(session, scope, client_id, m, settings)
        mail_queue.after(session, m, seen, outcome, settings.mail)  # mail it causes, in the same transaction
        savepoint.commit()
        return outcome
    except (Rejected, DataError, IntegrityError) as exc:
        savepoint.rollback()
        session.info["next_seq"], session.info["last_seq"] = next_seq, last_seq
        reason = str(exc) if isinstance(exc, Rejected) else "The server could not store this change (invalid data)."
        return {"status": "rejected", "reason": reason}


def _stored(session: Session, client_id: str, mutations: list[Mutation]) -> tuple[dict, dict]:
    """{seq: (mutation_id, receipt)} and {mutation_id: (mutation_id, receipt)} of stored receipts."""
    by_seq: dict[int, tuple[str, dict]] = {}
    by_id: dict[str, tuple[str, dict]] = {}
    seqs = [m.seq for m in mutations]
    ids = [m.mutation_id for m in mutations]
    for start in range(0, len(seqs), 500):
        for row in session.execute(select(MutationReceipt.seq, MutationReceipt.mutation_id, MutationReceipt.receipt)
                                   .where(MutationReceipt.client_id == client_id,
                                          or_(MutationReceipt.seq.in_(seqs[start:start + 500]),
                                              MutationReceipt.mutation_id.in_(ids[start:start + 500])))):
            by_seq[row.seq] = by_id[row.mutation_id] = (row.mutation_id, row.receipt)
    return by_seq, by_id


def push(db: Database, notifier: Notifier, settings: Settings, scope: Scope, request: PushRequest) -> PushResponse:
    receipts: list[dict[str, Any]] = []
    with db.write() as session:
        client = session.get(SyncClient, request.client_id)
        if client is None:
            client = SyncClient(client_id=request.client_id, account_id=scope.account_id, last_seq=0)
            session.add(client)
            session.flush()
        elif client.account_id != scope.account_id:
            raise PushRefused(403, "This client id is registered to another user. Sign in as that user, "
                                   "or start a fresh client.")
        # The receipts already stored for this push's numbers or ids, in one query (a retried push).
        by_seq, by_id = _stored(session, client.client_id, request.mutations)
        for m in request.mutations:
            stored = by_seq.get(m.seq) or by_id.get(m.mutation_id)
            if stored is not None:
                if stored[0] == m.mutation_id:
                    receipts.append(stored[1])
                else:  # not stored: the client's outbox is inconsistent, it must not be masked
                    receipts.append({"mutation_id": m.mutation_id, "seq": m.seq, "status": "rejected",
                                     "reason": "This mutation number was already used by another mutation."})
                continue
            outcome = _apply_one(session, scope, client.client_id, m, settings)
            # Only top-level empties are dropped: a conflict's base of null is a value, not an absence.
            receipt = {k: v for k, v in Receipt(mutation_id=m.mutation_id, seq=m.seq, **outcome).model_dump().items()
                       if v is not None}
            session.add(MutationReceipt(client_id=client.client_id, seq=m.seq, mutation_id=m.mutation_id,
                                        receipt=receipt))
            # A second mutation with this seq or id in the same push must find this one.
            by_seq[m.seq] = by_id[m.mutation_id] = (m.mutation_id, receipt)
            client.last_seq = max(client.last_seq, m.seq)
            receipts.append(receipt)
        client.updated_at = utcnow()
        changed = session.info.get("last_seq")
        if changed is not None:
            notifier.send(session, changed)
        cursor = changed if changed is not None else changelog.latest_seq(session)
    if changed is not None:
        notifier.wake()
    return PushResponse(receipts=[Receipt(**r) for r in receipts], cursor=cursor)
