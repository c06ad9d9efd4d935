"""The links tab: related tickets (parent, duplicates, causing problem), adding one by number, removing the
selected one (button or Delete)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.tickets import ops as ticket_ops
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.labels import label_text
from app.ui.tasks import describe_error
from app.ui.ticket.labels import link_label
from app.ui.ticket.ticket_tasks import TicketTasks
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.record_list import RecordList
from app.ui.widgets.safe_text import one_line
from core.tickets.children import LINK_KINDS


class LinksView(QWidget):
    """Double-clicking (or Enter on) a row asks the app to open the linked ticket."""

    link_added = Signal(str)  # the other ticket's id
    link_removed = Signal(str)  # the other ticket's id

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id = ticket_id
        self._tasks = TicketTasks(self)
        self.list = RecordList([self.tr("Relation"), self.tr("Ticket"), self.tr("Title"), self.tr("State")], 2,
                               self.tr("Linked tickets"), self)
        self.kind = ChoiceCombo(None, self)
        self.kind.set_choices((key, label_text(label)) for key, label in LINK_KINDS.items())
        self.kind.setAccessibleName(self.tr("Link type"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Ticket number, e.g. INC0001234"))
        self.number.setAccessibleName(self.tr("Ticket number to link"))
        self.number.setMaxLength(20)
        self.add_button = QPushButton(self.tr("Add &link"), self)
        self.remove_button = QPushButton(self.tr("&Remove link"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected link (Delete); the other ticket stays"))
        self.error = InlineError(self)
        this = QLabel(self.tr("This ticket is"), self)
        this.setBuddy(self.kind)
        row = QHBoxLayout()
        row.addWidget(this)
        row.addWidget(self.kind)
        row.addWidget(self.number, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        below = QHBoxLayout()
        below.addStretch(1)
        below.addWidget(self.remove_button)
        layout.addLayout(below)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._on_selection_changed)
        self.add_button.clicked.connect(self.add_link)
        self.number.returnPressed.connect(self.add_link)
        self.number.textChanged.connect(self._on_number_changed)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self._on_number_changed()
        self._on_selection_changed()

    def set_ticket(self, ticket_id: str) -> None:
        """Make this view (reused) one of `ticket_id`: no link, typed number or error of the last one stays."""
        self._tasks.renew()
        self._ticket_id = ticket_id
        self.list.clear()
        self.number.clear()
        self.kind.setCurrentIndex(0)
        self.error.clear_message()
        self._on_number_changed()

    def set_detail(self, detail: TicketDetail) -> None:
        self.list.clear()
        for link in detail.links:
            item = QTreeWidgetItem([link_label(link.kind, link.direction), link.other_number,
                                    one_line(link.other_title, 200), label_text(link.other_state)])
            item.setData(0, Qt.ItemDataRole.UserRole, link.other_id)
            item.setData(1, Qt.ItemDataRole.UserRole, link.id)
            item.setToolTip(1, self.tr("Double-click to open {}").format(link.other_number))
            self.list.addTopLevelItem(item)
        self.list.fit_columns()
        self._on_selection_changed()

    def add_link(self) -> None:
        number = self.number.text().strip().upper()
        if not number or not self.add_button.isEnabled():
            return
        self.error.clear_message()
        self.add_button.setEnabled(False)
        self._ctx.runner.op(ticket_ops.link, source_id=self._ticket_id, target_number=number,
                            kind=self.kind.current_id(), actor_id=self._ctx.me, on_done=self._on_link_done,
                            on_error=self._on_link_failed, owner=self._tasks.owner, label="add link")

    def _on_link_done(self, other_id: str) -> None:
        self.number.clear()
        self.link_added.emit(other_id)

    def _on_link_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))
        self._on_number_changed()
        self.number.setFocus()

    def remove_selected(self) -> None:
        """Remove the selected link; the change syncs as the link's delete (refused ones come back with the
        server's reason in the conflict inbox, and the link shows again after the next pull)."""
        item = self.list.currentItem()
        if item is None or not item.isSelected() or not self.remove_button.isEnabled():
            return
        self.error.clear_message()
        self.remove_button.setEnabled(False)
        other_id = item.data(0, Qt.ItemDataRole.UserRole)
        self._ctx.runner.op(ticket_ops.unlink, link_id=item.data(1, Qt.ItemDataRole.UserRole), actor_id=self._ctx.me,
                            on_done=lambda _none: self.link_removed.emit(other_id), on_error=self._on_remove_failed,
                            owner=self._tasks.owner, label="remove link")

    def _on_remove_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(item is not None and item.isSelected())

    def _on_number_changed(self, *_args) -> None:
        self.add_button.setEnabled(bool(self.number.text().strip()))

    def _on_list_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._ctx.events.open_ticket_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
