"""A small change calendar: two CIs, three changes in the week of Monday 23 November 2026, one without
planned times, a freeze on Wednesday 25th; and a CalendarPage shown on that week in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.models import Change, ConfigurationItem, ScheduleWindowRow
from app.ui.calendar.calendar_page import CalendarPage
from tests.ui.conftest import wait_idle

MONDAY = date(2026, 11, 23)
T0 = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture
def desk(store, seeded):
    with store.session() as s:
        db = ConfigurationItem(name="db-01")
        web = ConfigurationItem(name="web-01")
        s.add_all([db, web])
        s.flush()
        a = Change(number="CHG000001", title="Patch the database", change_type="normal", state="scheduled",
                   risk="moderate", planned_start=T0 + timedelta(hours=10), planned_end=T0 + timedelta(hours=11),
                   assignee_id=seeded["me"], group_id=seeded["group"])
        a.cis.append(db)
        b = Change(number="CHG000002", title="Resize the database", change_type="emergency", state="scheduled",
                   risk="high", planned_start=T0 + timedelta(hours=14), planned_end=T0 + timedelta(hours=15))
        b.cis.append(db)
        c = Change(number="CHG000003", title="Restart the web server", change_type="standard", state="scheduled",
                   risk="low", planned_start=T0 + timedelta(days=1, hours=9),
                   planned_end=T0 + timedelta(days=1, hours=10))
        c.cis.append(web)
        freeze = ScheduleWindowRow(kind="blackout", name="Board meeting freeze", start_local=datetime(2026, 11, 25),
                                   duration_minutes=24 * 60, tz="UTC", everything=True, blocking=True)
        d = Change(number="CHG000004", title="Rotate the certificates", change_type="normal", state="assess",
                   risk="low")
        d.cis.append(web)
        s.add_all([a, b, c, d, freeze])
        s.flush()
        return {"a": a.id, "b": b.id, "c": c.id, "d": d.id, "db": db.id, "web": web.id}


def times_of(store, change_id: str) -> tuple[datetime, datetime]:
    with store.session() as s:
        ch = s.get(Change, change_id)
        return ch.planned_start, ch.planned_end


def shown_page(qtbot, ctx, width: int, height: int) -> CalendarPage:
    """A calendar page in UTC at this size, shown and exposed (its first load may still run)."""
    page = CalendarPage(ctx)
    qtbot.addWidget(page)
    page.tz = UTC
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, ctx, desk):
    page = shown_page(qtbot, ctx, 1300, 900)
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.set_view("week")
        page.go_to(MONDAY)
        page.reload()
    wait_idle(qtbot, ctx.runner)
    page.canvas.repaint()
    return page
