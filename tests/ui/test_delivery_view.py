"""The worklog shows each reply's mail state and the requester's mail; the composer says where a reply goes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from app.models import Person
from app.sync.apply import apply_page
from app.tickets import attachments
from app.tickets.detail import ticket_detail
from app.ui.ticket.worklog_model import DELIVERY_ROLE, LABEL_ROLE, ORIGINAL_ROLE
from tests.ui.conftest import publish_change, wait_idle
from tests.ui.test_ticket_editor import make_ticket


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


def entry_row(ticket_id: str, body: str, *, kind: str = "reply", entry_id: str | None = None, **extra) -> dict:
    """A worklog row as the server's pull sends it (every column, times in ISO)."""
    row = {"id": entry_id or str(uuid.uuid4()), "ticket_id": ticket_id, "kind": kind, "author_id": None,
           "body": body, "time_spent_minutes": 0, "created_at": iso(datetime.now(UTC)), "sent_via": None,
           "mail_state": None, "mail_error": None, "mail_at": None, "original_id": None}
    row.update(extra)
    return row


def pull(ctx, store, *rows: dict) -> None:
    """Apply a pull page holding these worklog rows, then publish its change record, as the sync does."""
    with store.session() as s:
        apply_page(s, {"changes": [{"entity": "worklog_entry", "entity_id": r["id"], "op": "upsert"} for r in rows],
                       "rows": {"worklog_entry": list(rows)}, "tombstones": [], "evictions": [], "conflicts": []})
    publish_change(ctx, "worklog_entry", *(r["id"] for r in rows))
    publish_change(ctx, "ticket", *{r["ticket_id"] for r in rows})


def card_of(editor, entry_id: str):
    model = editor.ui.worklog.thread.model()
    ids = [item.id for item in editor.detail().worklog]
    offset = model.rowCount() - len(ids)  # the request's card first
    return model.index(offset + ids.index(entry_id))


def test_replies_show_their_delivery_state_as_the_server_moves_it(qtbot, ctx, store, seeded, open_editor):
    tid = make_ticket(store, seeded)
    editor = open_editor(tid)
    sent_at = datetime.now(UTC) + timedelta(minutes=1)
    queued = entry_row(tid, "On it", mail_state="queued")
    failed = entry_row(tid, "Second", mail_state="failed",
                       mail_error="550 5.1.1 <rita@example.com>: no such mailbox\r\n<script>x</script>\x07")
    phoned = entry_row(tid, "Told her", sent_via="phone")
    pull(ctx, store, queued, failed, phoned)
    qtbot.waitUntil(lambda: editor.detail() is not None and len(editor.detail().worklog) == 3)
    wait_idle(qtbot, ctx.runner)
    assert card_of(editor, queued["id"]).data(DELIVERY_ROLE) == "Mail queued"
    shown = card_of(editor, failed["id"]).data(DELIVERY_ROLE)
    # A mail server's words, as plain text on one line: no markup made of them, no control characters.
    assert shown.startswith("Mail failed: 550 5.1.1 <rita@example.com>: no such mailbox <script>x</script>")
    assert "\n" not in shown and "\x07" not in shown and "\r" not in shown
    assert "Not delivered" in card_of(editor, failed["id"]).data(Qt.ItemDataRole.ToolTipRole)
    assert card_of(editor, phoned["id"]).data(DELIVERY_ROLE) == "Given by phone, not mailed"

    # The server sends the queued one and a delivery report bounces the other: the same cards change.
    rows_before = editor.ui.worklog.thread.model().rowCount()
    pull(ctx, store, {**queued, "mail_state": "sent", "mail_at": iso(sent_at)},
         {**failed, "mail_state": "bounced", "mail_error": "550 mailbox unknown"})
    qtbot.waitUntil(lambda: (card_of(editor, queued["id"]).data(DELIVERY_ROLE) or "").startswith("Mailed at"))
    assert card_of(editor, failed["id"]).data(DELIVERY_ROLE) == "Mail bounced: 550 mailbox unknown"
    assert editor.ui.worklog.thread.model().rowCount() == rows_before  # updated in place, nothing added
    assert "Mailed at" in editor.ui.worklog.thread.plain_text()
    editor.ui.worklog.thread.viewport().repaint()  # the delegate paints the coloured line (both themes' colours)


