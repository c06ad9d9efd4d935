"""The mail errors list: mail that could not become a ticket or entry, kept with its bytes for an admin
to look at, retry (after fixing the cause) or discard. Shared by the admin API and the admin CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from server.config import Settings
from server.db import Database
from server.mail.inbound.ingest import Ingest, Outcome
from server.models import MailError, utcnow
from server.notify import Notifier

STATES = ("open", "retried", "discarded")


class ErrorsListError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ErrorInfo:
    id: int
    mailbox: str
    sender: str | None
    subject: str | None
    reason: str
    size: int
    state: str
    created_at: datetime
    settled_at: datetime | None
    settled_note: str | None

    def as_dict(self) -> dict:
        out = dict(self.__dict__)
        for key in ("created_at", "settled_at"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return out


def _info(row: MailError) -> ErrorInfo:
    return ErrorInfo(row.id, row.mailbox, row.sender, row.subject, row.reason, row.size, row.state, row.created_at,
                     row.settled_at, row.settled_note)


def list_errors(db: Database, state: str | None = "open", limit: int = 200) -> list[ErrorInfo]:
    if state is not None and state not in STATES:
        raise ErrorsListError(400, f"state is one of {', '.join(STATES)}.")
    with db.read() as session:
        query = select(MailError).order_by(MailError.id.desc()).limit(limit)
        if state is not None:
            query = query.where(MailError.state == state)
        return [_info(r) for r in session.scalars(query)]


def _get(session, error_id: int) -> MailError:
    row = session.get(MailError, error_id)
    if row is None:
        raise ErrorsListError(404, f"No mail error {error_id}.")
    return row


def show(db: Database, error_id: int) -> tuple[ErrorInfo, bytes]:
    with db.read() as session:
        row = _get(session, error_id)
        return _info(row), row.raw


def retry(db: Database, settings: Settings, error_id: int, notifier: Notifier | None = None) -> Outcome:
    """Apply the mail again, past the rate limit; on success the error is `retried`, else it stays
    open with the new reason."""
    boxes = settings.mail.inbound if settings.mail is not None else ()
    with db.read() as session:
        row = _get(session, error_id)
        if row.state != "open":
            raise ErrorsListError(409, f"Mail error {error_id} is {row.state}; only open ones are retried.")
        raw, label = row.raw, row.mailbox
    box = next((b for b in boxes if b.label == label), boxes[0] if boxes else None)
    if box is None:
        raise ErrorsListError(409, "No mailbox is configured ([[imap]] in the mail configuration): a retried "
                                   "mail needs a mailbox's group and ticket type.")
    outcome = Ingest(db, settings, notifier).collect(box, raw, retry_of=error_id)
    if outcome.kind != "error":
        with db.write() as session:
            row = _get(session, error_id)
            row.state, row.settled_at = "retried", utcnow()
            row.settled_note = f"{outcome.kind}: {outcome.number or outcome.note or ''}".strip()[:2000]
    return outcome


def discard(db: Database, error_id: int, note: str | None = None) -> ErrorInfo:
    """Give up on the mail (its bytes are kept with the record)."""
    with db.write() as session:
        row = _get(session, error_id)
        if row.state != "open":
            raise ErrorsListError(409, f"Mail error {error_id} is {row.state} already.")
        row.state, row.settled_at, row.settled_note = "discarded", utcnow(), (note or "discarded")[:2000]
        return _info(row)
