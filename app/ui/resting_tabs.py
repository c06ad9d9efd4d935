"""Ticket tabs beyond the last few shown rest: their editor goes back to the pool and a light stand-in keeps the
tab (its title, tooltip and place). Showing the tab again opens the ticket afresh in a pooled editor.

A ticket editor holds ~400 widgets, 4-7 MiB of Qt's memory; an agent who opened twenty tickets kept all twenty
built. Only an editor with nothing of the user's in it rests (no edited field, no unsent worklog entry, no
refusal, conflict or recovered draft on show, nothing loading or saving): nothing typed is ever put away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.editor_pool import is_editor

if TYPE_CHECKING:
    from app.ui.editor_pool import EditorPool
    from app.ui.tab_history import TabHistory
    from app.ui.ticket.editor import TicketEditor

# Ticket editors kept built: the current one and the last ones shown before it.
LIVE_EDITORS = 8


class RestingTicket(QWidget):
    """A ticket tab whose editor rests: what the tab needs until it is shown again."""

    def __init__(self, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket_id = ticket_id
        self.setObjectName("resting-ticket")
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Loading…"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)


class TabRest(QObject):
    """Puts ticket editors beyond LIVE_EDITORS to rest, least recently shown first, and wakes a resting tab when
    it is shown. GUI thread only; owned by the main window, which calls `shown` on every tab change."""

    def __init__(self, tabs: QTabWidget, pool: EditorPool, history: TabHistory,
                 after_swap: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._pool = pool
        self._history = history
        self._after_swap = after_swap
        self._order: list[TicketEditor] = []  # ticket tabs' editors, least recently shown first
        self.live = LIVE_EDITORS
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self._on_settle_timeout)

    def find(self, ticket_id: str) -> int:
        """The index of `ticket_id`'s tab, live or resting, or -1."""
        for i in range(self._tabs.count()):
            w = self._tabs.widget(i)
            if (is_editor(w) or isinstance(w, RestingTicket)) and getattr(w, "ticket_id", None) == ticket_id:
                return i
        return -1

    def shown(self, widget: QWidget | None) -> None:
        """The tab showing `widget` became the current one."""
        if widget is None:
            return
        if is_editor(widget):
            self._order = [w for w in self._order if w is not widget] + [cast("TicketEditor", widget)]
        if isinstance(widget, RestingTicket) or len(self._live_editors()) > self.live:
            self._settle.start()  # after this change of tab has finished (the tab widget is in its signal)

    def forget(self, widget: QWidget) -> None:
        """`widget`'s tab is being closed."""
        self._order = [w for w in self._order if w is not widget]

    def _live_editors(self) -> list[TicketEditor]:
        widgets = (self._tabs.widget(i) for i in range(self._tabs.count()))
        return [cast("TicketEditor", w) for w in widgets if is_editor(w)]

    def _on_settle_timeout(self) -> None:
        current = self._tabs.currentWidget()
        if isinstance(current, RestingTicket):
            self._wake(current)
        self._rest_beyond_limit()

    def _wake(self, stand_in: RestingTicket) -> None:
        editor = self._pool.take()
        editor.show_ticket(stand_in.ticket_id)
        self._swap(stand_in, editor)
        self._order.append(editor)
        stand_in.deleteLater()

    def _rest_beyond_limit(self) -> None:
        live = self._live_editors()
        current = self._tabs.currentWidget()
        open_now = [w for w in self._order if any(w is e for e in live)]
        # Editors never shown (opened in the background) count as the oldest.
        order = [e for e in live if not any(e is w for w in open_now)] + open_now
        excess = len(live) - self.live
        for editor in order:
            if excess <= 0:
                break
            if editor is current or not editor.can_rest():
                continue
            stand_in = RestingTicket(editor.ticket_id, self._tabs)
            self._swap(editor, stand_in)
            self._order = [w for w in self._order if w is not editor]
            if not self._pool.give_back(editor):
                editor.deleteLater()
            excess -= 1

    def _swap(self, old: QWidget, new: QWidget) -> None:
        """Put `new` in `old`'s tab: same place, title and tooltip; current if `old` was."""
        tabs = self._tabs
        index = tabs.indexOf(old)
        if index < 0:
            return
        text, tip, was_current = tabs.tabText(index), tabs.tabToolTip(index), tabs.currentIndex() == index
        tabs.blockSignals(True)  # the tab strip passes through a neighbour: nobody is told, nothing is built
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, new, text)
            tabs.setTabToolTip(index, tip)
            if was_current:
                tabs.setCurrentIndex(index)
        finally:
            tabs.blockSignals(False)
        self._history.replace(old, new)
        self._after_swap()
