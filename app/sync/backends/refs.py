"""The desk's side of a backend: remote ids and versions (backend_ref) and the ledger of sent writes
(backend_sent). Functions of a session, run through app.sync.writer like the rest of the sync."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.models import Attachment, BackendRef, BackendSent, Ticket, TicketLink
from app.sync.backends import moves
from core.schema import utcnow

PAGE_KEY = "backend_refs"  # a pull page's list of [kind, remote id, local id, version] to record with it


def save_refs(session: Session, *, page: dict[str, Any], server_key: str) -> None:
    """Record the refs a pulled page carries, in the page's own transaction (so a ticket's version is
    never newer than the row the desk holds)."""
    moves.save_moves(session, page=page)  # a backend's own status moves (RT's lifecycles), with the rows
    rows = [{"server_key": server_key, "kind": kind, "remote_id": str(remote), "local_id": local, "version": version}
            for kind, remote, local, version in page.get(PAGE_KEY) or ()]
    if not rows:
        return
    stmt = insert(BackendRef)
    session.execute(stmt.on_conflict_do_update(
        index_elements=["server_key", "kind", "remote_id"],
        set_={"local_id": stmt.excluded.local_id, "version": stmt.excluded.version}), rows)


def put_ref(session: Session, *, server_key: str, kind: str, remote_id: str, local_id: str,
            version: str | None = None) -> None:
    save_refs(session, page={PAGE_KEY: [(kind, remote_id, local_id, version)]}, server_key=server_key)


def local_ids(session: Session, *, server_key: str, kind: str, remote_ids: list[str]) -> dict[str, str]:
    """remote id -> local id of the refs held for `remote_ids`."""
    out: dict[str, str] = {}
    for start in range(0, len(remote_ids), 500):
        chunk = remote_ids[start:start + 500]
        out.update(session.execute(select(BackendRef.remote_id, BackendRef.local_id).where(
            BackendRef.server_key == server_key, BackendRef.kind == kind, BackendRef.remote_id.in_(chunk))).all())
    return out


def remote_of(session: Session, *, server_key: str, kind: str, local_id: str) -> tuple[str, str | None] | None:
    """(remote id, version) of a local row, None when the desk knows no remote record for it."""
    row = session.execute(select(BackendRef.remote_id, BackendRef.version).where(
        BackendRef.server_key == server_key, BackendRef.kind == kind, BackendRef.local_id == local_id)).first()
    return None if row is None else (row[0], row[1])


def remotes_of_file(session: Session, *, server_key: str, sha256: str) -> list[str]:
    """The remote ids of the attachment rows whose bytes hash to `sha256` (one file may sit on many tickets)."""
    return list(session.scalars(select(BackendRef.remote_id).join(Attachment, Attachment.id == BackendRef.local_id)
                                .where(BackendRef.server_key == server_key, BackendRef.kind == "attachment",
                                       Attachment.content_hash == sha256)))


def remotes_of(session: Session, *, server_key: str, kind: str) -> dict[str, str]:
    """local id -> remote id of every ref of `kind` (people and queues: a few thousand at most)."""
    return {local: remote for remote, local in session.execute(select(BackendRef.remote_id, BackendRef.local_id)
                                                               .where(BackendRef.server_key == server_key,
                                                                      BackendRef.kind == kind)).all()}


def descriptions(session: Session, *, ticket_ids: list[str]) -> dict[str, str]:
    """The descriptions the desk holds for these tickets (RT keeps a ticket's description as its first
    message, which never changes, so a known ticket's description is not fetched again)."""
    out: dict[str, str] = {}
    for start in range(0, len(ticket_ids), 500):
        chunk = ticket_ids[start:start + 500]
        out.update(session.execute(select(Ticket.id, Ticket.description).where(Ticket.id.in_(chunk))).all())
    return out


def sent(session: Session, *, mutation_id: str) -> dict[str, Any] | None:
    row = session.get(BackendSent, mutation_id)
    if row is None:
        return None
    return {"state": row.state, "action": row.action, "remote_ticket": row.remote_ticket,
            "after_version": row.after_version, "body_hash": row.body_hash, "remote_id": row.remote_id,
            "sent_at": row.sent_at}


def mark_sending(session: Session, *, mutation_id: str, server_key: str, action: str, remote_ticket: str | None,
                 after_version: str | None, body_hash: str) -> None:
    """Before the request goes: what is about to be sent, and the ticket's newest transaction before it."""
    row = session.get(BackendSent, mutation_id)
    if row is None:
        session.add(BackendSent(mutation_id=mutation_id, server_key=server_key, action=action,
                                remote_ticket=remote_ticket, after_version=after_version, body_hash=body_hash,
                                state="sending", sent_at=utcnow()))
    else:
        row.after_version, row.sent_at = after_version, utcnow()


def mark_done(session: Session, *, mutation_id: str, remote_id: str | None, refs: list[tuple] | None = None) -> None:
    """The write is known to be in RT (as `remote_id`); `refs` (kind, remote, local, version) map it."""
    row = session.get(BackendSent, mutation_id)
    if row is not None:
        row.state, row.remote_id = "done", remote_id
        if refs:
            save_refs(session, page={PAGE_KEY: list(refs)}, server_key=row.server_key)


def links_from(session: Session, *, ticket_ids: list[str]) -> dict[str, list[tuple[str, tuple[str, str, str]]]]:
    """The links the desk holds from these tickets: ticket id -> [(link id, (source, kind, target))]."""
    out: dict[str, list[tuple[str, tuple[str, str, str]]]] = {}
    for link in session.scalars(select(TicketLink).where(TicketLink.source_id.in_(ticket_ids))):
        out.setdefault(link.source_id, []).append((link.id, (link.source_id, link.kind, link.target_id)))
    return out


def held_tickets(session: Session, *, server_key: str) -> dict[str, str]:
    """remote id -> local id of the server's tickets this desk holds now (evicted ones are not held)."""
    return dict(session.execute(select(BackendRef.remote_id, BackendRef.local_id)
                                .join(Ticket, Ticket.id == BackendRef.local_id)
                                .where(BackendRef.server_key == server_key, BackendRef.kind == "ticket")).all())
