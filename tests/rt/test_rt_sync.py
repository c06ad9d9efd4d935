"""The RT5 connector against a real Request Tracker 5: sign-in, first sync, incremental pull, push with
If-Match and the 412 merge, no duplicate reply across a kill -9, RT restarted mid-pull, hostile content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.credentials import MemoryTokenStore
from app.models import BackendSent, Group, OutboxMutation, Person, SyncConflict, Ticket, TicketLink, WorklogEntry
from app.people import reference
from app.store import open_store
from app.sync.backends.rt.backend import RtBackend
from app.sync.backends.rt.http import NO_REST2
from app.sync.engine import sync_once
from app.sync.errors import BadCredentials, Offline, ServerError
from app.tickets import worklog
from app.tickets import writes as tickets
from tests.conftest import forget_client_id, store_from

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def synced(rt_server, tmp_path_factory, store_template) -> Path:
    """A desk's store right after its first sync of the loaded tickets, made once for the module: a first sync
    costs RT 1.5-2 s of CPU (quiet machine), and only the tests of the first sync itself need to watch one."""
    path = tmp_path_factory.mktemp("rt-synced") / "synced.sqlite3"
    store = store_from(store_template, path)
    backend = RtBackend(rt_server.url, tokens=MemoryTokenStore())
    try:
        account = backend.sign_in("", rt_server.token)
        sync_once(store, backend, priority_first=True)
        with store.session() as s:
            reference.set_current_user(s, person_id=account.person_id)
    finally:
        backend.close()
        store.close()
    assert not store.blob_dir.exists()  # only the database file is copied
    forget_client_id(path)
    return path


@pytest.fixture
def desk(rt_server, tmp_path, store_template, synced):
    """desk(tag) -> (store, backend) of a desk signed in to RT as root and in step with it: a copy of `synced`
    that pulls what RT did since; desk(tag, limit) -> a new desk after its own first sync in pages of `limit`."""
    made = []

    def make(tag: str = "a", limit: int | None = None):
        store = store_from(store_template if limit else synced, tmp_path / f"{tag}.sqlite3")
        backend = RtBackend(rt_server.url, tokens=MemoryTokenStore())
        account = backend.sign_in("", rt_server.token)
        made.append((store, backend))
        sync_once(store, backend, priority_first=bool(limit), limit=limit or 1000)
        with store.session() as s:
            reference.set_current_user(s, person_id=account.person_id)
        return store, backend

    yield make
    for store, backend in made:
        backend.close()
        store.close()


def _ticket(store, number: int) -> Ticket:
    with store.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{number}"))
        s.expunge(ticket)
        return ticket


def _entries(store, ticket_id: str) -> list[tuple[str, str]]:
    with store.session() as s:
        return [(e.kind, e.body) for e in s.scalars(select(WorklogEntry).where(WorklogEntry.ticket_id == ticket_id)
                                                   .order_by(WorklogEntry.created_at, WorklogEntry.kind.desc()))]


def test_sign_in_says_what_is_wrong(rt_server, tmp_path):
    backend = RtBackend(rt_server.url)
    with pytest.raises(BadCredentials, match="refused the auth token"):
        backend.sign_in("", "1-14-" + "0" * 32)
    with pytest.raises(BadCredentials, match="not an RT auth token"):
        backend.sign_in("", "password")
    assert backend.info()["name"] == "Request Tracker"
    nothing = RtBackend("http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(Offline, match="cannot be reached"):
        nothing.info()
    (tmp_path / "index.html").write_text("<html>just a web site</html>")
    site = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "0"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = site.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N (...)"
        port = int(line.split(" port ")[1].split()[0])
        with pytest.raises(ServerError, match="does not answer as Request Tracker") as refused:
            RtBackend(f"http://127.0.0.1:{port}").info()
        assert refused.value.code == NO_REST2
    finally:
        site.kill()
        site.wait()
    account = backend.sign_in("root", rt_server.token)
    assert account.name == "root" and backend.rt.uses_cookie  # one token request, then RT's session cookie
    assert backend.tokens.load(rt_server.url, "root") == rt_server.token


def test_first_sync_maps_every_ticket_and_its_history(rt_server, desk):
    store, _ = desk("first", limit=20)  # 20 transactions a page: many pages, tickets split across them
    for i, number in enumerate(rt_server.loaded):
        ticket = _ticket(store, number)
        assert ticket.title == f"Loaded ticket {i}"
        assert ticket.description == f"First message of ticket {i}.\nSecond line."
        expected_state = "resolved" if i % 5 == 0 else "on_hold" if i % 7 == 0 else "in_progress"
        assert ticket.state == expected_state
        assert ticket.is_open == (i % 5 != 0)
        assert (ticket.impact, ticket.urgency) == ((1 + i % 3) if i % 2 else 3, 3)  # custom fields Impact / Urgency
        priority = (i * 13) % 100
        assert ticket.priority == (1 if priority >= 80 else 2 if priority >= 60 else 3 if priority >= 40 else
                                   4 if priority >= 20 else 5)
        assert sorted(_entries(store, ticket.id)) == [("note", f"Internal note on ticket {i}"),
                                                      ("reply", f"Public answer to ticket {i}")]
        with store.session() as s:
            requester = s.get(Person, ticket.requester_id)
            assert requester.email == f"caller{i % 7}@example.com"  # people created as seen
            assert s.get(Group, ticket.group_id).name == "General"  # the queue is the assignment group
            minutes = dict(s.execute(select(WorklogEntry.kind, WorklogEntry.time_spent_minutes)
                                     .where(WorklogEntry.ticket_id == ticket.id)).all())
        assert minutes == {"reply": 4, "note": 2}  # time taken


def test_incremental_pull_brings_rt_edits_once(rt_server, desk):
    store, backend = desk("incremental")
    number = rt_server.loaded[1]
    rt_server.update(number, Subject="Renamed in RT", Status="open", Priority="95")
    rt_server.reply(number, "Another answer, written in RT")
    report = sync_once(store, backend)
    ticket = _ticket(store, number)
    assert (ticket.title, ticket.state, ticket.priority) == ("Renamed in RT", "in_progress", 1)
    assert _entries(store, ticket.id)[-1] == ("reply", "Another answer, written in RT")
    assert len(_entries(store, ticket.id)) == 3
    assert report.changed_ticket_ids == {ticket.id}
    again = sync_once(store, backend)  # nothing new: nothing pulled, nothing repeated
    assert again.pulled_changes == 0 and len(_entries(store, ticket.id)) == 3


def test_push_from_the_desk_reaches_rt_and_comes_back_once(rt_server, desk):
    store, backend = desk("push")
    number = rt_server.loaded[2]
    ticket = _ticket(store, number)
    with store.session() as s:
        me = reference.current_user(s)
        tickets.update_ticket(s, ticket_id=ticket.id, changes={"title": "Renamed on the desk", "priority": 1,
                                                               "urgency": 2}, actor_id=me)
        entry = worklog.add_worklog(s, ticket_id=ticket.id, kind="reply", body="Answered from Deskside",
                                    actor_id=me, time_spent_minutes=12)
        entry_id = entry.id
    report = sync_once(store, backend)
    assert report.statuses == {"applied": 2}
    remote = rt_server.ticket(number)
    assert remote["Subject"] == "Renamed on the desk" and int(remote["Priority"]) == 90
    assert {cf["name"]: cf["values"] for cf in remote["CustomFields"]}["Urgency"] == ["2"]
    sent = rt_server.history(number, "Correspond")
    assert [t["text"] for t in sent].count("Answered from Deskside") == 1
    assert next(t for t in sent if t["text"] == "Answered from Deskside")["TimeTaken"] == "12"
    entries = _entries(store, ticket.id)
    assert entries.count(("reply", "Answered from Deskside")) == 1  # the pulled transaction is the desk's entry
    with store.session() as s:
        assert s.get(WorklogEntry, entry_id) is not None
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 0


def test_stale_etag_merges_other_fields_and_conflicts_on_the_same_field(rt_server, desk):
    store, backend = desk("stale")
    number = rt_server.loaded[3]
    ticket = _ticket(store, number)
    with store.session() as s:
        me = reference.current_user(s)
        tickets.update_ticket(s, ticket_id=ticket.id, changes={"title": "Desk title", "priority": 2}, actor_id=me)
    rt_server.update(number, Subject="RT title")  # meanwhile in RT: the desk's ETag is stale now
    report = sync_once(store, backend)
    assert report.statuses == {"conflict": 1}
    remote = rt_server.ticket(number)
    assert remote["Subject"] == "RT title"  # the same field: RT's value stays, the desk's goes to the inbox
    assert int(remote["Priority"]) == 70    # a field RT did not change: sent again with the new ETag
    with store.session() as s:
        conflict = s.scalar(select(SyncConflict).where(SyncConflict.ticket_id == ticket.id))
        assert (conflict.field, json.loads(conflict.mine), json.loads(conflict.theirs)) == (
            "title", "Desk title", "RT title")
    assert _ticket(store, number).title == "RT title"


def test_kill_9_after_the_reply_was_sent_never_duplicates_it(rt_server, desk, tmp_path):
    store, backend = desk("crash")
    number = rt_server.loaded[4]
    ticket_id = _ticket(store, number).id
    with store.session() as s:
        worklog.add_worklog(s, ticket_id=ticket_id, kind="reply", body="Sent once, whatever happens",
                            actor_id=reference.current_user(s))
    path = store.path if hasattr(store, "path") else tmp_path / "crash.sqlite3"
    store.close()
    env = {**os.environ, "DESKSIDE_SYNC_CRASH_AT": "rt_after_send"}
    script = ("import sys; from app.store import open_store; from app.credentials import MemoryTokenStore;"
              "from app.sync.backends.rt.backend import RtBackend; from app.sync.engine import sync_once;"
              "b = RtBackend(sys.argv[1], tokens=MemoryTokenStore()); b.sign_in('', sys.argv[2]);"
              "sync_once(open_store(sys.argv[3]), b)")
    done = subprocess.run([sys.executable, "-c", script, rt_server.url, rt_server.token, str(path)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 137, done.stderr  # died right after RT took the reply, before recording it
    store = open_store(path)
    try:
        with store.session() as s:
            assert s.scalar(select(BackendSent.state)) == "sending"
        report = sync_once(store, backend)
        assert report.statuses == {"applied": 1}
        texts = [t["text"] for t in rt_server.history(number, "Correspond")]
        assert texts.count("Sent once, whatever happens") == 1
        assert _entries(store, ticket_id).count(("reply", "Sent once, whatever happens")) == 1
    finally:
        store.close()


def test_rt_stopped_mid_pull_then_restarted_converges(rt_server, desk, store_template, tmp_path):
    store = store_from(store_template, tmp_path / "restart.sqlite3")
    backend = RtBackend(rt_server.url, tokens=MemoryTokenStore())
    backend.sign_in("", rt_server.token)
    pages = {"n": 0}
    real = backend.pull

    def stopping_pull(cursor, limit=200, wait=0, priority_first=False):
        pages["n"] += 1
        if pages["n"] == 3:
            rt_server.stop()
        return real(cursor, limit, wait, priority_first)

    backend.pull = stopping_pull
    try:
        with pytest.raises(Offline):
            sync_once(store, backend, limit=20)
        rt_server.start()
        backend.pull = real
        sync_once(store, backend, limit=20)  # the session cookie died with the server: signed in again by token
        with store.session() as s:
            held = s.scalar(select(func.count()).select_from(Ticket))
            entries = s.scalar(select(func.count()).select_from(WorklogEntry))
            bodies = s.scalars(select(WorklogEntry.body)).all()
        assert held >= len(rt_server.loaded)
        assert len(bodies) == len(set(bodies)) == entries  # no entry twice (every loaded text is unique)
    finally:
        backend.close()
        store.close()


def test_hostile_content_is_kept_as_plain_text(rt_server, desk):
    number = rt_server.create_ticket(Subject="<img src=x onerror=alert(1)> Urgent", Requestor="mallory@example.com",
                                     Content="<script>alert('x')</script>plain")
    response = rt_server.call("POST", f"/ticket/{number}/correspond", {
        "Content": "<p>Hello <b>there</b></p><script>steal()</script><img src='http://tracker.invalid/p.png'>",
        "ContentType": "text/html"})
    assert response.status_code == 201
    store, _ = desk("hostile")
    ticket = _ticket(store, number)
    assert ticket.title == "<img src=x onerror=alert(1)> Urgent"  # as typed; the UI shows titles as plain text
    body = _entries(store, ticket.id)[-1][1]
    assert "Hello there" in body
    assert "<" not in body and "steal()" not in body and "tracker.invalid" not in body


@pytest.fixture
def window(qtbot, tmp_path, store_template):
    """A MainWindow over a new store, its tokens in memory only (as tests/integration's `windows`)."""
    from app.config import Settings
    from app.main import build_window, empty_reference
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner

    store = store_from(store_template, tmp_path / "ui.sqlite3")
    runner = TaskRunner(store)
    runner.op(lambda s: reference.ensure_local_user(s, name="Local Agent"))
    ctx = UiContext(runner=runner, events=AppEvents(), settings=Settings(tmp_path / "settings.json"),
                    reference=empty_reference())
    made = build_window(ctx)
    made.sync.use_token_store(MemoryTokenStore())
    qtbot.addWidget(made)
    made.show()
    yield made
    made.sync.shutdown()
    runner.shutdown()
    store.close()


def test_signing_in_to_rt_from_the_dialog(qtbot, rt_server, window):
    from PySide6.QtCore import Qt

    from app.ui.sync import controller as states

    dialog = window.sync.show_sign_in()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("rt"))
    assert not dialog.user_edit.isVisible() and dialog.rt_note.isVisible()
    assert "change records" in dialog.rt_note.text() and "SLA policies" in dialog.rt_note.text()
    dialog.url_edit.setText(rt_server.url)
    qtbot.keyClicks(dialog.password_edit, "1-14-wrong")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=30_000)
    assert "refused this auth token" in dialog.error.text()
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, rt_server.token)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    controller = window.sync.controller
    qtbot.waitUntil(lambda: controller.status.state == states.ONLINE, timeout=60_000)
    assert window.ctx.settings.get("sync_backend") == "rt" and window.ctx.settings.get("sync_user") == "root"
    assert controller.tokens.load(rt_server.url, "root") == rt_server.token  # the keyring (in memory here)
    with window.ctx.runner.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) >= len(rt_server.loaded)
    assert "change records and SLA policies stay on this desk" in controller.status.account


