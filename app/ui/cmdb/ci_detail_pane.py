"""A CI's record beside the list: header, and tabs for its attributes, relations (both ways), timeline,
impact and relation map."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cmdb.records import CiDetail
from app.sync.ci_refusal import ci_refusal
from app.ui.cmdb.impact_view import CiImpactView
from app.ui.cmdb.map_panel import RelationMapPanel
from app.ui.cmdb.map_style import class_text, criticality_colour, criticality_label, status_label
from app.ui.context import UiContext
from app.ui.widgets.refusal_banner import RefusalBanner
from app.ui.widgets.safe_text import one_line, plain_tooltip
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.time_text import local_time_text
from core.changes.workflow import change_state_label
from core.tickets.workflow import state_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ATTRIBUTES, RELATIONS, TIMELINE, IMPACT, MAP = range(5)


class CiDetailPane(QWidget):
    """Shows one CiDetail (`set_detail`); the Impact and Map tabs read their own data when first shown for a CI.
    Double-click on a relation asks for the other CI (`ci_requested`); on a timeline entry, opens the ticket
    or change. GUI thread only."""

    ci_requested = Signal(str)
    edit_requested = Signal()
    retire_requested = Signal()
    add_relation_requested = Signal()
    remove_relation_requested = Signal(str)  # relation id
    failed = Signal(str)  # a message for the page's error line (settling refused work failed)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.detail: CiDetail | None = None
        self._loaded_tabs: set[int] = set()  # Impact and Map read for the current CI
        # The record whose timeline the Timeline tab holds: filled when that tab is shown (a CI's timeline holds up to
        # 200 entries, ~10 ms of the GUI thread with the rest of the record and its paint).
        self._timeline_of: CiDetail | None = None
        self._map_for: str | None = None  # the CI whose record the map was first drawn for
        self.heading = QLabel(self)
        self.heading.setObjectName("CiHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.clicked.connect(self.edit_requested)
        self.retire_button = QPushButton(self.tr("Re&tire…"), self)
        self.retire_button.setToolTip(self.tr("Mark the CI retired: it stays on record with its history"))
        self.retire_button.clicked.connect(self.retire_requested)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.retire_button, 0, Qt.AlignmentFlag.AlignTop)

        self.attributes = self._tree("CiAttributes", [self.tr("Field"), self.tr("Value")], (170,))
        self.relations = self._tree("CiRelations", [self.tr("Relation"), self.tr("CI"), self.tr("Class"),
                                                    self.tr("Status"), self.tr("Open incidents")], (130, 200, 130, 100))
        self.relations.itemActivated.connect(self._on_relation_activated)
        self.relations.currentItemChanged.connect(self._update_buttons)
        self.add_relation_button = QPushButton(self.tr("&Add relation…"), self)
        self.add_relation_button.clicked.connect(self.add_relation_requested)
        self.remove_relation_button = QPushButton(self.tr("&Remove relation"), self)
        self.remove_relation_button.clicked.connect(self._on_remove_relation_clicked)
        relations_page = QWidget(self)
        column = QVBoxLayout(relations_page)
        column.addWidget(self.relations, 1)
        row = QHBoxLayout()
        hint = QLabel(self.tr("Double-click a relation to open the CI at its other end."), self)
        hint.setEnabled(False)
        row.addWidget(hint, 1)
        row.addWidget(self.add_relation_button)
        row.addWidget(self.remove_relation_button)
        column.addLayout(row)
        self.timeline = self._tree("CiTimeline", [self.tr("When"), self.tr("Kind"), self.tr("Number"),
                                                  self.tr("Title"), self.tr("State")], (130, 110, 90, 260))
        self.timeline.itemActivated.connect(self._on_timeline_activated)
        self.impact = CiImpactView(ctx, self)
        self.impact.ci_requested.connect(self.ci_requested)
        self.map = RelationMapPanel(ctx, self)
        self.map.open_requested.connect(self.ci_requested)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("CiTabs")
        for page in (self.attributes, relations_page, self.timeline, self.impact, self.map):
            self.tabs.addTab(page, "")
        self._set_tab_texts(None)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        self.refusal_banner = RefusalBanner(ctx.runner, "ci", number=lambda: self.detail.ci.name if self.detail else "",
                                            can_settle=lambda: True, parent=self)
        self.refusal_banner.setObjectName("CiRefusalBanner")
        self.refusal_banner.failed.connect(self.failed)
        self.refusal_banner.hide()
        layout.addWidget(self.refusal_banner)
        layout.addWidget(self.tabs, 1)
        self._stale_refusal = StaleRefresher(self, ctx.events, ("conflict",), self._check_refusal)
        self.set_detail(None)

    def _tree(self, name: str, headers: list[str], widths: tuple[int, ...]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(headers)
        for column, width in enumerate(widths):
            tree.setColumnWidth(column, width)
        return tree

    def _set_tab_texts(self, d: CiDetail | None) -> None:
        relations = self.tr("&Relations ({0})").format(len(d.relations)) if d else self.tr("&Relations")
        opened = sum(1 for e in d.timeline if e.is_open) if d else 0
        timeline = self.tr("T&imeline ({0} open)").format(opened) if opened else self.tr("T&imeline")
        for index, text in enumerate((self.tr("Attri&butes"), relations, timeline, self.tr("Im&pact"),
                                      self.tr("&Map"))):
            self.tabs.setTabText(index, text)

    # ----- showing

    @property
    def ci_id(self) -> str | None:
        return self.detail.ci.id if self.detail else None

    def set_detail(self, d: CiDetail | None) -> None:
        """Show `d` (None: nothing chosen). A new CI drops what the Impact and Map tabs read; the same CI again
        (a refresh) reads the visible one again and the other when it is next shown."""
        same = d is not None and d.ci.id == self.ci_id
        if same:
            self._loaded_tabs.intersection_update({self.tabs.currentIndex()})
        else:
            self._loaded_tabs = set()
            self.impact.clear()
        self.detail = d
        for widget in (self.edit_button, self.retire_button, self.add_relation_button):
            widget.setEnabled(d is not None)
        self._set_tab_texts(d)
        self._check_refusal()
        if d is None:
            self.heading.setText(self.tr("No CI selected"))
            self.subtitle.setText(self.tr("Choose a CI in the list, or add one with New CI."))
            for tree in (self.attributes, self.relations, self.timeline):
                tree.clear()
            self._update_buttons()
            return
        ci = d.ci
        self.heading.setText(ci.name)
        parts = [class_text(ci.ci_class, ci.class_label), status_label(ci.status),
                 self.tr("criticality {0}").format(criticality_label(ci.criticality))]
        if ci.service_name:
            parts.append(self.tr("service {0}").format(ci.service_name))
        if ci.open_incidents:
            parts.append(self.tr("%n open incident(s)", "", ci.open_incidents))
        self.subtitle.setText(" · ".join(parts))
        self.retire_button.setEnabled(ci.status != "retired")
        self._fill_attributes(d)
        self._fill_relations(d)
        self._timeline_of = None
        if self.tabs.currentIndex() == TIMELINE:
            self._fill_timeline(d)
        else:
            self.timeline.clear()
        self._update_buttons()
        if self.tabs.currentIndex() in (IMPACT, MAP):
            self._load_tab(self.tabs.currentIndex(), again=same)

    def _check_refusal(self) -> None:
        """Read whether the server refused work of the shown CI (or its relations); the banner says so."""
        ci_id = self.ci_id
        if ci_id is None:
            self.refusal_banner.show_refusal(None)
            return
        self._ctx.runner.query(ci_refusal, ci_id=ci_id, slot=("ci-refusal", id(self)),
                               on_done=lambda r: self.refusal_banner.show_refusal(r if ci_id == self.ci_id else None),
                               owner=self, label="CI refusal")

    def _fill_attributes(self, d: CiDetail) -> None:
        ci = d.ci
        rows = [(self.tr("Name"), ci.name), (self.tr("Class"), ci.class_label or ci.ci_class),
                (self.tr("Status"), status_label(ci.status)),
                (self.tr("Criticality"), criticality_label(ci.criticality)),
                (self.tr("Business service"), ci.service_name or ""), (self.tr("Support group"),
                                                                        ci.support_group_name or ""),
                (self.tr("Owner"), d.owner_name or ""), (self.tr("Site"), ci.site or ""),
                (self.tr("Serial number"), d.serial or ""), (self.tr("Asset tag"), d.asset_tag or ""),
                *d.attributes, (self.tr("Description"), d.description),
                (self.tr("Last changed"), local_time_text(d.updated_at))]
        self.attributes.clear()
        muted = self.palette().placeholderText()
        for label, value in rows:
            item = QTreeWidgetItem([label, one_line(value, 300) if value else self.tr("—")])
            item.setToolTip(1, plain_tooltip(value))
            if not value:
                item.setForeground(1, muted)
            self.attributes.addTopLevelItem(item)

    def _fill_relations(self, d: CiDetail) -> None:
        keep = self._current_relation()
        self.relations.clear()
        for r in sorted(d.relations, key=lambda r: (not r.outgoing, r.label, r.other.name.lower())):
            other = r.other
            item = QTreeWidgetItem([r.label, other.name, class_text(other.ci_class, other.class_label),
                                    status_label(other.status),
                                    str(other.open_incidents) if other.open_incidents else ""])
            item.setData(0, ID_ROLE, r.relation_id)
            item.setData(1, ID_ROLE, other.id)
            item.setForeground(2, QColor(criticality_colour(other.criticality)))
            item.setToolTip(2, self.tr("Criticality {0}").format(criticality_label(other.criticality)))
            self.relations.addTopLevelItem(item)
            if r.relation_id == keep:
                self.relations.setCurrentItem(item)

    def _fill_timeline(self, d: CiDetail) -> None:
        self._timeline_of = d
        kinds = {"incident": self.tr("Incident"), "service_request": self.tr("Request"),
                 "problem": self.tr("Problem"), "change": self.tr("Change")}
        bold = QFont(self.timeline.font())
        bold.setBold(True)
        self.timeline.clear()
        items = []
        for e in d.timeline:
            state = change_state_label(e.state) if e.kind == "change" else state_label(e.kind, e.state)
            item = QTreeWidgetItem([local_time_text(e.at), kinds.get(e.kind, e.kind), e.number, one_line(e.title),
                                    state])
            item.setData(0, ID_ROLE, e.id)
            item.setData(0, KIND_ROLE, e.kind)
            item.setToolTip(3, plain_tooltip(e.title))
            if e.is_open:
                for column in range(5):
                    item.setFont(column, bold)
            items.append(item)
        self.timeline.addTopLevelItems(items)  # one insertion for the view, not one per entry
        if not d.timeline:
            item = QTreeWidgetItem(["", "", "", self.tr("No incidents, problems or changes on this CI yet."), ""])
            item.setForeground(3, self.palette().placeholderText())
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.timeline.addTopLevelItem(item)

    def preselect_tab(self, index: int) -> None:
        """Make `index` current without reading anything: the record about to be shown (set_detail) reads it."""
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        self._loaded_tabs.discard(index)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._load_tab(index)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._load_tab(index)

    def _load_tab(self, index: int, again: bool = False) -> None:
        if index == TIMELINE and self.detail is not None and self._timeline_of is not self.detail:
            self._fill_timeline(self.detail)
            return
        ci_id = self.ci_id
        if ci_id is None or index not in (IMPACT, MAP) or (index in self._loaded_tabs and not again):
            return
        self._loaded_tabs.add(index)
        if index == IMPACT:
            self.impact.show_ci(ci_id)
        elif self._map_for != ci_id or self.map.centre_id is None:
            self._map_for = ci_id
            self.map.show_ci(ci_id)
        else:  # the same CI's map, perhaps recentred and expanded by the user: kept as it is, read again
            self.map.refresh()

    # ----- acting

    def _current_relation(self) -> str | None:
        item = self.relations.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _update_buttons(self, *_args) -> None:
        self.remove_relation_button.setEnabled(self._current_relation() is not None)

    def _on_remove_relation_clicked(self) -> None:
        relation_id = self._current_relation()
        if relation_id:
            self.remove_relation_requested.emit(relation_id)

    def _on_relation_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        other = item.data(1, ID_ROLE)
        if other:
            self.ci_requested.emit(other)

    def _on_timeline_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        ident, kind = item.data(0, ID_ROLE), item.data(0, KIND_ROLE)
        if not ident:
            return
        if kind == "change":
            self._ctx.events.open_change_requested.emit(ident)
        else:
            self._ctx.events.open_ticket_requested.emit(ident)
