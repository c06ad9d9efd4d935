"""Dragging changes on the real calendar widgets: live conflicts before the drop, the confirmation, the
stored times, undo, resizing by an edge, the freeze refusal and a stale edit."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.models import Change
from app.ui.calendar.time_grid_view import HOUR_H
from tests.ui.calendar.conftest import T0, times_of
from tests.ui.conftest import wait_idle


def _centre(canvas, change_id) -> QPoint:
    rect = canvas.rect_of(change_id)
    assert rect is not None, "the change is not drawn"
    return rect.center().toPoint()


def _answer(page, button) -> None:
    """Answer the drop's confirmation once it is open (it runs its own event loop)."""
    def press() -> None:
        box = page.editing.confirm_box
        if box is None:
            QTimer.singleShot(10, press)
            return
        box.button(button).click()
    QTimer.singleShot(0, press)


def _drag(qtbot, canvas, start: QPoint, end: QPoint, steps: int = 4) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, steps + 1):
        qtbot.mouseMove(canvas, start + (end - start) * k / steps)


def test_drag_shows_the_conflict_live_and_stores_the_move_after_confirm(qtbot, page, desk, store, ctx):
    canvas = page.canvas
    start = _centre(canvas, desk["a"])
    _drag(qtbot, canvas, start, start + QPoint(0, 4 * HOUR_H))
    # Before the drop: the dragged change is on B's slot, and the overlay names B.
    assert canvas.drag is not None and canvas.drag.start == T0 + timedelta(hours=14)
    assert [c.kind for c in canvas.drag.conflicts] == ["same_ci"]
    assert canvas.drag_label.isVisible()
    assert "CHG000002" in canvas.drag_label.text()
    assert times_of(store, desk["a"])[0] == T0 + timedelta(hours=10)  # nothing stored yet

    _answer(page, QMessageBox.StandardButton.Yes)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 4 * HOUR_H))
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"]) == (T0 + timedelta(hours=14), T0 + timedelta(hours=15))
    # Both now carry the conflict marker, and the side panel lists the conflict with a free slot.
    assert {desk["a"], desk["b"]} <= page.loaded.conflicted
    assert page.panel.conflicts.count() == 1
    assert "CHG000002" in page.panel.conflicts.item(0).text()
    assert page.panel.move_button.isEnabled()

    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"]) == (T0 + timedelta(hours=10), T0 + timedelta(hours=11))
    assert desk["a"] not in page.loaded.conflicted and desk["b"] not in page.loaded.conflicted


def test_cancelled_confirmation_keeps_the_stored_times(qtbot, page, desk, store, ctx):
    canvas = page.canvas
    start = _centre(canvas, desk["a"])
    _drag(qtbot, canvas, start, start + QPoint(0, 4 * HOUR_H))
    _answer(page, QMessageBox.StandardButton.Cancel)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 4 * HOUR_H))
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"])[0] == T0 + timedelta(hours=10)
    assert page.loaded.items[desk["a"]].start == T0 + timedelta(hours=10)


def test_resize_by_the_bottom_edge_keeps_the_start(qtbot, page, desk, store, ctx):
    canvas = page.canvas
    rect = canvas.rect_of(desk["b"])
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    _drag(qtbot, canvas, edge, edge + QPoint(0, HOUR_H))
    assert canvas.drag.mode == "end" and canvas.drag.conflicts == ()
    assert "No conflicts" in canvas.drag_label.text()
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=edge + QPoint(0, HOUR_H))
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["b"]) == (T0 + timedelta(hours=14), T0 + timedelta(hours=16))


def test_a_drop_into_a_freeze_is_refused_naming_it(qtbot, page, desk, store, ctx):
    canvas = page.canvas
    start = _centre(canvas, desk["a"])
    two_days = QPoint(int(2 * canvas._col_w()), 0)
    _drag(qtbot, canvas, start, start + two_days)
    assert any(c.severity == "blocking" for c in canvas.drag.conflicts)
    assert "Board meeting freeze" in canvas.drag_label.text()
    seen = {}

    def read_and_close() -> None:
        box = page.editing.confirm_box
        if box is None:
            QTimer.singleShot(10, read_and_close)
            return
        seen["text"] = box.text() + box.informativeText()
        seen["buttons"] = box.standardButtons()
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, read_and_close)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + two_days)
    wait_idle(qtbot, ctx.runner)
    assert "Board meeting freeze" in seen["text"]
    assert seen["buttons"] == QMessageBox.StandardButton.Ok
    assert times_of(store, desk["a"])[0] == T0 + timedelta(hours=10)


