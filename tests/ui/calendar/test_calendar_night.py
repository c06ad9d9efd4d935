"""Week and day views open on the period's earliest change (a 02:00 change is in sight, not hidden above
07:00), keep the user's own scrolling, and overlapping changes side by side each carry a readable label."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from app.models import Change, ConfigurationItem
from app.ui.calendar.time_grid_view import HEADER_H
from tests.ui.calendar.conftest import MONDAY, T0, shown_page
from tests.ui.conftest import wait_idle

NEXT_MONDAY = MONDAY + timedelta(days=7)
NIGHT = T0 + timedelta(days=9)  # Wednesday of the week after the fixture's, 00:00 UTC


@pytest.fixture
def night(store, desk):
    """Three changes on one night (02:00–04:00, overlapping), in the week after the fixture's week."""
    with store.session() as s:
        ids = []
        for i, title in enumerate(("Failover of the primary database cluster", "Firmware of the core switches",
                                   "Rotate the storage array certificates")):
            ci = ConfigurationItem(name=f"night-ci-{i}")
            s.add(ci)
            ch = Change(number=f"CHG00009{i}", title=title, change_type="normal", state="scheduled",
                        risk="moderate", planned_start=NIGHT + timedelta(hours=2, minutes=10 * i),
                        planned_end=NIGHT + timedelta(hours=4))
            ch.cis.append(ci)
            s.add(ch)
            s.flush()
            ids.append(ch.id)
        return ids


def show(qtbot, page, view, day):
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.set_view(view)
        page.go_to(day)
        page.reload()
    wait_idle(qtbot, page.ctx.runner)
    page.canvas.repaint()


@pytest.fixture
def wide_page(qtbot, ctx, desk):
    return shown_page(qtbot, ctx, 1280, 720)


def in_sight(canvas, when) -> bool:
    y = canvas.y_of(when)
    return HEADER_H <= y <= canvas.height() - 20


@pytest.mark.parametrize("view", ["week", "day"])
def test_navigating_to_a_period_with_night_changes_shows_them(qtbot, wide_page, night, view):
    page = wide_page
    show(qtbot, page, view, MONDAY)  # the fixture's week: its first change is at 09:00, business hours show
    assert in_sight(page.canvas, T0 + timedelta(hours=10))
    assert not in_sight(page.canvas, NIGHT + timedelta(hours=2))  # (another week: no bar, the hour is off-screen)
    # Next period (the keys' "next"): the view moves up to the 02:00 changes.
    with qtbot.waitSignal(page.canvas.painted, timeout=10_000):
        page.go_to(NIGHT.date())
    wait_idle(qtbot, page.ctx.runner)
    page.canvas.repaint()
    assert in_sight(page.canvas, NIGHT + timedelta(hours=2)), "02:00 is above the visible hours"
    for change_id in night:
        assert page.canvas.rect_of(change_id) is not None


def test_the_users_own_scrolling_is_kept_when_the_data_reloads(qtbot, wide_page, night):
    page = wide_page
    show(qtbot, page, "day", NIGHT.date())
    assert in_sight(page.canvas, NIGHT + timedelta(hours=2))
    frame = page.canvas.parentWidget()
    frame.bar.setValue(frame.bar.maximum())  # the user scrolls to the evening
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.reload()
    page.canvas.repaint()
    assert not in_sight(page.canvas, NIGHT + timedelta(hours=2))
    assert in_sight(page.canvas, NIGHT + timedelta(hours=22))


def test_overlapping_changes_each_get_a_label_and_a_full_tooltip(qtbot, wide_page, night):
    page = wide_page
    show(qtbot, page, "week", NIGHT.date())
    canvas = page.canvas
    numbers = ["CHG000090", "CHG000091", "CHG000092"]
    rects = [canvas.rect_of(cid) for cid in night]
    assert len({round(r.left()) for r in rects}) == 3  # side by side, not on top of each other
    for change_id, number, rect in zip(night, numbers, rects, strict=True):
        lines = canvas.label_of(change_id)
        assert lines, f"{number} is drawn without a label"
        assert lines[0].endswith(number[-2:])  # the end of the number tells the three apart
        # The full text is a hover away.
        QToolTip.hideText()
        pos = rect.center().toPoint()
        canvas.event(QHelpEvent(QEvent.Type.ToolTip, pos, canvas.mapToGlobal(pos)))
        assert number in QToolTip.text()
