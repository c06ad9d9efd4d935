"""A CI's Impact tab: what an outage of it touches, the business services, open incidents and changes in its
blast radius, and the people who use those services."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import Impact
from app.ui.context import UiContext
from app.ui.widgets.impact_tree import ImpactPane


class CiImpactView(ImpactPane):
    """Reads `cmdb_queries.impact` when asked (`show_ci`); double-click opens a ticket, change or CI.
    GUI thread only."""

    impact_shown = Signal(str)  # the impact of this CI is on screen
    ci_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "CiImpact", parent)
        self.ci_id: str | None = None
        self.impact: Impact | None = None
        self.tree.ci_activated.connect(self.ci_requested)

    def show_ci(self, ci_id: str) -> None:
        self.ci_id = ci_id
        self.error.clear_message()
        if self.impact is None or self.impact.ci_id != ci_id:
            self.summary.setText(self.tr("Working out what an outage would touch…"))
        self._ctx.runner.query(cmdb_queries.impact, ci_id=ci_id, slot=("ci-impact", id(self)),
                               on_done=self._on_loaded, on_error=self._on_failed, owner=self, label="CI impact")

    def clear(self) -> None:
        self.ci_id, self.impact = None, None
        self.tree.clear_sections()
        self.summary.setText("")

    def _on_loaded(self, impact: Impact) -> None:
        if impact.ci_id != self.ci_id:
            return
        self.impact = impact
        others = max(len(impact.blast_radius) - 1, 0)
        text = (self.tr("An outage here reaches %n other CI(s)", "", others) + ", "
                + self.tr("%n business service(s)", "", len(impact.services)) + ", "
                + self.tr("%n user(s).", "", len(impact.users)) + " "
                + self.tr("In that blast radius: %n open incident(s)", "", len(impact.open_incidents)) + ", "
                + self.tr("%n open change(s).", "", len(impact.open_changes)))
        if impact.truncated:
            text += " " + self.tr("The walk stopped at its limit: there is more beyond.")
        self.summary.setText(text)
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear_sections()
        tree.add_cis(tree.add_section("services", self.tr("Business services"), len(impact.services),
                                      self.tr("No business service depends on this CI.")), impact.services)
        tree.add_tickets(tree.add_section("incidents", self.tr("Open incidents"), len(impact.open_incidents),
                                          self.tr("No open incident in the blast radius.")), impact.open_incidents)
        tree.add_changes(tree.add_section("changes", self.tr("Open changes"), len(impact.open_changes),
                                          self.tr("No open change in the blast radius.")), impact.open_changes)
        tree.add_cis(tree.add_section("radius", self.tr("CIs reached"), others,
                                      self.tr("Nothing depends on this CI."), expanded=others <= 30,
                                      more=impact.truncated), impact.blast_radius[1:])
        tree.add_people(tree.add_section("users", self.tr("Users of those services"), len(impact.users),
                                         self.tr("No known users."), expanded=len(impact.users) <= 30), impact.users)
        tree.setUpdatesEnabled(True)
        self.impact_shown.emit(impact.ci_id)

    def _on_failed(self, exc: Exception) -> None:
        self.summary.setText("")
        super()._on_failed(exc)
