"""Everything the change editor shows for one change, read in one task, and the template catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes.writes import approvals_of, ci_ids_of, get_change, propose_risk
from app.models import AuditEvent, CabApproval, ChangeLink, ChangeTemplate, Person, Ticket
from app.tickets.records import Choice, HistoryItem
from core.changes.rules import CHANGE_LINK_KINDS, DECISION_LABELS
from core.changes.workflow import INACTIVE_STATES, change_state_label, change_workflow_for
from core.tickets.workflow import state_label

HISTORY_LIMIT = 2000


@dataclass(frozen=True)
class ApprovalItem:
    id: str
    approver_id: str | None
    approver: str
    decision: str
    decision_label: str
    comment: str
    decided_at: datetime


@dataclass(frozen=True)
class ChangeLinkItem:
    id: str
    kind: str
    kind_label: str
    ticket_id: str
    ticket_number: str
    ticket_title: str
    ticket_state: str


@dataclass(frozen=True)
class TemplateItem:
    id: str
    name: str
    description: str
    risk: str
    duration_minutes: int
    implementation_plan: str
    backout_plan: str
    test_plan: str


@dataclass(frozen=True)
class ChangeDetail:
    id: str
    number: str
    title: str
    description: str
    change_type: str
    template_name: str
    state: str
    state_label: str
    is_active: bool
    risk: str
    risk_proposed: str
    risk_overridden: bool
    risk_reason: str | None
    risk_reasons: tuple[str, ...]  # the calculator's reasons for the proposal, as of now
    risk_score: int
    planned_start: datetime | None
    planned_end: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    requester_id: str | None
    group_id: str | None
    assignee_id: str | None
    implementation_plan: str
    backout_plan: str
    test_plan: str
    outcome: str | None
    close_notes: str | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    cis: tuple[Choice, ...]
    approvals: tuple[ApprovalItem, ...]
    approval_summary: str  # "2 approved, 1 pending" (latest decision per approver)
    links: tuple[ChangeLinkItem, ...]
    history: tuple[HistoryItem, ...]
    allowed_states: tuple[tuple[str, str], ...]

    @property
    def ci_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cis)


def change_detail(session: Session, *, change_id: str) -> ChangeDetail:
    """One change as the editor shows it: fields, proposed risk, approvals, links, history, allowed moves."""
    c = get_change(session, change_id)
    ci_ids = ci_ids_of(session, c.id)
    assessment = propose_risk(session, change_type=c.change_type, planned_start=c.planned_start, ci_ids=ci_ids,
                              exclude_id=c.id)
    approvals = session.scalars(select(CabApproval).where(CabApproval.change_id == c.id)
                                .order_by(CabApproval.decided_at, CabApproval.id)).all()
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == c.id)
                             .order_by(AuditEvent.at.desc()).limit(HISTORY_LIMIT)).all()
    wanted = {a.approver_id for a in approvals} | {e.actor_id for e in events}
    names: dict[str | None, str] = dict(session.execute(
        select(Person.id, Person.name).where(Person.id.in_([w for w in wanted if w]))).all())
    links = session.execute(select(ChangeLink, Ticket).join(Ticket, Ticket.id == ChangeLink.ticket_id)
                            .where(ChangeLink.change_id == c.id).order_by(ChangeLink.created_at)).all()
    template = session.get(ChangeTemplate, c.template_id) if c.template_id else None
    latest = approvals_of(session, c.id)
    tally = {d: sum(1 for a in latest if a.decision == d) for d in DECISION_LABELS}
    summary = ", ".join(f"{n} {d}" for d, n in tally.items() if n) or "none recorded"
    wf = change_workflow_for(c.change_type)
    return ChangeDetail(
        id=c.id, number=c.number or "", title=c.title, description=c.description, change_type=c.change_type,
        template_name=template.name if template else "", state=c.state, state_label=change_state_label(c.state),
        is_active=c.state not in INACTIVE_STATES, risk=c.risk, risk_proposed=assessment.level,
        risk_overridden=c.risk_overridden, risk_reason=c.risk_reason, risk_reasons=assessment.reasons,
        risk_score=assessment.score, planned_start=c.planned_start, planned_end=c.planned_end,
        actual_start=c.actual_start, actual_end=c.actual_end, requester_id=c.requester_id, group_id=c.group_id,
        assignee_id=c.assignee_id, implementation_plan=c.implementation_plan, backout_plan=c.backout_plan,
        test_plan=c.test_plan, outcome=c.outcome, close_notes=c.close_notes, created_at=c.created_at,
        updated_at=c.updated_at, closed_at=c.closed_at,
        cis=tuple(sorted((Choice(ci.id, ci.name) for ci in c.cis if ci.id in ci_ids), key=lambda x: x.name)),
        approvals=tuple(ApprovalItem(id=a.id, approver_id=a.approver_id, approver=names.get(a.approver_id, ""),
                                     decision=a.decision, decision_label=DECISION_LABELS.get(a.decision, a.decision),
                                     comment=a.comment, decided_at=a.decided_at) for a in approvals),
        approval_summary=summary,
        links=tuple(ChangeLinkItem(id=link.id, kind=link.kind, kind_label=CHANGE_LINK_KINDS.get(link.kind, link.kind),
                                   ticket_id=t.id, ticket_number=t.number or "", ticket_title=t.title,
                                   ticket_state=state_label(t.type, t.state)) for link, t in links),
        history=tuple(HistoryItem(at=e.at, actor=names.get(e.actor_id, "System"), field=e.field,
                                  old_value=e.old_value, new_value=e.new_value, batch_id=e.batch_id) for e in events),
        allowed_states=tuple((s, wf.state(s).label) for s in wf.allowed(c.state)),
    )


def list_templates(session: Session, *, active_only: bool = True) -> tuple[TemplateItem, ...]:
    stmt = select(ChangeTemplate).order_by(ChangeTemplate.name)
    if active_only:
        stmt = stmt.where(ChangeTemplate.active.is_(True))
    return tuple(TemplateItem(id=t.id, name=t.name, description=t.description, risk=t.risk,
                              duration_minutes=t.duration_minutes, implementation_plan=t.implementation_plan,
                              backout_plan=t.backout_plan, test_plan=t.test_plan) for t in session.scalars(stmt))
