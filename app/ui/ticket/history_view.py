"""The history tab: the ticket's audit trail in words (when, who, what, from what to what)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from app.people.reference import ReferenceData
from app.tickets.records import TicketDetail
from app.ui.ticket.labels import field_label, value_text
from app.ui.widgets.record_list import RecordList
from app.ui.widgets.safe_text import one_line, plain_tooltip
from app.ui.widgets.time_text import local_time_text

# Events that are not a field edit: only the new value means something.
_EVENTS = {"created", "attachment", "link"}
# Bookkeeping that follows from another row (state sets is_open; priority sets its override flag).
_HIDDEN = {"is_open"}


class HistoryView(RecordList):
    """Newest first, as the service returns it. Values are shown as the user knows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        tr = lambda text: QCoreApplication.translate("HistoryView", text)  # noqa: E731 - before QObject init
        super().__init__([tr("When"), tr("Who"), tr("What"), tr("Change")], 3, tr("History"), parent)

    def set_detail(self, detail: TicketDetail, reference: ReferenceData) -> None:
        self.clear()
        items = []
        for event in detail.history:
            if event.field in _HIDDEN:
                continue
            new = value_text(reference, detail.type, event.field, event.new_value)
            if event.field in _EVENTS:
                change = new
            else:
                change = self.tr("{} → {}").format(value_text(reference, detail.type, event.field, event.old_value),
                                                   new)
            item = QTreeWidgetItem([local_time_text(event.at), one_line(event.actor), field_label(event.field),
                                    one_line(change, 300)])
            if event.field in ("description", "resolution_notes", "title"):
                item.setToolTip(3, plain_tooltip(event.new_value))
            items.append(item)
        self.addTopLevelItems(items)
        self.fit_columns()