def test_merges_are_followed_and_tickets_out_of_rights_evicted(rt_server, tmp_path, store_template):
    from tests.rt.rtserver import MERGE

    token = rt_server.add_user("agnes", "agnes@example.com", "Agnes Agent")  # rights on General only
    first, second, moved = (rt_server.create_ticket(Subject=f"Agnes {i}", Content="x") for i in range(3))
    store = store_from(store_template, tmp_path / "agnes.sqlite3")
    backend = RtBackend(rt_server.url, tokens=MemoryTokenStore())
    try:
        assert backend.sign_in("", token).name == "agnes"
        sync_once(store, backend)
        ids = {n: _ticket(store, n).id for n in (first, second, moved)}
        assert rt_server.call("POST", "/queue", {"Name": "Secret"}).status_code == 201
        rt_server.update(moved, Queue="Secret")   # out of agnes's rights: RT logs it where she cannot read
        rt_server.perl(MERGE, str(first), str(second))
        rt_server.update(second, Parent=str(rt_server.loaded[0]))  # a parent link, as RT's MemberOf
        sync_once(store, backend)
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.id == ids[moved])) == 0
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.id == ids[first])) == 0
            survivor = s.scalar(select(Ticket).where(Ticket.id == ids[second]))
            assert survivor is not None and survivor.number == f"RT{second}"
            links = s.scalars(select(TicketLink).where(TicketLink.source_id == ids[second])).all()
            assert [(link.kind, link.target_id) for link in links] == [
                ("child_of", _ticket(store, rt_server.loaded[0]).id)]
        rt_server.update(second, DeleteParent=str(rt_server.loaded[0]))  # unlinked in RT: gone from the desk too
        sync_once(store, backend)
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(TicketLink)
                            .where(TicketLink.source_id == ids[second])) == 0
    finally:
        backend.close()
        store.close()


