"""Attachment files between a real Request Tracker 5 and the desk: pulled into the blob store (names sanitised,
bytes exact, hostile types neutralised, never twice), desk files sent as an RT note carrying them, too large
ones refused with a message; RefersTo / DependsOn links both ways, and removed from the desk; a queue's own
lifecycle and its moves; category / service / CI custom fields both ways; a desk ticket's queue. A module of
its own, on a small RT (a few tickets, not the 40 of the sync tests)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
import requests
from sqlalchemy import select

from app.credentials import MemoryTokenStore
from app.models import (
    Attachment,
    Category,
    ConfigurationItem,
    Group,
    OutboxMutation,
    Service,
    SyncConflict,
    Ticket,
    TicketLink,
)
from app.people import reference
from app.sync.attachments import fetch_attachment
from app.sync.backends.rt import files
from app.sync.backends.rt.backend import RtBackend
from app.sync.engine import sync_once
from app.tickets import ops
from app.tickets import writes as tickets
from app.tickets.attachments import blob_path
from app.tickets.detail import ticket_detail
from core.errors import TransitionError
from tests.conftest import skip_or_fail, store_from
from tests.rt.rtserver import IMPACT_URGENCY, PACKAGES, RtServer, rt_installed

# A lifecycle of RT's own config (added to RT's, not replacing it) for a queue "Support".
SUPPORT_LIFECYCLE = """
my $held = RT->Config->Get('Lifecycles');
my %lifecycles = ref $held ? %$held : ();
$lifecycles{support} = {
    initial => ['new'], active => ['open', 'waiting-vendor'], inactive => ['resolved', 'closed-won'],
    defaults => { on_create => 'new' },
    transitions => { '' => ['new', 'open'], new => ['open', 'waiting-vendor', 'resolved', 'closed-won'],
                     open => ['waiting-vendor', 'resolved', 'closed-won'], 'waiting-vendor' => ['open', 'closed-won'],
                     resolved => ['open'], 'closed-won' => ['open'] },
    rights => { '* -> *' => 'ModifyTicket' },
    actions => [
        'new -> open' => { label => 'Open It' }, 'new -> waiting-vendor' => { label => 'Ask the vendor' },
        'open -> waiting-vendor' => { label => 'Ask the vendor' }, 'open -> closed-won' => { label => 'Won' },
        'open -> resolved' => { label => 'Resolve' }, 'waiting-vendor -> open' => { label => 'Vendor answered' },
        'waiting-vendor -> closed-won' => { label => 'Won' }, 'closed-won -> open' => { label => 'Reopen' },
        'resolved -> open' => { label => 'Reopen' },
    ],
};
Set(%Lifecycles, %lifecycles);
1;
"""
BINARY = bytes(range(256)) * 40 + b"\x00\xff end"  # every byte value, NULs included


@pytest.fixture(scope="module")
def rt_server(tmp_path_factory):
    import shutil
    if not rt_installed() or shutil.which("perl") is None:
        skip_or_fail(f"Request Tracker 5 is not installed (apt-get install {PACKAGES})")
    root = tmp_path_factory.mktemp("rt")
    rt = RtServer(root)
    (root / "conf.d" / "support_lifecycle.pm").write_text(SUPPORT_LIFECYCLE)
    rt.setup()
    rt.perl(IMPACT_URGENCY.replace("qw(Impact Urgency)", "qw(Category Service Kit)"))  # "Kit": a renamed CI field
    rt.start()
    yield rt
    rt.stop()


@pytest.fixture
def desk(rt_server, tmp_path, store_template):
    made = []

    def make(tag: str, custom_fields: str = "ci=Kit", before=None):
        store = store_from(store_template, tmp_path / f"{tag}.sqlite3")
        if before is not None:
            with store.session() as s:
                before(s)
        backend = RtBackend(rt_server.url, tokens=MemoryTokenStore(), custom_fields=custom_fields)
        account = backend.sign_in("", rt_server.token)
        sync_once(store, backend)
        with store.session() as s:
            reference.set_current_user(s, person_id=account.person_id)
        made.append((store, backend))
        return store, backend

    yield make
    for store, backend in made:
        backend.close()
        store.close()


def _file(name: str, data: bytes, kind: str = "application/octet-stream") -> dict:
    return {"FileName": name, "FileType": kind, "FileContent": base64.b64encode(data).decode()}


def _attachments(store, number: int) -> list[Attachment]:
    with store.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{number}"))
        rows = list(s.scalars(select(Attachment).where(Attachment.ticket_id == ticket.id)
                              .order_by(Attachment.created_at, Attachment.file_name)))
        s.expunge_all()
        return rows


def _rt_files(rt_server, number: int) -> dict[str, bytes]:
    """File name -> bytes of every file on RT's ticket (read back through REST2, base64)."""
    out = {}
    history = rt_server.call("GET", f"/ticket/{number}/history?per_page=100").json()
    for txn in history["items"]:
        for part in rt_server.call("GET", f"/transaction/{txn['id']}/attachments?fields=Filename").json()["items"]:
            if part.get("Filename"):
                record = rt_server.call("GET", f"/attachment/{part['id']}").json()
                out[part["Filename"]] = base64.b64decode(record["Content"])
    return out


