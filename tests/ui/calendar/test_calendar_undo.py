"""Undo after a calendar drag puts back everything the drag changed: the times and the risk it raised."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from app.models import Change
from app.ui.calendar.time_grid_view import HOUR_H
from tests.ui.calendar.conftest import T0
from tests.ui.calendar.test_calendar_drag import _centre, _drag
from tests.ui.conftest import wait_idle


def _risk_of(store, change_id):
    with store.session() as s:
        c = s.get(Change, change_id)
        return c.planned_start, c.planned_end, c.risk, c.risk_proposed, c.risk_overridden, c.risk_reason


def test_ctrl_z_after_a_drag_that_raised_the_risk_puts_the_risk_back(qtbot, page, desk, store, ctx):
    # CHG000003 was planned as low risk; the week shown is past now, so a move re-proposes a higher one.
    before = _risk_of(store, desk["c"])
    assert before[2] == "low"
    canvas = page.canvas
    start = _centre(canvas, desk["c"])
    _drag(qtbot, canvas, start, start + QPoint(0, HOUR_H))
    assert canvas.drag is not None and canvas.drag.conflicts == ()  # a plain move: no question asked
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, HOUR_H))
    wait_idle(qtbot, ctx.runner)
    moved = _risk_of(store, desk["c"])
    assert moved[:2] == (T0 + timedelta(days=1, hours=10), T0 + timedelta(days=1, hours=11))
    assert moved[2] != "low"  # the move raised it
    assert page.loaded.items[desk["c"]].risk == moved[2]  # and the bar says so

    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.runner)
    assert _risk_of(store, desk["c"]) == before  # times, risk and its proposal: all as before the drag
    assert page.loaded.items[desk["c"]].risk == "low"
    assert page.loaded.items[desk["c"]].start == T0 + timedelta(days=1, hours=9)