def test_edits_made_while_rt_is_down_wait_in_the_outbox_then_drain(rt_server, desk):
    store, backend = desk("offline")
    number = rt_server.loaded[6]
    ticket_id = _ticket(store, number).id
    rt_server.stop()
    try:
        with store.session() as s:
            me = reference.current_user(s)
            tickets.update_ticket(s, ticket_id=ticket_id, changes={"title": "Edited offline"}, actor_id=me)
            worklog.add_worklog(s, ticket_id=ticket_id, kind="note", body="Noted offline", actor_id=me,
                                time_spent_minutes=9)
        with pytest.raises(Offline):
            sync_once(store, backend)
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 2
            assert s.get(Ticket, _ticket(store, number).row_id).title == "Edited offline"  # the desk shows it
    finally:
        rt_server.start()
    report = sync_once(store, backend)  # the cookie died with RT: the token opens a new session
    assert report.statuses == {"applied": 2}
    assert rt_server.ticket(number)["Subject"] == "Edited offline"
    notes = rt_server.history(number, "Comment")
    assert [(n["text"], n["TimeTaken"]) for n in notes if n["text"] == "Noted offline"] == [("Noted offline", "9")]


def test_a_waiting_pull_says_there_is_news_without_moving_the_cursor(rt_server, desk):
    store, backend = desk("watch")
    with store.session() as s:
        from app.models import SyncCursor
        cursor = s.scalar(select(SyncCursor.cursor))
    quiet = backend.pull(cursor, 1, wait=0.5)
    assert quiet["next_cursor"] == cursor and not quiet["changes"]
    rt_server.reply(rt_server.loaded[7], "News for the watch")
    news = backend.pull(cursor, 1, wait=10)
    assert news["next_cursor"] == cursor and news["changes"]  # the app's watch then starts a round
    assert sync_once(store, backend).pulled_changes > 0


