"""Words the sync screens show for sync failures and moments in time."""

from __future__ import annotations

import logging
import socket
import ssl
from datetime import UTC, datetime
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from app.sync.backends.rt.http import NO_REST2, BadToken
from app.sync.errors import (
    AuthExpired,
    BadCredentials,
    Offline,
    RateLimited,
    ServerError,
    SyncError,
    UpgradeRequired,
)

log = logging.getLogger(__name__)

NOT_DESKSIDE = "not_deskside"  # ServerError.code: the address answers, but not as a Deskside server
SERVER_TOO_OLD = "server_too_old"  # the server's code (and ours at sign-in): it speaks an older schema


def _t(text: str) -> str:
    return QCoreApplication.translate("SyncMessages", text)


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, outermost first: requests wraps urllib3, which keeps the socket
    or TLS error in `reason` or its args."""
    out: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        current = todo.pop(0)
        if not isinstance(current, BaseException) or any(current is seen for seen in out):
            continue
        out.append(current)
        todo.extend([current.__cause__, current.__context__, getattr(current, "reason", None),
                     *(getattr(current, "args", ()) or ())])
    return out


def _network_reason(exc: BaseException, url: str) -> str | None:
    """Words for a failure to talk to the server at all; None when it is not one of those."""
    causes = _causes(exc)
    names = " ".join(type(c).__name__ for c in causes)
    text = " ".join(str(c) for c in causes).lower()
    host = urlsplit(url).hostname or url or _t("(unknown)")
    https = url.lower().startswith("https://")
    if any(isinstance(c, ssl.SSLError) for c in causes) or "SSLError" in names:
        if "wrong_version_number" in text or "wrong version number" in text or "record layer" in text \
                or "unknown protocol" in text or "http_request" in text:
            return _t("The server at {0} does not speak HTTPS. If it is a Deskside server on a trusted network "
                      "without TLS, use an address starting with http:// instead.").format(host)
        if https and ("certificate" in text or "verify" in text):
            return _t("The certificate of {0} could not be verified, so nothing was sent. If your organisation "
                      "uses its own certificate authority, set its CA bundle in Settings → Sync.").format(host)
        if https:
            return _t("A secure connection to {0} could not be set up, so nothing was sent.").format(host)
    if any(isinstance(c, socket.gaierror) for c in causes) or "NameResolution" in names \
            or "name or service not known" in text or "nodename nor servname" in text \
            or "temporary failure in name resolution" in text or "getaddrinfo failed" in text:
        return _t("The server name {0} could not be found. Check the address for typing mistakes, and your "
                  "network connection.").format(host)
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "connection refused" in text:
        return _t("Nothing answers at {0}: the connection was refused. Check the address and port, and that "
                  "the server is running.").format(url or host)
    if any(isinstance(c, (TimeoutError, socket.timeout)) for c in causes) or "Timeout" in names \
            or "timed out" in text:
        return _t("The server {0} did not answer in time. Check your network connection, or try again later."
                  ).format(host)
    if not https and ("RemoteDisconnected" in names or "BadStatusLine" in names or "connection aborted" in text
                      or "connection reset" in text):
        return _t("The server at {0} closed the connection without answering. If it expects HTTPS, use an "
                  "address starting with https:// instead.").format(host)
    return None


def describe_sign_in_error(exc: BaseException, url: str = "") -> str:
    """A sentence for the sign-in dialog: what happened, in words, never the exception's own text (which
    goes to the log, without values)."""
    log.info("sign-in failed: %s", " <- ".join(type(c).__name__ for c in _causes(exc)))
    if isinstance(exc, BadToken) or getattr(exc, "code", None) == NO_REST2:  # Request Tracker's own words
        return rt_sign_in_error(exc, url)
    if isinstance(exc, (Offline, ServerError)) or not isinstance(exc, SyncError):
        reason = _network_reason(exc, url)
        if reason is not None:
            return reason
    if isinstance(exc, ServerError) and not isinstance(exc, (Offline,)):
        if exc.code == NOT_DESKSIDE or exc.status in (404, 405) or (exc.status or 0) // 100 == 2:
            return _t("{0} answers, but not as a Deskside server. Check the address (it is the one your "
                      "administrator gave you, without a path).").format(url or _t("The address"))
        if exc.code == SERVER_TOO_OLD:
            return _t("This server runs an older version than this Deskside, so it cannot sync with it. Ask "
                      "your administrator to update the server; until then you can keep working offline.")
        if exc.status is not None and exc.status >= 500:
            return _t("The server had a problem and could not sign you in (error {0}). Try again in a while; if "
                      "it persists, tell your administrator.").format(exc.status)
    if isinstance(exc, SyncError):  # wrong password, rate limit, upgrade, a missing CA bundle: their own words
        return describe_sync_error(exc, url)
    return _t("Signing in failed unexpectedly ({0}). Nothing was changed; try again.").format(type(exc).__name__)


def rt_sign_in_error(exc: BaseException, url: str) -> str:
    if isinstance(exc, BadToken):
        return _t("Request Tracker refused this auth token (mistyped, revoked or expired). Create one in RT under "
                  "Logged in as → Settings → Auth Tokens, and paste it whole (it looks like 1-23-0123abcd…).")
    return _t("{0} answers, but not as Request Tracker's REST2 API. Check the address (with RT's web path, such "
              "as https://rt.example.com/rt) and that RT is version 4.4 or newer.").format(url or _t("The address"))


def describe_sync_error(exc: BaseException, url: str = "") -> str:
    """A plain sentence for the user; the engine's own message is kept where it is the clearest."""
    if isinstance(exc, BadToken):
        return rt_sign_in_error(exc, url)
    if isinstance(exc, BadCredentials):
        return _t("The user name or password is wrong.")
    if isinstance(exc, RateLimited):
        return _t("Too many attempts. Wait {0} seconds, then try again.").format(int(exc.retry_after + 0.999))
    if isinstance(exc, AuthExpired):  # the engine says which: expired, revoked, or not remembered here
        return _t("{0} Your edits are kept and are sent once you sign in.").format(
            str(exc) or _t("Your sign-in has expired; please sign in again."))
    if isinstance(exc, UpgradeRequired):
        return _t("This server needs a newer version of Deskside. Update Deskside to sync; until then you "
                  "can keep working offline and nothing is lost.")
    if isinstance(exc, (Offline, ServerError)):
        reason = _network_reason(exc, url)  # the cause in words, never the TLS library's own text
        if reason is not None:
            return reason
    if isinstance(exc, Offline):
        return _t("The server {0} cannot be reached. Check the address and your network connection.").format(
            url or _t("(unknown)"))
    if isinstance(exc, ServerError):
        return str(exc) or _t("The server answered with an error.")
    return _t("Sync failed unexpectedly ({0}). Your edits are kept and sync will try again.").format(
        type(exc).__name__)


def check_server_url(text: str) -> tuple[str, str]:
    """(normalised URL, "") for a usable server address, else ("", why not)."""
    url = text.strip()
    if not url:
        return "", _t("Enter the server's address, for example https://desk.example.com.")
    if "://" not in url:
        url = "https://" + url  # people type host names; TLS is the default
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "", _t("This is not a valid address.")
    if parts.scheme not in ("http", "https"):
        return "", _t("The address must start with https:// (or http:// for a server on a trusted network).")
    if not parts.hostname or " " in url:
        return "", _t("This is not a valid address.")
    if parts.query or parts.fragment:
        return "", _t("The address must not contain ? or #.")
    return url.rstrip("/"), ""


def relative_time(when: datetime | None, now: datetime | None = None) -> str:
    """"just now", "5 min ago", "3 h ago", "2 days ago"; "never" for None."""
    if when is None:
        return _t("never")
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return _t("just now")
    if seconds < 3600:
        return _t("{0} min ago").format(seconds // 60)
    if seconds < 86400:
        return _t("{0} h ago").format(seconds // 3600)
    return _t("{0} days ago").format(seconds // 86400)
