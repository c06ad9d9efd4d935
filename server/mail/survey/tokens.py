"""Survey link tokens: HMAC-SHA256 over (ticket, requester, score, expiry), URL-safe, checked without the database."""
# Format: base64url(payload) "." base64url(mac), no padding. The payload is
# "s1\n<ticket id>\n<requester id>\n<score>\n<expiry, Unix seconds>"; the MAC is taken over a domain tag and
# the payload, so a MAC made by this secret for anything else can never pass as a survey link.

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from core.tickets.csat import CSAT_SCORES

VERSION = "s1"
_DOMAIN = b"deskside-survey\x00"
MAX_TOKEN_CHARS = 600   # ids are at most ~100 characters each; anything longer is not ours


class TokenError(ValueError):
    """A link that cannot be used; `expired` tells an old link from a forged or damaged one."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class Answer:
    """What a verified link allows: to answer for this ticket as this requester until `expires`."""

    ticket_id: str
    requester_id: str
    score: int        # the rating the link stood for (the page preselects it; the answer may differ)
    expires: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, _DOMAIN + payload, hashlib.sha256).digest()


def sign(secret: bytes, *, ticket_id: str, requester_id: str, score: int, expires: datetime) -> str:
    if score not in CSAT_SCORES:
        raise ValueError("score is 1 to 5")
    for value in (ticket_id, requester_id):
        if not value or "\n" in value:
            raise ValueError("ids are non-empty single-line text")
    payload = f"{VERSION}\n{ticket_id}\n{requester_id}\n{score}\n{int(expires.timestamp())}".encode()
    return f"{_b64(payload)}.{_b64(_mac(secret, payload))}"


def verify(secret: bytes, token: str, *, now: datetime | None = None) -> Answer:
    """The link's answer rights; raises TokenError for a forged, damaged or expired link. The MAC is
    checked (in constant time) before anything in the payload is believed, expiry included."""
    invalid = TokenError("This survey link is not valid. It may have been cut short when it was copied.")
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        raise invalid
    body, _, mac = token.partition(".")
    try:
        payload, given = _unb64(body), _unb64(mac)
    except (binascii.Error, ValueError):
        raise invalid from None
    if not hmac.compare_digest(given, _mac(secret, payload)):
        raise invalid
    try:
        version, ticket_id, requester_id, score, expiry = payload.decode().split("\n")
        expires = datetime.fromtimestamp(int(expiry), UTC)
        answer = Answer(ticket_id, requester_id, int(score), expires)
    except (UnicodeDecodeError, ValueError, OverflowError, OSError):
        raise invalid from None
    if version != VERSION or answer.score not in CSAT_SCORES:
        raise invalid
    if (now or datetime.now(UTC)) >= expires:
        raise TokenError("This survey link has expired.", expired=True)
    return answer
