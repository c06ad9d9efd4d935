"""Read one received mail defensively: sender, subject, threading ids, text, attachments, loop signs, DSNs.

The standard `email` package (policy.default) parses; every header is read from its raw text and decoded
here, so a malformed header is one unusable value, never an exception that loses the mail. Nothing in the
mail is run or fetched: HTML becomes text (html_text.py), attachments are bytes."""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes, message_from_string, policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses

from core.tickets.cc import cc_addresses
from core.tickets.children import BODY_MAX
from server.mail.compose import NAME_MAX, body_text, header_text, valid_address
from server.mail.inbound.html_text import html_to_text
from server.mail.inbound.quotes import collapse

HEADER_MAX = 8000            # characters of one header value read; the rest is ignored
IDS_MAX = 50                 # threading ids read from In-Reply-To and References
PARTS_MAX = 200              # MIME parts walked; more are left in the original
DEPTH_MAX = 10               # nesting of multiparts
_MSGID = re.compile(r"<[^<>\s]{1,240}>")
_ANGLE = re.compile(r"<([^<>\s]{1,320})>\s*$")
_LOOP_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


@dataclass(frozen=True)
class Part:
    """An attachment: its name as the mail gives it (sanitised later), type and bytes."""

    name: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class Report:
    """A delivery status notification: the Message-IDs of the messages it reports on, and why."""

    original_ids: tuple[str, ...]
    reason: str
    failed: bool             # Action: failed (a delay or success report is only recorded)


@dataclass
class Parsed:
    key: str                 # the Message-ID, or "sha256:<hex>" of the bytes when it has none
    message_id: str | None
    sender: str | None       # a usable addr-spec, lower case; None when From has none
    sender_name: str
    subject: str
    thread_ids: list[str]    # In-Reply-To first, then References newest first
    text: str
    attachments: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    automatic: str | None = None   # why it is never answered (auto-reply, list mail, report)
    report: Report | None = None
    cc: list[str] = field(default_factory=list)   # the usable Cc addresses (core.tickets.cc), domain lower case


