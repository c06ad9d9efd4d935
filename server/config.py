"""Typed server settings: where the data lives, listening address, token lifetimes, request limits, mail."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.mail.inbound.settings import Mailbox

from server.mail.survey.settings import SurveyConfigError, SurveySettings, load_survey_settings

SCHEMA_VERSION = 1            # the sync schema this server speaks
MIN_SCHEMA_VERSION = 1        # older clients get 426 "please update Deskside"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None = None     # None: embedded SQLite in data_dir
    host: str = "127.0.0.1"
    port: int = 8765
    access_ttl_s: int = 15 * 60
    refresh_ttl_s: int = 30 * 24 * 3600
    # A rotated refresh token still answers once within this many seconds (a lost reply's retry).
    refresh_grace_s: int = 30
    # Failed sign-ins within the window before 429: per user name and per client address.
    signin_window_s: int = 300
    signin_max_per_user: int = 5
    signin_max_per_addr: int = 20
    max_body_bytes: int = 8 * 1024 * 1024       # JSON requests
    max_chunk_bytes: int = 8 * 1024 * 1024      # one blob PUT
    max_blob_bytes: int = 512 * 1024 * 1024     # a whole attachment, as on the client
    max_wait_s: int = 30                        # long-poll ceiling
    # A waiting pull re-checks the database this often even without a wake-up, as a safety net only.
    poll_fallback_s: float = 10.0
    # Tombstones older than this are pruned (hourly); a client offline longer syncs again from zero.
    # 0 keeps them forever.
    tombstone_horizon_days: float = 90.0
    # Only members of this group (by name or id) record CAB decisions, each as themselves.
    cab_group: str = "Change Advisory Board"
    prune_interval_s: float = 3600.0
    # Mail out (docs/MAIL.md); None: the server sends no mail and queues none.
    mail: MailSettings | None = None

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+pysqlite:///{self.data_dir / 'deskside-server.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


TLS_MODES = ("starttls", "tls", "none")
MAIL_EVENTS = ("reply", "received", "resolved", "waiting", "survey")  # survey: only with [survey] enabled


class MailConfigError(ValueError):
    """The mail configuration file is not usable; the server does not start."""


@dataclass(frozen=True)
class GroupSender:
    """The From of mail about a group's tickets, and the language of its templates."""

    address: str
    name: str = ""
    language: str | None = None


@dataclass(frozen=True)
class MailSettings:
    """How the server sends mail (docs/MAIL.md). The password itself is never held here (nor logged):
    only where to read it, at each connection."""

    host: str
    port: int = 587
    tls: str = "starttls"                   # starttls | tls (implicit, usually port 465) | none
    user: str | None = None
    password_env: str | None = None         # the environment variable holding the SMTP password
    password_file: Path | None = None       # or a file holding it (first line)
    ca_file: Path | None = None             # trust this CA too (a private or self-signed server)
    from_address: str = "servicedesk@localhost"
    from_name: str = "Service desk"
    groups: Mapping[str, GroupSender] = field(default_factory=dict)  # group name or id -> its sender
    language: str = "en"
    message_id_domain: str | None = None    # default: the domain of from_address
    events: frozenset[str] = frozenset(MAIL_EVENTS)
    timeout_s: float = 30.0                 # each SMTP command
    poll_s: float = 1.0                     # how often the sender looks for due mail
    lease_s: float = 300.0                  # a claimed message is retried after this if never settled
    backoff_s: float = 30.0                 # first retry delay; doubles per attempt
    backoff_max_s: float = 3600.0
    max_attempts: int = 12                  # then the message is failed with the last reason
    batch: int = 50                         # messages claimed (and sent over one connection) at a time
    settle_every: int = 10                  # outcomes committed together (the copy-on-crash window)
    survey: SurveySettings | None = None    # [survey] enabled: rating links mailed on resolve
    inbound: tuple[Mailbox, ...] = ()       # mail in: the [[imap]] mailboxes collected (server/mail/inbound)

    def password(self) -> str | None:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise MailConfigError(f"The SMTP password variable {self.password_env} is not set.")
            return value
        if self.password_file:
            return self.password_file.read_text(encoding="utf-8").splitlines()[0] if \
                self.password_file.stat().st_size else ""
        return None

    def sender_for(self, group_id: str | None, group_name: str | None) -> GroupSender:
        for key in (group_id, group_name):
            if key is not None and key in self.groups:
                return self.groups[key]
        return GroupSender(self.from_address, self.from_name, None)

    @property
    def id_domain(self) -> str:
        return self.message_id_domain or self.from_address.rpartition("@")[2] or "localhost"


_MAIL_KEYS = {"host", "port", "tls", "user", "password_env", "password_file", "ca_file", "from_address",
              "from_name", "groups", "language", "message_id_domain", "events", "timeout_s", "poll_s", "lease_s",
              "backoff_s", "backoff_max_s", "max_attempts", "batch", "settle_every"}


def load_mail_settings(path: Path) -> MailSettings:
    """MailSettings from a TOML file's [smtp] table (docs/MAIL.md); a password in the file is refused."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MailConfigError(f"Cannot read the mail configuration {path}: {exc}") from None
    smtp = data.get("smtp")
    if not isinstance(smtp, dict) or "host" not in smtp:
        raise MailConfigError(f"{path}: an [smtp] table with at least host.")
    if "password" in smtp:
        raise MailConfigError(f"{path}: no password in the file; name password_env or password_file instead.")
    unknown = set(smtp) - _MAIL_KEYS
    if unknown:
        raise MailConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}.")
    values = dict(smtp)
    if values.get("tls", "starttls") not in TLS_MODES:
        raise MailConfigError(f"{path}: tls is one of {', '.join(TLS_MODES)}.")
    for key in ("password_file", "ca_file"):
        if key in values:
            values[key] = Path(values[key])
    groups = values.pop("groups", {})
    if not isinstance(groups, dict):
        raise MailConfigError(f"{path}: [smtp.groups] maps a group name or id to {{address, name, language}}.")
    try:
        values["groups"] = {key: GroupSender(**g) for key, g in groups.items()}
    except TypeError as exc:
        raise MailConfigError(f"{path}: [smtp.groups]: {exc}") from None
    if "events" in values:
        events = frozenset(values["events"])
        if events - set(MAIL_EVENTS):
            raise MailConfigError(f"{path}: events are among {', '.join(MAIL_EVENTS)}.")
        values["events"] = events
    try:
        values["survey"] = load_survey_settings(data.get("survey"), str(path))
    except SurveyConfigError as exc:
        raise MailConfigError(str(exc)) from None
    if values["survey"] is not None and "survey" not in values.get("events", MAIL_EVENTS):
        raise MailConfigError(f"{path}: [survey] is enabled but events leaves out \"survey\".")
    settings = MailSettings(**values)
    if settings.batch < 1 or settings.settle_every < 1:
        raise MailConfigError(f"{path}: batch and settle_every are at least 1.")
    if settings.lease_s < 3 * settings.timeout_s:
        raise MailConfigError(f"{path}: lease_s must be at least three times timeout_s, or a slow send "
                              "could be claimed again while it is still under way.")
    from server.mail.inbound.settings import parse_mailboxes

    return dataclasses.replace(settings, inbound=parse_mailboxes(data, path))
