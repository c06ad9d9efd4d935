"""Rules for what hangs off a ticket: link kinds, worklog entries, attachment file names."""

from __future__ import annotations

import re
import unicodedata

LINK_KINDS = {"child_of": "Child of", "duplicate_of": "Duplicate of", "caused_by": "Caused by",
              "refers_to": "Refers to", "depends_on": "Depends on"}


# The same links read from the target's side, for its History.
INBOUND_KINDS = {"child_of": "Parent of", "duplicate_of": "Duplicated by", "caused_by": "Causes",
                 "refers_to": "Referred to by", "depends_on": "Depended on by"}


LINK_COLUMNS = ["id", "source_id", "target_id", "kind", "created_at"]


KINDS = {"reply": "Public reply", "note": "Internal note", "comms": "Communication update"}


# A major incident's communication log (issue 13): timestamped stakeholder updates, kept with the worklog
# (append-only, synced, searched) but never mailed to the requester and listed apart by the major view.
COMMS_KIND = "comms"


# Written by the team server only (mail in): the requester's own words. A desk never pushes one.
REQUESTER_KIND = "requester"
ALL_KINDS = {**KINDS, REQUESTER_KIND: "From the requester"}


# A public reply given through another channel than the server's mail: it stops the response clock
# when it is written; a reply without one stops it when its mail is sent.
SENT_VIA = {"phone": "Phone", "in_person": "In person", "chat": "Chat", "other_mail": "Mail sent elsewhere",
            "other": "Other"}


# The mail of a worklog entry, set by the server: a reply's delivery, or a received mail.
MAIL_STATES = {"queued": "Queued", "sent": "Sent", "failed": "Failed", "bounced": "Bounced", "received": "Received"}


BODY_MAX = 100_000


WORKLOG_COLUMNS = ["id", "ticket_id", "kind", "author_id", "body", "time_spent_minutes", "created_at", "sent_via"]


MAX_BYTES = 512 * 1024 * 1024


ATTACHMENT_COLUMNS = ["id", "ticket_id", "file_name", "content_hash", "size", "mime_type", "author_id",
                      "created_at"]


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


# Bidirectional controls let "invoice\u202egpj.exe" show as "invoiceexe.jpg".
_UNSAFE = re.compile('[\x00-\x1f\x7f<>:"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')


_EDGES = re.compile(r"^[\s.]+|[\s.]+$")  # Windows drops trailing dots and spaces; leading ones hide files


NAME_MAX_BYTES = 200


def sanitize_file_name(name: str) -> str:
    """A name safe on every desktop OS: no folders, no control or reserved characters, not empty,
    at most 200 bytes of UTF-8 (keeping a short extension). Sanitizing a sanitized name changes nothing."""
    # A name read from a disk in another encoding arrives with lone surrogates that UTF-8 cannot hold.
    name = str(name).encode("utf-8", "replace").decode("utf-8")
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").split("/")[-1]
    name = _EDGES.sub("", _UNSAFE.sub("_", name))
    if name.partition(".")[0].upper() in _RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > NAME_MAX_BYTES:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or len(ext) > 20:
            stem, ext = name, ""
        budget = NAME_MAX_BYTES - (len(ext.encode("utf-8")) + 1 if ext else 0)
        stem = _EDGES.sub("", stem.encode("utf-8")[:budget].decode("utf-8", "ignore"))
        name = stem + ("." + ext if ext else "")
    return name or "attachment"