def test_a_stale_drop_reloads_and_says_so(qtbot, page, desk, store, ctx):
    with store.session() as s:
        s.get(Change, desk["c"]).updated_at = T0  # someone else saved it after the calendar loaded
    canvas = page.canvas
    start = _centre(canvas, desk["c"])
    said = {}

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_message)
            return
        said["text"] = box.text()
        box.accept()

    QTimer.singleShot(0, close_message)
    _drag(qtbot, canvas, start, start + QPoint(0, HOUR_H))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, HOUR_H))
    qtbot.waitUntil(lambda: "text" in said, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    assert "changed since the calendar loaded it" in said["text"]
    assert times_of(store, desk["c"])[0] == T0 + timedelta(days=1, hours=9)
    assert page.loaded.items[desk["c"]].updated_at == T0  # reloaded


def test_move_to_the_next_free_slot_from_the_side_panel(qtbot, page, desk, store, ctx):
    with store.session() as s:
        a = s.get(Change, desk["a"])
        a.planned_start, a.planned_end = T0 + timedelta(hours=14, minutes=30), T0 + timedelta(hours=15, minutes=30)
    page.reload()
    wait_idle(qtbot, ctx.runner)
    page.canvas.repaint()
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=_centre(page.canvas, desk["a"]))
    assert page.editing.selected_id == desk["a"]
    assert "CHG000002" in page.panel.conflicts.item(0).text()
    assert "15:00" in page.panel.slot_label.text()
    qtbot.mouseClick(page.panel.move_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"]) == (T0 + timedelta(hours=15), T0 + timedelta(hours=16))
    assert page.panel.conflict_title.text() == "No conflicts at these times"
    qtbot.keyClick(page.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"])[0] == T0 + timedelta(hours=14, minutes=30)


def test_month_view_moves_by_whole_days(qtbot, page, desk, store, ctx):
    page.set_view("month")
    wait_idle(qtbot, ctx.runner)
    month = page.canvas
    month.repaint()
    start = _centre(month, desk["a"])
    target = month.rect_of_day(T0.date() + timedelta(days=1)).center().toPoint()
    _drag(qtbot, month, start, target)
    assert month.drag.start == T0 + timedelta(days=1, hours=10)
    qtbot.mouseRelease(month, Qt.MouseButton.LeftButton, pos=target)
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["a"]) == (T0 + timedelta(days=1, hours=10), T0 + timedelta(days=1, hours=11))


def test_double_click_asks_to_open_the_change(qtbot, page, desk, ctx):
    with qtbot.waitSignal(ctx.events.open_change_requested, timeout=2000) as got:
        qtbot.mouseDClick(page.canvas, Qt.MouseButton.LeftButton, pos=_centre(page.canvas, desk["c"]))
    assert got.args == [desk["c"]]


def test_an_unscheduled_change_dropped_on_the_week_is_planned_and_undo_takes_it_off(qtbot, page, desk, store, ctx):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    tray = page.panel.unscheduled
    assert tray.isVisible() and tray.count() == 1
    data = tray.mimeData([tray.item(0)])  # what dragging the list entry carries
    canvas = page.canvas
    x = int(canvas.x_of_day(T0.date() + timedelta(days=1)) + 20)
    target = QPoint(x, int(canvas.y_of(T0 + timedelta(days=1, hours=12))) + 2)
    move = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    QApplication.sendEvent(canvas, QDragEnterEvent(target, move, data, Qt.MouseButton.LeftButton,
                                                    Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(canvas, QDragMoveEvent(target, move, data, Qt.MouseButton.LeftButton,
                                                   Qt.KeyboardModifier.NoModifier))
    assert canvas.drag.start == T0 + timedelta(days=1, hours=12) and canvas.drag.conflicts == ()
    assert "CHG000004" in canvas.drag_label.text()
    QApplication.sendEvent(canvas, QDropEvent(QPointF(target), move, data, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["d"]) == (T0 + timedelta(days=1, hours=12), T0 + timedelta(days=1, hours=13))
    assert desk["d"] in page.loaded.items and not tray.isVisible()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.runner)
    assert times_of(store, desk["d"]) == (None, None)
    assert desk["d"] not in page.loaded.items and tray.count() == 1
