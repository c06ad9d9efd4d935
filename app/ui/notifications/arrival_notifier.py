"""Tells the user, after a sync pull, of new mail from requesters on their tickets and new tickets in their groups."""
# Driven by the change feed: only records the sync published (initiator "sync"), so an edit of mine
# never notifies me; a ticket I created here comes back from the server with its number, but it has a
# local audit row and is not "new" (app.tickets.arrivals). Many at once (the first sync after a start,
# a desk back from a day offline) are one coalesced notice: "12 new mails on your tickets".

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.tickets.arrivals import Arrival, arrivals
from app.ui.context import UiContext
from app.ui.notifications.desktop import DesktopNotice
from app.ui.widgets.safe_text import clean_text
from core.feed import SYNC, ChangeRecord

COALESCE_MS = 800  # the pages of one pull arrive as several records: ask once they settle
ONE_BY_ONE = 3  # more at once than this are told as one coalesced notice


class ArrivalNotifier(QObject):
    """Collects the ids the sync's records name, reads which are news (one query on the runner), and
    shows them. Remembers what it told (never twice) and how far it has told (the `notified_through`
    setting), so a restart does not tell old mail again. Off while the mail_notify setting is off."""

    notified = Signal(str, str)  # (title, text) of each notice, as shown (on the desktop where it has a tray)

    def __init__(self, ctx: UiContext, parent: QObject | None = None, *, desktop: DesktopNotice | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.desktop = desktop or DesktopNotice(self)
        self.shown_on_desktop = 0  # how many notices reached the desktop (the tray), for tests and the log
        self._entries: set[str] = set()
        self._tickets: set[str] = set()
        self._told: set[str] = set()
        self._first = True
        self._asking = False
        self._since = self._read_since()
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._timer.timeout.connect(self.check)
        ctx.events.changed.connect(self._on_events_changed)

    def _read_since(self) -> datetime:
        """Mail and tickets older than this were told, or came before this desk first listened."""
        try:
            return datetime.fromisoformat(self.ctx.settings.get("notified_through"))
        except (TypeError, ValueError):
            now = datetime.now(UTC)  # a desk's first start: its first sync's history is not news
            self._save_since(now)
            return now

    def _save_since(self, when: datetime) -> None:
        self.ctx.settings.set("notified_through", when.isoformat())
        # Kept in memory when the file cannot be written: a restart may tell a few mails again, loses none.
        with contextlib.suppress(OSError):
            self.ctx.settings.save()

    def _on_events_changed(self, record: ChangeRecord) -> None:
        if record.initiator != SYNC or not self.ctx.settings.get("mail_notify"):
            return
        entries, tickets = record.ids_of("worklog_entry"), record.ids_of("ticket")
        if entries or tickets:
            self._entries |= entries
            self._tickets |= tickets
            self._timer.start()

    def check(self) -> None:
        """Read which of the named rows are news, now (the timer calls this after a pull's records)."""
        if self._asking or not (self._entries or self._tickets):
            return
        entries, tickets, self._entries, self._tickets = self._entries, self._tickets, set(), set()
        self._asking = True
        self.ctx.runner.query(arrivals, entry_ids=sorted(entries), ticket_ids=sorted(tickets), me=self.ctx.me,
                              since=self._since, on_done=self._on_arrivals, on_error=self._on_failed, owner=self,
                              label="new mail and tickets")

    def _on_failed(self, _exc: Exception) -> None:
        self._asking = False  # nothing told; the next pull asks again about its own rows

    def _on_arrivals(self, found: tuple[Arrival, ...]) -> None:
        self._asking = False
        first, self._first = self._first, False
        fresh = [a for a in found if a.id not in self._told]
        if fresh:
            self._told.update(a.id for a in fresh)
            self._since = max(self._since, max(a.at for a in fresh))
            self._save_since(self._since)
            if len(fresh) > ONE_BY_ONE or (first and len(fresh) > 1):
                self._show(self.tr("Deskside"), self._summary(fresh))
            else:
                for arrival in fresh:
                    self._show(*self._one(arrival))
        if self._entries or self._tickets:  # named while this query ran
            self._timer.start()

    def _summary(self, fresh: list[Arrival]) -> str:
        mails = sum(a.kind == "mail" for a in fresh)
        tickets = len(fresh) - mails
        parts = []
        if mails:
            parts.append(self.tr("%n new mail(s) on your tickets", "", mails))
        if tickets:
            parts.append(self.tr("%n new ticket(s) in your groups", "", tickets))
        return ", ".join(parts)

    def _one(self, arrival: Arrival) -> tuple[str, str]:
        title = clean_text(" ".join(arrival.title.split()), 200)  # one line, no controls: it is a requester's text
        who = clean_text(" ".join(arrival.who.split()), 100) or self.tr("The requester")
        if arrival.kind == "mail":
            return self.tr("{0} wrote on {1}").format(who, arrival.number), title
        return self.tr("New ticket {0} in your group").format(arrival.number), title

    def _show(self, title: str, text: str) -> None:
        self.ctx.events.status_message.emit(f"{title}: {text}")
        if self.desktop.show(title, text):
            self.shown_on_desktop += 1
        self.notified.emit(title, text)
