"""A tree of impact results in sections (services, incidents, changes, CIs, people), shared by the CMDB page's
Impact tab and the change editor's impact preview; double-click opens what a row names."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.cmdb.records import ChangeRef, CiRow, TicketRef
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.colours import priority_text
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import one_line, plain_tooltip
from app.ui.widgets.time_text import local_time_text
from core.changes.workflow import change_state_label
from core.tickets.workflow import state_label

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "ci" | "ticket" | "change" | "person" | "section"
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # the section key on a section's item


class ImpactTree(QTreeWidget):
    """Four columns (what, title or class, state, when); section rows are bold with their count. GUI thread."""

    ci_activated = Signal(str)
    ticket_activated = Signal(str)
    change_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Item"), self.tr("Title or class"), self.tr("State"), self.tr("When")])
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 220)
        self.setColumnWidth(2, 120)
        self.setColumnWidth(3, 130)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.sections: dict[str, QTreeWidgetItem] = {}
        self.itemActivated.connect(self._on_item_activated)

    def clear_sections(self) -> None:
        self.clear()
        self.sections = {}

    def add_section(self, key: str, title: str, count: int, empty: str, *, expanded: bool = True,
                    more: bool = False) -> QTreeWidgetItem:
        """A section row "title (count)"; with no rows it says `empty`, greyed. `more`: the list was cut."""
        text = self.tr("{0} ({1})").format(title, str(count) + ("+" if more else ""))
        if not count:
            text = self.tr("{0}: {1}").format(text, empty)
        item = QTreeWidgetItem([text, "", "", ""])
        item.setData(0, KIND_ROLE, "section")
        item.setData(0, SECTION_ROLE, key)
        item.setFont(0, self._bold)
        if not count:
            item.setForeground(0, self.palette().placeholderText())
        self.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)  # a heading across the row: long titles are not cut
        item.setExpanded(expanded)
        self.sections[key] = item
        return item

    def add_cis(self, section: QTreeWidgetItem, rows: Iterable[CiRow]) -> None:
        for r in rows:
            kind = r.class_label or r.ci_class.replace("_", " ").capitalize()
            item = self._child(section, "ci", r.id, [r.name, kind, r.status.replace("_", " ").capitalize(), ""])
            if r.open_incidents:
                item.setText(3, self.tr("%n open incident(s)", "", r.open_incidents))
                item.setForeground(3, QColor(priority_text(1, is_dark())))

    def add_tickets(self, section: QTreeWidgetItem, refs: Iterable[TicketRef], *, show_due: bool = False) -> None:
        for t in refs:
            where = self.tr("on {0}").format(t.ci_name) if t.ci_name else ""
            when = local_time_text(t.sla_due) if show_due and t.sla_due else where
            item = self._child(section, "ticket", t.id, [t.number, one_line(t.title), state_label(t.type, t.state),
                                                         when])
            item.setForeground(0, QColor(priority_text(t.priority, is_dark())))
            item.setToolTip(1, plain_tooltip(t.title))
            if show_due and t.sla_due:
                item.setToolTip(3, self.tr("SLA due {0}, {1}").format(local_time_text(t.sla_due), where))

    def add_changes(self, section: QTreeWidgetItem, refs: Iterable[ChangeRef]) -> None:
        for c in refs:
            window = self.tr("{0} – {1}").format(local_time_text(c.start), local_time_text(c.end)) \
                if c.start and c.end else ""
            item = self._child(section, "change", c.id, [c.number, one_line(c.title), change_state_label(c.state),
                                                         window])
            item.setToolTip(1, plain_tooltip(c.title))
            item.setToolTip(3, window)

    def add_people(self, section: QTreeWidgetItem, people: Iterable[tuple[str, str]]) -> None:
        for person_id, name in people:
            self._child(section, "person", person_id, [name, "", "", ""])

    def _child(self, section: QTreeWidgetItem, kind: str, ident: str, texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(section, texts)
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, ident)
        return item

    def rows_of(self, key: str) -> list[str]:
        """The first column of a section's rows (tests and the status line read them)."""
        section = self.sections.get(key)
        if section is None:
            return []
        return [child.text(0) for i in range(section.childCount()) if (child := section.child(i)) is not None]

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, ident = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind == "ci":
            self.ci_activated.emit(ident)
        elif kind == "ticket":
            self.ticket_activated.emit(ident)
        elif kind == "change":
            self.change_activated.emit(ident)


class ImpactPane(QWidget):
    """A summary line over an ImpactTree and an error line: the frame of the CMDB's Impact tab and of the change
    editor's. Tickets and changes open through the app's events; what a CI row does is the owner's choice
    (`tree.ci_activated`). GUI thread only."""

    def __init__(self, ctx: UiContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.summary = QLabel(self)
        self.summary.setObjectName(name + "Summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = ImpactTree(self)
        self.tree.setObjectName(name + "Tree")
        self.tree.ticket_activated.connect(ctx.events.open_ticket_requested)
        self.tree.change_activated.connect(ctx.events.open_change_requested)
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.error)

    def _on_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))
