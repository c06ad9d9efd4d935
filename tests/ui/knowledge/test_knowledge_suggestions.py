"""The ticket editor's knowledge suggestions: they follow what the agent types, the service and the CI; insert an
article or its steps into the reply; "this solved it" counts once; flag from the ticket; capture an article."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Article, ArticleFlag, ArticleUse, Ticket
from app.tickets import writes as tickets
from app.ui.ticket.knowledge_suggestions import DEBOUNCE_MS
from tests.ui.conftest import wait_idle


def _ticket(store, seeded, **fields):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], **fields).id


def _shown(panel):
    return [panel.model.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.model.rowCount())]


def test_suggestions_follow_the_typing(qtbot, ctx, store, seeded, kb, open_editor):
    editor = open_editor(_ticket(store, seeded, title="Cannot connect to VPN", description="since this morning"))
    panel = editor.ui.knowledge
    qtbot.waitUntil(lambda: _shown(panel) == [kb["vpn"]], timeout=10_000)
    assert DEBOUNCE_MS < 50
    title = editor.ui.form.input_widget("title")
    with qtbot.waitSignal(panel.suggestions_shown, timeout=10_000):
        qtbot.keyClicks(title, " and the printer jam")
    assert set(_shown(panel)) == {kb["vpn"], kb["printer"]}
    assert kb["old"] not in _shown(panel)  # archived articles are never suggested
    with qtbot.waitSignal(panel.suggestions_shown, timeout=10_000):
        title.selectAll()
        qtbot.keyClicks(title, "Something else entirely")
    assert _shown(panel) == []
    assert panel.heading.text() == "Knowledge: no article matches this ticket yet"


def test_service_alone_suggests(qtbot, ctx, store, seeded, kb, open_editor):
    editor = open_editor(_ticket(store, seeded, title="Weird noise", service_id=kb["printing"]))
    qtbot.waitUntil(lambda: _shown(editor.ui.knowledge) == [kb["printer"]], timeout=10_000)


def test_insert_steps_into_the_reply(qtbot, ctx, store, seeded, kb, open_editor):
    editor = open_editor(_ticket(store, seeded, title="VPN tunnel drops"))
    panel = editor.ui.knowledge
    qtbot.waitUntil(lambda: _shown(panel) == [kb["vpn"]], timeout=10_000)
    editor.ui.worklog.body.setPlainText("Hello Rita,")
    editor.ui.worklog.body.moveCursor(editor.ui.worklog.body.textCursor().MoveOperation.End)
    with qtbot.waitSignal(panel.inserted, timeout=10_000):
        panel.steps_button.click()
    reply = editor.ui.worklog.body.toPlainText()
    assert reply.startswith("Hello Rita,\nCannot connect to VPN from home (KB")
    assert "1. Quit GlobalProtect\n2. Refresh the connection\n3. Sign in again" in reply
    assert "## Issue" not in reply
    with qtbot.waitSignal(panel.inserted, timeout=10_000):
        panel.insert_button.click()
    assert "## Issue" in editor.ui.worklog.body.toPlainText()


def test_this_solved_it_counts_once(qtbot, ctx, store, seeded, kb, open_editor):
    ticket_id = _ticket(store, seeded, title="VPN tunnel drops")
    editor = open_editor(ticket_id)
    panel = editor.ui.knowledge
    qtbot.waitUntil(lambda: _shown(panel) == [kb["vpn"]], timeout=10_000)
    for _ in range(2):
        with qtbot.waitSignal(panel.solved, timeout=10_000):
            panel.solved_button.click()
        wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        assert s.scalar(select(Article.use_count).where(Article.id == kb["vpn"])) == 1
        assert s.scalars(select(ArticleUse.ticket_id)).all() == [ticket_id]


def test_flag_from_the_ticket(qtbot, ctx, store, seeded, kb, open_editor):
    ticket_id = _ticket(store, seeded, title="VPN tunnel drops")
    editor = open_editor(ticket_id)
    panel = editor.ui.knowledge
    qtbot.waitUntil(lambda: _shown(panel) == [kb["vpn"]], timeout=10_000)
    panel.flag_button.click()
    dialog = panel.flag_dialog
    dialog.reason.setCurrentIndex(dialog.reason.findData("outdated"))
    dialog.comment.setPlainText("Step 2 is gone in client 6.3")
    dialog.accept()
    qtbot.waitUntil(lambda: _flags(store) != [], timeout=10_000)
    assert _flags(store) == [(kb["vpn"], ticket_id, "outdated", "Step 2 is gone in client 6.3")]


def _flags(store):
    with store.session() as s:
        return [tuple(r) for r in s.execute(select(ArticleFlag.article_id, ArticleFlag.ticket_id, ArticleFlag.reason,
                                                   ArticleFlag.comment))]


def test_capture_an_article_from_a_resolved_ticket(qtbot, ctx, store, seeded, kb, open_editor):
    ticket_id = _ticket(store, seeded, title="Teams has no sound", description="No audio in meetings")
    with store.session() as s:
        for state, extra in (("in_progress", {}), ("resolved", {"resolution_code": "solved_permanently",
                                                                "resolution_notes": "Picked the headset in Teams."})):
            tickets.update_ticket(s, ticket_id=ticket_id, actor_id=seeded["me"], changes={"state": state, **extra})
    editor = open_editor(ticket_id)
    panel = editor.ui.knowledge
    assert panel.capture_button.isEnabled()
    with qtbot.waitSignal(ctx.events.open_article_requested, timeout=10_000) as opened:
        panel.capture_button.click()
    with store.session() as s:
        article = s.scalar(select(Article).where(Article.id == opened.args[0]))
        number = s.scalar(select(Ticket.number).where(Ticket.id == ticket_id))
        assert article.title == "Teams has no sound" and "Picked the headset" in article.body
        assert article.confidence == "wip" and article.use_count == 1 and number in article.body


def test_suggestions_that_cannot_be_read_say_so_and_that_nothing_was_changed(qtbot, ctx, store, seeded, kb,
                                                                              open_editor, monkeypatch):
    from app.knowledge import queries as knowledge_queries

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(knowledge_queries, "suggestions", broken)
    editor = open_editor(_ticket(store, seeded, title="Cannot connect to VPN"))
    panel = editor.ui.knowledge
    qtbot.waitUntil(lambda: bool(panel.error.text()), timeout=10_000)
    told = panel.error.text()
    assert "could not be read" in told and "Nothing was changed" in told and "not saved" not in told
