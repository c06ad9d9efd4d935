"""A Request Tracker 5 loaded with N realistic tickets for the RT bench, loaded once and kept in bench/.cache.

    .venv/bin/python -m bench.rt_load --tickets 20000 [--seed 7]

The load runs in one Perl process through RT's own API (so RT's tables, transactions and attachments are
what RT itself writes): SQLite with synchronous=OFF and a big page cache, a commit every BATCH tickets inside
`$RT::Handle->BeginTransaction` / `Commit`, RT's scrips off during the load only (autoreplies and notifications
would triple the time). Each ticket is created by its caller, taken by an agent, answered 1-4 times by the agent
or the caller (some notes, some with time taken) and moved to its final status (bench/rt_plan.py). The dates
are then spread over the past year. The result is checked through REST2 (counts of tickets by status and
queue, of replies and notes) before it is kept: `/work/benchcache/rt-N-SEED/` holds RT's database, the
plan's counts and how long the load took. A run copies that database to its own folder (RT writes sessions).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.rt_clone import clone, spread_dates
from bench.rt_plan import QUEUES, expected, plan
from tests.rt.rtserver import MINT_TOKEN, RT_LIB, RtServer

CACHE = Path(__file__).resolve().parent / ".cache"
VERSION = 3  # bump when the plan or the load changes: cached RT databases of other versions are not used
BATCH = 200
TEMPLATES = 500  # tickets written through RT's API; the rest copy their rows (bench/rt_clone.py)

LOAD = r"""
use strict; use warnings;
use RT; RT::LoadConfig(); RT::Init();
use JSON; use MIME::Entity; use Encode; use Time::HiRes;
my ($path, $batch) = @ARGV;
my $dbh = $RT::Handle->dbh;
$dbh->do("PRAGMA synchronous = OFF");
$dbh->do("PRAGMA cache_size = -262144");
$dbh->do("PRAGMA temp_store = MEMORY");
$dbh->do("UPDATE Scrips SET Disabled = 1");
open my $fh, '<:raw', $path or die "plan: $!";
my $head = decode_json(scalar <$fh>);
my $system = RT->SystemUser;
for my $name (@{$head->{queues}}) {
    my $q = RT::Queue->new($system); $q->Load($name);
    next if $q->id;
    my ($ok, $msg) = $q->Create(Name => $name); die "queue $name: $msg" unless $ok;
}
for my $kind (['agents', 1], ['callers', 0]) {
    for my $p (@{$head->{$kind->[0]}}) {
        my $u = RT::User->new($system);
        my ($ok, $msg) = $u->Create(Name => $p->[0], EmailAddress => $p->[1], RealName => $p->[2],
                                    Privileged => $kind->[1]);
        die "user $p->[0]: $msg" unless $ok;
    }
}
sub grant { my ($group, @rights) = @_;
    $group->PrincipalObj->GrantRight(Right => $_, Object => RT->System) for @rights; }
my $g = RT::Group->new($system); $g->LoadSystemInternalGroup('Privileged');
grant($g, qw(SeeQueue ShowTicket ShowTicketComments CreateTicket ReplyToTicket CommentOnTicket ModifyTicket
             OwnTicket TakeTicket));
