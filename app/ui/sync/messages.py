"""Words the sync screens show for sync failures and moments in time."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from app.sync.errors import AuthExpired, BadCredentials, Offline, RateLimited, ServerError, UpgradeRequired


def _t(text: str) -> str:
    return QCoreApplication.translate("SyncMessages", text)


def describe_sync_error(exc: BaseException, url: str = "") -> str:
    """A plain sentence for the user; the engine's own message is kept where it is the clearest."""
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
    if isinstance(exc, Offline):
        return _t("The server {0} cannot be reached. Check the address and your network connection.").format(
            url or _t("(unknown)"))
    if isinstance(exc, ServerError):
        if "certificate" in str(exc).lower():
            return _t("The server's certificate could not be verified, so nothing was sent. If your "
                      "organisation uses its own certificate authority, set its CA bundle in Settings → Sync. "
                      "({0})").format(str(exc))
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
    now = now or datetime.now(timezone.utc)
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return _t("just now")
    if seconds < 3600:
        return _t("{0} min ago").format(seconds // 60)
    if seconds < 86400:
        return _t("{0} h ago").format(seconds // 3600)
    return _t("{0} days ago").format(seconds // 86400)
