"""Read and record a requester's survey answer on the ticket, in one write transaction with its change log."""
# The answer is written to the ticket's csat_* columns with source "survey" and logged with
# changelog.record_ticket in the same Database.write() transaction, so every desk that sees the ticket
# pulls it like any other change. Which tickets accept an answer (see docs/MAIL.md, Satisfaction surveys):
# the ticket still exists, the link's requester is still its requester, and it is resolved or closed now
# (a ticket reopened after the survey went out refuses answers until it is resolved again, which mails
# a new survey: the rating would otherwise count for work that turned out unfinished).

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.tickets.csat import RATED_KINDS, check_csat
from core.tickets.workflow import TransitionError, workflow_for
from server import changelog
from server.db import Database
from server.mail.survey.tokens import Answer
from server.models import Group, Ticket, utcnow
from server.notify import Notifier


class Refused(Exception):
    """The answer cannot be recorded (or the page shown): `status` for HTTP, `reason` a key of the page texts."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class SurveyTicket:
    """What the survey page shows of a ticket: nothing beyond its number, title and this answer."""

    number: str
    title: str
    group_id: str | None
    group_name: str | None
    score: int | None        # the current survey answer, if any
    comment: str | None
    answered_at: datetime | None


def _checked(ticket: Ticket | None, answer: Answer) -> Ticket:
    if ticket is None:
        raise Refused(410, "gone")
    if ticket.requester_id != answer.requester_id:
        raise Refused(403, "other_requester")
    try:
        kind = workflow_for(ticket.type).state(ticket.state).kind
    except (KeyError, TransitionError):
        kind = None
    if kind not in RATED_KINDS:
        raise Refused(409, "reopened")
    return ticket


def _view(session, ticket: Ticket) -> SurveyTicket:
    group = session.get(Group, ticket.group_id) if ticket.group_id else None
    mine = ticket.csat_source == "survey"
    return SurveyTicket(ticket.number, ticket.title, ticket.group_id, group.name if group else None,
                        ticket.csat_score if mine else None, ticket.csat_comment if mine else None,
                        ticket.csat_at if mine else None)


def load(db: Database, answer: Answer) -> SurveyTicket:
    """The ticket as the page shows it; Refused when the link cannot be answered now."""
    with db.read() as session:
        return _view(session, _checked(session.get(Ticket, answer.ticket_id), answer))


def record(db: Database, notifier: Notifier, answer: Answer, *, score: int | None,
           comment: str | None) -> SurveyTicket:
    """Record (or change) the requester's answer. The comment is cleaned by check_csat; raises
    ValidationError for a bad score or comment and Refused when the ticket does not accept it."""
    comment = check_csat(score, "survey", comment)
    changed = False
    with db.write() as session:
        ticket = _checked(session.get(Ticket, answer.ticket_id), answer)
        if (ticket.csat_score, ticket.csat_source, ticket.csat_comment) != (score, "survey", comment):
            now = utcnow()
            ticket.csat_score, ticket.csat_source, ticket.csat_comment, ticket.csat_at = score, "survey", comment, now
            ticket.updated_at = now
            session.flush()
            seq = changelog.record_ticket(session, ticket, old_group_id=ticket.group_id,
                                          old_assignee_id=ticket.assignee_id)
            notifier.send(session, seq)
            changed = True
        view = _view(session, ticket)
    if changed:
        notifier.wake()
    return view