def test_rt_files_are_pulled_exact_sanitised_and_once(rt_server, desk, monkeypatch):
    number = rt_server.create_ticket(Subject="With files", Requestor="caller@example.com", Content="See attached.",
                                     Attachments=[_file("../../etc/passwd", b"root:x:0:0\n", "text/plain"),
                                                  _file("data.bin", BINARY)])
    response = rt_server.call("POST", f"/ticket/{number}/correspond", {
        "Content": "Here is the page", "ContentType": "text/plain",
        "Attachments": [_file('<img src=x onerror="alert(1)">.html', b"<script>steal()</script>",
                              "text/html")]})
    assert response.status_code == 201, response.text
    fetched: list[str] = []  # GET /attachment/N made by the desk (real requests, counted on their way)
    searched: list[int] = []  # sizes of the attachment searches' answers
    real = requests.Session.request

    def counting(session, method, url, *args, **kwargs):
        response = real(session, method, url, *args, **kwargs)
        path = url.split("/REST/2.0", 1)[-1].split("?", 1)[0]
        if method == "GET" and re.fullmatch(r"/attachment/\d+", path):
            fetched.append(path)
        elif method == "POST" and path == "/attachments":
            searched.append(len(response.content))
        return response

    monkeypatch.setattr(requests.Session, "request", counting)
    store, backend = desk("pull")
    rows = _attachments(store, number)
    assert len(fetched) == len(set(fetched)) == 3  # each file read once, by its own request
    assert searched and max(searched) < len(BINARY)  # the searches carry names, not the files' bytes
    assert len(rows) == 3
    by_name = {r.file_name: r for r in rows}
    assert {"passwd", "data.bin"} <= set(by_name)  # "../../etc/passwd": no folders
    assert by_name["data.bin"].size == len(BINARY)
    assert blob_path(store.blob_dir, by_name["data.bin"].content_hash).read_bytes() == BINARY  # byte for byte
    assert by_name["passwd"].content_hash == hashlib.sha256(b"root:x:0:0\n").hexdigest()
    page = next(r for r in rows if r.mime_type == "text/html")
    assert "/" not in page.file_name and "<" not in page.file_name and '"' not in page.file_name
    assert by_name["passwd"].author_id is not None  # the ticket's creator, a person on the desk
    # Pulled again (a new edit in RT moves the cursor over the same ticket): not fetched nor added twice.
    rt_server.reply(number, "A later note", comment=True)
    sync_once(store, backend)
    assert len(_attachments(store, number)) == 3
    assert len(fetched) == 3
    # A file lost from the data folder is read again from RT when the user opens it, byte for byte.
    lost = blob_path(store.blob_dir, by_name["data.bin"].content_hash)
    lost.unlink()
    assert fetch_attachment(store, backend, by_name["data.bin"].id).read_bytes() == BINARY
    assert len(fetched) == 4


