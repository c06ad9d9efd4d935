"""The virtualised worklog: its model, painted cards, windowing of long worklogs, copy, links and the read."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from app.models import WorklogEntry
from app.tickets import writes as tickets
from app.tickets.detail import WORKLOG_TAIL, ticket_detail, worklog_entries
from app.tickets.records import WorklogItem
from app.tickets.worklog import add_worklog
from app.ui.ticket.worklog_list import CHUNK, WINDOW, WorklogList
from app.ui.ticket.worklog_model import BODY_ROLE, KIND_ROLE, LABEL_ROLE, META_ROLE, WorklogModel, request_item
from tests.ui.conftest import wait_idle

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HOSTILE = '<b>bold</b> <img src="http://evil.example/x.png"> <a href="javascript:alert(1)">x</a> &amp;'


def items(count: int, start: int = 0) -> list[WorklogItem]:
    return [WorklogItem(id=f"e{i}", kind="reply" if i % 2 else "note", author=f"Agent {i % 3}",
                        body=f"Entry {i}\nsecond line of entry {i}", time_spent_minutes=15 if i == 1 else 0,
                        created_at=START + timedelta(minutes=i))
            for i in range(start, start + count)]


def rows(count: int) -> list[WorklogItem]:
    return [request_item("Rita Requester", START, "It smokes."), *items(count)]


@pytest.fixture
def shown_list(qtbot):
    def _show(count: int) -> WorklogList:
        view = WorklogList()
        qtbot.addWidget(view)
        view.resize(600, 400)
        view.show()
        qtbot.waitExposed(view)
        view.show_items(rows(count))
        return view

    return _show


def test_model_passes_qtmodeltester(qtmodeltester):
    model = WorklogModel()
    model.set_rows(rows(30), window=10)
    qtmodeltester.check(model, force_py=True)
    model.show_earlier(5)
    model.append_rows(items(3, start=30))
    qtmodeltester.check(model, force_py=True)


def test_rows_show_kind_author_time_time_spent_and_body_as_plain_text():
    model = WorklogModel()
    model.set_rows([request_item("Rita", START, None), *items(2),
                    WorklogItem("h", "note", "Mallory", HOSTILE, 0, START)], window=100)
    first, reply = model.index(0), model.index(2)
    assert first.data(KIND_ROLE) == "request" and first.data(LABEL_ROLE) == "Original request"
    assert first.data(BODY_ROLE) == "(No description)"
    assert reply.data(LABEL_ROLE) == "Public reply" and "15 min spent" in reply.data(META_ROLE)
    assert reply.data(META_ROLE).startswith("Agent 1 · ")
    assert model.index(1).data(LABEL_ROLE) == "Internal note"
    hostile = model.index(3)
    # Shown literally, character for character: nothing of it is ever parsed as markup.
    assert hostile.data(BODY_ROLE) == HOSTILE and hostile.data(Qt.ItemDataRole.DisplayRole).endswith(HOSTILE)
    assert hostile.data(Qt.ItemDataRole.AccessibleTextRole) == hostile.data(Qt.ItemDataRole.DisplayRole)


def test_a_long_worklog_exposes_the_newest_cards_and_earlier_ones_on_scrolling_up(shown_list):
    view = shown_list(5000)
    model = view.model()
    assert model.rowCount() == WINDOW and model.earlier() == 5001 - WINDOW
    assert model.index(WINDOW - 1).data(BODY_ROLE).startswith("Entry 4999")
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0  # opened on the latest entry
    bottom_card = view.indexAt(QPoint(10, view.viewport().height() - 20)).data(BODY_ROLE)
    view.scrollToTop()  # reaching the top exposes the next older cards and keeps the view where it was
    assert model.rowCount() == WINDOW + CHUNK
    top_card = view.indexAt(QPoint(10, 5)).data(BODY_ROLE)
    assert top_card.startswith(f"Entry {5000 - WINDOW - 1}") or top_card.startswith(f"Entry {5000 - WINDOW}")
    assert bottom_card != top_card


def test_short_cards_in_a_tall_view_still_leave_room_to_scroll_up(qtbot):
    view = WorklogList()
    qtbot.addWidget(view)
    view.resize(600, 3000)
    view.show()
    qtbot.waitExposed(view)
    view.show_items([request_item("Rita", START, "x"),
                     *(WorklogItem(f"s{i}", "note", "A", "ok", 0, START) for i in range(5000))])
    bar = view.verticalScrollBar()
    assert view.model().rowCount() > WINDOW and bar.maximum() >= view.viewport().height()
    assert bar.value() == bar.maximum()


def test_keyboard_scrolls_and_ctrl_c_copies_the_selected_cards(qtbot, shown_list):
    view = shown_list(3)
    view.setFocus()
    view.select_row(1)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    QApplication.clipboard().clear()
    qtbot.keySequence(view, QKeySequence.StandardKey.Copy)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Internal note  Agent 0") and "Entry 0\nsecond line" in copied and "Entry 1" in copied
    assert "Original request" not in copied


def test_a_card_opens_read_only_to_select_part_of_its_text(qtbot, shown_list):
    view = shown_list(2)
    view.edit(view.model().index(1))
    box = view.indexWidget(view.model().index(1)) or view.focusWidget()
    assert box.isReadOnly() and "Entry 0" in box.toPlainText()
    assert box.accessibleName() == "Worklog entry text"


def test_only_safe_links_are_links_and_a_click_asks_to_open_them(qtbot, shown_list):
    view = shown_list(0)
    body = "see https://wiki.example.com/vpn and javascript:alert(1) now"
    view.show_items([request_item("Rita", START, body)])
    index = view.model().index(0)
    opened = []
    view.cards.link_activated.connect(opened.append)
    layout_origin = view.visualRect(index).topLeft()
    hits = [view.cards.link_at(index, layout_origin + QPoint(x, y)) for x in range(0, 560, 4) for y in range(0, 60, 3)]
    assert {url.toString() for url in hits if url is not None} == {"https://wiki.example.com/vpn"}
    point = next(layout_origin + QPoint(x, y) for x in range(0, 560, 4) for y in range(0, 60, 3)
                 if view.cards.link_at(index, layout_origin + QPoint(x, y)) is not None)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [QUrl("https://wiki.example.com/vpn")]


def test_a_new_entry_is_appended_not_a_reset(qtbot, shown_list):
    view = shown_list(5000)
    model = view.model()
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    longer = rows(5001)
    assert model.is_prefix_of(longer)
    model.append_rows(longer[model.held():])
    assert not resets and inserted == [(WINDOW, WINDOW)]
    assert not model.is_prefix_of(rows(4999)) and not model.is_prefix_of(items(5001))


def test_entries_are_read_by_index_with_author_names(store, seeded):
    with store.session() as s:
        ticket = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Long",
                                       requester_id=seeded["requester"])
        s.add_all([WorklogEntry(ticket_id=ticket.id, kind="note", author_id=seeded["me"] if i else None,
                                body=f"n{i}", time_spent_minutes=i, created_at=START + timedelta(minutes=10 - i))
                   for i in range(3)])
        s.flush()
        ticket_id = ticket.id
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
        plan = " ".join(str(row[-1]) for row in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM worklog_entry WHERE ticket_id = :t ORDER BY created_at, id"),
            {"t": ticket_id}))
    assert [w.body for w in detail.worklog] == ["n2", "n1", "n0"]  # oldest first
    assert [w.author for w in detail.worklog] == ["Ada Agent", "Ada Agent", ""]
    assert "USING INDEX" in plan and "SCAN worklog_entry" not in plan.replace("USING INDEX", "")


def test_a_refresh_reads_only_the_entries_added_since(store, seeded):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Long").id
        for i in range(3):
            add_worklog(s, ticket_id=ticket_id, kind="note", body=f"n{i}", actor_id=seeded["me"])
    with store.session() as s:
        before = ticket_detail(s, ticket_id=ticket_id)
        add_worklog(s, ticket_id=ticket_id, kind="reply", body="n3", actor_id=None)
    with store.session() as s:
        full = ticket_detail(s, ticket_id=ticket_id)
        again = ticket_detail(s, ticket_id=ticket_id, known_worklog=before.worklog)
        foreign = ticket_detail(s, ticket_id=ticket_id, known_worklog=(before.worklog[1], before.worklog[0]))
    # The SLA clocks are measured at each read: inside business hours they move between two reads.
    same = lambda d: replace(d, sla=None)  # noqa: E731
    assert same(again) == same(full) and [w.body for w in again.worklog] == ["n0", "n1", "n2", "n3"]
    assert again.worklog[0] is before.worklog[0]  # kept, not read again
    assert same(foreign) == same(full)  # what was known is not what the store holds: everything is read again


def test_a_first_read_takes_the_newest_entries_and_counts_the_others(store, seeded):
    with store.session() as s:
        long_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Long").id
        short_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Short").id
        # Written out of time order (a sync brings entries so): the tail is the newest by time, not by row.
        s.add_all([WorklogEntry(ticket_id=long_id, kind="reply" if i % 3 == 0 else "note", author_id=seeded["me"],
                                body=f"n{i}", time_spent_minutes=i % 4,
                                created_at=START + timedelta(minutes=(i * 7) % 30))
                   for i in range(30)])
        s.add_all([WorklogEntry(ticket_id=short_id, kind="note", body=f"s{i}", time_spent_minutes=1,
                                created_at=START + timedelta(minutes=i)) for i in range(5)])
        s.flush()
    with store.session() as s:
        whole = ticket_detail(s, ticket_id=long_id)
        tail = ticket_detail(s, ticket_id=long_id, worklog_tail=10)
        short = ticket_detail(s, ticket_id=short_id, worklog_tail=10)
        entries = worklog_entries(s, ticket_id=long_id)
    assert whole.worklog_earlier == (0, 0, 0) and len(whole.worklog) == 30
    assert tail.worklog == whole.worklog[-10:]
    older = whole.worklog[:-10]
    assert tail.worklog_earlier == (20, sum(w.kind == "reply" for w in older), sum(w.time_spent_minutes for w in older))
    assert short.worklog == ticket_detail(s, ticket_id=short_id).worklog and short.worklog_earlier == (0, 0, 0)
    assert entries == whole.worklog


def test_a_long_worklog_opens_on_its_newest_entries_and_takes_the_rest_under_them(qtbot, ctx, store, seeded,
                                                                                   open_editor):
    from app.ui.ticket.editor import TicketEditor

    total = WORKLOG_TAIL + 40
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Thread",
                                          description="The first words").id
        s.add_all([WorklogEntry(ticket_id=ticket_id, kind="reply" if i % 2 else "note", author_id=seeded["me"],
                                body=f"n{i}", time_spent_minutes=5 if i < 40 else 0,
                                created_at=START + timedelta(minutes=i)) for i in range(total)])
        s.flush()
    first_read: list[int] = []
    editor = TicketEditor(ctx, "")
    qtbot.addWidget(editor)
    editor.loaded.connect(lambda: first_read.append(len(editor.detail().worklog)))
    editor.resize(1400, 900)
    editor.show()
    editor.show_ticket(ticket_id)
    qtbot.waitUntil(lambda: editor.settled())
    qtbot.waitUntil(lambda: editor.detail().worklog_earlier == (0, 0, 0))
    wait_idle(qtbot, ctx.runner)
    assert first_read == [WORKLOG_TAIL]  # painted from the newest entries only
    worklog = editor.ui.worklog
    model = worklog.thread.model()
    assert len(editor.detail().worklog) == total and model.held() == total + 1  # the request card too
    assert model.index(model.rowCount() - 1).data(BODY_ROLE) == f"n{total - 1}"
    assert editor.ui.tabs.tabText(0) == f"&Worklog ({total})"
    # 40 entries of 5 minutes each: all counted, the 40 oldest among them read after the first paint.
    summary = f"Public replies: {total // 2} · Internal notes: {total // 2} · Time logged: 3 h 20 min"
    assert worklog._summary.text() == summary
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    for _ in range(total):  # scrolling up reaches the original request
        if not worklog.thread.show_earlier():
            break
    assert not resets and model.earlier() == 0 and model.index(0).data(BODY_ROLE) == "The first words"


def test_adding_a_note_in_the_editor_appends_a_card_and_a_refresh_keeps_the_scroll(qtbot, ctx, store, seeded,
                                                                                   open_editor):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Busy").id
        for i in range(200):
            add_worklog(s, ticket_id=ticket_id, kind="note", body=f"n{i}\nmore\nlines", actor_id=seeded["me"])
    editor = open_editor(ticket_id)
    worklog = editor.ui.worklog
    model = worklog.thread.model()
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    qtbot.keyClicks(worklog.body, "The latest note")
    with qtbot.waitSignal(worklog.entry_added):
        worklog.add_entry()
    qtbot.waitUntil(lambda: len(editor.detail().worklog) == 201)
    wait_idle(qtbot, ctx.runner)
    assert not resets and inserted == [(WINDOW, WINDOW)]
    assert model.index(model.rowCount() - 1).data(BODY_ROLE) == "The latest note"
    bar = worklog.thread.verticalScrollBar()
    assert bar.value() == bar.maximum()  # the new card is in view

    bar.setValue(bar.maximum() // 2 + 1)
    before = bar.value()
    editor.reload()  # nothing new: nothing moves
    wait_idle(qtbot, ctx.runner)
    assert not resets and bar.value() == before


def test_a_body_keeps_its_line_breaks(qtbot):
    """QTextLayout ignores "\n": the body's lines must still be lines ("morning,The fan" was one run)."""
    from app.ui.ticket.worklog_delegate import WorklogDelegate
    from app.ui.ticket.worklog_model import Card

    view = WorklogList()
    qtbot.addWidget(view)
    delegate = WorklogDelegate(view)
    card = Card("Note", "Agent", "Good morning,\r\nThe fan is loud.\n\nDanke", (), "")
    layout = delegate._body_layout(("e1",), card, 2000)
    assert layout.lineCount() == 4
