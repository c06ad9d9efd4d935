"""Mail figures against the real Postfix + Dovecot of the tests (tests/mailservers.py), on this machine:
mail in -> ticket visible on another desk (p50, p95), and queued outgoing messages drained per minute.

python -m bench.mail_bench [--mails 50] [--outgoing 10000] [--no-record]

Needs root and the Debian packages postfix, dovecot-imapd, dovecot-lmtpd, openssl (as the mail tests).
Mail in: each mail is submitted over SMTP (STARTTLS, AUTH) to Postfix, which hands it to Dovecot over LMTP;
the server's collector hears it by IMAP IDLE, applies it in one transaction, and a signed-in desk waiting
in a long-poll pull receives the new ticket: the figure is submit-to-pulled. Drain: the outgoing messages
are queued straight into mail_outbox (as pushes would queue them) while the server is stopped; the figure
is the server's start to the last one `sent`, through Postfix to Dovecot. Prints a table with the load
average and records it; never asserts."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, insert, select

from bench.measure import pct
from bench.report import record

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench password 1"


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def free_port() -> int:
    from tests.server.conftest import free_port as tests_free_port

    return tests_free_port()


def write_config(folder: Path, servers, *, batch: int = 50) -> Path:
    (folder / "smtp-password").write_text(servers.SENDER_PASSWORD + "\n")
    (folder / "imap-password").write_text("pw-help\n")
    path = folder / "mail.toml"
    path.write_text(f"""[smtp]
host = "127.0.0.1"
port = {servers.smtp_port}
tls = "starttls"
user = "{servers.SENDER_USER}"
password_file = "{folder / 'smtp-password'}"
ca_file = "{servers.cert}"
from_address = "help@example.test"
events = ["reply"]
poll_s = 0.2
batch = {batch}