def test_desk_file_reaches_rt_once_and_too_large_is_refused(rt_server, desk, tmp_path, monkeypatch):
    number = rt_server.create_ticket(Subject="Desk attaches", Requestor="caller@example.com", Content="Hi")
    store, backend = desk("push")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n" + BINARY)
    (tmp_path / "huge.iso").write_bytes(b"x" * 4096)
    with store.session() as s:
        ticket_id = s.scalar(select(Ticket.id).where(Ticket.number == f"RT{number}"))
        me = reference.current_user(s)
        sent_id = ops.attach_file(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=tmp_path / "report.pdf",
                                  actor_id=me)
    report = sync_once(store, backend)
    assert report.statuses == {"applied": 1}
    assert _rt_files(rt_server, number) == {"report.pdf": b"%PDF-1.4\n" + BINARY}
    sync_once(store, backend)  # the pull brings RT's copy back: it is the desk's row, not a second one
    assert [a.id for a in _attachments(store, number)] == [sent_id]
    # The desk's own file, lost here after it went to RT, comes back from RT's copy.
    sent = _attachments(store, number)[0]
    blob_path(store.blob_dir, sent.content_hash).unlink()
    assert fetch_attachment(store, backend, sent_id).read_bytes() == b"%PDF-1.4\n" + BINARY

    monkeypatch.setattr(files, "MAX_PUSH_BYTES", 1024)
    with store.session() as s:
        ops.attach_file(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=tmp_path / "huge.iso", actor_id=me)
    report = sync_once(store, backend)
    assert report.statuses == {"rejected": 1}
    assert "huge.iso" not in _rt_files(rt_server, number)
    with store.session() as s:  # refused, not lost: the file stays on the desk
        assert s.scalar(select(Attachment).where(Attachment.file_name == "huge.iso")) is not None
        assert s.scalar(select(OutboxMutation).where(OutboxMutation.entity == "attachment")) is None


def _links(store) -> set[tuple[str, str, str]]:
    with store.session() as s:
        number = dict(s.execute(select(Ticket.id, Ticket.number)).all())
        return {(number[link.source_id], link.kind, number[link.target_id]) for link in s.scalars(select(TicketLink))}


def test_refers_to_and_depends_on_links_both_ways(rt_server, desk):
    a, b, c = (rt_server.create_ticket(Subject=f"Linked {x}", Requestor="caller@example.com", Content=x)
               for x in "abc")
    rt_server.update(a, RefersTo=str(b), DependsOn=str(c))
    store, backend = desk("links")
    assert _links(store) >= {(f"RT{a}", "refers_to", f"RT{b}"), (f"RT{a}", "depends_on", f"RT{c}")}
    with store.session() as s:
        source = s.scalar(select(Ticket.id).where(Ticket.number == f"RT{b}"))
        ops.link(s, source_id=source, target_number=f"RT{c}", kind="depends_on", actor_id=reference.current_user(s))
    assert sync_once(store, backend).statuses == {"applied": 1}
    hyperlinks = rt_server.ticket(b)["_hyperlinks"]
    assert [(x["ref"], x["id"]) for x in hyperlinks if x["ref"] == "depends-on"] == [("depends-on", str(c))]
    rt_server.update(a, DeleteRefersTo=str(b))
    sync_once(store, backend)
    mine = {link for link in _links(store) if f"RT{a}" in link or f"RT{b}" in link}
    assert mine == {(f"RT{a}", "depends_on", f"RT{c}"), (f"RT{b}", "depends_on", f"RT{c}")}  # B's link once


def test_a_queues_own_lifecycle_says_which_statuses_are_open(rt_server, desk):
    _support_queue(rt_server)
    waiting = rt_server.create_ticket(Queue="Support", Subject="Vendor", Requestor="caller@example.com", Content="v")
    won = rt_server.create_ticket(Queue="Support", Subject="Won", Requestor="caller@example.com", Content="w")
    rt_server.update(waiting, Status="waiting-vendor")
    rt_server.update(won, Status="closed-won")
    assert (rt_server.ticket(waiting)["Status"], rt_server.ticket(won)["Status"]) == ("waiting-vendor", "closed-won")
    store, backend = desk("lifecycle")
    with store.session() as s:
        rows = {t.number: (t.state, t.is_open) for t in s.scalars(select(Ticket).where(
            Ticket.number.in_([f"RT{waiting}", f"RT{won}"])))}
    # shown as RT names them; open or done as the queue's lifecycle says (not "anything but resolved/rejected")
    assert rows == {f"RT{waiting}": ("waiting-vendor", True), f"RT{won}": ("closed-won", False)}
    rt_server.update(won, Status="open")  # reopened in RT: the default mapping again
    sync_once(store, backend)
    with store.session() as s:
        assert s.scalar(select(Ticket.is_open).where(Ticket.number == f"RT{won}")) is True


