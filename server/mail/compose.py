"""Build one outgoing message with the standard `email` package: safe headers, threading ids, text + HTML."""
# Header injection: every value that reaches a header (titles, names, addresses) is cleaned here first:
# control characters (CR and LF among them) and Unicode line separators become spaces, and addresses must
# be plain addr-specs. The email package's headerregistry then quotes or encodes what is left, and itself
# refuses a CR or LF in a header value, so a missed case fails loudly instead of adding a header.

from __future__ import annotations

import html
import re
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from core.tickets.cc import plain_address
from server.mail.templates import template

_DOMAIN = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
SUBJECT_TITLE_MAX = 150
NAME_MAX = 100


def header_text(value: str | None, limit: int) -> str:
    """One line of text for a header: controls and line/paragraph separators become spaces, runs of
    spaces one, at most `limit` characters."""
    out = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in (value or ""))
    out = " ".join(out.split())
    return out if len(out) <= limit else out[:limit - 1].rstrip() + "…"


def valid_address(value: str | None) -> str | None:
    """The address if it is a plain addr-spec (at most 254 characters), else None. The rule is the core's
    (core.tickets.cc), so a ticket's CC list is checked by the same one on the desk and here."""
    return plain_address(value)


def new_message_id(domain: str) -> str:
    if not _DOMAIN.fullmatch(domain):
        domain = "localhost"
    return f"<deskside.{uuid.uuid4().hex}@{domain}>"


def ticket_root_id(ticket_id: str, domain: str) -> str:
    """The conversation's root id: every message about the ticket refers to it, so clients thread them
    even when the first message was never sent."""
    safe = re.sub(r"[^A-Za-z0-9.-]", "", ticket_id)[:64] or "ticket"
    return f"<ticket.{safe}@{domain if _DOMAIN.fullmatch(domain) else 'localhost'}>"


def body_text(text: str | None) -> str:
    """Text for a body: controls other than newline and tab dropped, line ends normalised."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def to_html(text: str) -> str:
    """The plain text as an HTML document of escaped text only: no links, no images, nothing fetched."""
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
            f"<body style=\"font-family:sans-serif\">{paragraphs}</body></html>")


def compose(*, event: str, language: str, number: str, title: str, text: str, recipient_name: str,
            recipient: str, agent: str, group: str, sender_name: str, sender: str, message_id: str,
            in_reply_to: str | None, references: list[str], now: datetime,
            links: Sequence[tuple[str, str]] = (), cc: Sequence[str] = ()) -> bytes:
    """The message's bytes (CRLF line ends, ready for SMTP). `recipient` and `sender` must have passed
    valid_address; ids come from new_message_id / ticket_root_id. `links` (label, http(s) URL of ours: the
    survey's) take the place of `text`: lines in the plain part, <a> elements in the HTML part (its only
    active content); the template must give {text} a paragraph of its own. `cc`: the addresses copied (the
    Cc header; the caller puts them among the envelope recipients too); one that is not a plain addr-spec
    is left out."""
    tpl = template(event, language)
    fields = {"number": header_text(number, 40), "title": header_text(title, SUBJECT_TITLE_MAX),
              "name": header_text(recipient_name, NAME_MAX) or recipient, "text": body_text(text),
              "agent": header_text(agent, NAME_MAX), "group": header_text(group, NAME_MAX)}
    if links:
        fields["text"] = "\n".join(f"{header_text(label, NAME_MAX)}: {url}" for label, url in links)
    plain = tpl.body.format(**fields).strip() + "\n"
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = Address(display_name=header_text(sender_name, NAME_MAX), addr_spec=sender)
    msg["To"] = Address(display_name=header_text(recipient_name, NAME_MAX), addr_spec=recipient)
    copied = [Address(addr_spec=a) for a in cc if valid_address(a) == a]
    if copied:
        msg["Cc"] = copied
    msg["Subject"] = header_text(tpl.subject.format(**fields), 250)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = " ".join(references)
    if event != "reply":  # RFC 3834: automatic messages are marked, so auto-responders stay quiet
        msg["Auto-Submitted"] = "auto-generated"
    msg["X-Deskside-Ticket"] = fields["number"]
    msg.set_content(plain)
    page = to_html(plain.rstrip("\n"))
    if links:
        items = "".join(f'<li><a href="{html.escape(url)}">{html.escape(header_text(label, NAME_MAX))}</a></li>'
                        for label, url in links)
        page = page.replace(f"<p>{html.escape(fields['text']).replace(chr(10), '<br>')}</p>", f"<ul>{items}</ul>", 1)
    msg.add_alternative(page, subtype="html")
    return msg.as_bytes()
