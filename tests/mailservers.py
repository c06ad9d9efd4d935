"""Real Postfix (SMTP, STARTTLS, implicit TLS, SASL) and Dovecot (IMAP, LMTP, auth) on 127.0.0.1 for the tests.

How it is wired (one instance per test session, nothing of the machine's own mail configuration used):

    the server ──SMTP 587-like port, STARTTLS + AUTH──▶ Postfix ──LMTP──▶ Dovecot ──▶ Maildir
                ──SMTPS port (implicit TLS) + AUTH────▶   │ SASL ──────▶ Dovecot auth
    the tests  ──IMAP (plain, loopback)─────────────────────────────────▶ Dovecot

- Postfix runs from its own config directory (`postfix -c DIR start-fg`), with its own queue and data
  directories; it accepts mail only from authenticated clients and delivers only to `example.test`
  (every other domain is refused: nothing leaves the machine). RCPT TO `rejected@example.test`
  is refused for good (550), `later@example.test` for now (450); any other address of the domain
  without a mailbox (`ghost@example.test`) is taken, then refused by Dovecot's LMTP, and Postfix mails a
  real delivery report (DSN) to the envelope sender: how mail-in tests get bounces.
- Headers are not rewritten (no `local_header_rewrite_clients`), as for mail arriving from outside:
  what a test submits is what the collector reads.
- Dovecot runs from its own config file (`dovecot -c FILE -F`) with a passwd-file of test users
  (MailServers.USERS); mail lands in BASE/mail/<user>/Maildir, owned by `nobody`.
- The certificate is self-signed, made with `openssl` at start.
- Postfix's master must run as root, and its daemons (user `postfix`) and Dovecot's mail processes
  (user `nobody`) must reach their directories; pytest's tmp folders are private to root (0700), so
  the instance lives in its own /tmp/deskside-mail-* folder (0755), removed at the end.
- Without the binaries (Debian: postfix dovecot-imapd dovecot-lmtpd openssl, installed by .ci/run) or
  without root, the fixtures call tests.conftest.skip_or_fail (a failure under CI=true).
"""

from __future__ import annotations

import imaplib
import os
import shutil
import smtplib
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from tests.server.conftest import free_port

POSTFIX = "/usr/sbin/postfix"
DOVECOT = "/usr/sbin/dovecot"
DOMAIN = "example.test"

# The postfix services a delivering, local-only instance needs (chroot off: the paths are ours).
_MASTER_SERVICES = """\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def missing() -> str | None:
    """Why the mail servers cannot run here, or None."""
    for binary in (POSTFIX, DOVECOT, "/usr/lib/dovecot/lmtp", "/usr/lib/dovecot/imap"):
        if not os.path.exists(binary):
            return f"{binary} is missing (Debian: apt-get install postfix dovecot-imapd dovecot-lmtpd)"
    if shutil.which("openssl") is None:
        return "openssl is missing"
    if os.geteuid() != 0:
        return "Postfix's master runs only as root"
    return None


def wait_for_port(port: int, proc: subprocess.Popen | None, log: Path, timeout: float = 180) -> None:
    """Until `port` accepts; a process that exits fails at once, the timeout is for one that hangs (generous:
    a loaded machine starts slowly)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            text = log.read_text(errors="replace") if log.exists() else "(no log)"
            raise RuntimeError(f"port {port} did not open:\n{text[-4000:]}")
        time.sleep(0.05)


