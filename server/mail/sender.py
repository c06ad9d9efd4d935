"""The mail sender: claims due messages with a lease, sends them over SMTP, settles each; backoff on failure."""
# "Never twice" with SMTP (docs/MAIL.md): a message is claimed (state sending, a lease) and committed
# before the SMTP conversation starts, and marked sent right after the server's 250 (outcomes are
# committed every `settle_every` messages, a few milliseconds each). A process killed between those
# two points leaves the row in `sending`; once the lease runs out
# it is sent again, with the SAME bytes and Message-ID (rendered when queued). That window is the only
# way to a second copy; SMTP has no way to ask "did you take this one?", so the copy is made harmless
# instead: same Message-ID (mail clients and our own mail-in treat them as one message).

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Table, and_, bindparam, or_, select, update

from server.config import MailConfigError, MailSettings
from server.db import Database
from server.mail import delivery
from server.models import MailOutbox, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claimed:
    """A message this sender holds the lease of; plain data, safe to use outside the session."""

    id: int
    message_id: str
    sender: str
    recipients: list[str]
    message: bytes
    attempts: int
    worklog_id: str | None = None  # the public reply that caused it, whose row shows its delivery


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"[:2000]
    return f"{type(exc).__name__}: {exc}"[:2000]


def open_smtp(m: MailSettings) -> smtplib.SMTP:
    """An SMTP session, TLS as configured (the certificate is verified), signed in when a user is set."""
    context = ssl.create_default_context(cafile=str(m.ca_file) if m.ca_file else None)
    smtp: smtplib.SMTP
    if m.tls == "tls":
        smtp = smtplib.SMTP_SSL(m.host, m.port, local_hostname=m.id_domain, timeout=m.timeout_s, context=context)
    else:
        smtp = smtplib.SMTP(m.host, m.port, local_hostname=m.id_domain, timeout=m.timeout_s)
    try:
        smtp.ehlo()
        if m.tls == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if m.user:
            smtp.login(m.user, m.password() or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


class MailSender:
    """Sends the queued mail of one database. Any number of senders (server processes) may run: a
    message is sent by the one holding its lease. Blocking; run it in a worker thread (run_forever)."""

    def __init__(self, db: Database, mail: MailSettings, *, owner: str | None = None) -> None:
        self.db = db
        self.mail = mail
        self.owner = owner or str(uuid.uuid4())
        self._outcomes: list[dict] = []
        self._claimed_at = 0.0

    # --- the queue ----------------------------------------------------------------------------------

    def _due(self, now):
        return or_(and_(MailOutbox.state == "queued", MailOutbox.next_attempt_at <= now),
                   and_(MailOutbox.state == "sending", MailOutbox.lease_until < now))

    def has_due(self) -> bool:
        """A cheap read (no writer lock): is anything due now?"""
        with self.db.read() as session:
            return session.scalar(select(MailOutbox.id).where(self._due(utcnow())).limit(1)) is not None

    def claim(self) -> list[Claimed]:
        """Take the lease of up to `batch` due messages, committed before any is sent."""
        now = utcnow()
        self._claimed_at = time.monotonic()
        with self.db.write() as session:
            rows = list(session.scalars(select(MailOutbox).where(self._due(now))
                                        .order_by(MailOutbox.id).limit(self.mail.batch)))
            for row in rows:
                if row.state == "sending":
                    log.warning("mail %s: the sender holding it stopped; sending it again (same Message-ID)",
                                row.message_id)
                row.state, row.lease_owner = "sending", self.owner
                row.lease_until = now + timedelta(seconds=self.mail.lease_s)
                row.attempts += 1
            return [Claimed(r.id, r.message_id, r.sender, list(r.recipients), r.message, r.attempts, r.worklog_id)
                    for r in rows]

    def _settle(self, c: Claimed, state: str, *, error: str | None, next_attempt_at: datetime | None = None) -> None:
        now = utcnow()
        self._outcomes.append({"b_id": c.id, "b_owner": self.owner, "b_state": state, "b_error": error,
                               "b_sent_at": now if state == "sent" else None, "b_next": next_attempt_at or now,
                               "b_worklog": c.worklog_id})
        if len(self._outcomes) >= self.mail.settle_every:
            self._flush()

    def _flush(self) -> None:
        """Commit the outcomes gathered so far in one statement and transaction (a commit per message
        would cost more than its SMTP conversation); only rows whose lease this sender still holds."""
        if not self._outcomes:
            return
        outcomes, self._outcomes = self._outcomes, []
        t = cast(Table, MailOutbox.__table__)
        with self.db.write() as session:
            replies = [o for o in outcomes if o["b_worklog"]]
            if replies:  # which leases still hold, read under the writer lock: only those settle
                held = set(session.scalars(select(MailOutbox.id).where(
                    MailOutbox.id.in_([o["b_id"] for o in replies]), MailOutbox.lease_owner == self.owner,
                    MailOutbox.state == "sending")))
                replies = [o for o in replies if o["b_id"] in held]
            session.connection().execute(
                update(t).where(t.c.id == bindparam("b_id"), t.c.lease_owner == bindparam("b_owner"),
                                t.c.state == "sending")
                .values(state=bindparam("b_state"), last_error=bindparam("b_error"), sent_at=bindparam("b_sent_at"),
                        next_attempt_at=bindparam("b_next"), lease_owner=None, lease_until=None),
                outcomes)
            if replies:
                delivery.settle_replies(session, replies)

    def _sent(self, c: Claimed, note: str | None = None) -> None:
        self._settle(c, "sent", error=note)
        log.info("mail %s sent", c.message_id)

    def _failed(self, c: Claimed, reason: str) -> None:
        self._settle(c, "failed", error=reason)
        log.warning("mail %s failed: %s", c.message_id, reason)

    def _retry(self, c: Claimed, reason: str) -> None:
        if c.attempts >= self.mail.max_attempts:
            self._failed(c, f"Gave up after {c.attempts} attempts. Last error: {reason}")
            return
        delay = min(self.mail.backoff_s * 2 ** (c.attempts - 1), self.mail.backoff_max_s)
        self._settle(c, "queued", error=reason, next_attempt_at=utcnow() + timedelta(seconds=delay))
        log.info("mail %s not sent (%s); next attempt in %.0f s", c.message_id, reason, delay)

    def send(self, claimed: list[Claimed]) -> None:
        """Send the claimed messages over one connection; outcomes are committed every `settle_every`
        messages and at the end."""
        try:
            self._send(claimed)
        finally:
            self._flush()

    def _send(self, claimed: list[Claimed]) -> None:
        try:
            smtp = open_smtp(self.mail)
        except (OSError, smtplib.SMTPException, MailConfigError) as exc:
            for c in claimed:
                self._retry(c, f"Cannot reach the mail server: {_reason(exc)}")
            return
        pending = list(claimed)
        try:
            while pending:
                c = pending[0]
                if time.monotonic() - self._claimed_at > self.mail.lease_s / 2:
                    # A slow server: hand the rest back before their leases could run out under way.
                    for rest in pending:
                        self._settle(rest, "queued", error="Not tried: the batch took too long.")
                    return
                try:
                    refused = smtp.sendmail(c.sender, c.recipients, c.message)
                except smtplib.SMTPRecipientsRefused as exc:
                    pending.pop(0)
                    codes = [code for code, _text in exc.recipients.values()]
                    reason = "; ".join(f"{rcpt}: {code} {text.decode('utf-8', 'replace')}"
                                       for rcpt, (code, text) in exc.recipients.items())[:2000]
                    (self._failed if all(500 <= code < 600 for code in codes) else self._retry)(c, reason)
                except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    pending.pop(0)
                    (self._failed if 500 <= exc.smtp_code < 600 else self._retry)(c, _reason(exc))
                    smtp.rset()
                else:
                    pending.pop(0)
                    self._sent(c, "; ".join(f"{r}: {code}" for r, (code, _t) in refused.items()) or None)
        except (OSError, smtplib.SMTPException) as exc:
            # The connection broke: this message and the rest go back with backoff (the one under way
            # may have been taken; it is sent again with its Message-ID).
            for c in pending:
                self._retry(c, f"The mail server connection broke: {_reason(exc)}")
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()

    def run_once(self) -> int:
        """Send what is due now; the number of messages tried."""
        if not self.has_due():
            return 0
        claimed = self.claim()
        if claimed:
            self.send(claimed)
        return len(claimed)


async def run_forever(sender: MailSender) -> None:
    """The server's background task: look for due mail every poll_s, send it in a worker thread."""
    while True:
        try:
            busy = await run_in_threadpool(sender.run_once)
        except Exception:  # noqa: BLE001 - the queue stays; the next round tries again
            log.exception("the mail sender failed; trying again")
            busy = 0
        if not busy:
            await asyncio.sleep(sender.mail.poll_s)
