"""Sign-in, token rotation and revocation, failed-attempt rate limits, and the bearer check."""
# Tokens are opaque random strings; only their SHA-256 is stored, so a copy of the database does not
# hold usable tokens. A refresh token works once: using it rotates it. Presenting an already rotated
# refresh token means it leaked (or a retry raced), so the whole family is revoked, with one exception:
# a reply lost on a flaky network. Within a short grace after its rotation, and only while nobody has
# used the pair that rotation minted, the rotated token answers once more with a fresh pair that
# supersedes the undelivered one. A second retry, a retry after the grace or after the new pair was
# used, and any later use of the superseded pair, still revoke the family. Every write runs under the
# server's one writer lock, so concurrent presentations of one token are decided one after another.

from __future__ import annotations

import hashlib
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from server.config import Settings
from server.db import Database
from server.models import Account, AuthToken, Group, Person, SignInFailure, utcnow
from server.passwords import verify_password
from server.scope import Scope, scope_for


class AuthError(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class Issued:
    access_token: str
    refresh_token: str
    expires_in: int
    scope: Scope
    person_name: str = ""
    groups: tuple[tuple[str, str], ...] = ()  # (id, name) of the user's groups, by name


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _issue(session: Session, settings: Settings, account: Account, family_id: str,
           parent_hash: str | None = None) -> Issued:
    now = utcnow()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(AuthToken(token_hash=token_hash(access), account_id=account.id, kind="access",
                          family_id=family_id, parent_hash=parent_hash,
                          expires_at=now + timedelta(seconds=settings.access_ttl_s)))
    session.add(AuthToken(token_hash=token_hash(refresh), account_id=account.id, kind="refresh",
                          family_id=family_id, parent_hash=parent_hash,
                          expires_at=now + timedelta(seconds=settings.refresh_ttl_s)))
    scope = scope_for(session, account)
    # Names too, so a desk can act as this user at once, before its first pull brings the rows.
    person_name = session.scalar(select(Person.name).where(Person.id == account.person_id)) or ""
    groups = tuple(session.execute(select(Group.id, Group.name).where(Group.id.in_(sorted(scope.group_ids)))
                                   .order_by(Group.name)).tuples()) if scope.group_ids else ()
    return Issued(access, refresh, settings.access_ttl_s, scope, person_name, groups)


def _retry_after(session: Session, key: str, settings: Settings, limit: int, since: datetime) -> int | None:
    count, oldest = session.execute(
        select(func.count(), func.min(SignInFailure.at)).where(SignInFailure.key == key, SignInFailure.at > since)
    ).one()
    if count < limit:
        return None
    wait = (oldest + timedelta(seconds=settings.signin_window_s) - utcnow()).total_seconds()
    return max(1, math.ceil(wait))


def sign_in(db: Database, settings: Settings, *, name: str, password: str, address: str) -> Issued:
    user_key, addr_key = f"user:{name.lower()}"[:260], f"addr:{address}"[:260]
    since = utcnow() - timedelta(seconds=settings.signin_window_s)
    with db.read() as session:
        for key, limit in ((user_key, settings.signin_max_per_user), (addr_key, settings.signin_max_per_addr)):
            wait = _retry_after(session, key, settings, limit, since)
            if wait is not None:
                raise AuthError(429, "Too many failed sign-ins. Try again later.", retry_after=wait)
        account = session.scalar(select(Account).where(Account.name == name))
        stored = account.password_hash if account is not None and account.active else None
    # The slow hash runs outside any transaction so it never holds the writer lock.
    ok = verify_password(stored, password)
    with db.write() as session:
        if not ok:
            session.add(SignInFailure(key=user_key))
            session.add(SignInFailure(key=addr_key))
        else:
            session.execute(delete(SignInFailure).where(SignInFailure.key == user_key))
            # Old failures and long-expired tokens count for nothing any more; sweeping them at each
            # sign-in keeps both tables small. (A day of grace keeps reuse detection for late retries.)
            session.execute(delete(SignInFailure).where(SignInFailure.at <= since))
            session.execute(delete(AuthToken).where(AuthToken.expires_at < utcnow() - timedelta(days=1)))
            fresh = session.get(Account, account.id) if account is not None else None
            if fresh is not None:  # None only if the account was deleted since the read above
                return _issue(session, settings, fresh, str(uuid.uuid4()))
    # Raised after the commit: the failure must be counted, not rolled back with the error.
    raise AuthError(401, "Wrong user name or password.")


def refresh(db: Database, settings: Settings, *, refresh_token: str) -> Issued:
    now = utcnow()
    with db.write() as session:
        row = session.get(AuthToken, token_hash(refresh_token))
        if row is None or row.kind != "refresh":
            raise AuthError(401, "Unknown refresh token. Please sign in again.")
        if row.superseded_at is not None or (row.used_at is not None and not _in_grace(session, settings, row, now)):
            # Reuse of a rotated token: someone else may hold the chain. Cut it off entirely.
            _revoke(session, AuthToken.family_id == row.family_id)
        elif row.revoked_at is not None or (row.used_at is None and row.expires_at <= now):
            raise AuthError(401, "The sign-in has expired or was revoked. Please sign in again.")
        else:
            account = session.get(Account, row.account_id)
            if account is None or not account.active:
                raise AuthError(401, "The account is disabled.")
            if row.used_at is None:
                row.used_at = now
            else:  # the retry of a lost reply: the pair it never received gives way to a fresh one
                row.grace_used_at = now
                session.execute(update(AuthToken).where(AuthToken.parent_hash == row.token_hash,
                                                        AuthToken.superseded_at.is_(None))
                                .values(superseded_at=now, revoked_at=func.coalesce(AuthToken.revoked_at, now)))
            return _issue(session, settings, account, row.family_id, parent_hash=row.token_hash)
    # Only the reuse branch gets here, after committing the family's revocation.
    raise AuthError(401, "This refresh token was already used; every session of this sign-in is revoked. "
                         "Please sign in again.")


def _in_grace(session: Session, settings: Settings, row: AuthToken, now: datetime) -> bool:
    """Whether a rotated refresh token may answer once more: rotated within the grace, not retried
    before, not revoked, and the pair its rotation minted never used (so its reply likely never came)."""
    if row.grace_used_at is not None or row.revoked_at is not None or row.used_at is None:
        return False
    if now - row.used_at > timedelta(seconds=settings.refresh_grace_s):
        return False
    used = session.scalar(select(func.count()).select_from(AuthToken).where(
        AuthToken.parent_hash == row.token_hash, AuthToken.used_at.is_not(None)))
    return not used


def _revoke(session: Session, where) -> int:
    result = cast(CursorResult[Any], session.execute(update(AuthToken).where(where, AuthToken.revoked_at.is_(None))
                             .values(revoked_at=utcnow())))
    return result.rowcount or 0


def sign_out(db: Database, *, access_token: str) -> None:
    with db.write() as session:
        row = session.get(AuthToken, token_hash(access_token))
        if row is not None:
            _revoke(session, AuthToken.family_id == row.family_id)


def revoke_account(session: Session, account_id: str) -> int:
    """Revoke every token of an account (admin CLI `user revoke`). Returns how many were live."""
    return _revoke(session, AuthToken.account_id == account_id)


def authenticate(db: Database, access_token: str) -> Scope:
    hashed = token_hash(access_token)
    with db.read() as session:
        row = session.get(AuthToken, hashed)
        if row is None or row.kind != "access" or row.revoked_at is not None or row.expires_at <= utcnow():
            raise AuthError(401, "Not signed in, or the sign-in expired.")
        account = session.get(Account, row.account_id)
        if account is None or not account.active:
            raise AuthError(401, "The account is disabled.")
        scope = scope_for(session, account)
        first_use = row.parent_hash is not None and row.used_at is None
    if first_use:
        # The pair of a rotation arrived: its parent's grace for a lost reply ends here. Written once per
        # such token, and checked again under the writer lock in case a grace retry superseded it meanwhile.
        with db.write() as session:
            row = session.get(AuthToken, hashed)
            if row is None or row.revoked_at is not None:
                raise AuthError(401, "Not signed in, or the sign-in expired.")
            if row.used_at is None:
                row.used_at = utcnow()
    return scope
