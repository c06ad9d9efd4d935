"""Marks a view stale when the change feed names what it shows, and refreshes it once when visible."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.ui.events import AppEvents
from core.feed import ChangeRecord

REFRESH_DELAY_MS = 150  # one refresh for a burst of records (a bulk edit, a sync round's pages)


class StaleRefresher(QObject):
    """Listens to `events.changed` for records touching any of `entities` (and, when given, accepted
    by `wants(record)`); then the widget is stale and `refresh()` runs once, after a short timer that
    coalesces bursts, while the widget is visible, or when it is shown next. GUI thread; dies with the
    widget. `refresh` must be idempotent and keep selection and scroll position: a view also refreshes
    after its own edits."""

    def __init__(self, widget: QWidget, events: AppEvents, entities: tuple[str, ...] | frozenset[str],
                 refresh: Callable[[], None], *, wants: Callable[[ChangeRecord], bool] | None = None,
                 delay_ms: int = REFRESH_DELAY_MS) -> None:
        super().__init__(widget)
        self._widget, self._entities, self._refresh, self._wants = widget, tuple(entities), refresh, wants
        self.stale = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        events.changed.connect(self._on_events_changed)
        # Watches the widget's events only while it is stale and hidden (for its Show): every event of a watched
        # widget, its paints included, was a trip into Python (~60 per ticket opened, each waiting for the
        # interpreter lock while a read thread held it).
        self._watching = False

    @property
    def pending(self) -> bool:
        """A refresh is owed: stale, or its timer running."""
        return self.stale or self._timer.isActive()

    def _alive(self) -> bool:
        """False once the garbage collector has cleared this object while Qt still holds it (a widget
        being destroyed, its Python side collected first): Qt may still call in, and must find nothing."""
        return "_widget" in self.__dict__

    def mark_stale(self) -> None:
        if not self._alive():
            return
        self.stale = True
        if self._widget.isVisible():
            self._timer.start()
        else:
            self._watch()

    def _watch(self) -> None:
        if not self._watching:
            self._watching = True
            self._widget.installEventFilter(self)

    def _on_events_changed(self, record: ChangeRecord) -> None:
        if self._alive() and record.touches(*self._entities) and (self._wants is None or self._wants(record)):
            self.mark_stale()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._alive() and watched is self._widget and event.type() == QEvent.Type.Show:
            self._watching = False
            watched.removeEventFilter(self)
            if self.stale:
                self._timer.start()
        return False

    def _on_timer_timeout(self) -> None:
        if not (self._alive() and self.stale):
            return
        if self._widget.isVisible():
            self.stale = False
            self._refresh()
        else:  # hidden meanwhile: refreshed when shown next
            self._watch()
