"""Keyboard navigation, view switching, timeline zoom and lanes, the filter, and .ics export read back."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.changes.calendar import TIMELINE_SPANS
from tests.ui.calendar.conftest import MONDAY, T0
from tests.ui.conftest import Paints, publish_change, wait_idle


def test_keys_move_by_the_view_period_and_back_to_today(qtbot, page, ctx):
    canvas = page.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert page.anchor == MONDAY + timedelta(days=7)
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert page.anchor == MONDAY - timedelta(days=7)
    assert page.toolbar.title.text() == "16 Nov – 22 Nov 2026"
    qtbot.keyClick(canvas, Qt.Key.Key_T)
    assert page.anchor == page.now().astimezone(page.tz).date()
    page.go_to(MONDAY)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert page.anchor == page.now().astimezone(page.tz).date()
    wait_idle(qtbot, ctx.runner)


def test_a_new_view_or_range_is_laid_out_on_its_turn_and_painted_on_a_later_one(qtbot, page, ctx):
    # The month of the 1M demo store laid out (~2-3 ms) and painted (~7-9 ms) in one turn went over a frame.
    for move in (lambda: page.set_view("month"), lambda: qtbot.keyClick(page.canvas, Qt.Key.Key_Right)):
        month = page.views["month"]
        paints = Paints(month)
        move()
        assert month.content.range == page.visible()  # laid out now
        assert paints.count == 0 and not month.updatesEnabled()  # painted later
        qtbot.waitUntil(lambda p=paints: p.count > 0, timeout=2000)
        wait_idle(qtbot, ctx.runner)  # a range read again, if any, is held and painted the same way
        qtbot.waitUntil(month.updatesEnabled, timeout=2000)
    wait_idle(qtbot, ctx.runner)


def test_a_range_read_again_leaves_the_unscheduled_list_as_it_was(qtbot, page, ctx):
    # The same unscheduled changes come with every range read: the list keeps its entries and selection.
    tray = page.panel.unscheduled
    assert tray.count() > 0
    tray.setCurrentRow(0)
    first = tray.item(0)
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.go_to(MONDAY + timedelta(days=200))  # past what was read: read again
    assert tray.item(0) is first and tray.currentRow() == 0
    wait_idle(qtbot, ctx.runner)


def test_month_and_day_steps(qtbot, page, ctx):
    page.set_view("month")
    page.go_to(date(2026, 12, 31))
    qtbot.keyClick(page.canvas, Qt.Key.Key_PageDown)
    assert page.anchor == date(2027, 1, 1) and page.toolbar.title.text() == "January 2027"
    qtbot.mouseClick(page.toolbar.view_buttons["day"], Qt.MouseButton.LeftButton)
    assert page.view_name == "day"
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    assert page.anchor == date(2026, 12, 31)
    wait_idle(qtbot, ctx.runner)


def test_timeline_zooms_with_keys_and_ctrl_wheel_and_shows_lanes(qtbot, page, desk, ctx):
    page.activate("timeline")
    assert page.view_name == "timeline" and page.toolbar.lanes.isVisible()
    canvas = page.canvas
    before = page.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert page.zoom == before - 1
    rng = page.visible()
    assert rng.end - rng.start == TIMELINE_SPANS[before - 1]
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert page.zoom == before + 1
    wheel = QWheelEvent(QPointF(400, 200), QPointF(canvas.mapToGlobal(QPoint(400, 200))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert page.zoom == before
    page.go_to(MONDAY)
    wait_idle(qtbot, ctx.runner)
    canvas.repaint()
    assert [ln.label for ln in canvas.lanes] == ["db-01", "web-01"]
    page.toolbar.lanes.setCurrentIndex(page.toolbar.lanes.findData("assignee"))
    assert [ln.label for ln in canvas.lanes] == ["Ada Agent", "(none)"]
    qtbot.waitUntil(lambda: canvas.rect_of(desk["a"]) is not None)  # painted on a turn after the move's layout


def test_filter_hides_changes_by_risk_and_text(qtbot, page, desk):
    page.toolbar._checks[("risk", "high")].setChecked(True)
    assert [it.id for it in page.canvas.content.items] == [desk["b"]]
    page.toolbar.clear_filter()
    assert len(page.canvas.content.items) == 3
    qtbot.keyClicks(page.toolbar.search, "web-01")
    qtbot.waitUntil(lambda: [it.id for it in page.canvas.content.items] == [desk["c"]], timeout=3000)


def test_export_writes_the_visible_changes_and_windows(qtbot, page, desk, ctx, tmp_path, monkeypatch):
    target = tmp_path / "week"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "iCalendar (*.ics)"))
    page.toolbar._checks[("type", "emergency")].setChecked(True)
    page.toolbar._checks[("type", "standard")].setChecked(True)
    qtbot.mouseClick(page.toolbar.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    cal = icalendar.Calendar.from_ical((tmp_path / "week.ics").read_bytes())
    events = {str(ev["SUMMARY"]): ev for ev in cal.walk("VEVENT")}
    assert "CHG000002 Resize the database" in events and "CHG000003 Restart the web server" in events
    assert not any(s.startswith("CHG000001") for s in events)  # filtered out (normal)
    assert events["CHG000002 Resize the database"].decoded("DTSTART") == T0 + timedelta(hours=14)
    assert any("Board meeting freeze" in s for s in events)


def test_edits_elsewhere_reload_and_more_opens_the_day(qtbot, page, desk, store, ctx):
    from app.models import Change

    page.set_view("month")
    wait_idle(qtbot, ctx.runner)
    tuesday = T0 + timedelta(days=1)
    with store.session() as s:
        for k in range(12):
            s.add(Change(number=f"CHG1{k:05d}", title=f"Batch {k}", change_type="standard",
                         state="scheduled", risk="low", planned_start=tuesday + timedelta(hours=k),
                         planned_end=tuesday + timedelta(hours=k, minutes=30)))
    publish_change(ctx, "change")
    qtbot.waitUntil(lambda: page.loaded is not None and len(page.loaded.items) == 15, timeout=10_000)
    month = page.canvas
    qtbot.waitUntil(lambda: len(month._more) == 1, timeout=10_000)  # painted on a later turn than the range's answer
    (more_rect, day), = month._more
    assert day == tuesday.date()
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=more_rect.center().toPoint())
    assert page.view_name == "day" and page.anchor == tuesday.date()
    assert len(page.canvas.content.items) == 13


def test_hour_zooms_page_through_the_day(qtbot, page, ctx):
    page.activate("timeline")
    page.go_to(MONDAY)
    canvas = page.canvas
    for _ in range(5):
        qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert page.zoom == 0
    start = page.visible().start
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert page.visible().start == start + timedelta(hours=6)
    assert page.toolbar.title.text() == "Mon 23 Nov 2026, 06:00–12:00"
    for _ in range(4):
        qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert page.anchor == MONDAY - timedelta(days=1) and page.visible().start == T0 - timedelta(hours=18)
    wait_idle(qtbot, ctx.runner)


def test_built_in_parts_the_page_reads_and_shows_its_month_once_whole(qtbot, ctx, desk):
    """Built for its tab, the page is two parts (whole, 8-10 ms of the GUI thread): the toolbar and the views, then
    the side panel, the wiring and the first read; built whole, it shows the month's changes as before."""
    from app.ui.calendar.calendar_page import CalendarPage

    asked = []
    query = ctx.runner.query

    def recording(fn, *args, **kwargs):
        asked.append(kwargs.get("label"))
        return query(fn, *args, **kwargs)

    built = CalendarPage(ctx, later=True)
    qtbot.addWidget(built)
    assert built.toolbar is not None and len(built.views) == 4
    assert not hasattr(built, "panel") and not hasattr(built, "editing")
    ctx.runner.query = recording
    try:
        assert built.build_step() is True  # the second part, the last
    finally:
        del ctx.runner.query
    assert asked == ["calendar range"] and built.panel is not None
    built.resize(1300, 900)
    with qtbot.waitSignal(built.data_shown, timeout=10_000):
        built.show()
    with qtbot.waitSignal(built.data_shown, timeout=10_000):
        built.go_to(MONDAY)
    assert built.view_name == "month" and {desk[k] for k in "abc"} <= set(built.loaded.items)