def test_a_ticket_made_on_the_desk_is_created_in_rt_once(rt_server, desk):
    store, backend = desk("create")
    with store.session() as s:
        me = reference.current_user(s)
        general = s.scalar(select(Group.id).where(Group.name == "General"))
        caller = s.scalar(select(Person.id).where(Person.email == "caller3@example.com"))
        ticket = tickets.create_ticket(s, ticket_type="incident", title="Made on the desk", actor_id=me,
                                       description="Typed while on the phone.", group_id=general, requester_id=caller)
        ticket_id = ticket.id
        worklog.add_worklog(s, ticket_id=ticket_id, kind="reply", body="First answer from the desk", actor_id=me)
    report = sync_once(store, backend)
    assert report.statuses == {"applied": 2}
    number = int(report.numbers[ticket_id].removeprefix("RT"))
    remote = rt_server.ticket(number)
    assert remote["Subject"] == "Made on the desk" and remote["Requestor"][0]["id"] == "caller3@example.com"
    assert [t["text"] for t in rt_server.history(number, "Correspond")] == ["First answer from the desk"]
    sync_once(store, backend)
    with store.session() as s:
        made = s.scalars(select(Ticket).where(Ticket.title == "Made on the desk")).all()
        assert [(t.id, t.number, t.description) for t in made] == [
            (ticket_id, f"RT{number}", "Typed while on the phone.")]  # the pulled ticket is the desk's own row
    assert _entries(store, ticket_id) == [("reply", "First answer from the desk")]


