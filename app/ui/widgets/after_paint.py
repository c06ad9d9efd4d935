"""Work that waits for a widget's next paint, so it never delays what the user is about to see."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

PAINT_HELD_MS = 1  # a real timer (a 0 ms one is a posted call, run before the event loop's timers get their turn)
AFTER_PAINT_LATEST_MS = 2000  # a widget that is shown but never paints (another tab in front) still gets its work
LAYOUT_PASSES = 4  # layouts that ask for layouts that ask...: the passes a held widget's layout gets


class AfterPaint(QObject):
    """Calls `callback` on a later event-loop turn once `widget` has painted (at once if it is not visible, at
    the latest after `latest_ms`), so the work (a warm-up, a side query) never delays the paint. GUI thread
    only; one-shot."""

    def __init__(self, widget: QWidget, callback: Callable[[], object], parent: QObject,
                 latest_ms: int = AFTER_PAINT_LATEST_MS) -> None:
        super().__init__(parent)
        self._callback: Callable[[], object] | None = callback
        if widget.isVisible():
            widget.installEventFilter(self)
            QTimer.singleShot(latest_ms, self, self._fire)
        else:
            QTimer.singleShot(0, self, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # After this paint has finished and the event loop's timers and input have had their turn: a 0 ms
            # timer is a posted call, run at once after the paint, so the work after it (a ticket's late parts,
            # ~1-3 ms, and what they repaint) made one stretch with the paint (up to 16 ms in bench.stall_split).
            QTimer.singleShot(PAINT_HELD_MS, self, self._fire)
        return False

    def _fire(self) -> None:
        callback = self.__dict__.get("_callback")  # absent once collected while Qt still holds it
        if callback is not None:
            self._callback = None
            callback()
            self.deleteLater()


def paint_on_a_later_turn(widget: QWidget, *, then: Sequence[QWidget] = ()) -> None:
    """Holds the repaint of `widget` (and its children) that the present event-loop turn asks for until a later
    turn. A posted answer that fills many widgets (a ticket into its editor, ~5 ms) asks for their paint (~8 ms):
    Qt runs the posted paint before the timers and input that were waiting, so the window did not answer for
    both. Held, the timers and input have their turn between the two. GUI thread only.

    `then`: children of `widget` painted on turns after the rest, one per turn in order, so one paint of a large
    widget (a ticket's editor: ~120 widgets, 7-12 ms) is several stretches of the GUI thread. Until their turn they
    show what was painted there before (the editor's loading cover), for a millisecond or two.

    A window is never held itself: its content is (its shown children that are not windows). Qt keeps a window's list
    of dirty widgets when the window's paint request comes while its updates are off, and turning them on again
    then asks for no new paint: the window never painted again, whatever changed in it (seen after the caller's
    card held the main window while a paint was already asked for)."""
    if not widget.isWindow():
        _hold(widget, then)
        return
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.isWindow() and child.isVisible():  # a hidden one (a spare editor) paints nothing
            _hold(child, [part for part in then if child.isAncestorOf(part)])


def _hold(widget: QWidget, then: Sequence[QWidget]) -> None:
    if widget.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled):
        return  # held already (or off for a reason of its own): released on the earlier hold's turn
    # Off only because an ancestor is held (a page being shown): held itself too, or the ancestor's release painted it
    # whole on the turn of its fill (a problem's record filled as its page was let go: 5.7 + 17.6 ms in one stretch).
    later = _apart(then)
    widget.setUpdatesEnabled(False)
    QTimer.singleShot(PAINT_HELD_MS, widget, lambda: _lay_out(widget, later))


def _apart(then: Sequence[QWidget]) -> list[QWidget]:
    """The parts of `then` not held for reasons of their own, held by name: they stay held when the widget they
    are in is let go, until their own turn."""
    later = [part for part in then if not part.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled)]
    for part in later:
        part.setUpdatesEnabled(False)
    return later


def hold_while_hidden(widget: QWidget) -> None:
    """A widget just hidden (a page whose tab was left) paints nothing until `paint_shown_on_a_later_turn`. Held only
    once shown, it was too late: what its showing asks to paint (an item view's viewport, shown, resized and laid out
    again: 7.5 ms on the People page) is already listed to paint with the turn that showed it. Not a window."""
    if not widget.isWindow():
        widget.setUpdatesEnabled(False)


def paint_shown_on_a_later_turn(widget: QWidget, *, then: Sequence[QWidget] = ()) -> None:
    """A widget shown again (its tab chosen): laid out on the next turn and painted on the one after, whether it
    was held while hidden (hold_while_hidden) or not (paint_on_a_later_turn); `then` as paint_on_a_later_turn's."""
    if widget.updatesEnabled():
        paint_on_a_later_turn(widget, then=then)
    else:
        later = _apart(then)
        QTimer.singleShot(PAINT_HELD_MS, widget, lambda: _lay_out(widget, later))


def _lay_out(widget: QWidget, later: Sequence[QWidget] = ()) -> None:
    """The held widget laid out now (`settle_layouts`); its paint on a later turn still, and that of the parts
    held `later` on the turn after."""
    settle_layouts(widget)
    QTimer.singleShot(PAINT_HELD_MS, widget, lambda: _release(widget, later))


def _release(widget: QWidget, later: Sequence[QWidget]) -> None:
    widget.setUpdatesEnabled(True)
    if later:
        QTimer.singleShot(PAINT_HELD_MS, widget, lambda: _release_parts(widget, list(later)))


def _release_parts(widget: QWidget, parts: list[QWidget]) -> None:
    """The first of `parts` still there painted on this turn, the next one on a later turn, and so on: each part's
    paint a stretch of its own (a part inside another is listed after it)."""
    while parts:
        part = parts.pop(0)
        if shiboken6.isValid(part):
            part.setUpdatesEnabled(True)
            break
    if parts:
        QTimer.singleShot(PAINT_HELD_MS, widget, lambda: _release_parts(widget, parts))


def settle_layouts(widget: QWidget) -> None:
    """Every layout request up to now, and those they post in turn, handled now; then the rows of the item views
    under `widget`. Qt handles only the events posted before a sendPostedEvents() call began (the rest wait for the
    next call, after whatever was posted meanwhile): it is called again, LAYOUT_PASSES times (a call with nothing
    to do only looks through the posted events). An item view lays its rows out at its next paint once its model
    changed or it was resized, and that asked for another paint of the view in the same stretch: laid out here, the
    paint finds them ready."""
    for _ in range(LAYOUT_PASSES):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for view in widget.findChildren(QAbstractItemView):
        if view.isVisible():
            view.executeDelayedItemsLayout()
