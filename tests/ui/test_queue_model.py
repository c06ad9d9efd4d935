"""The queue model and page through real widgets: loading, filters, search, sort, refresh in place."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
from sqlalchemy import select

from app.models import SyncConflict, Ticket
from app.tickets import queue as queue_service
from app.tickets import writes as tickets
from app.ui.queue.queue_page import QueuePage
from app.ui.queue.table_model import FIRST_PAGE, TicketTableModel
from app.ui.queue.table_view import QueueTableView
from app.ui.widgets.colours import priority_text
from core.schema import utcnow
from tests.ui.conftest import publish_change, seed, shown_queue_page, wait_idle

TITLES = ["VPN drops every hour", "Printer jammed on floor 3", "Outlook asks for password",
          "New laptop for José Núñez", "Badge reader offline", "Cannot open \"quoted\" file (AND NOT)"]


def _fill(store) -> dict[str, str]:
    seeded = seed(store)
    with store.session() as s:
        for i in range(450):
            t = tickets.create_ticket(s, ticket_type="incident" if i % 4 else "service_request",
                                      title=f"{TITLES[i % len(TITLES)]} #{i}", actor_id=seeded["me"],
                                      impact=1 + i % 3, urgency=1 + (i // 3) % 3, group_id=seeded["group"],
                                      assignee_id=seeded["me"] if i % 10 == 0 else None)
            t.updated_at = utcnow() - timedelta(minutes=i)
            if i % 5 == 0 and t.type == "incident":
                t.state, t.is_open = "canceled", False
    return seeded


@pytest.fixture
def filled(tmp_path, store_copies):
    store, seeded = store_copies.open(tmp_path / "store.sqlite3", _fill)
    yield store, seeded
    store.close()


@pytest.fixture
def store(filled):
    """The seeded desk and 450 tickets: enough for more than one page; a few assigned to me, some closed.
    Filled once per run, a copy for each test."""
    return filled[0]


@pytest.fixture
def seeded(filled):
    return filled[1]


@pytest.fixture
def desk(seeded):
    return seeded


def load(qtbot, model, flt=None, sort=None):
    with qtbot.waitSignal(model.query_loaded, timeout=10_000):
        model.set_query(flt or queue_service.QueueFilter(), sort or queue_service.QueueSort())
    wait_idle(qtbot, model.ctx.runner)


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model)
    assert model.rowCount() == 450
    qtmodeltester.check(model, force_py=True)


def test_first_page_then_all_ids_and_lazy_rows(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model)
    assert model.count == 450
    last = model.index(449, 0)
    assert model.data(last) == "…"  # not loaded yet: placeholder, and a fetch is queued
    with qtbot.waitSignal(model.rows_loaded, timeout=10_000):
        pass
    assert model.data(last).startswith(("INC", "REQ"))
    assert len(model._rows) < 450 or FIRST_PAGE >= 450


def test_filters_and_exact_count(qtbot, ctx, desk, store):
    model = TicketTableModel(ctx)
    load(qtbot, model, queue_service.QueueFilter(assignee_ids=(queue_service.ME,), open_only=True))
    with store.session() as s:
        expected = s.query(Ticket).filter(Ticket.assignee_id == desk["me"], Ticket.is_open.is_(True)).count()
    assert model.count == expected > 0


@pytest.mark.parametrize("text", ['"', "AND", "NOT", "(", "*", 'x" OR', "title:vpn", "'; DROP TABLE ticket; --"])
def test_hostile_search_never_errors(qtbot, ctx, desk, text):
    model = TicketTableModel(ctx)
    load(qtbot, model, queue_service.QueueFilter(text=text))
    assert model.count >= 0


def test_search_finds_unicode_and_numbers(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model, queue_service.QueueFilter(text="jose nunez"))
    assert model.count == 75
    load(qtbot, model, queue_service.QueueFilter(text="INC0000002"))
    assert model.count == 1


def test_sort_by_priority(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model, sort=queue_service.QueueSort("priority", False))
    priorities = [model.row_at(r).priority for r in range(50)]
    assert priorities == sorted(priorities) and priorities[0] == 1


def test_a_sort_by_title_has_the_titles_places_read_once_for_its_searches(qtbot, ctx, desk, store):
    from app.tickets import title_places

    model = TicketTableModel(ctx)
    with store.session() as s:
        title_places.forget(s)
    load(qtbot, model, sort=queue_service.QueueSort("updated_at", True))
    with store.session() as s:
        assert title_places.current(s) is None  # not asked for by other sorts
    load(qtbot, model, sort=queue_service.QueueSort("title", True))
    with store.session() as s:
        assert title_places.current(s) is not None
    load(qtbot, model, queue_service.QueueFilter(text="password"), sort=queue_service.QueueSort("title", True))
    titles = [model.row_at(r).title for r in range(min(model.count, FIRST_PAGE))]
    assert model.count == 75 and titles == sorted(titles, reverse=True)
    with store.session() as s:
        title_places.forget(s)


def test_page_views_search_and_refresh_keeps_selection(qtbot, ctx, desk, store):
    page = shown_queue_page(qtbot, ctx, size=(1200, 700))
    assert page.model.count == 450
    assert "450" in page.count_label.text()

    # Select the third row, edit its ticket elsewhere, and see the row update in place, still selected.
    page.view.select_row(2)
    ticket_id = page.view.current_ticket_id()
    row_id = page.view.selected_row_ids()[0]
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes={"title": "Renamed in place"}, actor_id=desk["me"])
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        publish_change(ctx, "ticket", ticket_id)
    wait_idle(qtbot, ctx.runner)
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None)
    position = page.model.positions_of([row_id])[0]
    assert page.model.row_at(position).title == "Renamed in place"
    assert page.view.selected_row_ids() == [row_id]

    # Typing in the search box narrows the queue (debounced), the count says so.
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        qtbot.keyClicks(page.filter_bar.search, "badge")
    wait_idle(qtbot, ctx.runner)
    assert page.model.count == 75
    assert "75" in page.count_label.text()


def test_j_k_move_and_enter_opens(qtbot, ctx, desk):
    page = shown_queue_page(qtbot, ctx)
    page.focus_table()
    qtbot.keyClick(page.view, Qt.Key.Key_J)
    qtbot.keyClick(page.view, Qt.Key.Key_J)
    qtbot.keyClick(page.view, Qt.Key.Key_K)
    assert page.view.currentIndex().row() == 1
    with qtbot.waitSignal(page.open_ticket_requested, timeout=5000) as blocker:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert blocker.args[0] == page.view.current_ticket_id()


def test_a_refused_ticket_is_marked_in_the_queue(qtbot, ctx, desk, store):
    """Work the server refused stays on the desk; its row says so until the user settles it."""
    with store.session() as s:
        ticket = s.scalars(select(Ticket).order_by(Ticket.row_id).limit(1)).one()
        s.add(SyncConflict(kind="rejected", ticket_id=ticket.id, entity="ticket", entity_id=ticket.id, op="create",
                           field="", reason="Not in your scope", mutation_id="m-1"))
        tid, number = ticket.id, ticket.number
    model = TicketTableModel(ctx)
    load(qtbot, model, queue_service.QueueFilter(text=number))
    assert model.count == 1 and model.row_at(0).id == tid
    index = model.index(0, next(c for c, column in enumerate(model.columns) if column.key == "number"))
    assert model.data(index) == f"{number} · refused"
    assert "refused" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    other = model.index(0, next(c for c, column in enumerate(model.columns) if column.key == "title"))
    assert "refused" not in model.data(other)


class CountingModel(TicketTableModel):
    """The queue model, counting the per-role data() calls a paint makes."""

    data_calls = 0

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        CountingModel.data_calls += 1
        return super().data(index, role)


def test_a_paint_asks_once_per_cell_from_prepared_values(qtbot, ctx, desk):
    model = CountingModel(ctx)
    view = QueueTableView(model)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    load(qtbot, model, sort=queue_service.QueueSort("priority", False))
    CountingModel.data_calls = 0
    view.viewport().render(QImage(view.viewport().size(), QImage.Format.Format_ARGB32))
    assert CountingModel.data_calls == 0  # the delegate took every role of a cell from one multiData call
    # What the delegate sees is what data() answers: text, colour and weight of an urgent priority.
    priority = next(c for c, column in enumerate(model.columns) if column.key == "priority")
    index = model.index(0, priority)
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, index)
    assert option.text == model.data(index) and option.text
    assert option.font.bold() and model.data(index, Qt.ItemDataRole.FontRole).bold()
    assert option.palette.color(QPalette.ColorRole.Text) == model.data(index, Qt.ItemDataRole.ForegroundRole).color()


def test_the_first_page_shows_before_the_count_and_the_page_says_it_is_counting(qtbot, ctx, desk):
    page = QueuePage(ctx)
    qtbot.addWidget(page)
    seen = []
    page.model.first_page_loaded.connect(
        lambda: seen.append((page.model.rowCount(), page.model.counted, page.count_label.text())))
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000) as shown:
        page.load_views("all")
    assert seen == [(FIRST_PAGE, False, "Counting…")]
    assert shown.args == [450] and page.model.rowCount() == 450 and page.count_label.text() == "450 tickets"
    wait_idle(qtbot, ctx.runner)
    assert page.model.row_id_at(449) is not None  # the full id list followed


def test_a_new_query_cancels_every_read_of_the_one_before(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    counts = []
    model.query_loaded.connect(counts.append)
    mine = queue_service.QueueFilter(assignee_ids=(queue_service.ME,), open_only=True)
    older = []

    def next_filter_at_once():
        if not older:
            older.extend(model._tasks)  # All tickets' count and full id list, just asked for
            model.set_query(mine, queue_service.QueueSort())

    model.first_page_loaded.connect(next_filter_at_once)
    with qtbot.waitSignal(model.query_loaded, timeout=10_000):
        model.set_query(queue_service.QueueFilter(), queue_service.QueueSort())
    wait_idle(qtbot, ctx.runner)
    assert "queue ids" in {t.label for t in older}  # the count may have finished already on 450 rows
    assert all(t.cancelled for t in older)
    assert counts[-1] == model.count < 450 and 450 not in counts  # the older count was never shown


def test_pages_land_where_their_ids_still_are(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model)
    far = model.row_id_at(400)
    model._want(400, far)  # a page asked for ...
    asked = dict(model._wanted)
    load(qtbot, model, sort=queue_service.QueueSort("priority", False))  # ... and the layout changed
    changed = []
    model.dataChanged.connect(lambda tl, br, *_: changed.append((tl.row(), br.row())))
    model._on_rows(model._generation, {far: model._stale.get(far) or next(iter(model._rows.values()))}, asked)
    assert all(0 <= top <= bottom < model.count for top, bottom in changed)
    assert changed == [] or model.row_id_at(changed[0][0]) == far


def test_positions_are_found_near_their_old_place_and_anywhere(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model)
    ids = [model.row_id_at(r) for r in (3, 250, 449)]
    assert model.positions_of(ids) == [3, 250, 449]
    assert model.positions_of(ids, near=[5, 300]) == [3, 250, 449]
    assert model.positions_of([-1]) == []


def test_a_dark_palette_recolours_the_prepared_rows(qtbot, ctx, desk):
    model = TicketTableModel(ctx)
    load(qtbot, model, sort=queue_service.QueueSort("priority", False))
    priority = next(c for c, column in enumerate(model.columns) if column.key == "priority")
    light = model.data(model.index(0, priority), Qt.ItemDataRole.ForegroundRole).color().name()
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.restyle(True)
    dark = model.data(model.index(0, priority), Qt.ItemDataRole.ForegroundRole).color().name()
    assert light == priority_text(1, False) and dark == priority_text(1, True) != light


def test_a_refresh_keeps_the_scroll_position(qtbot, ctx, desk, store):
    page = shown_queue_page(qtbot, ctx, size=(1200, 700))
    page.view.scrollTo(page.model.index(300, 0), page.view.ScrollHint.PositionAtTop)
    wait_idle(qtbot, ctx.runner)
    before = page.view.verticalScrollBar().value()
    assert before > 0
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        publish_change(ctx, "ticket")
    wait_idle(qtbot, ctx.runner)
    assert page.view.verticalScrollBar().value() == before
    assert page.view.rowAt(0) == 300


def test_the_last_rows_show_before_the_full_id_list(qtbot, ctx, desk, store, monkeypatch):
    """Ctrl+End on a large queue: the end is read backwards; it does not wait for every id."""
    monkeypatch.setattr(TicketTableModel, "_on_all_ids", lambda self, gen, ids: None)  # the list never lands
    model = TicketTableModel(ctx)
    sort = queue_service.QueueSort("priority", False)
    load(qtbot, model, sort=sort)
    assert model.count == 450 and model.row_id_at(449) is None
    last = model.index(449, 0)
    assert model.data(last) == "…"  # asks for the tail
    # A view repaints on dataChanged; here each look asks again, as its paint would.
    qtbot.waitUntil(lambda: model.data(last) != "…" and model.row_at(449) is not None, timeout=10_000)
    with store.read_session() as s:
        every = queue_service.ticket_ids(s, flt=queue_service.QueueFilter(), sort=sort, me=ctx.me,
                                         has_fts=ctx.has_fts)
    assert [model.row_id_at(r) for r in range(250, 450)] == list(every[250:])
    assert model.data(last) == model.row_at(449).number
    assert model.row_id_at(249) is None  # the middle waits for the full list


def test_a_shown_view_holds_the_count_and_id_list_until_it_painted_the_first_page(qtbot, ctx, desk):
    """Their reads would take the interpreter lock and a core from the GUI thread while it lays the page out and
    paints it: they wait for that paint (app.ui.tasks: gate)."""
    page = shown_queue_page(qtbot, ctx)
    model, held = page.model, []

    def at_first_page():
        held.extend((t.label, t.gate, t.gate.is_set()) for t in model._tasks if t.gate is not None)

    model.first_page_loaded.connect(at_first_page)
    with qtbot.waitSignal(model.query_loaded, timeout=10_000):
        model.set_query(queue_service.QueueFilter(open_only=True), queue_service.QueueSort("title", False))
    assert sorted(label for label, _gate, _set in held) == ["queue count", "queue ids"]
    assert not any(was_set for _label, _gate, was_set in held)  # closed when the page came
    assert all(gate.is_set() for _label, gate, _set in held)  # opened by the paint


def test_a_model_no_view_paints_reads_its_count_at_once(qtbot, ctx, desk):
    model, gates = TicketTableModel(ctx), []
    model.first_page_loaded.connect(lambda: gates.extend(t.gate for t in model._tasks))
    load(qtbot, model)
    assert gates and all(gate is None for gate in gates)
    page = QueuePage(ctx)  # built but never shown
    qtbot.addWidget(page)
    page.model.first_page_loaded.connect(lambda: gates.extend(t.gate for t in page.model._tasks))
    with qtbot.waitSignal(page.model.query_loaded, timeout=10_000):
        page.load_views("all")
    assert all(gate is None for gate in gates)


def test_a_model_that_outlives_its_view_reads_its_count_at_once(qtbot, ctx, desk):
    import shiboken6

    model, gates = TicketTableModel(ctx), []
    view = QueueTableView(model)
    view.show()
    shiboken6.delete(view)
    model.first_page_loaded.connect(lambda: gates.extend(t.gate for t in model._tasks))
    load(qtbot, model)
    assert model.count == 450 and gates and all(gate is None for gate in gates)