def test_a_user_behind_a_long_run_of_transactions_they_may_not_read_still_gets_the_news(rt_server, tmp_path,
                                                                                        store_template):
    from tests.rt.rtserver import hidden_history

    token = rt_server.add_user("nora", "nora@example.com", "Nora Nightshift")  # rights on General only
    store = store_from(store_template, tmp_path / "nora.sqlite3")
    backend = RtBackend(rt_server.url, tokens=MemoryTokenStore())
    try:
        assert backend.sign_in("", token).name == "nora"
        sync_once(store, backend)
        number = rt_server.loaded[2]
        hidden = hidden_history(rt_server, "Hidden", 1100)  # 1,100 ticket transactions she may not read
        rt_server.update(number, Subject="Seen past the hidden run")
        rt_server.reply(number, "An answer after the hidden run")
        sync_once(store, backend)
        ticket = _ticket(store, number)
        assert ticket.title == "Seen past the hidden run"
        assert _entries(store, ticket.id).count(("reply", "An answer after the hidden run")) == 1
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.number == f"RT{hidden}")) == 0
        rt_server.update(number, Subject="And after that")  # the cursor is past the run: the next round is short
        sync_once(store, backend)
        assert _ticket(store, number).title == "And after that"
    finally:
        backend.close()
        store.close()


