"""SLA in the UI: the queue's SLA and Time left columns move with the clock without a reload, the Breaching
soon view follows the hours setting, the warning before a breach, and the editor's SLA strip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from app.models import TicketSla
from app.tickets import queue as queue_service
from app.tickets import writes as tickets
from app.ui.queue.queue_page import QueuePage
from app.ui.queue.sla_notifier import SlaNotifier
from app.ui.queue.table_model import TicketTableModel
from app.ui.ticket.sla_strip import SlaStrip
from core.sla.business_time import BusinessCalendar
from core.sla.clocks import SlaPolicy, SlaTarget, Timeline, sla_status
from tests.ui.conftest import wait_idle

T0 = datetime(2026, 11, 4, 9, tzinfo=UTC)


def set_sla(store, ticket_id, **values):
    with store.session() as s:
        s.execute(update(TicketSla).where(TicketSla.ticket_id == ticket_id).values(**values))


@pytest.fixture
def three(store, seeded):
    """A running P1, a P3 on hold (paused) and a problem (no SLA), all mine."""
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type=kind, title=title, actor_id=seeded["me"], priority=prio,
                                     assignee_id=seeded["me"], group_id=seeded["group"]).id
               for kind, title, prio in (("incident", "Running one", 1), ("incident", "Paused one", 3),
                                         ("problem", "No SLA", 3))]
    set_sla(store, ids[0], state="running", due_at=T0 + timedelta(hours=2, minutes=15, seconds=30),
            warn_at=T0 + timedelta(hours=1), warning=0)
    set_sla(store, ids[1], state="paused", due_at=None, warn_at=None)
    return ids


def cells(model, title):
    row = next(r for r in range(model.rowCount()) if model.row_at(r) and model.row_at(r).title == title)
    keys = [c.key for c in model.columns]
    sla, left = model.index(row, keys.index("sla")), model.index(row, keys.index("sla_left"))
    return (model.data(sla), model.data(left), model.data(sla, Qt.ItemDataRole.ForegroundRole).color().name())


def test_sla_columns_follow_the_clock_without_reading_again(qtbot, ctx, store, three):
    model = TicketTableModel(ctx)
    with qtbot.waitSignal(model.query_loaded, timeout=10_000):
        model.set_query(queue_service.QueueFilter(), queue_service.QueueSort())
    wait_idle(qtbot, ctx.runner)
    model.tick(T0)
    assert cells(model, "Running one") == ("Running", "2 h 15 m", "#188038")
    assert cells(model, "Paused one") == ("Paused", "Paused", "#5f6368")
    assert cells(model, "No SLA") == ("n/a", "", "#80868b")
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.tick(T0 + timedelta(hours=1, minutes=30))
    assert ctx.runner.is_idle()  # the minute tick repaints from memory: no task was started
    assert cells(model, "Running one") == ("At risk", "45 m", "#b06000")
    model.tick(T0 + timedelta(hours=3))
    assert cells(model, "Running one") == ("Breached", "44 m overdue", "#c5221f")
    model.tick(T0 + timedelta(days=2, hours=5))
    assert cells(model, "Running one")[1] == "2 d 2 h overdue"


def test_breaching_soon_view_uses_the_hours_setting(qtbot, ctx, store, three):
    ctx.settings.set("sla_warning_hours", 2)
    page = QueuePage(ctx)
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        page.load_views("breaching_soon")
    wait_idle(qtbot, ctx.runner)
    assert page.title_label.text() == "Breaching soon"
    assert page.condition_label.text() == "Due within 2 h or overdue"
    assert page.current_filter().conditions == (("sla", "breaching:120"),)
    assert page.current_sort().key == queue_service.SLA_DUE_SORT
    # The running ticket is due in 2 h 15 m of T0, which has long passed: it is overdue now, so it is listed.
    assert page.model.count == 1 and page.model.row_at(0).title == "Running one"
    keys = [c.key for c in page.model.columns]
    assert not page.view.horizontalHeader().isSectionHidden(keys.index("sla_left"))


def test_warns_once_at_75_percent_and_once_at_the_breach(qtbot, ctx, store, three):
    now = datetime.now(UTC)
    set_sla(store, three[0], warn_at=now - timedelta(minutes=1), due_at=now + timedelta(minutes=30))
    messages = []
    ctx.events.status_message.connect(messages.append)
    notifier = SlaNotifier(ctx)
    with qtbot.waitSignal(notifier.notified, timeout=10_000) as first:
        notifier.check()
    assert "Running one" in first.args[0] and "75 %" in first.args[0] and messages == [first.args[0]]
    notifier.check()
    wait_idle(qtbot, ctx.runner)
    assert len(messages) == 1  # told once
    set_sla(store, three[0], due_at=now - timedelta(minutes=1))
    with qtbot.waitSignal(notifier.notified, timeout=10_000) as second:
        notifier.check()
    assert "SLA breached" in second.args[0]
    ctx.settings.set("sla_notify", False)
    set_sla(store, three[0], warn_at=now + timedelta(hours=1), due_at=now + timedelta(hours=2))
    notifier.check()
    set_sla(store, three[0], warn_at=now - timedelta(hours=1), due_at=now - timedelta(minutes=5))
    notifier.check()
    wait_idle(qtbot, ctx.runner)
    assert len(messages) == 2


def test_sla_strip_shows_both_clocks(qtbot):
    cal = BusinessCalendar.office_hours("Europe/Berlin", "08:00", "18:00")
    policy = SlaPolicy(name="Standard support", calendar=cal,
                       targets=(SlaTarget(priority=2, response_seconds=3600, resolution_seconds=8 * 3600),))
    created = datetime(2026, 11, 2, 8, tzinfo=UTC)  # Monday 09:00 Berlin
    timeline = Timeline(ticket_type="incident", priority=2, created_at=created, first_response_at=created +
                        timedelta(minutes=30), state_changes=((created + timedelta(hours=1), "in_progress"),
                                                              (created + timedelta(hours=2), "on_hold")))
    strip = SlaStrip()
    qtbot.addWidget(strip)
    strip.set_status(sla_status(policy, timeline, created + timedelta(hours=5)))
    assert not strip.isHidden()
    assert strip.title.text() == "Standard support"
    assert strip.rows["response"][1].text() == "Met"
    assert "target 1 h" in strip.clock_text("response") and "elapsed 30 m (50 %)" in strip.clock_text("response")
    assert strip.rows["resolution"][1].text() == "Paused"
    assert strip.clock_text("resolution") == "target 8 h · 6 h left when it resumes · elapsed 2 h (25 %) · paused 3 h"
    strip.set_status(None)
    assert strip.isHidden()


def test_show_filter_shows_exactly_that_filter_as_an_unsaved_view(qtbot, ctx, store, three):
    page = QueuePage(ctx)
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        page.load_views("all")
    wait_idle(qtbot, ctx.runner)
    page.filter_bar.search.setText("Paused")
    wait_idle(qtbot, ctx.runner)
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000) as shown:
        page.show_filter(queue_service.QueueFilter(conditions=(("sla", "breached"),)))
    assert shown.args == [1] and page.model.row_at(0).title == "Running one"
    assert page.title_label.text() == "SLA overdue" and page.filter_bar.search.text() == ""
    assert page.views_panel.current_view() is None


def test_the_queue_page_warns_once_its_first_page_is_on_screen(qtbot, ctx, store, three):
    """The first check waits for the first painted page (the SLA engine loads after it), then tells at once."""
    now = datetime.now(UTC)
    set_sla(store, three[0], warn_at=now - timedelta(minutes=1), due_at=now + timedelta(minutes=30))
    page = QueuePage(ctx)
    qtbot.addWidget(page)
    told = []
    page.sla_notifier.notified.connect(told.append)
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        page.load_views("all")
    wait_idle(qtbot, ctx.runner)
    assert told == []  # loaded, not yet painted: the page is not on screen
    page.resize(900, 500)
    page.show()
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10_000)
    assert "Running one" in told[0] and "75 %" in told[0]
