"""Fixtures for mail tests: one real Postfix + Dovecot per session (tests/mailservers.py), and team servers
started with a mail configuration pointing at them."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import skip_or_fail
from tests.mailservers import DOMAIN, MailServers, missing, new_base
from tests.server.conftest import DeskTemplates, cheap_passwords

REQUESTERS = {"carol": "Carol Requester", "dave": "Dave Requester", "erin": "Erin Requester"}


@pytest.fixture(scope="session")
def mail_servers():
    reason = missing()
    if reason:
        skip_or_fail(reason)
    servers = MailServers(new_base())
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()
        shutil.rmtree(servers.base, ignore_errors=True)


def mail_config(folder: Path, servers: MailServers, *, port: int | None = None, tls: str = "starttls",
                **extra: object) -> Path:
    """A --mail-config file for the servers (the STARTTLS port unless `port`), quick to retry for tests."""
    values: dict[str, object] = {
        "host": "127.0.0.1", "port": port or (servers.smtps_port if tls == "tls" else servers.smtp_port),
        "tls": tls, "user": servers.SENDER_USER, "password_file": str(folder / "smtp-password"),
        "ca_file": str(servers.cert), "from_address": f"help@{DOMAIN}", "from_name": "Help desk",
        "timeout_s": 2.0, "poll_s": 0.2, "lease_s": 6.0, "backoff_s": 0.5, "backoff_max_s": 2.0,
        "max_attempts": 100}
    values.update(extra)
    (folder / "smtp-password").write_text(servers.SENDER_PASSWORD + "\n")
    lines = ["[smtp]"] + [f"{k} = {_toml(v)}" for k, v in values.items() if k != "groups"]
    for group, sender in dict(values.get("groups") or {}).items():  # type: ignore[call-overload]
        lines.append(f'[smtp.groups."{group}"]')
        lines += [f"{k} = {_toml(v)}" for k, v in sender.items()]
    path = folder / f"mail-{uuid.uuid4().hex[:8]}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_requesters(desk, names: dict[str, str] | None = None, emails: dict[str, str] | None = None) -> dict[str, str]:
    """Requester people (not accounts) with mailboxes on the test mail server; {short name: person id}."""
    ids = {}
    engine = create_engine(desk.database_url)
    try:
        with engine.begin() as conn:
            for short, name in (names or REQUESTERS).items():
                ids[short] = str(uuid.uuid4())
                conn.execute(text('INSERT INTO person (id, name, email, is_agent, active) '
                                  'VALUES (:id, :name, :email, :agent, :active)'),
                             {"id": ids[short], "name": name, "agent": False, "active": True,
                              "email": (emails or {}).get(short, f"{short}@{DOMAIN}")})
    finally:
        engine.dispose()
    return ids


def prepare(desk) -> None:
    desk.admin("group", "add", "A")
    desk.admin("group", "add", "B")
    desk.add_user("alice", "agent", ("A",))
    desk.add_user("bob", "agent", ("B",))
    cheap_passwords(desk)
    add_requesters(desk)


def requester_ids(desk) -> dict[str, str]:
    """{short name: person id} of the requesters add_requesters made, read from the desk's database."""
    engine = create_engine(desk.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, email FROM person WHERE is_agent = :no"), {"no": False})
            return {email.partition("@")[0]: pid for pid, email in rows}
    finally:
        engine.dispose()


def outbox(desk, ticket_id: str | None = None) -> list[dict]:
    """The server's mail_outbox rows (of one ticket), oldest first, read straight from its database."""
    engine = create_engine(desk.database_url)
    try:
        with engine.connect() as conn:
            query = "SELECT * FROM mail_outbox" + (" WHERE ticket_id = :t" if ticket_id else "") + " ORDER BY id"
            rows = [dict(r._mapping) for r in conn.execute(text(query), {"t": ticket_id})]
    finally:
        engine.dispose()
    for row in rows:  # JSON comes back as text from SQLite, as a list from PostgreSQL
        if isinstance(row["recipients"], str):
            row["recipients"] = json.loads(row["recipients"])
    return rows


@pytest.fixture(scope="session")
def mail_desk_templates(tmp_path_factory):
    templates = DeskTemplates(tmp_path_factory.mktemp("mail-desk-templates"))
    yield templates
    templates.close()


@pytest.fixture(params=["sqlite", "postgres"])
def mail_desk(request, tmp_path, mail_servers, mail_desk_templates):
    """A fresh prepared desk (groups A, B; alice in A, bob in B; requesters carol, dave, erin with
    mailboxes), not started: start it with `--mail-config`. `desk.requesters`: short name -> person id."""
    for desk in mail_desk_templates.make_desk(request.param, tmp_path / "desk", prepare):
        desk.requesters = requester_ids(desk)
        yield desk


class Tarpit:
    """A TCP port that accepts connections and never answers: an SMTP server that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="smtp-tarpit", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.accepted.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def tarpit():
    pit = Tarpit()
    yield pit
    pit.close()