$g = RT::Group->new($system); $g->LoadSystemInternalGroup('Everyone');
grant($g, qw(CreateTicket ReplyToTicket SeeQueue));
$g = RT::Group->new($system); $g->LoadRoleGroup(Object => RT->System, Name => 'Requestor');
grant($g, qw(ShowTicket));
my %cu;
sub as { my $name = shift;
    $cu{$name} //= do { my $c = RT::CurrentUser->new; $c->Load($name) or die "no user $name"; $c }; }
sub ticket { my ($name, $id) = @_;
    my $t = RT::Ticket->new(as($name)); $t->Load($id); die "load $id as $name" unless $t->id; $t }
my $n = 0;
my $t0 = Time::HiRes::time();
print STDERR sprintf("rt load: RT ready, queues, users and rights in %.1f s\n", $t0 - $^T);
$RT::Handle->BeginTransaction;
while (my $line = <$fh>) {
    my $r = decode_json($line);
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8', Data => [encode('UTF-8', $r->{body})]);
    my $t = RT::Ticket->new(as($r->{requestor}));
    my ($id, undef, $msg) = $t->Create(Queue => $r->{queue}, Subject => $r->{subject}, Priority => $r->{priority},
                                       Requestor => [$r->{requestor}], MIMEObj => $mime);
    die "create: $msg" unless $id;
    if ($r->{owner}) { my ($ok, $m) = ticket($r->{owner}, $id)->SetOwner($r->{owner}); die "owner: $m" unless $ok; }
    for my $x (@{$r->{replies}}) {
        my $method = $x->{kind};
        my ($ok, $m) = ticket($x->{actor}, $id)->$method(Content => $x->{text}, TimeTaken => $x->{minutes});
        die "$method: $m" unless $ok;
    }
    if ($r->{status} ne 'new') {
        my ($ok, $m) = ticket($r->{owner} // $head->{agents}[0][0], $id)->SetStatus($r->{status});
        die "status: $m" unless $ok;
    }
    if (++$n % $batch == 0) {
        $RT::Handle->Commit; $RT::Handle->BeginTransaction;
        print STDERR sprintf("rt load: %d tickets, %.1f tickets/s\n", $n, $n / (Time::HiRes::time() - $t0))
            if $n % (10 * $batch) == 0;
    }
}
$RT::Handle->Commit;
print STDERR sprintf("rt load: %d tickets in %.1f s\n", $n, Time::HiRes::time() - $t0);
$dbh->do("UPDATE Scrips SET Disabled = 0");
print "$n\n";
"""


def cache_dir(tickets: int, seed: int) -> Path:
    return CACHE / f"rt-{tickets}-{seed}"


def _meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    return meta if meta.get("version") == VERSION and (folder / "rt.sqlite3").exists() else None


def verify(rt: RtServer, want: dict[str, Any]) -> dict[str, Any]:
    """RT's own counts through REST2 (as root, who sees every row, so `total` is counted); raises on a mismatch."""
    def total(path: str, query: str) -> int:
        response = rt.api.get(rt.url + "/REST/2.0" + path, params={"query": query, "per_page": 1}, timeout=600)
        response.raise_for_status()
        return int(response.json()["total"])

    got: dict[str, Any] = {"tickets": total("/tickets", "id > 0"),
                           "status": {s: total("/tickets", f"Status = '{s}'") for s in want["status"]},
                           "queue": {q: total("/tickets", f"Queue = '{q}'") for q in QUEUES if q in want["queue"]},
                           "owner": {o: total("/tickets", f"Owner = '{o}'") for o in want["owner"]},
                           "requestor": {c: total("/tickets", f"Requestor = '{c}'") for c in want["requestor"]}}
    for kind in ("Correspond", "Comment"):
        got[kind] = total("/transactions", f"ObjectType = 'RT::Ticket' AND Type = '{kind}'")
    if got != want:
        raise RuntimeError(f"RT does not hold the planned tickets:\nplanned {want}\nRT has  {got}")
    return got


def load(tickets: int, seed: int, templates: int = TEMPLATES) -> Path:
    """The cached folder with RT's database of `tickets` planned tickets, loading it first when missing."""
    folder = cache_dir(tickets, seed)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"rt-{tickets}-{seed}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run loading the same one: wait for it, then reuse it
        if _meta(folder) is not None:
            return folder
        templates = min(tickets, templates)
        head, records = plan(tickets, seed, templates)
        root = Path(tempfile.mkdtemp(prefix="rt-load-"))
        try:
            rt = RtServer(root)
            rt.setup()
            plan_file = root / "plan.jsonl"
            with plan_file.open("w", encoding="utf-8") as out:
                out.write(json.dumps(head) + "\n")
                out.writelines(json.dumps(r) + "\n" for r in records[:templates])
            started = time.perf_counter()
            subprocess.run(["perl", f"-I{RT_LIB}", "-e", LOAD, str(plan_file), str(BATCH)], env=rt.env,
                           cwd=root, check=True, stdout=subprocess.DEVNULL, timeout=6 * 3600)
            api_s = time.perf_counter() - started
            finish(rt, folder, seed, records, templates, api_s)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return folder


def finish(rt: RtServer, folder: Path, seed: int, records: list[dict[str, Any]], templates: int,
           api_s: float) -> None:
    """After RT's API wrote the templates: the copies, the dates, the check through REST2, then the database and
    its meta into `folder` (whole or not at all)."""
    started = time.perf_counter()
    con = sqlite3.connect(rt.db)
    try:
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -262144")
        with con:
            clone(con, records, templates)
            spread_dates(con, int(time.time()) - 3 * 86400)
    finally:
        con.close()
    copy_s = time.perf_counter() - started
    print(f"rt load: {templates} tickets through RT's API in {api_s:.0f} s, {len(records) - templates} copied "
          f"in {copy_s:.0f} s", file=sys.stderr)
    keep(rt, folder, seed, records, templates, api_s, copy_s)


def keep(rt: RtServer, folder: Path, seed: int, records: list[dict[str, Any]], templates: int, api_s: float,
         copy_s: float) -> None:
    """Checks the loaded RT through REST2 and keeps its database with its meta in `folder`."""
    rt.start()
    try:
        counts = verify(rt, expected(records))
    finally:
        rt.stop()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    shutil.copyfile(rt.db, partial / "rt.sqlite3")
    (partial / "meta.json").write_text(json.dumps({
        "version": VERSION, "tickets": len(records), "seed": seed, "load_s": round(api_s + copy_s, 1),
        "templates": templates, "api_s": round(api_s, 1), "copy_s": round(copy_s, 1),
        "loaded_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "counts": counts}, indent=1))
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)


def loaded_rt(root: Path, tickets: int, seed: int) -> tuple[RtServer, dict[str, Any]]:
    """An RtServer in `root` on a copy of the cached load (loaded first when missing), with a fresh root token;
    not started. Returns it with the cache's meta (load time, counts)."""
    folder = load(tickets, seed)
    rt = RtServer(root)
    # Without this RT ignores `Content LIKE` (it searched subjects only); a content search on SQLite is a LIKE
    # scan of every attachment, as the facts say: measured so, not skipped.
    (root / "conf.d" / "FullText.pm").write_text("Set(%FullTextSearch, Enable => 1, Indexed => 0);\n1;\n")
    shutil.copyfile(folder / "rt.sqlite3", rt.db)
    rt.token = rt.perl(MINT_TOKEN, "root")
    meta = _meta(folder)
    assert meta is not None
    return rt, meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--templates", type=int, default=TEMPLATES, help="tickets written through RT's API")
    args = parser.parse_args()
    folder = load(args.tickets, args.seed, args.templates)
    meta = _meta(folder)
    assert meta is not None
    print(f"{folder}: {meta['tickets']} tickets loaded in {meta['load_s']} s "
          f"({meta['tickets'] / meta['load_s']:.1f} tickets/s), {meta['loaded_at']}; RT holds {meta['counts']}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