def test_category_service_and_ci_custom_fields_become_reference_rows(rt_server, desk):
    number = rt_server.create_ticket(Subject="Mail down", Requestor="caller@example.com", Content="m",
                                     CustomFields={"Category": "Hardware", "Service": "E-mail", "Kit": "mail-01"})

    def own_email_service(s):
        s.add(Service(id="0000000e-0000-4000-8000-000000000001", name="E-mail"))

    store, _ = desk("refs", before=own_email_service)
    with store.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{number}"))
        assert s.get(Category, ticket.category_id).name == "Hardware"  # made as seen
        assert ticket.service_id == "0000000e-0000-4000-8000-000000000001"  # the desk's own row of that name
        assert s.get(ConfigurationItem, ticket.ci_id).name == "mail-01"  # the CI field is named "Kit" here
    plain, _ = desk("names", custom_fields="ci=; category=Nothing")  # configured away: not read
    with plain.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{number}"))
        assert (ticket.category_id, ticket.ci_id) == (None, None) and ticket.service_id is not None


def _support_queue(rt_server) -> str:
    """RT's queue "Support" (lifecycle `support`), made by the first test that needs it; its id."""
    found = rt_server.call("GET", "/queue/Support")
    if found.status_code == 200:
        return str(found.json()["id"])
    made = rt_server.call("POST", "/queue", {"Name": "Support", "Lifecycle": "support"})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def _desk_ticket(store, number: int) -> Ticket:
    with store.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{number}"))
        s.expunge(ticket)
        return ticket


def _open_conflicts(store) -> list[SyncConflict]:
    with store.session() as s:
        rows = list(s.scalars(select(SyncConflict).where(SyncConflict.status == "open").order_by(SyncConflict.id)))
        s.expunge_all()
        return rows


def test_a_link_removed_on_the_desk_is_removed_in_rt_once_and_stays_gone(rt_server, desk):
    a, b, c = (rt_server.create_ticket(Subject=f"Unlink {x}", Requestor="caller@example.com", Content=x)
               for x in "abc")
    rt_server.update(a, RefersTo=str(b), DependsOn=str(c))
    rt_server.update(b, Parent=str(c))
    store, backend = desk("unlink")
    with store.session() as s:
        number = dict(s.execute(select(Ticket.id, Ticket.number)).all())
        links = {(number[x.source_id], x.kind, number[x.target_id]): x.id for x in s.scalars(select(TicketLink))}
        me = reference.current_user(s)
        for key in ((f"RT{a}", "refers_to", f"RT{b}"), (f"RT{b}", "child_of", f"RT{c}")):
            ops.unlink(s, link_id=links[key], actor_id=me)
    with store.session() as s:
        sent = [(m.entity, m.op, m.entity_id, json.loads(m.payload)) for m in s.scalars(
            select(OutboxMutation).where(OutboxMutation.entity == "ticket_link"))]
    assert sync_once(store, backend).statuses == {"applied": 2}
    refs_of = {n: [(x["ref"], x["id"]) for x in rt_server.ticket(n)["_hyperlinks"]
                   if x["ref"] in ("refers-to", "depends-on", "parent")] for n in (a, b)}
    assert refs_of == {a: [("depends-on", str(c))], b: []}  # gone in RT; the other link kept
    # The push again, as after an answer lost on the way: RT has nothing more to remove, the answer is the same.
    again = backend.push("desk", [{"mutation_id": f"again-{i}", "seq": i, "entity": entity, "op": op,
                                   "entity_id": entity_id, "payload": payload}
                                  for i, (entity, op, entity_id, payload) in enumerate(sent, start=1)])
    assert [r["status"] for r in again["receipts"]] == ["applied", "applied"]
    assert rt_server.ticket(a)["_hyperlinks"] and not [x for x in rt_server.ticket(b)["_hyperlinks"]
                                                       if x["ref"] == "parent"]
    rt_server.reply(a, "Later, in RT")  # a, b pulled again: the removed links do not come back
    rt_server.reply(b, "Later, in RT")
    sync_once(store, backend)
    mine = {link for link in _links(store) if {f"RT{a}", f"RT{b}"} & {link[0], link[2]}}
    assert mine == {(f"RT{a}", "depends_on", f"RT{c}")}


def test_moves_of_a_queues_own_lifecycle_are_offered_pushed_and_refused_with_rts_message(rt_server, desk):
    _support_queue(rt_server)
    vendor = rt_server.create_ticket(Queue="Support", Subject="Needs the vendor", Requestor="caller@example.com",
                                     Content="v")
    other = rt_server.create_ticket(Queue="Support", Subject="Not to cancel", Requestor="caller@example.com",
                                    Content="o")
    done = rt_server.create_ticket(Queue="Support", Subject="Already won", Requestor="caller@example.com",
                                   Content="d")
    fresh = rt_server.create_ticket(Queue="Support", Subject="Won at once", Requestor="caller@example.com",
                                    Content="f")
    rt_server.update(vendor, Status="open")
    rt_server.update(other, Status="open")
    rt_server.update(done, Status="closed-won")
    store, backend = desk("moves")
    # From "new": RT's two actions, then the lifecycle's plain transitions (no action; read from RT's own
    # ticket form), which the desk offers and RT takes.
    fresh_id = _desk_ticket(store, fresh).id
    with store.session() as s:
        offered = [to for to, _ in ticket_detail(s, ticket_id=fresh_id).allowed_states]
        assert {"waiting-vendor", "closed-won"} <= set(offered), offered
        tickets.update_ticket(s, ticket_id=fresh_id, changes={"state": "closed-won"},
                              actor_id=reference.current_user(s))
    assert sync_once(store, backend).statuses == {"applied": 1}
    assert rt_server.ticket(fresh)["Status"] == "closed-won"
    ticket_id = _desk_ticket(store, vendor).id
    with store.session() as s:
        me = reference.current_user(s)
        moves = dict(ticket_detail(s, ticket_id=ticket_id).allowed_states)
    # from RT's "open" (the desk's In Progress): the desk's own moves, and the lifecycle's as RT names them
    assert {"waiting-vendor": "waiting-vendor", "closed-won": "closed-won", "resolved": "Resolved"}.items() <= \
        moves.items()
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes={"state": "waiting-vendor"}, actor_id=me)
    assert sync_once(store, backend).statuses == {"applied": 1}
    assert rt_server.ticket(vendor)["Status"] == "waiting-vendor"
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
    assert (detail.state, detail.is_open) == ("waiting-vendor", True)
    assert detail.allowed_states == (("in_progress", "In Progress"), ("closed-won", "closed-won"))  # RT's only
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes={"state": "closed-won"}, actor_id=me)
        with pytest.raises(TransitionError, match="Allowed from closed-won: In Progress"):
            tickets.update_ticket(s, ticket_id=ticket_id, changes={"state": "resolved"}, actor_id=me)
    assert sync_once(store, backend).statuses == {"applied": 1}
    assert rt_server.ticket(vendor)["Status"] == "closed-won"
    assert (_desk_ticket(store, vendor).state, _desk_ticket(store, vendor).is_open) == ("closed-won", False)
    # A desk move RT's lifecycle does not have (Canceled is RT's "rejected"): RT refuses it, with its message.
    other_id = _desk_ticket(store, other).id
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=other_id, changes={"state": "canceled"}, actor_id=me)
    assert sync_once(store, backend).statuses == {"conflict": 1}
    assert rt_server.ticket(other)["Status"] == "open"
    refused = [c for c in _open_conflicts(store) if c.entity_id == other_id]
    assert [c.field for c in refused] == ["state"] and "rejected" in (refused[0].reason or "")
    assert _desk_ticket(store, other).state == "in_progress"  # RT's value again on the desk


def test_a_desk_ticket_goes_to_its_groups_queue_or_is_refused_naming_the_group(rt_server, desk):
    support = _support_queue(rt_server)
    rt_server.create_ticket(Queue="Support", Subject="Makes the group", Requestor="caller@example.com", Content="g")
    store, backend = desk("queues")
    with store.session() as s:
        me = reference.current_user(s)
        group = s.scalar(select(Group.id).where(Group.name == "Support"))
        s.add(Group(id="0000000f-0000-4000-8000-000000000001", name="Field team"))  # on this desk only
        s.flush()
        to_support = tickets.create_ticket(s, ticket_type="incident", title="Goes to Support", actor_id=me,
                                           description="d", group_id=group).id
        desk_only = tickets.create_ticket(s, ticket_type="incident", title="Stays on the desk", actor_id=me,
                                          description="d", group_id="0000000f-0000-4000-8000-000000000001").id
    report = sync_once(store, backend)
    assert report.statuses == {"applied": 1, "rejected": 1}
    number = int(report.numbers[to_support].removeprefix("RT"))
    assert str(rt_server.ticket(number)["Queue"]["id"]) == support
    refused = [c for c in _open_conflicts(store) if c.entity_id == desk_only]
    assert len(refused) == 1 and "'Field team' is not a queue in Request Tracker" in (refused[0].reason or "")
    with store.session() as s:  # refused, not lost
        assert s.scalar(select(Ticket.title).where(Ticket.id == desk_only)) == "Stays on the desk"
    assert not rt_server.call("GET", "/tickets?query=Subject%20%3D%20'Stays%20on%20the%20desk'").json()["items"]


