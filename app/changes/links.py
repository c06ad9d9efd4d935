"""A change's children: CAB approvals (append-only) and links to incidents and problems."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes.writes import get_change
from app.models import CabApproval, ChangeLink, Group, Person, Ticket, group_member
from app.outbox.journal import append_row, queue_mutation, record_event
from app.tickets.links import find_by_number
from core.changes.rules import APPROVAL_COLUMNS, CHANGE_LINK_KINDS, COMMENT_MAX, DECISION_LABELS, LINK_COLUMNS
from core.changes.workflow import CAB_DECISIONS, INACTIVE_STATES, change_state_label
from core.errors import NotFoundError, ValidationError
from core.schema import utcnow


def cab_group_of(session: Session, cab_group: str | None) -> Group:
    """The approving group named by the cab_group setting (its id, or else its name)."""
    group = session.get(Group, cab_group) if isinstance(cab_group, str) and cab_group else None
    if group is None and isinstance(cab_group, str) and cab_group.strip():
        group = session.scalar(select(Group).where(Group.name == cab_group.strip()).limit(1))
    if group is None:
        raise ValidationError(f'There is no approving (CAB) group "{cab_group or ""}" on this desk. Choose the group '
                              "whose members approve changes in Settings, under Changes.", field="approver_id")
    return group


def can_approve(session: Session, *, person_id: str | None, cab_group: str | None) -> tuple[bool, str]:
    """Whether this person may record CAB decisions, and if not, why (a sentence for the editor)."""
    try:
        group = cab_group_of(session, cab_group)
    except ValidationError as exc:
        return False, str(exc)
    if person_id is None or session.execute(select(group_member.c.person_id).where(
            group_member.c.group_id == group.id, group_member.c.person_id == person_id)).first() is None:
        return False, f"Only members of {group.name} record CAB decisions; you are not one."
    return True, ""


def record_approval(session: Session, *, change_id: str, decision: str, comment: str = "", actor_id: str | None,
                    cab_group: str | None) -> CabApproval:
    """Record the actor's own CAB decision: the actor must be a member of the approving group (the
    cab_group setting); nobody records a decision for someone else. Appended, never edited: a later
    decision of the same approver replaces the earlier one when the workflow counts approvals."""
    if decision not in CAB_DECISIONS:
        raise ValidationError("A CAB decision is pending, approved or rejected.", field="decision")
    if not isinstance(comment, str) or len(comment) > COMMENT_MAX:
        raise ValidationError(f"The comment must be text of at most {COMMENT_MAX} characters.", field="comment")
    comment = "".join(ch for ch in comment if ch in "\t\n\r" or 32 <= ord(ch) != 127).strip()
    if decision == "rejected" and not comment:
        raise ValidationError("Say why the change is rejected.", field="comment")
    change = get_change(session, change_id)
    if change.state in INACTIVE_STATES:
        raise ValidationError(f"{change.number} is {change_state_label(change.state).lower()}; it takes no more "
                              "CAB decisions.", field="decision")
    approver = session.get(Person, actor_id) if isinstance(actor_id, str) else None
    if approver is None:
        raise ValidationError("Sign in (or set who you are on this desk) before recording a CAB decision.",
                              field="approver_id")
    allowed, why = can_approve(session, person_id=approver.id, cab_group=cab_group)
    if not allowed:
        raise ValidationError(why, field="approver_id")
    now = utcnow()
    row = CabApproval(change_id=change.id, approver_id=approver.id, decision=decision, comment=comment,
                      decided_at=now)
    append_row(session, row, entity="cab_approval", columns=APPROVAL_COLUMNS)
    record_event(session, entity="change", entity_id=change.id, field="cab_approval",
                 new=f"{DECISION_LABELS[decision]} by {approver.name}", actor_id=approver.id)
    change.updated_at = now
    return row


def link_ticket(session: Session, *, change_id: str, ticket_number: str, kind: str = "related",
                actor_id: str | None) -> ChangeLink:
    """Link an incident or problem (by number) to the change."""
    if kind not in CHANGE_LINK_KINDS:
        raise ValidationError("Unknown link type.", field="kind")
    change = get_change(session, change_id)
    try:
        ticket = find_by_number(session, ticket_number)
    except NotFoundError as exc:
        raise ValidationError(str(exc), field="ticket_number") from None
    if ticket.type not in ("incident", "problem"):
        raise ValidationError(f"{ticket.number} is a service request; a change links to incidents and problems.",
                              field="ticket_number")
    exists = session.scalar(select(ChangeLink.id).where(ChangeLink.change_id == change.id,
                                                        ChangeLink.ticket_id == ticket.id))
    if exists:
        raise ValidationError(f"{ticket.number} is already linked to {change.number}.", field="ticket_number")
    now = utcnow()
    link = ChangeLink(change_id=change.id, ticket_id=ticket.id, kind=kind, created_at=now)
    append_row(session, link, entity="change_link", columns=LINK_COLUMNS)
    record_event(session, entity="change", entity_id=change.id, field="link",
                 new=f"{CHANGE_LINK_KINDS[kind]} {ticket.number}", actor_id=actor_id)
    record_event(session, entity="ticket", entity_id=ticket.id, field="link",
                 new=f"Change {change.number}", actor_id=actor_id)
    change.updated_at = now
    return link


def unlink_ticket(session: Session, *, link_id: str, actor_id: str | None) -> None:
    """Remove a link; synced as a delete of the link row and audited on both sides."""
    link = session.get(ChangeLink, link_id)
    if link is None:
        raise NotFoundError("The link no longer exists.")
    change = get_change(session, link.change_id)
    number = session.scalar(select(Ticket.number).where(Ticket.id == link.ticket_id))
    queue_mutation(session, entity="change_link", entity_id=link.id, op="delete", payload={"id": link.id})
    record_event(session, entity="change", entity_id=change.id, field="link", old=number, new=None,
                 actor_id=actor_id)
    record_event(session, entity="ticket", entity_id=link.ticket_id, field="link", old=f"Change {change.number}",
                 new=None, actor_id=actor_id)
    session.delete(link)
    change.updated_at = utcnow()

