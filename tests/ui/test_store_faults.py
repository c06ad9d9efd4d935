"""Bad days for the store, seen through real widgets: a full disk, a read-only store, no FTS5.
The user gets a clear message and keeps what they typed."""

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import event, text

from app.config import Settings
from app.main import build_app
from app.models import StoreMeta, WorklogEntry
from app.tickets import writes as tickets
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import wait_idle


def make_store_full(store):
    """Cap the database at its current size, as a full disk would (SQLITE_FULL on the next growth)."""
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    def cap(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # every new connection gets the cap


@pytest.fixture
def ticket_id(store, seeded):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title="Disk test", actor_id=seeded["me"]).id


def open_editor(qtbot, ctx, ticket_id):
    editor = TicketEditor(ctx, ticket_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.settled(), timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    return editor


def test_disk_full_keeps_the_note_and_says_why(qtbot, ctx, store, ticket_id):
    editor = open_editor(qtbot, ctx, ticket_id)
    make_store_full(store)
    composer = editor.ui.worklog
    note = "Checked the cabling on floor 3. " * 2500  # large enough to need new pages
    composer.body.setPlainText(note)
    composer.add_entry()
    wait_idle(qtbot, ctx.runner)
    assert "disk is full" in composer.error.text().lower()
    assert composer.body.toPlainText() == note  # nothing the user typed is lost
    with store.session() as s:
        assert s.query(WorklogEntry).count() == 0


def test_disk_full_on_save_keeps_the_edit(qtbot, ctx, store, ticket_id):
    editor = open_editor(qtbot, ctx, ticket_id)
    make_store_full(store)
    form_desc = next(w for w in editor.ui.form.findChildren(type(editor.ui.worklog.body))
                     if w.accessibleName() == "Description")
    long_text = "Steps to reproduce: " + "open the app, click, wait. " * 3000
    form_desc.setPlainText(long_text)
    editor.save()
    wait_idle(qtbot, ctx.runner)
    assert editor.has_unsaved_changes()
    assert form_desc.toPlainText() == long_text
    shown = " ".join(w.text() for w in editor.findChildren(QLabel) if w.isVisible())
    assert "disk is full" in shown.lower()


def test_no_fts5_is_said_in_the_status_bar(qtbot, store, seeded, tmp_path):
    with store.session() as s:
        s.get(StoreMeta, "fts").value = "0"
    path = store.path
    store.close()
    app, window, runner, st = build_app(Settings(tmp_path / "s.json"), path)
    qtbot.addWidget(window)
    window.show()
    notice = window.findChild(QLabel, "NoFtsNotice")
    assert notice is not None and notice.isVisible() and "full-text" in notice.text()
    wait_idle(qtbot, runner)
    window.close()
    runner.shutdown()
    st.close()


def test_an_older_store_says_it_is_being_updated_before_the_window_comes(qtbot, store, seeded, tmp_path,
                                                                         monkeypatch):
    from alembic import command

    from app import main
    from app.store import alembic_config, current_revision, head_revision

    with store.engine.begin() as conn:  # the store as the previous version left it
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0030")
    path = store.path
    store.close()
    shown, real = [], main.show_upgrade_notice

    def notice(at):
        label = real(at)
        shown.append((label.isVisible(), label.text()))
        return label

    monkeypatch.setattr(main, "show_upgrade_notice", notice)
    app, window, runner, st = build_app(Settings(tmp_path / "s.json"), path)
    qtbot.addWidget(window)
    assert current_revision(st.engine) == head_revision()
    assert len(shown) == 1 and shown[0][0] and "Updating the local store" in shown[0][1] and path.name in shown[0][1]
    assert not any(w.objectName() == "storeUpgradeNotice" and w.isVisible() for w in app.topLevelWidgets())
    wait_idle(qtbot, runner)
    window.close()
    runner.shutdown()
    st.close()
    shown.clear()  # opened again at this version: nothing to say
    app, window, runner, st = build_app(Settings(tmp_path / "s.json"), path)
    qtbot.addWidget(window)
    assert shown == []
    wait_idle(qtbot, runner)
    window.close()
    runner.shutdown()
    st.close()


def test_a_ticket_that_cannot_be_read_says_so_and_that_nothing_was_changed(qtbot, ctx, ticket_id, monkeypatch):
    from app.tickets import queries as ticket_queries

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(ticket_queries, "editor_ticket", broken)
    editor = TicketEditor(ctx, ticket_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: bool(editor.ui.message.text()), timeout=10_000)
    told = editor.ui.message.text()
    assert "could not be read" in told and "Nothing was changed" in told and "not saved" not in told


def test_a_reload_that_fails_keeps_the_form_and_says_it_was_a_read(qtbot, ctx, ticket_id, monkeypatch):
    from app.ui.ticket import editor as editor_module

    editor = open_editor(qtbot, ctx, ticket_id)
    title = editor.ui.form.input_widget("title")
    title.setText("Disk test, typed and not saved")

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(editor_module, "ticket_detail", broken)
    editor.reload()
    qtbot.waitUntil(lambda: bool(editor.ui.error.text()), timeout=10_000)
    assert "could not be read" in editor.ui.error.text() and "not saved" not in editor.ui.error.text()
    assert title.text() == "Disk test, typed and not saved"  # nothing typed is lost