def test_the_requesters_mail_shows_as_their_words_with_its_original(qtbot, ctx, store, seeded, open_editor,
                                                                     tmp_path, monkeypatch):
    tid = make_ticket(store, seeded)
    eml = tmp_path / "message.eml"
    eml.write_bytes(b"From: rita@example.com\r\nSubject: printer\r\n\r\nIt still smokes <img src=http://x/>\r\n")
    with store.session() as s:
        original = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=tid, source=eml,
                                              actor_id=None).id
    editor = open_editor(tid)
    mail = entry_row(tid, "It still smokes <img src=http://x/>\n> quoted", kind="requester",
                     author_id=seeded["requester"], mail_state="received", original_id=original)
    pull(ctx, store, mail)
    qtbot.waitUntil(lambda: any(i.id == mail["id"] for i in editor.detail().worklog))
    wait_idle(qtbot, ctx.runner)
    card = card_of(editor, mail["id"])
    assert card.data(LABEL_ROLE) == "Rita Requester wrote by mail"
    assert card.data(ORIGINAL_ROLE) == original
    assert "It still smokes <img src=http://x/>" in card.data(Qt.ItemDataRole.DisplayRole)  # as text, not HTML
    assert "View original" in card.data(DELIVERY_ROLE)

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    thread = editor.ui.worklog.thread
    view, save = thread.original_actions(card)
    assert (view.text(), save.text()) == ("View original", "Save original as…")
    view.trigger()
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0]).suffix == ".eml" and Path(opened[0]).read_bytes() == eml.read_bytes()
    assert thread.original_actions(thread.model().index(0)) == []  # the request's card has no original


def set_server(ctx, *, url: str = "https://desk.example.org", mail: bool) -> None:
    ctx.settings.set("server_url", url)
    ctx.settings.set("sync_user", "ada" if url else "")
    ctx.settings.set("server_mail", mail)


@pytest.mark.parametrize(("server", "mail", "email", "line", "button"), [
    ("", False, "rita@example.com", "Mail needs a team server: this desk works alone and mails nothing.",
     "Record reply"),
    ("https://desk.example.org", False, "rita@example.com", "The team server does not send mail: this reply is "
     "not mailed.", "Record reply"),
    ("https://desk.example.org", True, "rita@example.com", "Mailed to rita@example.com by the team server",
     "Send reply"),
    ("https://desk.example.org", True, "", "The requester has no mail address: the team server cannot mail",
     "Record reply"),
])
def test_the_composer_says_where_a_reply_goes(qtbot, ctx, store, seeded, open_editor, server, mail, email, line,
                                             button):
    with store.session() as s:
        s.get(Person, seeded["requester"]).email = email or None
    set_server(ctx, url=server, mail=mail)
    tid = make_ticket(store, seeded)
    editor = open_editor(tid)
    worklog = editor.ui.worklog
    assert not worklog.given_by.isVisible()  # a note has no channel
    qtbot.mouseClick(worklog.reply, Qt.MouseButton.LeftButton)
    assert worklog.given_by.isVisible()
    assert line in worklog.delivery_text()
    assert worklog.add_button.text() == button
    worklog.given_by.setCurrentIndex(worklog.given_by.findData("in_person"))
    assert worklog.delivery_text().startswith("Public reply given by in person: recorded here, not mailed.")
    assert worklog.add_button.text() == "Record reply"
    labels = [worklog.given_by.itemText(i) for i in range(1, worklog.given_by.count())]
    assert labels == ["Phone", "In person", "Chat", "Mail sent elsewhere", "Other"]


def reply(qtbot, ctx, store, worklog, tid: str, text: str, via: str | None = None):
    """Write a public reply in the composer (given through `via`, or left to the mail) and send it; the
    ticket's detail as stored afterwards."""
    qtbot.mouseClick(worklog.reply, Qt.MouseButton.LeftButton)
    if via is not None:
        worklog.given_by.setCurrentIndex(worklog.given_by.findData(via))
    qtbot.keyClicks(worklog.body, text)
    with qtbot.waitSignal(worklog.entry_added):
        qtbot.mouseClick(worklog.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        return ticket_detail(s, ticket_id=tid)


def test_a_mailed_reply_waits_for_the_server_a_recorded_one_answers_now(qtbot, ctx, store, seeded, open_editor):
    set_server(ctx, mail=True)
    tid = make_ticket(store, seeded)
    editor = open_editor(tid)
    worklog = editor.ui.worklog
    detail = reply(qtbot, ctx, store, worklog, tid, "We are on it")
    assert detail.first_response_at is None and detail.worklog[-1].sent_via is None
    qtbot.waitUntil(lambda: len(editor.detail().worklog) == 1)
    assert card_of(editor, detail.worklog[-1].id).data(DELIVERY_ROLE) == "Not mailed yet"

    detail = reply(qtbot, ctx, store, worklog, tid, "Also said so in chat", via="chat")
    assert detail.worklog[-1].sent_via == "chat" and detail.first_response_at == detail.worklog[-1].created_at
    assert worklog.given_by.currentIndex() == 0  # the next reply's channel is chosen again


def test_the_composer_line_follows_a_sign_in_made_while_the_ticket_is_open(qtbot, ctx, store, seeded, open_editor):
    tid = make_ticket(store, seeded)
    editor = open_editor(tid)
    worklog = editor.ui.worklog
    qtbot.mouseClick(worklog.reply, Qt.MouseButton.LeftButton)
    assert worklog.delivery_text().startswith("Mail needs a team server")
    set_server(ctx, mail=True)  # what the sign-in stores (server_mail from /v1/info)
    ctx.events.reference_reloaded()  # the window reloads its reference data after a sign-in
    qtbot.waitUntil(lambda: "Mailed to rita@example.com" in worklog._audience.text())
    assert worklog.add_button.text() == "Send reply"