def bytes_key(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def raw_header(msg: Message, name: str, *, decode: bool = True) -> str | None:
    """The first `name` header, unfolded and decoded (RFC 2047), at most HEADER_MAX characters; bad
    encodings are replaced, never raised. `decode=False` for address headers: they are split into
    addresses first, so an encoded name cannot smuggle in an address or a group."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            text = str(value)[:HEADER_MAX]
            if decode:
                text = decoded(text)
            return " ".join(text.replace("\r", " ").replace("\n", " ").split())
    return None


def decoded(text: str) -> str:
    with contextlib.suppress(LookupError, UnicodeError, ValueError, TypeError, AssertionError):
        text = str(make_header(decode_header(text)))
    return text


def _from(value: str) -> tuple[str, str]:
    """(display name, address) of a raw From: `Name <addr>` is split at its last angle address (the
    name may hold anything, even an encoded "Bcc: x@y"), else the first address the parser finds."""
    angle = _ANGLE.search(value)
    if angle:
        return value[:angle.start()].strip().strip('"'), angle.group(1)
    try:
        pairs = getaddresses([value])
    except (ValueError, TypeError, IndexError):
        return "", ""
    return pairs[0] if pairs else ("", "")


def _ids(value: str | None) -> list[str]:
    return _MSGID.findall(value or "")[:IDS_MAX]


def _text_of(part: Message) -> str:
    """A text part's content; an unknown or lying charset is decoded as UTF-8 with replacements."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, TypeError, AssertionError, AttributeError, KeyError):
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _bytes_of(part: Message) -> bytes:
    if part.get_content_maintype() == "message":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            inner = inner[0]
        if isinstance(inner, Message):
            try:
                return inner.as_bytes(policy=policy.SMTP)
            except (ValueError, TypeError, LookupError, UnicodeError):
                return bytes(str(inner), "utf-8", "replace")
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def _file_name(part: Message, n: int) -> str:
    name = None
    try:
        name = part.get_filename()
    except (ValueError, TypeError, LookupError, UnicodeError, AttributeError, IndexError):
        name = None
    if isinstance(name, str) and name.strip():
        return header_text(name, 1000)
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        subject = raw_header(inner[0], "Subject") if isinstance(inner, list) and inner and \
            isinstance(inner[0], Message) else None
        return header_text(subject or f"attached message {n}", 150) + ".eml"
    return f"attachment-{n}"


class _Walk:
    """The body text candidates and the attachments of a message, walked once, depth and count bounded."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.html: list[str] = []
        self.parts: list[Part] = []
        self.notes: list[str] = []
        self.count = 0

    def walk(self, part: Message, depth: int = 0) -> None:
        self.count += 1
        if self.count > PARTS_MAX:
            if self.count == PARTS_MAX + 1:
                self.notes.append(f"The mail has more than {PARTS_MAX} parts; the rest are only in the original.")
            return
        ctype = part.get_content_type()
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            if depth >= DEPTH_MAX:
                self.notes.append("Parts nested too deep are only in the original.")
                return
            children = part.get_payload()
            if not isinstance(children, list):
                return
            if ctype == "multipart/alternative":  # one body: the plain one if any, else the HTML one
                plain = [c for c in children if isinstance(c, Message) and c.get_content_type() == "text/plain"]
                chosen = plain[:1] or [c for c in children if isinstance(c, Message)][-1:]
                for one in chosen:
                    self.walk(one, depth + 1)
                return
            for child in children:
                if isinstance(child, Message):
                    self.walk(child, depth + 1)
            return
        disposition = (part.get_content_disposition() or "").lower()
        if ctype in ("text/plain", "text/html") and disposition != "attachment":
            (self.plain if ctype == "text/plain" else self.html).append(_text_of(part))
            return
        # Anything else is a file: a nested message (message/rfc822) whole, as an .eml.
        self.parts.append(Part(_file_name(part, len(self.parts) + 1),
                               "message/rfc822" if ctype == "message/rfc822" else ctype, _bytes_of(part)))


def _automatic(msg: Message, sender: str | None) -> str | None:
    """Why this mail is automatic (RFC 3834 and the usual vendor headers), or None for a person's mail."""
    auto = (raw_header(msg, "Auto-Submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto[:60]}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response"):
        if raw_header(msg, name) is not None:
            return f"{name} header"
    precedence = (raw_header(msg, "Precedence") or "").strip().lower()
    if precedence in _LOOP_PRECEDENCE:
        return f"Precedence: {precedence}"
    for name in ("List-Id", "List-Unsubscribe"):
        if raw_header(msg, name) is not None:
            return f"mailing list mail ({name})"
    return_path = raw_header(msg, "Return-Path")
    if return_path is not None and return_path.strip() in ("<>", ""):
        return "empty Return-Path (a delivery report or automatic mail)"
    local = (sender or "").partition("@")[0]
    if local in ("mailer-daemon", "postmaster"):
        return f"sent by {local}"
    return None


def _report(msg: Message) -> Report | None:
    """The delivery report in a multipart/report; report-type=delivery-status (RFC 3464), else None."""
    if msg.get_content_type() != "multipart/report" or \
            (msg.get_param("report-type") or "").__str__().lower() != "delivery-status":
        return None
    ids: list[str] = []
    reasons: list[str] = []
    failed = False
    parts = msg.get_payload()
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, Message):
            continue
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            blocks = part.get_payload()
            for block in blocks if isinstance(blocks, list) else []:
                if not isinstance(block, Message):
                    continue
                action = (raw_header(block, "Action") or "").lower()
                failed = failed or action == "failed"
                status = raw_header(block, "Status")
                diagnostic = raw_header(block, "Diagnostic-Code")
                recipient = raw_header(block, "Final-Recipient")
                if status or diagnostic:
                    reasons.append(" ".join(x for x in (recipient and recipient.split(";")[-1].strip(),
                                                         status, diagnostic) if x))
        elif ctype in ("message/rfc822", "text/rfc822-headers"):
            inner = part.get_payload()
            original = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(inner, str):
                original = message_from_string(inner, policy=policy.default)
            if isinstance(original, Message):
                ids += _ids(raw_header(original, "Message-ID"))[:1]
    return Report(tuple(ids), "; ".join(reasons)[:2000] or "Delivery failed (no reason given).", failed)


def parse(raw: bytes) -> Parsed:
    """The parts of a mail Deskside uses. Raises nothing for a malformed mail (it yields what can be
    read); only a mail that is not a message at all raises ValueError."""
    if not raw.strip():
        raise ValueError("The mail is empty.")
    msg = message_from_bytes(raw, policy=policy.default)
    if not msg.keys():
        raise ValueError("No mail headers found: this is not a mail message.")
    found = _ids(raw_header(msg, "Message-ID"))
    message_id = found[0] if found else None
    name, address = _from(raw_header(msg, "From", decode=False) or "")
    sender = valid_address(address)
    subject = header_text(raw_header(msg, "Subject"), 300)
    thread_ids = _ids(raw_header(msg, "In-Reply-To")) + list(reversed(_ids(raw_header(msg, "References"))))
    walk = _Walk()
    walk.walk(msg)
    if walk.plain:
        text = "\n\n".join(t.strip() for t in walk.plain if t.strip())
    else:
        text = "\n\n".join(html_to_text(h) for h in walk.html)
    text = collapse(body_text(text))
    if len(text) > BODY_MAX - 200:
        text = text[:BODY_MAX - 200] + "\n\n[The text is longer; the rest is in the original mail.]"
    parsed = Parsed(key=message_id or bytes_key(raw), message_id=message_id,
                    sender=sender.lower() if sender else None,
                    sender_name=header_text(decoded(name), NAME_MAX), subject=subject,
                    thread_ids=list(dict.fromkeys(thread_ids)),
                    text=text, attachments=walk.parts, notes=walk.notes,
                    cc=cc_addresses(raw_header(msg, "Cc", decode=False)))
    for defect in list(getattr(msg, "defects", []))[:3]:
        parsed.notes.append(f"Malformed mail: {type(defect).__name__}.")
    parsed.report = _report(msg)
    parsed.automatic = "a delivery report" if parsed.report else _automatic(msg, parsed.sender)
    return parsed


def as_email(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg
