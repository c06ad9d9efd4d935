"""Attachment files between a real Request Tracker 5 and the desk: pulled into the blob store (names sanitised,
bytes exact, hostile types neutralised, never twice), desk files sent as an RT note carrying them, too large
ones refused with a message; RefersTo / DependsOn links both ways; a queue's own lifecycle. A module of its
own, on a small RT (a few tickets, not the 40 of the sync tests)."""

from __future__ import annotations

import base64
import hashlib

import pytest
from sqlalchemy import select

from app.credentials import MemoryTokenStore
from app.models import Attachment, Category, ConfigurationItem, OutboxMutation, Service, Ticket, TicketLink
from app.people import reference
from app.sync.backends.rt import files
from app.sync.backends.rt.backend import RtBackend
from app.sync.engine import sync_once
from app.tickets import ops
from app.tickets.attachments import blob_path
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


def test_rt_files_are_pulled_exact_sanitised_and_once(rt_server, desk):
    number = rt_server.create_ticket(Subject="With files", Requestor="caller@example.com", Content="See attached.",
                                     Attachments=[_file("../../etc/passwd", b"root:x:0:0\n", "text/plain"),
                                                  _file("data.bin", BINARY)])
    response = rt_server.call("POST", f"/ticket/{number}/correspond", {
        "Content": "Here is the page", "ContentType": "text/plain",
        "Attachments": [_file('<img src=x onerror="alert(1)">.html', b"<script>steal()</script>",
                              "text/html")]})
    assert response.status_code == 201, response.text
    store, backend = desk("pull")
    rows = _attachments(store, number)
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
    made = rt_server.call("POST", "/queue", {"Name": "Support", "Lifecycle": "support"})
    assert made.status_code == 201, made.text
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
