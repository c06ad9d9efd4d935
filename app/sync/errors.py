"""Typed sync errors, each with a message written for the user; the caller decides what to do next."""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure. `str(exc)` is the message for the user."""


class Offline(SyncError):
    """The server could not be reached (no network, refused, timed out). Retry with backoff."""


class AuthExpired(SyncError):
    """No valid session any more (refresh token expired, revoked or missing): the user must sign in."""


class BadCredentials(AuthExpired):
    """Sign-in refused: wrong user name or password."""


class RateLimited(SyncError):
    """Too many failed sign-ins; wait `retry_after` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UpgradeRequired(SyncError):
    """The server no longer speaks this client's schema: the user must update Deskside. The outbox is
    kept; the app keeps working offline."""


class ServerError(SyncError):
    """Any other answer the client cannot use (5xx, 4xx, unreadable body). `status` and `code` say which."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class CursorAhead(ServerError):
    """The server holds fewer changes than this client has applied (restored from a backup): pull from 0."""


class ResyncRequired(ServerError):
    """The cursor is older than the server's tombstone horizon (deletes that old were pruned): the
    client must sync again from zero. Its outbox is kept."""


class ProtocolError(ServerError):
    """An answer that is not what the protocol promises (not JSON, wrong shape or types, times that are
    not ISO, numbers or cursors out of range, pages without end): refused before anything is applied."""
