"""The incident editor's major-incident hint: other open incidents on the same CI or on the CIs that depend on it."""
# Three incidents on the payroll database and the web app on top of it are one outage: the agent who sees that
# early links them under a problem or declares a major incident instead of working them one by one.

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import TicketRef
from app.ui.context import UiContext
from app.ui.theme import is_dark
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.style_sheet import set_style_sheet

SHOWN = 3  # incidents named in the strip; the rest are counted
_STYLE = {False: "background: #fce8e6; color: #8c1d18; border: 1px solid #f6aea9;",
          True: "background: #3c1f1e; color: #f2b8b5; border: 1px solid #8c1d18;"}
_LINK = {False: "#a50e0e", True: "#ffb4ab"}


def can_hint(ticket_type: str, ci_id: str | None, is_open: bool) -> bool:
    """Whether a ticket may get the hint at all: an open incident with a CI."""
    return bool(ci_id) and is_open and ticket_type == "incident"


class CiIncidentHint(QFrame):
    """Hidden unless the open incident shown (`show_for`) has a CI and other open incidents sit on it or on
    what depends on it (`cmdb_queries.incident_hint`). A number opens that ticket; Show impact asks for the CI's
    impact on the CMDB page. Follows the change feed while a ticket is shown. GUI thread only."""

    hint_shown = Signal(int)  # other open incidents found (0: the strip is hidden)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id: str | None = None
        self._ci_id: str | None = None
        self.others: tuple[TicketRef, ...] = ()
        # Called before an answer changes the strip (shown, hidden, its text): the owner may hold the repaint the
        # move below it asks for (app.ui.widgets.after_paint).
        self.before_change: Callable[[], object] | None = None
        self.setObjectName("CiIncidentHint")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(self._on_label_link_activated)
        self.impact_button = QPushButton(self.tr("Show impact"), self)
        self.impact_button.setToolTip(self.tr("What an outage of this CI touches, on the CMDB page"))
        self.impact_button.clicked.connect(self._on_impact_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.impact_button, 0, Qt.AlignmentFlag.AlignTop)
        self._stale = StaleRefresher(self.parentWidget() or self, ctx.events, ("ticket", "configuration_item",
                                                                            "ci_relation"), self._reload)
        self.hide()

    def show_for(self, ticket_id: str | None, ticket_type: str = "", ci_id: str | None = None,
                 is_open: bool = False) -> None:
        """Look for the hint for this ticket (only an open incident with a CI gets one); None clears it."""
        wanted = ticket_id if ticket_id and can_hint(ticket_type, ci_id, is_open) else None
        changed = wanted != self._ticket_id or ci_id != self._ci_id
        if wanted is None:
            self.others = ()
            self.hide()
        elif changed and not self.isHidden():
            self._looking()  # a shown strip keeps its place until this ticket's answer shows or hides it
        elif changed:
            self.others = ()
        self._ticket_id, self._ci_id = wanted, ci_id
        self._reload()

    def settle_for(self, ticket_type: str, ci_id: str | None, is_open: bool) -> None:
        """The ticket being filled can have no hint (not an open incident with a CI): hidden now, with the fill,
        rather than when its late parts ask (`show_for`)."""
        if not can_hint(ticket_type, ci_id, is_open):
            self.hide()

    def keep_place(self) -> None:
        """The editor (reused) moves to another ticket: nothing of this one's hint stays, but a shown strip keeps
        its place with a neutral line until the next ticket's answer (hidden and shown again, it laid the whole
        editor out anew and repainted it for every ticket opened with a hint)."""
        self._ticket_id = None
        if not self.isHidden():
            self._looking()

    def _looking(self) -> None:
        self.others = ()
        self.label.setText(html.escape(self.tr("Looking for other open incidents on this CI…")))
        self.impact_button.setEnabled(False)

    def _reload(self) -> None:
        if self._ticket_id is None:
            return
        ticket_id = self._ticket_id
        self._ctx.runner.query(cmdb_queries.incident_hint, ticket_id=ticket_id, slot=("incident-hint", id(self)),
                               on_done=lambda refs: self._on_loaded(ticket_id, refs), owner=self,
                               label="major incident hint", background=True)  # not awaited: read after the rest

    def _on_loaded(self, ticket_id: str, refs: tuple[TicketRef, ...]) -> None:
        if ticket_id != self._ticket_id:
            return
        if self.before_change is not None:
            self.before_change()
        self.others = refs
        self.impact_button.setEnabled(True)
        if not refs:
            self.hide()
            self.hint_shown.emit(0)
            return
        dark = is_dark()
        set_style_sheet(self, f"#CiIncidentHint {{ {_STYLE[dark]} border-radius: 4px; }} "
                              "QLabel { border: none; background: transparent; }")
        links = ", ".join(
            '<a href="{}" style="color:{}">{}</a> {}'.format(
                html.escape(t.id), _LINK[dark], html.escape(t.number),
                html.escape(self.tr("({0}, on {1})").format(_short(t.title), t.ci_name or "?")))
            for t in refs[:SHOWN])
        more = len(refs) - SHOWN
        text = html.escape(self.tr("Possible major incident: %n other open incident(s) on this CI or what depends "
                                   "on it.", "", len(refs)))
        tail = html.escape(self.tr(" and {0} more").format(more)) if more > 0 else ""
        self.label.setText(f"<b>{text}</b> {links}{tail}")
        self.setAccessibleName(self.tr("Possible major incident: %n other open incident(s)", "", len(refs)))
        self.show()
        self.hint_shown.emit(len(refs))

    def _on_label_link_activated(self, ticket_id: str) -> None:
        self._ctx.events.open_ticket_requested.emit(ticket_id)

    def _on_impact_clicked(self) -> None:
        if self._ci_id:
            self._ctx.events.open_ci_requested.emit(self._ci_id)


def _short(title: str, limit: int = 48) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit - 1] + "…"
