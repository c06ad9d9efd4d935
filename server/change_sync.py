"""The change side of push and pull: change mutations, CAB approvals, ticket links, a pull page's change rows."""
# Dispatch of change mutations, appends of CAB approvals and ticket links (deduplicated by the client-made id, never
# conflicting), link removal, and the change rows of a pull page (every account reads every change; a change row
# carries its CI ids as `ci_ids`).

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.changes.rules import APPROVAL_COLUMNS, CHANGE_LINK_KINDS, COMMENT_MAX, LINK_COLUMNS
from core.changes.workflow import CAB_DECISIONS, INACTIVE_STATES, change_state_label
from server import changelog, changes
from server.change_models import CabApproval, Change, ChangeLink, change_ci
from server.models import Group, Person, Ticket, group_member, utcnow
from server.protocol import Mutation
from server.scope import Scope
from server.tickets import was_deleted
from server.validate import Rejected, choice, clean_text, ident, row_shape, timestamp

ENTITIES = changes.ENTITIES
MODELS: dict[str, type[Change] | type[CabApproval] | type[ChangeLink]] = {
    "change": Change, "cab_approval": CabApproval, "change_link": ChangeLink}


def apply(session: Session, scope: Scope, client_id: str, m: Mutation, *, cab_group: str) -> dict[str, Any]:
    """Apply one change, approval or link mutation (called by push inside the mutation's savepoint)."""
    if m.entity == "change":
        if m.op == "create":
            return changes.create(session, scope, m.entity_id, m.payload)
        if m.op == "update":
            return changes.update(session, scope, client_id=client_id, mutation_id=m.mutation_id,
                                  entity_id=m.entity_id, payload=m.payload)
        raise Rejected("A change is created or updated, never deleted: cancel it instead.")
    if m.entity == "change_link" and m.op == "delete":
        return remove_link(session, scope, m.entity_id)
    if m.op != "append":
        raise Rejected("A CAB approval is only ever appended." if m.entity == "cab_approval"
                       else "A change link is appended or deleted.")
    return append(session, scope, m.entity, m.entity_id, m.payload, cab_group=cab_group)


def _touch(session: Session, change: Change) -> None:
    # The client marks the change updated when it takes a child; the server does the same, so both agree.
    change.updated_at = utcnow()
    session.flush()
    changelog.record(session, entity="change", entity_id=change.id)


def _check_cab_member(session: Session, scope: Scope, approver_id: str, cab_group: str) -> None:
    """A decision is the signed-in person's own, and only members of the approving group make one."""
    if approver_id != scope.person_id:
        raise Rejected("A CAB decision is recorded by the approver, as themselves; not for someone else.")
    group = session.get(Group, cab_group) or session.scalar(select(Group).where(Group.name == cab_group).limit(1))
    if group is None:
        raise Rejected(f'The server has no approving (CAB) group "{cab_group}"; an admin sets it with --cab-group.')
    if session.execute(select(group_member.c.person_id).where(group_member.c.group_id == group.id,
                                                              group_member.c.person_id == approver_id)).first() is None:
        raise Rejected(f"Only members of {group.name} record CAB decisions.")


