"""The change editor's Impact tab: before the CAB, what the change's CIs reach — affected business services, open
incidents on those CIs, SLA-critical tickets due inside the change window, and conflicting changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.changes.detail import ChangeDetail
from app.cmdb import queries as cmdb_queries
from app.cmdb.records import ChangeImpact
from app.ui.context import UiContext
from app.ui.widgets.impact_tree import ImpactPane
from app.ui.widgets.stale_refresher import StaleRefresher

# The preview moves with the CMDB (relations, CIs), tickets (incidents, SLA clocks) and other changes.
ENTITIES = ("configuration_item", "ci_relation", "ticket", "change")


class ChangeImpactView(ImpactPane):
    """Reads `cmdb_queries.change_impact` for the change shown (`set_detail`) when the tab is visible, again when
    the change feed names what it depends on. Double-click opens a ticket, change or CI. GUI thread only."""

    impact_shown = Signal(object)  # the ChangeImpact on screen

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "ChangeImpact", parent)
        self.change_id: str | None = None
        self._key: tuple | None = None  # what the last read was for: change, window, CIs
        self.impact: ChangeImpact | None = None
        self.tree.ci_activated.connect(ctx.events.open_ci_requested)
        self._stale = StaleRefresher(self, ctx.events, ENTITIES, self.reload)

    def set_detail(self, d: ChangeDetail) -> None:
        """The change as stored; read again only when its window or CIs moved (or it is another change)."""
        key = (d.id, d.planned_start, d.planned_end, tuple(sorted(d.ci_ids)))
        if key == self._key:
            return
        self._key, self.change_id = key, d.id
        if not d.ci_ids:
            self.impact = None
            self.tree.clear_sections()
            self.summary.setText(self.tr("This change names no CIs: add the CIs it touches to see its impact."))
            return
        self._stale.mark_stale()  # read when the tab is (or becomes) visible

    def reload(self) -> None:
        if self.change_id is None or self._key is None or not self._key[3]:
            return
        self._stale.stale = False
        change_id = self.change_id
        self.error.clear_message()
        if self.impact is None:
            self.summary.setText(self.tr("Working out what this change touches…"))
        self._ctx.runner.query(cmdb_queries.change_impact, change_id=change_id, slot=("change-impact", id(self)),
                               on_done=self._on_loaded, on_error=self._on_failed, owner=self, label="change impact")

    def _on_loaded(self, impact: ChangeImpact) -> None:
        if impact.change_id != self.change_id:
            return
        self.impact = impact
        windowed = self._key is not None and self._key[1] is not None and self._key[2] is not None
        text = (self.tr("Its CIs reach %Ln CI(s)", "", len(impact.blast_radius)) + ", "
                + self.tr("%Ln business service(s)", "", len(impact.services)) + "; "
                + self.tr("%Ln open incident(s) sit on them.", "", len(impact.open_incidents)))
        if windowed:
            due, conflicts = len(impact.sla_due_in_window), len(impact.conflicts)
            text += (" " + self.tr("%Ln ticket(s) fall due inside the change window;", "", due) + " "
                     + self.tr("%Ln other change(s) overlap it on the same services or CIs.", "", conflicts))
        else:
            text += " " + self.tr("Plan a start and an end to see the tickets due and the changes in that window.")
        self.summary.setText(text)
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear_sections()
        tree.add_cis(tree.add_section("services", self.tr("Affected business services"), len(impact.services),
                                      self.tr("No business service depends on these CIs.")), impact.services)
        tree.add_tickets(tree.add_section("incidents", self.tr("Open incidents on those CIs"),
                                          len(impact.open_incidents), self.tr("None.")), impact.open_incidents)
        if windowed:
            tree.add_tickets(tree.add_section("due", self.tr("SLA due inside the change window"),
                                              len(impact.sla_due_in_window), self.tr("None.")),
                             impact.sla_due_in_window, show_due=True)
            tree.add_changes(tree.add_section("conflicts", self.tr("Conflicting changes"), len(impact.conflicts),
                                              self.tr("None.")), impact.conflicts)
        tree.add_cis(tree.add_section("radius", self.tr("CIs reached"), len(impact.blast_radius), self.tr("None."),
                                      expanded=len(impact.blast_radius) <= 20), impact.blast_radius)
        tree.setUpdatesEnabled(True)
        self.impact_shown.emit(impact)
