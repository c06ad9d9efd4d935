"""Warns the user before an SLA breach of their tickets: once at 75 % of the target, and once when it breaches."""
# As a desktop notification where the desktop has a tray, and always in the status bar.

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

from app.ui.context import UiContext
from app.ui.widgets.sla_text import duration_text

if TYPE_CHECKING:
    from app.sla.tracking import SlaWatch

CHECK_MS = 60_000


def _watched_tickets(session, **kwargs):
    """app.sla.tracking.watched_tickets, imported on the read thread that runs it: the SLA engine (policies,
    calendars, the write path's models) loads at the first check, after the queue's first page, and its ~60 ms of
    module code stays off the GUI thread."""
    from app.sla.tracking import watched_tickets

    return watched_tickets(session, **kwargs)


class SlaNotifier(QObject):
    """Checks the user's tickets once a minute (one small indexed read on the DB worker). Remembers the level
    each ticket was last reported at, so a crossing is told once; an edit that moves the due time later
    makes the ticket reportable again. Off while the sla_notify setting is off."""

    notified = Signal(str)  # the text shown, for tests and the log

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._levels: dict[str, int] = {}
        self._first = True
        self._tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()  # the queue page also checks once its first page is on screen

    def check(self, now: datetime | None = None) -> None:
        if not self.ctx.settings.get("sla_notify"):
            return
        me = self.ctx.me
        self.ctx.runner.query(_watched_tickets, assignee_id=me, now=now, on_done=self._on_watched, owner=self,
                              label="sla watch")

    def _on_watched(self, items: tuple[SlaWatch, ...]) -> None:
        first, self._first = self._first, False
        fresh = [w for w in items if w.level > self._levels.get(w.ticket_id, 0)]
        self._levels = {w.ticket_id: max(w.level, self._levels.get(w.ticket_id, 0)) for w in items}
        if not fresh:
            return
        breached = [w for w in fresh if w.level >= 100]
        at_risk = [w for w in fresh if w.level < 100]
        if first and len(fresh) > 1:
            # At start-up, one line for what happened while the app was closed.
            text = self.tr("Your tickets: {0} breached their SLA, {1} at risk of breaching.").format(
                len(breached), len(at_risk))
        elif len(fresh) > 1:
            text = self.tr("{0} of your tickets reached an SLA warning; first {1}: {2}.").format(
                len(fresh), fresh[0].number, self._what(fresh[0]))
        else:
            text = self.tr("{0} {1}: {2}.").format(fresh[0].number, fresh[0].title, self._what(fresh[0]))
        self._show(text, bool(breached))

    def _what(self, item: SlaWatch) -> str:
        if item.level >= 100:
            return self.tr("SLA breached")
        left = (item.due_at - datetime.now(item.due_at.tzinfo)).total_seconds()
        return self.tr("75 % of the SLA used, due in {0}").format(duration_text(max(0, left)))

    def _show(self, text: str, critical: bool) -> None:
        self.ctx.events.status_message.emit(text)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
                self._tray.setToolTip("Deskside")
                self._tray.show()
            icon = QSystemTrayIcon.MessageIcon.Critical if critical else QSystemTrayIcon.MessageIcon.Warning
            self._tray.showMessage(self.tr("Service level warning"), text, icon, 10_000)
        self.notified.emit(text)