@dataclass
class MailServers:
    """A running Postfix + Dovecot pair. `smtp_port` speaks STARTTLS, `smtps_port` implicit TLS; both
    require AUTH as SENDER_USER. `imap_port` serves the mailboxes of USERS (plain IMAP on loopback)."""

    base: Path
    smtp_port: int = field(default_factory=free_port)
    smtps_port: int = field(default_factory=free_port)
    imap_port: int = field(default_factory=free_port)
    lmtp_port: int = field(default_factory=free_port)
    auth_port: int = field(default_factory=free_port)
    postfix: subprocess.Popen | None = None
    dovecot: subprocess.Popen | None = None

    SENDER_USER = f"deskside@{DOMAIN}"
    SENDER_PASSWORD = "smtp secret 42"
    # Mailboxes <name>@example.test, password "pw-<name>". carol, dave, erin: requesters of the mail-out
    # tests; help: the service desk's own mailbox (mail in collects it; bounces of help@ land there);
    # zoe: a sender the desk has never seen.
    USERS = ("carol", "dave", "erin", "help", "zoe")

    @property
    def cert(self) -> Path:
        return self.base / "tls" / "cert.pem"

    # --- start / stop -----------------------------------------------------------------------------

    def start(self) -> None:
        self.base.chmod(0o755)
        self._make_cert()
        self._start_dovecot()
        self._start_postfix()

    def stop(self) -> None:
        if self.postfix is not None:
            self.stop_smtp()
        if self.dovecot is not None:
            self.dovecot.terminate()
            try:
                self.dovecot.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.dovecot.kill()
                self.dovecot.wait(timeout=10)
            self.dovecot = None

    def stop_smtp(self) -> None:
        """Stop Postfix (the SMTP ports close); `start_smtp` brings it back on the same ports."""
        assert self.postfix is not None
        subprocess.run([POSTFIX, "-c", str(self._postfix_etc), "stop"], capture_output=True, timeout=60)
        try:
            self.postfix.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.postfix.kill()
            self.postfix.wait(timeout=10)
        self.postfix = None

    def start_smtp(self) -> None:
        self._start_postfix()

    def _make_cert(self) -> None:
        tls = self.base / "tls"
        tls.mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", f"/CN=mail.{DOMAIN}", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.pem")],
                       check=True, capture_output=True, timeout=60)
        (tls / "key.pem").chmod(0o600)

    def _start_dovecot(self) -> None:
        d = self.base / "dovecot"
        for sub in ("run", "state"):
            (d / sub).mkdir(parents=True)
        mail = self.base / "mail"
        mail.mkdir()
        shutil.chown(mail, "nobody", "nogroup")
        users = [f"{u}@{DOMAIN}:{{PLAIN}}pw-{u}" for u in self.USERS]
        users.append(f"{self.SENDER_USER}:{{PLAIN}}{self.SENDER_PASSWORD}")  # sends only
        (d / "users").write_text("\n".join(users) + "\n")
        (d / "dovecot.conf").write_text(f"""\
base_dir = {d / 'run'}
state_dir = {d / 'state'}
log_path = {d / 'dovecot.log'}
info_log_path = {d / 'dovecot.log'}
instance_name = deskside-test-{self.imap_port}
listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Lu
mail_location = maildir:{mail}/%Ln/Maildir
first_valid_uid = 1
# An IDLE client hears of new mail when Dovecot notices it: at once through inotify, else at this interval
# (30 s by default). inotify instances are per user (128 here) and every test run's Dovecot runs as root, so on
# a machine running several suites the fallback is what an IDLE test waited on, past its 60 s.
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {d / 'users'}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={mail}/%Ln
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {self.lmtp_port}
  }}
}}
service auth {{
  inet_listener {{
    address = 127.0.0.1
    port = {self.auth_port}
  }}
}}
protocol lmtp {{
  postmaster_address = postmaster@{DOMAIN}
}}
""")
        log = d / "dovecot.log"
        with open(d / "stderr.log", "w") as err:  # the child holds its own copy
            self.dovecot = subprocess.Popen([DOVECOT, "-c", str(d / "dovecot.conf"), "-F"],
                                            stdout=subprocess.DEVNULL, stderr=err)
        for port in (self.imap_port, self.lmtp_port, self.auth_port):
            wait_for_port(port, self.dovecot, log)

    @property
    def _postfix_etc(self) -> Path:
        return self.base / "postfix" / "etc"

    def _start_postfix(self) -> None:
        p = self.base / "postfix"
        etc = self._postfix_etc
        if not etc.exists():
            etc.mkdir(parents=True)
            (p / "spool").mkdir()
            (p / "data").mkdir()
            shutil.chown(p / "data", "postfix", "postfix")
            tls = self.base / "tls"
            (etc / "main.cf").write_text(f"""\
compatibility_level = 3.6
queue_directory = {p / 'spool'}
data_directory = {p / 'data'}
maillog_file = {p / 'maillog'}
maillog_file_prefixes = {self.base}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.{DOMAIN}
mydomain = {DOMAIN}
myorigin = {DOMAIN}
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtputf8_enable = no
local_header_rewrite_clients =
virtual_mailbox_domains = {DOMAIN}
virtual_transport = lmtp:inet:127.0.0.1:{self.lmtp_port}
default_transport = error:no mail leaves the test machine
smtpd_tls_cert_file = {tls / 'cert.pem'}
smtpd_tls_key_file = {tls / 'key.pem'}
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:{self.auth_port}
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions =
    check_recipient_access inline:{{ {{rejected@{DOMAIN}=550 5.1.1 no such mailbox}},
        {{later@{DOMAIN}=450 4.2.0 mailbox busy, try later}} }},
    permit_sasl_authenticated, reject
message_size_limit = 100000000
# A delivery to Dovecot's LMTP that fails once (a busy machine, Dovecot still starting its lmtp child) is retried
# within seconds, not Postfix's default five minutes: the mail-in tests wait a minute for a mail at most.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 4s
""")
            (etc / "master.cf").write_text(
                f"127.0.0.1:{self.smtp_port} inet n - n - - smtpd\n"
                f"127.0.0.1:{self.smtps_port} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes\n"
                + _MASTER_SERVICES)
        log = p / "maillog"
        with open(p / "stdout.log", "a") as out:  # the child holds its own copy
            self.postfix = subprocess.Popen([POSTFIX, "-c", str(etc), "start-fg"], stdout=out,
                                            stderr=subprocess.STDOUT)
        wait_for_port(self.smtp_port, self.postfix, p / "stdout.log" if not log.exists() else log)
        wait_for_port(self.smtps_port, self.postfix, log)

    # --- reading mail back ------------------------------------------------------------------------

    def imap(self, user: str) -> imaplib.IMAP4:
        box = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=30)
        box.login(f"{user}@{DOMAIN}", f"pw-{user}")
        return box

    def messages(self, user: str) -> list[EmailMessage]:
        """Every message in the user's INBOX, read over IMAP, in arrival order."""
        box = self.imap(user)
        try:
            box.select("INBOX", readonly=True)
            _typ, data = box.search(None, "ALL")
            out = []
            for num in data[0].split():
                _typ, parts = box.fetch(num, "(RFC822)")
                raw = parts[0][1]
                out.append(message_from_bytes(raw, policy=policy.default))
            return out
        finally:
            box.logout()

    def wait_for(self, user: str, count: int, timeout: float = 60) -> list[EmailMessage]:
        """The user's messages once there are at least `count` (Postfix delivers asynchronously)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages(user)
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.2)

    def wait_for_id(self, user: str, message_id: str, timeout: float = 60) -> list[EmailMessage]:
        """The user's copies of one message, once at least one has arrived (or the time is up)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages(user) if m["Message-ID"] == message_id]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.2)

    def submit(self, message: EmailMessage | bytes, recipients: list[str], sender: str | None = None) -> None:
        """Send a message through Postfix as a mail client would (STARTTLS, AUTH): how mail-in tests
        put mail into a mailbox. `sender`: the envelope sender ("" for the null sender of automatic
        mail); bytes are sent as they are (malformed mail)."""
        context = ssl.create_default_context(cafile=str(self.cert))
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=60) as smtp:
            smtp.starttls(context=context)
            smtp.login(self.SENDER_USER, self.SENDER_PASSWORD)
            if isinstance(message, bytes):
                smtp.sendmail(sender if sender is not None else self.SENDER_USER, recipients, message)
            else:
                smtp.send_message(message, from_addr=sender, to_addrs=recipients)

    def folder(self, user: str, name: str) -> list[EmailMessage]:
        """The messages of one of the user's folders (empty when it does not exist)."""
        box = self.imap(user)
        try:
            if box.select(f'"{name}"', readonly=True)[0] != "OK":
                return []
            _typ, data = box.search(None, "ALL")
            out = []
            for num in data[0].split():
                _typ, parts = box.fetch(num, "(RFC822)")
                out.append(message_from_bytes(parts[0][1], policy=policy.default))
            return out
        finally:
            box.logout()

    def unseen(self, user: str) -> int:
        """How many INBOX messages have no \\Seen flag."""
        box = self.imap(user)
        try:
            box.select("INBOX", readonly=True)
            return len(box.search(None, "UNSEEN")[1][0].split())
        finally:
            box.logout()

    def clear(self, user: str, *folders: str) -> None:
        """Empty the user's INBOX (and the other folders named)."""
        box = self.imap(user)
        try:
            for name in ("INBOX", *folders):
                if box.select(f'"{name}"')[0] != "OK":
                    continue
                if box.search(None, "ALL")[1][0]:
                    box.store("1:*", "+FLAGS", "\\Deleted")
                    box.expunge()
        finally:
            box.logout()


def new_base() -> Path:
    return Path(tempfile.mkdtemp(prefix="deskside-mail-"))
