"""The Reference data page (`--view services`, `groups`, `categories`, `sites`): the lists tickets are filed by."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.reference.categories_section import CategoriesSection
from app.ui.reference.groups_section import GroupsSection
from app.ui.reference.section import RecordSection
from app.ui.reference.services_section import ServicesSection
from app.ui.reference.sites_section import SitesSection
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.time_zones import zone_names

SECTIONS = ("services", "groups", "categories", "sites")
# The services section's time zone completer needs them when the page is built: made with this module's import, on
# the thread that imports the page ahead of its build (app.ui.page_slot), not in the build's turn (~12 ms).
ZONES = zone_names()


class ReferencePage(QWidget):
    """One tab per list, each built the first time it is shown. The line above the tabs says who the desk acts
    as and what that role may change on the team server (the server decides; the desk only says). GUI thread."""

    data_shown = Signal()  # the shown section's rows are on screen

    def __init__(self, ctx: UiContext, window=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._window = window
        self.sections: dict[str, RecordSection] = {}
        # The ticket form's pickers read the reference data the window holds: reload it once after a burst of
        # edits here (a new service, a retired category, a member added), so the next ticket offers them.
        self._reload = QTimer(self, singleShot=True, interval=300)
        self._reload.timeout.connect(self._on_reload_timeout)
        self.acting = QLabel(self)
        self.acting.setObjectName("ActingAs")
        self.acting.setTextFormat(Qt.TextFormat.PlainText)
        self.acting.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        titles = {"services": self.tr("Services"), "groups": self.tr("Groups"),
                  "categories": self.tr("Categories"), "sites": self.tr("Sites")}
        self._holders: dict[str, QVBoxLayout] = {}
        for key in SECTIONS:
            holder = QWidget(self.tabs)
            holder.setObjectName(key)
            self._holders[key] = QVBoxLayout(holder)
            self._holders[key].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, titles[key])
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.acting)
        layout.addWidget(self.tabs, 1)
        self._show_acting()
        # A sign-in (or a pull) replaces the window's reference data: who the desk acts as may have changed.
        self._acting_refresher = StaleRefresher(self, ctx.events, (REFERENCE,), self._show_acting)
        self._on_tab_changed(0)

    def _show_acting(self) -> None:
        ref = self._ctx.reference
        server = self._ctx.settings.get("server_url")
        name = ref.me_name or self.tr("this desk's user")
        if server and ref.me_role:
            may = {"admin": self.tr("you may change every list, groups and their members included."),
                   "manager": self.tr("you may change services, categories and sites; groups and members are an "
                                      "administrator's.")}.get(ref.me_role, self.tr(
                                          "you may add sites; services, categories and sites are changed by "
                                          "managers, groups and members by administrators. Changes you make "
                                          "here are sent, and the server may refuse them."))
            self.acting.setText(self.tr("Acting as {0} ({1}) on {2}: {3}").format(name, ref.me_role, server, may))
        elif server:
            self.acting.setText(self.tr("Acting as {0}; sign in to the team server to share these lists. The server "
                                        "decides who may change them.").format(name))
        else:
            self.acting.setText(self.tr("Acting as {0} on a desk of its own: every list is yours to change.")
                                .format(name))

    def section(self, key: str) -> RecordSection:
        """The section of `key`, built now if it was not yet."""
        if key not in self.sections:
            holder = self._holders[key]
            kind = {"services": ServicesSection, "groups": GroupsSection, "categories": CategoriesSection,
                    "sites": SitesSection}[key]
            section = kind(self._ctx, holder.parentWidget())
            section.data_shown.connect(self._on_section_data_shown)
            section.saved.connect(lambda _id: self._reload.start())
            holder.addWidget(section)
            self.sections[key] = section
        return self.sections[key]

    def _on_reload_timeout(self) -> None:
        if self._window is not None and hasattr(self._window, "load_reference"):
            self._window.load_reference()

    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(SECTIONS):
            self.section(SECTIONS[index])

    def _on_section_data_shown(self) -> None:
        if self.sender() is self.sections.get(SECTIONS[self.tabs.currentIndex()]):
            QTimer.singleShot(0, self, self.data_shown.emit)

    def activate(self, arg: str) -> None:
        """Show a section: "services", "groups", "categories" or "sites"."""
        if arg in SECTIONS:
            self.tabs.setCurrentIndex(SECTIONS.index(arg))
            section = self.section(arg)
            if section._loaded_once:
                QTimer.singleShot(0, self, self.data_shown.emit)
