"""Editors built ahead and reused (app.ui.editor_pool): a second ticket opened beside a first one with unsaved
edits, an editor built part by part, the spare rebuilt in idle time, and the 5,000-entry ticket."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import event

from app.models import WorklogEntry
from app.tickets import writes as tickets
from app.tickets.attachments import add_attachment
from app.tickets.detail import ticket_detail
from app.tickets.links import add_link
from app.tickets.worklog import add_worklog
from app.ui import editor_pool
from app.ui.ticket.editor import TicketEditor
from app.ui.ticket.worklog_list import CHUNK, WINDOW
from tests.ui.conftest import close_window, open_window, wait_idle

BIG = 5000


@pytest.fixture
def desk(store, seeded, tmp_path):
    """Ticket A with a note, an attachment and a link to C; ticket B with none of them. Returns (path, ids)."""
    source = tmp_path / "screenshot.png"
    source.write_bytes(b"\x89PNG not really")
    with store.session() as s:
        c = tickets.create_ticket(s, ticket_type="incident", title="Switch down", actor_id=seeded["me"])
        a = tickets.create_ticket(s, ticket_type="incident", title="Printer on fire", actor_id=seeded["me"],
                                  requester_id=seeded["requester"], description="It smokes.", group_id=seeded["group"])
        add_worklog(s, ticket_id=a.id, kind="note", body="A note about the printer", actor_id=seeded["me"])
        add_attachment(s, blob_dir=store.blob_dir, ticket_id=a.id, source=source, actor_id=seeded["me"])
        add_link(s, source_id=a.id, target_number=c.number, kind="duplicate_of", actor_id=seeded["me"])
        b = tickets.create_ticket(s, ticket_type="service_request", title="New laptop", actor_id=seeded["me"],
                                  description="For the new colleague.")
        ids = {"a": a.id, "b": b.id, "c": c.id}
    path = store.path
    store.close()
    return path, ids


def stored(path_store, ticket_id):
    with path_store.session() as s:
        return ticket_detail(s, ticket_id=ticket_id)


def open_in(qtbot, window, ticket_id) -> TicketEditor:
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000, check_params_cb=lambda tid: tid == ticket_id):
        window.open_ticket(ticket_id)
    editor = window.current_editor()
    assert editor is not None and editor.ticket_id == ticket_id
    return editor


def test_a_second_ticket_beside_a_first_with_unsaved_edits_shows_only_its_own_data(qtbot, desk, tmp_path):
    path, ids = desk
    window, runner, st = open_window(qtbot, path, tmp_path, size=(1300, 800))
    try:
        qtbot.waitUntil(lambda: window.warmed_up and window.editor_pool.ready() == 1, timeout=10_000)
        first = open_in(qtbot, window, ids["a"])
        qtbot.keyClicks(first.ui.form.input_widget("title"), " and smoking")
        qtbot.keyClicks(first.ui.worklog.body, "Half a reply")
        assert first.has_unsaved_changes()

        second = open_in(qtbot, window, ids["b"])
        wait_idle(qtbot, runner)
        assert second is not first and len(window.editors()) == 2
        # The first keeps what was typed, unsaved; nothing of it reached the store.
        assert first.has_unsaved_changes() and first.ui.form.values()["title"] == "Printer on fire and smoking"
        assert first.ui.worklog.body.toPlainText() == "Half a reply"
        assert stored(st, ids["a"]).title == "Printer on fire"
        # The second shows the second ticket, every part of it.
        b = stored(st, ids["b"])
        ui = second.ui
        assert second.detail().id == ids["b"] and not second.has_unsaved_changes()
        assert {k: ui.form.values()[k] for k in ("title", "description")} == {
            "title": "New laptop", "description": "For the new colleague."}
        assert ui.header.title.text() == "New laptop" and ui.header.number.text().startswith(b.number)
        text = ui.worklog.thread.plain_text()
        assert "printer" not in text and "For the new colleague." in text and ui.worklog.body.toPlainText() == ""
        assert ui.attachments.list.topLevelItemCount() == 0 and ui.links.list.topLevelItemCount() == 0
        assert [ui.tabs.tabText(i) for i in range(3)] == ["&Worklog (0)", "Attachment&s (0)", "Lin&ks (0)"]
        assert ui.sla_strip.isHidden() == (b.sla is None or (b.sla.response is None and b.sla.resolution is None))
        if b.sla is not None and not ui.sla_strip.isHidden():
            assert b.sla.policy in ui.sla_strip.title.text()
        # And the first still shows its own worklog, attachment and link.
        assert "A note about the printer" in first.ui.worklog.thread.plain_text()
        assert first.ui.attachments.list.topLevelItemCount() == 1 and first.ui.links.list.topLevelItemCount() == 1
    finally:
        for editor in window.editors():
            editor.revert()  # nothing to ask when the window closes
        close_window(qtbot, window, runner, st)


def test_a_taken_spare_is_rebuilt_in_idle_time_and_a_closed_tab_is_reused(qtbot, desk, tmp_path):
    path, ids = desk
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        pool = window.editor_pool
        qtbot.waitUntil(lambda: window.warmed_up and pool.ready() == 1, timeout=10_000)
        first = open_in(qtbot, window, ids["a"])
        assert pool.ready() == 0
        qtbot.waitUntil(lambda: pool.ready() == 1 and window.warmed_up, timeout=10_000)  # rebuilt, part by part
        spare = [e for e in window.findChildren(TicketEditor) if e is not first]
        assert len(spare) == 1 and spare[0].isHidden() and spare[0].ticket_id == ""
        second = open_in(qtbot, window, ids["b"])
        assert second is spare[0]
        window.close_current_tab()  # B's editor goes back to the pool, emptied once the queue has painted
        assert pool.ready() >= 1 and second.ticket_id == ids["b"]  # not in the turn that closed its tab
        qtbot.waitUntil(lambda: second.ticket_id == "" and second.detail() is None, timeout=10_000)
        third = open_in(qtbot, window, ids["c"])
        assert third is second and third.ui.form.values()["title"] == "Switch down"
        assert "New laptop" not in third.ui.worklog.thread.plain_text()
        window.close_current_tab()
        fourth = open_in(qtbot, window, ids["b"])  # taken back before it was emptied: emptied first, then filled
        assert fourth is third and fourth.ui.form.values()["title"] != "Switch down"
        assert "Switch down" not in fourth.ui.header.title.text()
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def busy_runner(runner) -> threading.Event:
    """A read that keeps `runner` busy until the event it answers is set."""
    release = threading.Event()
    runner.query(lambda _session: release.wait(30), label="held read")
    return release


def test_the_spare_is_built_while_the_runner_is_idle_or_after_waiting_long_enough(qtbot, desk, tmp_path, monkeypatch):
    path, _ids = desk
    window, runner, st = open_window(qtbot, path, tmp_path)
    release = threading.Event()
    try:
        pool = window.editor_pool
        qtbot.waitUntil(lambda: window.warmed_up and pool.ready() == 1, timeout=10_000)
        pool.take().deleteLater()  # a ticket opened: the spare is rebuilt after REFILL_AFTER_MS
        release = busy_runner(runner)
        qtbot.wait(editor_pool.REFILL_AFTER_MS + 300)
        assert pool.ready() == 0 and pool._building is None  # no part built beside the runner's threads
        release.set()
        qtbot.waitUntil(lambda: pool.ready() == 1 and window.warmed_up, timeout=10_000)

        monkeypatch.setattr(editor_pool, "BUSY_WAIT_MAX_S", 1.0)
        pool.take().deleteLater()
        release = busy_runner(runner)  # busy all along: the steps go on once it has been so for a second
        qtbot.waitUntil(lambda: pool.ready() == 1 and window.warmed_up, timeout=10_000)
        assert not runner.is_idle()
        pool.take().deleteLater()  # the next refill, the runner still busy: it waits its second afresh
        qtbot.wait(editor_pool.REFILL_AFTER_MS + 300)
        assert pool.ready() == 0 and pool._building is None
        release.set()
        qtbot.waitUntil(lambda: pool.ready() == 1 and window.warmed_up, timeout=10_000)
        wait_idle(qtbot, runner)
    finally:
        release.set()
        close_window(qtbot, window, runner, st)


def test_the_spare_is_laid_out_ahead_hidden_so_taking_it_only_fills_it(qtbot, desk, tmp_path):
    """Issue 12 (no GUI stall above 16 ms): a spare's first show laid out its whole tree (~400 widgets, their
    first resize events) in the turn that opened the ticket. The warm-up renders it while hidden, which lays
    it out and paints it once ahead; it is never shown before it is taken."""
    path, ids = desk
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        pool = window.editor_pool
        qtbot.waitUntil(lambda: window.warmed_up and pool.ready() == 1, timeout=10_000)
        (spare,) = window.findChildren(TicketEditor)
        assert spare.isHidden() and not spare.isWindow()
        inner = [w for w in spare.ui.content.findChildren(QWidget) if w.isVisibleTo(spare)]
        waiting = [type(w).__name__ for w in inner if w.testAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent)]
        assert len(inner) > 50 and not waiting, waiting[:10]  # every widget to be shown has its size already
        assert spare.ui.worklog.thread.viewport().width() > 0 and spare.ui.form_scroll.width() > 0
        first = open_in(qtbot, window, ids["a"])
        assert first is spare and first.ui.form.values()["title"] == "Printer on fire"
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def test_an_editor_built_part_by_part_is_complete_and_opens_a_ticket(qtbot, ctx, store, seeded):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", title="Built in steps", actor_id=seeded["me"]).id
    editor = TicketEditor(ctx, later=True)
    qtbot.addWidget(editor)
    steps = 1
    while not editor.build_step():
        steps += 1
    assert steps >= 5  # no single step builds the whole editor
    assert editor.build_step()  # and it stays built
    editor.resize(1200, 800)
    editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(ticket_id)
    assert editor.ui.form.values()["title"] == "Built in steps"
    wait_idle(qtbot, ctx.runner)


@pytest.fixture
def big(store, seeded):
    """A ticket with BIG worklog entries (inserted in one statement; the store's triggers index each) and one
    with 5. Returns their ids."""
    made = {}
    with store.session() as s:
        start = datetime(2026, 3, 1, tzinfo=UTC)
        for name, count in (("big", BIG), ("small", 5)):
            ticket_id = tickets.create_ticket(s, ticket_type="incident", title=f"{count} entries",
                                              actor_id=seeded["me"]).id
            s.execute(WorklogEntry.__table__.insert(), [
                {"id": f"{name}-{i:05d}", "ticket_id": ticket_id, "kind": "reply" if i % 3 == 0 else "note",
                 "author_id": seeded["me"], "body": f"Entry {i}: checked the tunnel again",
                 "time_spent_minutes": 5 if i % 4 == 0 else 0, "created_at": start + timedelta(minutes=7 * i)}
                for i in range(count)])
            made[name] = ticket_id
        s.commit()
    return made


def test_the_5000_entry_ticket_reads_every_entry_and_makes_only_the_shown_cards(qtbot, ctx, store, big, open_editor):
    editor = open_editor(big["big"])
    qtbot.wait(50)  # painted
    model = editor.ui.worklog.thread.model()
    assert len(editor.detail().worklog) == BIG and model.held() == BIG + 1  # and the original request
    assert editor.ui.tabs.tabText(0) == f"&Worklog ({BIG})"
    assert model.rowCount() <= WINDOW + CHUNK and model.rowCount() + model.earlier() == BIG + 1
    assert 0 < model.cards_made() <= model.rowCount()  # display text made for the exposed cards only
    last = model.index(model.rowCount() - 1)
    assert last.data().splitlines()[1] == f"Entry {BIG - 1}: checked the tunnel again"
    summary = editor.ui.worklog._summary.text()
    assert f"Public replies: {len(range(0, BIG, 3))}" in summary
    wait_idle(qtbot, ctx.runner)


def written_rows(store, ticket_id, ctx_me) -> tuple[list[str], int]:
    """Add one note through the operation the editor runs; answer the writing statements sent (tables and
    verbs, in order) and the rows SQLite changed for them, triggers and the search index included."""
    from app.tickets import ops

    statements: list[str] = []

    def listen(_conn, _cursor, statement, _params, _context, _many) -> None:
        verb = statement.split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            statements.append(" ".join(statement.split()[:3]))

    event.listen(store.engine, "before_cursor_execute", listen)
    try:
        with store.session() as s:
            raw = s.connection().connection.dbapi_connection
            before = raw.total_changes
            ops.add_entry(s, ticket_id=ticket_id, kind="note", body="One more note", actor_id=ctx_me)
            s.flush()
            changed = raw.total_changes - before
            s.commit()
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)
    return statements, changed


def test_adding_a_note_at_5000_entries_writes_what_it_writes_at_5(ctx, store, big, seeded):
    written_rows(store, big["small"], seeded["me"])  # the desk's first write of the day makes its day rows
    small_statements, small_rows = written_rows(store, big["small"], seeded["me"])
    big_statements, big_rows = written_rows(store, big["big"], seeded["me"])
    assert big_statements == small_statements
    assert big_rows == small_rows < 40, (small_rows, big_rows)  # the other entries and their search rows stay
    with store.session() as s:
        plan = " ".join(str(row[3]) for row in s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT w.id FROM worklog_entry w WHERE w.ticket_id = ? ORDER BY w.created_at, w.id",
            (big["big"],)))
    assert "SEARCH w USING INDEX" in plan and "SCAN" not in plan  # the editor's read: this ticket's entries only


def test_the_warm_up_reads_the_first_queue_ticket_ahead_as_an_editor_would(qtbot, desk_path, tmp_path):
    from app.config import Settings
    from app.main import build_app

    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), desk_path)
    qtbot.addWidget(window)
    read: list[str] = []
    event.listen(st.read_engine, "before_cursor_execute",
                 lambda _c, _cur, statement, params, _ctx, _many: read.append(f"{statement} {params}"))
    try:
        with qtbot.waitSignal(window.queue.first_page_shown, timeout=15_000):
            window.show()
        qtbot.waitUntil(lambda: window.warmed_up, timeout=10_000)
        wait_idle(qtbot, runner)
        row = window.queue.model.row_at(0)
        assert row is not None  # the first view shows a ticket of mine
        first = row.id
        worklog_reads = [s for s in read if "FROM worklog_entry" in s and first in s]
        assert worklog_reads, "the first queue ticket's worklog was not read ahead"
        assert window.tabs.count() == 1 + len(window.pages)  # nothing opened: the answer is dropped
    finally:
        close_window(qtbot, window, runner, st)


def test_reloaded_reference_data_and_its_pickers_are_frozen_out_of_the_collector(qtbot, desk_path, tmp_path,
                                                                                   monkeypatch):
    import gc

    from app.config import Settings
    from app.main import build_app

    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), desk_path)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.queue.first_page_shown, timeout=15_000):
            window.show()
        qtbot.waitUntil(lambda: window.warmed_up, timeout=10_000)
        wait_idle(qtbot, runner)
        pool = window.editor_pool
        # Frozen after the new pickers are made (the freeze count itself also falls when frozen objects of earlier
        # tests in the same process are freed meanwhile: it failed so in full runs).
        freezes: list[bool] = []
        real_freeze = gc.freeze
        monkeypatch.setattr(gc, "freeze", lambda: (freezes.append(pool._pickers_ready), real_freeze())[-1])  # noqa: SLF001
        window.load_reference()  # the long lists, as after the start
        wait_idle(qtbot, runner)
        qtbot.waitUntil(lambda: not pool._steps, timeout=10_000)  # noqa: SLF001 - its idle steps all ran
        assert pool._pickers_ready  # noqa: SLF001
        assert freezes and freezes[-1]  # what the new lists made lives as long: no young passes over it
    finally:
        close_window(qtbot, window, runner, st)