[[imap]]
host = "127.0.0.1"
port = {servers.imap_port}
tls = "none"
user = "help@example.test"
password_file = "{folder / 'imap-password'}"
group = "Service Desk"
poll_s = 60.0
rate_per_hour = 100000
""")
    return path


def start_server(data: Path, config: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    log = open(data / "server.log", "a")  # noqa: SIM115 - the child holds it for its life
    proc = subprocess.Popen([sys.executable, "-m", "server.main", "--data", str(data), "--port", str(port),
                             "--mail-config", str(config)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/v1/info", timeout=1).status_code == 200:
                return proc, url
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError((data / "server.log").read_text())


def mail_in(url: str, servers, mails: int) -> list[float]:
    """Submit-to-pulled seconds per mail; the desk waits in a long-poll like the app does."""
    tokens = requests.post(url + "/v1/auth/sign-in", json={"name": "bea", "password": PASSWORD}, timeout=30).json()
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    def pull(cursor: int, wait: float) -> dict:
        response = http.get(url + "/v1/sync/pull", params={"schema_version": 1, "cursor": cursor, "limit": 1000,
                                                           "wait": wait}, timeout=60)
        response.raise_for_status()
        return response.json()

    cursor = 0
    while True:
        page = pull(cursor, 0)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    out = []
    for n in range(mails):
        subject = f"Bench mail {n} {make_msgid()}"
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = f"user{n % 7}@example.test", "help@example.test", subject
        msg["Message-ID"] = make_msgid(domain="example.test")
        msg.set_content(f"Mail number {n}.\n")
        t0 = time.perf_counter()
        servers.submit(msg, ["help@example.test"])
        seen = False
        while not seen:
            page = pull(cursor, 25)
            cursor = page["next_cursor"]
            seen = any(t["title"] == subject for t in page["rows"].get("ticket", []))
            if time.perf_counter() - t0 > 120:
                raise RuntimeError(f"mail {n} never reached the desk")
        out.append(time.perf_counter() - t0)
    http.close()
    return out


def queue_outgoing(database_url: str, count: int) -> None:
    """`count` rendered messages in mail_outbox, as pushes queue them (one INSERT, all due now)."""
    from server.mail.compose import compose, new_message_id
    from server.models import MailOutbox

    now = datetime.now(UTC)
    rows = []
    for n in range(count):
        mid = new_message_id("example.test")
        message = compose(event="reply", language="en", number=f"INC{n:07d}", title=f"Bench {n}",
                          text="A reply from the bench.", recipient_name="Carol", recipient="carol@example.test",
                          agent="Bench", group="Service Desk", sender_name="Service Desk",
                          sender="help@example.test", message_id=mid, in_reply_to=None, references=[], now=now)
        rows.append({"ticket_id": f"bench-{n}", "event": "reply", "state": "queued", "message_id": mid,
                     "sender": "help@example.test", "recipients": ["carol@example.test"], "message": message,
                     "attempts": 0, "next_attempt_at": now, "created_at": now})
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(insert(MailOutbox.__table__), rows)
    finally:
        engine.dispose()


def sent_count(database_url: str) -> tuple[int, int]:
    from server.models import MailOutbox

    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            sent = conn.scalar(select(func.count()).where(MailOutbox.state == "sent")) or 0
            total = conn.scalar(select(func.count()).select_from(MailOutbox)) or 0
            return sent, total
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    from tests.mailservers import MailServers, missing, new_base

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=50)
    parser.add_argument("--outgoing", type=int, default=10_000)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    reason = missing()
    if reason:
        print(f"cannot run: {reason}")
        return 2
    servers = MailServers(new_base())
    folder = Path(tempfile.mkdtemp(prefix="deskside-mail-bench-"))
    data = folder / "server"
    data.mkdir()
    proc = None
    try:
        servers.start()
        from server.admin_cli import add_group, add_user
        from server.db import Database

        database_url = f"sqlite+pysqlite:///{data / 'deskside-server.sqlite3'}"
        db = Database(database_url)
        db.upgrade()
        add_group(db, "Service Desk")
        add_user(db, "bea", role="agent", groups=["Service Desk"], password=PASSWORD)
        db.dispose()
        config = write_config(folder, servers)

        load_in = loadavg()
        proc, url = start_server(data, config)
        latencies = mail_in(url, servers, args.mails)
        print(f"mail in -> ticket on another desk: p50 {pct(latencies, 0.5) * 1000:.0f} ms, p95 "
              f"{pct(latencies, 0.95) * 1000:.0f} ms over {len(latencies)} mails (load average {load_in} before, "
              f"{loadavg()} after)", flush=True)
        proc.terminate()
        proc.wait(timeout=30)
        proc = None

        queue_outgoing(database_url, args.outgoing)
        load_out = loadavg()
        t0 = time.perf_counter()
        proc, url = start_server(data, config)
        while True:
            sent, total = sent_count(database_url)
            if sent >= args.outgoing:
                break
            if time.perf_counter() - t0 > 3600:
                raise RuntimeError(f"only {sent} of {args.outgoing} sent after an hour")
            time.sleep(0.2)
        drain_s = time.perf_counter() - t0
        per_minute = args.outgoing / drain_s * 60
        load_after = loadavg()
        print(f"{args.outgoing} queued messages sent in {drain_s:.1f} s = {per_minute:,.0f} per minute "
              f"(load average {load_out} before, {load_after} after)", flush=True)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        servers.stop()
        shutil.rmtree(servers.base, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    lines = [
        "| figure | measured | load average (1, 5, 15 min) |", "| --- | --- | --- |",
        f"| mail in -> ticket pulled by another desk (SMTP submit, Postfix, LMTP, Dovecot, IMAP IDLE, one "
        f"transaction, long-poll pull), p50 / p95 of {len(latencies)} | {pct(latencies, 0.5) * 1000:.0f} ms / "
        f"{pct(latencies, 0.95) * 1000:.0f} ms | {load_in} before |",
        f"| {args.outgoing:,} queued outgoing messages sent through Postfix (STARTTLS, AUTH; batches of 50 per "
        f"connection) | {drain_s:.1f} s = {per_minute:,.0f} per minute | {load_out} before, {load_after} after |",
    ]
    print("\n".join(lines))
    if not args.no_record:
        command = f"python -m bench.mail_bench --mails {args.mails} --outgoing {args.outgoing}"
        record("mail", f"Mail in and out (`{command}`)", lines,
               "Real Postfix and Dovecot on 127.0.0.1 (tests/mailservers.py), the server on its embedded SQLite, "
               "all on this 2-core machine, shared with other work (see the load averages). Mail in: the "
               "collector waits in IMAP IDLE; Dovecot reports the delivery, the collector fetches, applies the "
               "mail in one transaction (ticket, requester, entry, .eml blob; no acknowledgement: events = reply) "
               "and wakes the waiting pull. Drain: the messages were queued while the server was stopped; the "
               "time runs from its start to the last `sent` commit; Postfix delivers them to Dovecot meanwhile. "
               "Where the mail-in time goes (probed 2026-12-03 with a bare IMAP client in IDLE on the same "
               "servers): the message file was in the Maildir 194 ms after the submit began, and Dovecot "
               "announced it to the IDLE client 500 ms after that: Dovecot's own notification delay is most of "
               "the figure; the server's part (fetch, parse, one transaction, the woken pull) is the rest.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