SELECT_FIELD = r"""
use RT; RT::LoadConfig(); RT::Init();
my $q = RT::Queue->new(RT->SystemUser); $q->Load('General');
my $cf = RT::CustomField->new(RT->SystemUser);
my ($ok, $msg) = $cf->Create(Name => 'Area', Type => 'SelectSingle', LookupType => 'RT::Queue-RT::Ticket');
die "cf: $msg" unless $ok;
$cf->AddValue(Name => $_) for ('E-mail', 'Printing');
($ok, $msg) = $cf->AddToObject($q);
die "cf: $msg" unless $ok;
"""


def test_category_service_and_ci_edits_reach_rt_custom_fields(rt_server, desk):
    rt_server.perl(SELECT_FIELD)  # "Area": a list (Select) field of E-mail and Printing, used for services here
    number = rt_server.create_ticket(Subject="Printer jam", Requestor="caller@example.com", Content="p",
                                     CustomFields={"Category": "Hardware", "Area": "E-mail"})
    assert rt_server.call("POST", "/queue", {"Name": "Plain"}).status_code == 201  # a queue without the fields
    plain = rt_server.create_ticket(Queue="Plain", Subject="No fields here", Requestor="caller@example.com",
                                    Content="n")
    rows = {"network": Category(id="0000000c-0000-4000-8000-000000000001", name="Network"),
            "printing": Service(id="0000000e-0000-4000-8000-000000000002", name="Printing"),
            "phones": Service(id="0000000e-0000-4000-8000-000000000003", name="Telephony"),
            "srv": ConfigurationItem(id="0000000a-0000-4000-8000-000000000001", name="prn-07")}

    def own_rows(s):
        s.add_all(rows.values())

    store, backend = desk("cf-push", custom_fields="ci=Kit; service=Area", before=own_rows)
    ticket_id = _desk_ticket(store, number).id
    with store.session() as s:
        me = reference.current_user(s)
        tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={
            "category_id": rows["network"].id, "service_id": rows["printing"].id, "ci_id": rows["srv"].id})
    assert sync_once(store, backend).statuses == {"applied": 1}
    values = {cf["name"]: cf["values"] for cf in rt_server.ticket(number)["CustomFields"]}
    assert (values["Category"], values["Area"], values["Kit"]) == (["Network"], ["Printing"], ["prn-07"])
    rt_server.reply(number, "Pulled again")
    sync_once(store, backend)  # the pull after the write leaves the desk's rows as they were
    ticket = _desk_ticket(store, number)
    assert (ticket.category_id, ticket.service_id, ticket.ci_id) == (
        rows["network"].id, rows["printing"].id, rows["srv"].id)
    assert _open_conflicts(store) == []
    with store.session() as s:  # a service RT's list does not have: the inbox says so, RT keeps its value
        tickets.update_ticket(s, ticket_id=ticket_id, actor_id=me, changes={"service_id": rows["phones"].id})
    assert sync_once(store, backend).statuses == {"conflict": 1}
    assert {cf["name"]: cf["values"] for cf in rt_server.ticket(number)["CustomFields"]}["Area"] == ["Printing"]
    (refused,) = _open_conflicts(store)
    assert refused.field == "service_id" and "'Area' is a list without 'Telephony'" in (refused.reason or "")
    plain_id = _desk_ticket(store, plain).id
    with store.session() as s:  # a queue without the field: the inbox says which field is missing
        tickets.update_ticket(s, ticket_id=plain_id, actor_id=me, changes={"category_id": rows["network"].id})
    assert sync_once(store, backend).statuses == {"conflict": 1}
    reasons = [c.reason or "" for c in _open_conflicts(store) if c.entity_id == plain_id]
    assert len(reasons) == 1 and "has no custom field 'Category'" in reasons[0]