def append(session: Session, scope: Scope, entity: str, entity_id: str, payload: dict, *,
           cab_group: str) -> dict[str, Any]:
    model = MODELS[entity]
    row = row_shape(payload, APPROVAL_COLUMNS if entity == "cab_approval" else LINK_COLUMNS, entity_id,
                    entity.replace("_", " "))
    ident(entity_id, "Id")
    if session.get(model, entity_id) is not None:
        return {"status": "applied", "reason": "already present"}  # the same append from a retry or twin
    if was_deleted(session, entity, entity_id):
        return {"status": "applied", "reason": "already deleted"}
    change = changes.load(session, scope, row.get("change_id"))
    obj: CabApproval | ChangeLink
    if entity == "cab_approval":
        if change.state in INACTIVE_STATES:
            raise Rejected(f"{change.number} is {change_state_label(change.state).lower()}; it takes no more "
                           "CAB decisions.")
        decision = choice(row.get("decision"), CAB_DECISIONS, "Decision", nullable=False)
        comment = clean_text(row.get("comment"), "The comment", required=decision == "rejected", limit=COMMENT_MAX)
        approver_id = ident(row.get("approver_id"), "Approver")
        if session.get(Person, approver_id) is None:
            raise Rejected("The CAB member who decided does not exist on the server.")
        _check_cab_member(session, scope, approver_id, cab_group)
        obj = CabApproval(id=entity_id, change_id=change.id, approver_id=approver_id, decision=decision,
                          comment=comment.strip(),
                          decided_at=timestamp(row.get("decided_at"), "decided_at") or utcnow())
    else:
        ident(row.get("ticket_id"), "Linked ticket")
        ticket = session.get(Ticket, row["ticket_id"])
        if ticket is None:
            raise Rejected("The linked ticket does not exist on the server.")
        if ticket.type not in ("incident", "problem"):
            raise Rejected(f"{ticket.number} is a service request; a change links to incidents and problems.")
        if session.scalar(select(ChangeLink.id).where(ChangeLink.change_id == change.id,
                                                      ChangeLink.ticket_id == ticket.id)) is not None:
            raise Rejected(f"{ticket.number} is already linked to {change.number}.")
        obj = ChangeLink(id=entity_id, change_id=change.id, ticket_id=ticket.id,
                         kind=choice(row.get("kind"), CHANGE_LINK_KINDS, "Link kind", nullable=False),
                         created_at=timestamp(row.get("created_at"), "created_at") or utcnow())
    session.add(obj)
    session.flush()
    changelog.record(session, entity=entity, entity_id=entity_id)
    _touch(session, change)
    return {"status": "applied"}


def remove_link(session: Session, scope: Scope, link_id: str) -> dict[str, Any]:
    ident(link_id, "Link id")
    link = session.get(ChangeLink, link_id)
    if link is None:
        if was_deleted(session, "change_link", link_id):
            return {"status": "applied", "reason": "already deleted"}
        raise Rejected("Unknown change link.")
    change = changes.load(session, scope, link.change_id)
    session.delete(link)
    session.flush()
    changelog.record(session, entity="change_link", entity_id=link_id, op="delete")
    _touch(session, change)
    return {"status": "applied"}


# --- pull ---------------------------------------------------------------------------------------------------

def _wire(row: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row._mapping.items()}


def load_rows(session: Session, entries: Sequence[changelog.LogEntry]) -> dict[str, dict[str, dict[str, Any]]]:
    """The current rows (wire form) of the changes, approvals and links a page's log entries name."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for entity, model in MODELS.items():
        ids = sorted({e.entity_id for e in entries if e.entity == entity and e.op != "delete"})
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 5000):
            part = ids[start:start + 5000]
            rows.update((r.id, _wire(r)) for r in session.execute(select(model.__table__).where(model.id.in_(part))))
            if entity == "change":
                for row_id in part:
                    if row_id in rows:
                        rows[row_id]["ci_ids"] = []
                for change_id, ci_id in session.execute(select(change_ci.c.change_id, change_ci.c.ci_id)
                                                        .where(change_ci.c.change_id.in_(part))
                                                        .order_by(change_ci.c.change_id, change_ci.c.ci_id)):
                    rows[change_id]["ci_ids"].append(ci_id)
        out[entity] = rows
    return out


def add_to_page(page: Any, entry: changelog.LogEntry, loaded: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Add one log entry of a change, approval or link to a pull page (server.pull._Page)."""
    if entry.op == "delete":
        page.change(entry, "delete")
        return
    row = loaded[entry.entity].get(entry.entity_id)
    if row is not None:  # gone since without a tombstone: a link whose ticket was deleted (clients cascade too)
        page.rows.setdefault(entry.entity, {})[entry.entity_id] = row
        page.change(entry, "upsert")
