"""A real Request Tracker 5 for tests: Debian's request-tracker5 with SQLite, in a temp dir, on 127.0.0.1.

The database is made by rt-setup-database from a generated site config (RT_SITE_CONFIG, with an empty
RT_SITE_CONFIG_DIR so the machine's /etc/request-tracker5 is not read), the standalone server runs on a
free port, an auth token for root is minted through RT's Perl API, and tickets are loaded through REST2.
Missing packages skip locally and fail under CI (tests.conftest.skip_or_fail).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import requests

RT_LIB = Path("/usr/share/request-tracker5/lib")
RT_SERVER = Path("/usr/share/request-tracker5/libexec/rt-server")
RT_SETUP = Path("/usr/sbin/rt-setup-database")
PACKAGES = "request-tracker5 rt5-db-sqlite rt5-standalone"

SITE_CONFIG = """
Set($rtname, 'deskside-test');
Set($Organization, 'deskside.invalid');
Set($WebDomain, '127.0.0.1');
Set($WebPort, {port});
Set($WebPath, '');
Set($DatabaseType, 'SQLite');
Set($DatabaseName, '{db}');
Set($LogToSTDERR, 'error');
Set($LogToSyslog, undef);
Set($LogToFile, undef);
Set($MailCommand, 'testfile');
Set($Timezone, 'UTC');
1;
"""

IMPACT_URGENCY = r"""
use RT; RT::LoadConfig(); RT::Init();
my $q = RT::Queue->new(RT->SystemUser); $q->Load('General');
for my $name (qw(Impact Urgency)) {
    my $cf = RT::CustomField->new(RT->SystemUser);
    my ($ok, $msg) = $cf->Create(Name => $name, Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket');
    die "cf: $msg" unless $ok;
    ($ok, $msg) = $cf->AddToObject($q);
    die "cf: $msg" unless $ok;
}
"""

MINT_TOKEN = r"""
use RT; RT::LoadConfig(); RT::Init();
my $u = RT::User->new(RT->SystemUser); $u->Load($ARGV[0]) or die "no user $ARGV[0]";
my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(Owner => $u->Id, Description => "deskside");
die "token: $msg" unless $id;
print "$auth\n";
"""

ADD_USER = r"""
use RT; RT::LoadConfig(); RT::Init();
my $u = RT::User->new(RT->SystemUser);
my ($ok, $msg) = $u->Create(Name => $ARGV[0], EmailAddress => $ARGV[1], RealName => $ARGV[2], Privileged => 1);
die "user: $msg" unless $ok;
for my $right (qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket ModifyTicket OwnTicket)) {
    my $q = RT::Queue->new(RT->SystemUser); $q->Load('General');
    $u->PrincipalObj->GrantRight(Right => $right, Object => $q);
}
print $u->Id, "\n";
"""


def rt_installed() -> bool:
    return RT_SERVER.exists() and RT_SETUP.exists() and (RT_LIB / "RT.pm").exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RtServer:
    """One RT instance: `start`, `stop`, `kill`, `restart`; `token` for root; `api` for direct edits in RT."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = root / "rt.sqlite3"
        self.config = root / "RT_SiteConfig.pm"
        (root / "conf.d").mkdir(parents=True, exist_ok=True)
        self.config.write_text(SITE_CONFIG.format(port=self.port, db=self.db))
        self.env = {**os.environ, "RT_SITE_CONFIG": str(self.config), "RT_SITE_CONFIG_DIR": str(root / "conf.d"),
                    "PERL5LIB": str(RT_LIB)}
        self.process: subprocess.Popen | None = None
        self.token = ""
        self._api: requests.Session | None = None

    def setup(self) -> None:
        subprocess.run([str(RT_SETUP), "--action", "init", "--skip-create"], env=self.env, check=True,
                       capture_output=True, timeout=300, cwd=self.root)
        self.perl(IMPACT_URGENCY)  # General keeps impact and urgency in custom fields (docs/RT.md)
        self.token = self.perl(MINT_TOKEN, "root")

    def perl(self, script: str, *args: str, timeout: float = 120, stdin: str = "") -> str:
        done = subprocess.run(["perl", f"-I{RT_LIB}", "-e", script, *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout, cwd=self.root, input=stdin)
        if done.returncode != 0:
            raise RuntimeError(f"RT's Perl API failed: {done.stderr[-2000:]}")
        return done.stdout.strip()

    def add_user(self, name: str, email: str, real_name: str) -> str:
        """A privileged user with the rights to work General's tickets; returns an auth token for them."""
        self.perl(ADD_USER, name, email, real_name)
        return self.perl(MINT_TOKEN, name)

    def start(self) -> None:
        log = open(self.root / "rt-server.log", "ab")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen([str(RT_SERVER), "--port", str(self.port)], env=self.env, cwd=self.root,
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"rt-server exited: {(self.root / 'rt-server.log').read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/REST/2.0/", timeout=2).status_code == 401:
                    self._api = None
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("rt-server did not start within 120 s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)
        self.process = None

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        self.start()

    # --- direct edits in RT (what another agent using RT's own UI would do) ------------------------

    @property
    def api(self) -> requests.Session:
        if self._api is None:
            session = requests.Session()
            session.headers["Referer"] = self.url + "/"
            session.get(self.url + "/", headers={"Authorization": f"token {self.token}"}, timeout=30)
            self._api = session
        return self._api

    def call(self, method: str, path: str, json: Any = None, headers: dict | None = None) -> requests.Response:
        return self.api.request(method, self.url + "/REST/2.0" + path, json=json, headers=headers, timeout=60)

    def create_ticket(self, **fields: Any) -> int:
        fields.setdefault("Queue", "General")
        fields.setdefault("ContentType", "text/plain")
        response = self.call("POST", "/ticket", fields)
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    def reply(self, number: int, text: str, *, comment: bool = False, minutes: int = 0) -> None:
        response = self.call("POST", f"/ticket/{number}/{'comment' if comment else 'correspond'}",
                             {"Content": text, "ContentType": "text/plain", "TimeTaken": str(minutes)})
        assert response.status_code == 201, response.text

    def update(self, number: int, **fields: Any) -> None:
        response = self.call("PUT", f"/ticket/{number}", fields)
        assert response.status_code == 200, response.text

    def ticket(self, number: int) -> dict[str, Any]:
        return self.call("GET", f"/ticket/{number}").json()

    def history(self, number: int, kind: str) -> list[dict[str, Any]]:
        """The ticket's transactions of `kind` (Correspond, Comment...), with their text."""
        answer = self.call("GET", f"/ticket/{number}/history?fields=Type,Creator,TimeTaken&per_page=100").json()
        out = []
        for txn in answer["items"]:
            if txn["Type"] == kind:
                parts = self.call("GET", f"/transaction/{txn['id']}/attachments?fields=Content,ContentType").json()
                txn["text"] = "\n".join(p.get("Content") or "" for p in parts["items"]
                                        if str(p.get("ContentType", "")).startswith("text/plain"))
                out.append(txn)
        return out


MERGE = r"""
use RT; RT::LoadConfig(); RT::Init();
my $t = RT::Ticket->new(RT->SystemUser); $t->Load($ARGV[0]);
my ($ok, $msg) = $t->MergeInto($ARGV[1]);
die "merge: $msg" unless $ok;
"""

# `count` transactions on one new ticket of queue ARGV[0] (made if missing), in one database transaction and
# without RT's scrips: a run of history that a user without rights on that queue may not read. Prints the
# ticket's id.
HIDDEN_HISTORY = r"""
use RT; RT::LoadConfig(); RT::Init();
my $q = RT::Queue->new(RT->SystemUser); $q->Load($ARGV[0]);
unless ($q->Id) { my ($ok, $msg) = $q->Create(Name => $ARGV[0]); die "queue: $msg" unless $ok; }
my $t = RT::Ticket->new(RT->SystemUser);
my ($id, undef, $msg) = $t->Create(Queue => $q->Id, Subject => "Out of sight");
die "ticket: $msg" unless $id;
RT->DatabaseHandle->BeginTransaction;
for my $i (1 .. $ARGV[1]) {
    my $txn = RT::Transaction->new(RT->SystemUser);
    my ($ok, $err) = $txn->Create(ObjectType => 'RT::Ticket', ObjectId => $id, Type => 'Set', Field => 'Priority',
                                  OldValue => $i - 1, NewValue => $i, ActivateScrips => 0);
    die "txn: $err" unless $ok;
}
RT->DatabaseHandle->Commit;
print "$id\n";
"""


# The tickets of tests.rt.conftest.load_tickets, made in one Perl process as root, the way REST2 makes them
# (RT::REST2::Resource::Ticket->create_record, ::Message: MakeMIMEEntity, Create, Correspond, Comment, SetStatus;
# scrips run), without 160 HTTP round trips: 6-8 s for 40 tickets instead of 8-10 s (load ~2.5), most of it scrips.
# Reads lines of tab-separated fields: subject, requestor, content (\n escaped), priority, impact ("" for none),
# reply, note, reply minutes, note minutes, status ("" to leave it). Prints each ticket's id.
LOAD_TICKETS = r"""
use RT; RT::LoadConfig(); RT::Init();
use RT::Interface::Web;
RT->DatabaseHandle->dbh->do('PRAGMA synchronous = OFF');  # this loader's writes only: no fsync per statement
my $me = RT::CurrentUser->new(RT->SystemUser); $me->Load('root'); $me = RT::CurrentUser->new($me->UserObj);
my $impact = RT::CustomField->new($me); $impact->LoadByName(Name => 'Impact', LookupType => 'RT::Queue-RT::Ticket');
die "no Impact field" unless $impact->Id;
sub mime { HTML::Mason::Commands::MakeMIMEEntity(Interface => 'REST', Subject => $_[1], Body => $_[0],
                                                 Type => 'text/plain') }
binmode STDIN, ':encoding(UTF-8)';
while (my $line = <STDIN>) {
    chomp $line;
    my ($subject, $requestor, $content, $priority, $cf, $reply, $note, $reply_min, $note_min, $status)
        = split /\t/, $line, -1;
    $content =~ s/\\n/\n/g;
    my $t = RT::Ticket->new($me);
    my ($id, undef, $msg) = $t->Create(Queue => 'General', Subject => $subject, Requestor => $requestor,
                                       Priority => $priority, MIMEObj => mime($content, $subject),
                                       ($cf ne '' ? ("CustomField-" . $impact->Id => $cf) : ()));
    die "ticket: $msg" unless $id;
    my ($ok, $err) = $t->Correspond(MIMEObj => mime($reply), TimeTaken => $reply_min);
    die "correspond: $err" unless $ok;
    ($ok, $err) = $t->Comment(MIMEObj => mime($note), TimeTaken => $note_min);
    die "comment: $err" unless $ok;
    if ($status ne '') { ($ok, $err) = $t->SetStatus($status); die "status: $err" unless $ok; }
    print "$id\n";
}
"""


def hidden_history(rt: RtServer, queue: str, count: int) -> int:
    """`count` ticket transactions in `queue` made through RT's Perl API in one process (fast: no scrips)."""
    return int(rt.perl(HIDDEN_HISTORY, queue, str(count), timeout=600))