def _rt_notes_by_ticket(rt_server) -> dict[int, list[int]]:
    """Ticket number -> the ids of its Correspond / Comment transactions, read by a plain walk of RT's
    transactions, 100 at a time (what a page used to read)."""
    out: dict[int, list[int]] = {}
    cursor = 0
    while True:
        answer = rt_server.call("GET", f"/transactions?query=id > {cursor} AND ObjectType = 'RT::Ticket'"
                                       f"&fields=Type,ObjectId&per_page=100&orderby=id").json()
        items = answer["items"]
        if not items:
            return out
        for t in items:
            if t["Type"] in ("Correspond", "Comment"):
                out.setdefault(int(t["ObjectId"]), []).append(int(t["id"]))
        cursor = max(int(t["id"]) for t in items)


def test_a_first_sync_in_wide_pages_reads_every_transaction_once(rt_server, desk):
    # limit 300: each page reads 100 transactions, then two ranges of 100 ids after them at once; the module's
    # RT holds a few hundred ticket transactions, so the walk crosses range and page boundaries.
    store, backend = desk("wide", limit=300)
    narrow_store, _ = desk("narrow", limit=100)
    wanted = _rt_notes_by_ticket(rt_server)
    with store.session() as s:
        held = dict(s.execute(select(Ticket.number, Ticket.id)).all())
        entries = s.execute(select(WorklogEntry.ticket_id, WorklogEntry.id)
                            .where(WorklogEntry.kind.in_(("reply", "note")))).all()
    per_ticket: dict[str, int] = {}
    for ticket_id, _ in entries:
        per_ticket[ticket_id] = per_ticket.get(ticket_id, 0) + 1
    assert len({entry_id for _, entry_id in entries}) == len(entries)  # no transaction twice
    checked = 0
    for number in rt_server.loaded:
        if f"RT{number}" not in held or rt_server.ticket(number).get("EffectiveId", {}).get("id") != str(number):
            continue  # evicted or merged by an earlier test
        assert per_ticket.get(held[f"RT{number}"], 0) == len(wanted.get(number, [])), number
        checked += 1
    assert checked >= 30
    with store.session() as s, narrow_store.session() as n:
        assert s.scalar(select(func.count(WorklogEntry.id))) == n.scalar(select(func.count(WorklogEntry.id)))
        assert s.scalar(select(func.count(Ticket.id))) == n.scalar(select(func.count(Ticket.id)))


def test_a_page_reads_only_the_attachments_of_its_own_transactions(rt_server, desk):
    # RT OR-s two conditions on one field unless told to AND them: the range search of a page's texts then read
    # every attachment in RT (100 a request), on every page of every pull.
    _, backend = desk("texts")
    puller = backend._puller
    newest = rt_server.call("GET", "/transactions?query=Type = 'Correspond'&orderby=id&order=DESC&per_page=1"
                                   "&fields=Type").json()["items"][0]
    total = rt_server.call("POST", "/attachments?per_page=1", json=[{"field": "id", "operator": ">", "value": 0}])
    assert total.json()["total"] > 100  # more than one request's worth in RT
    sent: list[str] = []
    call = puller.rt.call

    def counted(method, path, **kwargs):
        sent.append(path)
        return call(method, path, **kwargs)

    puller.rt.call = counted
    try:
        texts = puller._texts([{"id": newest["id"], "Type": "Correspond"}])
    finally:
        puller.rt.call = call
    assert texts[str(newest["id"])]  # its text was found
    assert len(sent) == 1, sent
