"""The mailboxes to collect: `[[imap]]` tables of the mail configuration file (docs/MAIL.md, "Mail in")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.config import TLS_MODES, MailConfigError

TICKET_TYPES = ("incident", "service_request")


@dataclass(frozen=True)
class Mailbox:
    """One IMAP mailbox the server collects. The password is never held here: only where to read it."""

    host: str
    user: str
    group: str                              # new tickets go to this group (name or id)
    port: int = 993
    tls: str = "tls"                        # tls (implicit, usually 993) | starttls (usually 143) | none
    password_env: str | None = None
    password_file: Path | None = None
    ca_file: Path | None = None
    folder: str = "INBOX"
    move_to: str | None = "Processed"       # None or "": only flag \Seen and leave the mail where it is
    ticket_type: str = "incident"           # incident | service_request
    poll_s: float = 60.0                    # without IDLE: how often to look; with IDLE: the longest wait
    idle: bool = True                       # use IDLE when the server offers it
    timeout_s: float = 60.0                 # each IMAP command
    rate_per_hour: int = 30                 # mails per sender and hour turned into tickets or entries
    name: str = ""                          # shown in logs and the errors list; default user@host

    @property
    def label(self) -> str:
        return self.name or f"{self.user}@{self.host}"

    def password(self) -> str:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise MailConfigError(f"The IMAP password variable {self.password_env} is not set.")
            return value
        if self.password_file:
            lines = self.password_file.read_text(encoding="utf-8").splitlines()
            return lines[0] if lines else ""
        return ""


_KEYS = {f for f in Mailbox.__dataclass_fields__}


def parse_mailboxes(data: dict[str, Any], path: Path) -> tuple[Mailbox, ...]:
    """The [[imap]] tables of a loaded mail configuration; MailConfigError with the reason when one is
    not usable (the server then does not start)."""
    tables = data.get("imap", [])
    if isinstance(tables, dict):
        tables = [tables]
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise MailConfigError(f"{path}: [[imap]] tables, one per mailbox.")
    out = []
    labels = set()
    for n, table in enumerate(tables, 1):
        where = f"{path}: [[imap]] number {n}"
        if "password" in table:
            raise MailConfigError(f"{where}: no password in the file; name password_env or password_file instead.")
        unknown = set(table) - _KEYS
        if unknown:
            raise MailConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}.")
        for key in ("host", "user", "group"):
            if not isinstance(table.get(key), str) or not table[key].strip():
                raise MailConfigError(f"{where}: {key} is required (text).")
        values = dict(table)
        if values.get("tls", "tls") not in TLS_MODES:
            raise MailConfigError(f"{where}: tls is one of {', '.join(TLS_MODES)}.")
        if values.get("ticket_type", "incident") not in TICKET_TYPES:
            raise MailConfigError(f"{where}: ticket_type is one of {', '.join(TICKET_TYPES)}.")
        if not values.get("password_env") and not values.get("password_file"):
            raise MailConfigError(f"{where}: name password_env or password_file.")
        for key in ("password_file", "ca_file"):
            if key in values:
                values[key] = Path(values[key])
        if values.get("move_to") == "":
            values["move_to"] = None
        for key, low in (("port", 1), ("rate_per_hour", 1)):
            if key in values and (not isinstance(values[key], int) or values[key] < low):
                raise MailConfigError(f"{where}: {key} is a whole number of at least {low}.")
        for key in ("poll_s", "timeout_s"):
            if key in values and (not isinstance(values[key], int | float) or values[key] <= 0):
                raise MailConfigError(f"{where}: {key} is a number of seconds above 0.")
        if "port" not in values:
            values["port"] = {"tls": 993, "starttls": 143, "none": 143}[values.get("tls", "tls")]
        try:
            box = Mailbox(**values)
        except TypeError as exc:
            raise MailConfigError(f"{where}: {exc}") from None
        if box.move_to is not None and box.move_to == box.folder:
            raise MailConfigError(f"{where}: move_to must differ from folder.")
        if box.label in labels:
            raise MailConfigError(f"{where}: the mailbox {box.label} is configured twice (give each a name).")
        labels.add(box.label)
        out.append(box)
    return tuple(out)
