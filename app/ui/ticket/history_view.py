"""The history tab: the ticket's audit trail in words (when, who, what, from what to what), as a model view."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from app.people.reference import ReferenceData
from app.tickets.records import HistoryItem, TicketDetail
from app.ui.ticket.labels import field_label, value_text
from app.ui.widgets.safe_text import one_line, plain_tooltip
from app.ui.widgets.time_text import local_time_text

# Events that are not a field edit: only the new value means something.
_EVENTS = {"created", "attachment", "link"}
# Bookkeeping that follows from another row (state sets is_open; priority sets its override flag).
_HIDDEN = {"is_open"}
# Long text whose new value the Change column's tooltip shows whole.
_TEXTS = {"description", "resolution_notes", "title"}
_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole}


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryView", text)


class HistoryModel(QAbstractTableModel):
    """The events of one ticket; a row's words are made when it is first shown (a ticket may hold thousands)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [_t("When"), _t("Who"), _t("What"), _t("Change")]
        self._events: list[HistoryItem] = []
        self._texts: list[list[str] | None] = []
        self._history: tuple[HistoryItem, ...] | None = None
        self._reference: ReferenceData | None = None
        self._type = ""

    def set_history(self, detail: TicketDetail, reference: ReferenceData) -> None:
        if detail.history == self._history and reference is self._reference and detail.type == self._type:
            return  # a refresh that changed nothing here: selection and scroll position stay
        self.beginResetModel()
        self._history, self._reference, self._type = detail.history, reference, detail.type
        self._events = [e for e in detail.history if e.field not in _HIDDEN]
        self._texts = [None] * len(self._events)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._history, self._reference, self._type = None, None, ""
        self._events, self._texts = [], []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        if role != Qt.ItemDataRole.ToolTipRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            event = self._events[index.row()]
            return plain_tooltip(event.new_value) if event.field in _TEXTS else None
        return None

    def texts(self, row: int) -> list[str]:
        """The row's four columns in words."""
        texts = self._texts[row]
        if texts is None:
            event, reference = self._events[row], self._reference
            assert reference is not None
            new = value_text(reference, self._type, event.field, event.new_value)
            if event.field in _EVENTS:
                change = new
            else:
                change = _t("{} → {}").format(value_text(reference, self._type, event.field, event.old_value), new)
            texts = self._texts[row] = [local_time_text(event.at), one_line(event.actor), field_label(event.field),
                                        one_line(change, 300)]
        return texts


class HistoryView(QTreeView):
    """Newest first, as the service returns it. Values are shown as the user knows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(HistoryModel(self))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_t("History"))
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 3
                                        else QHeaderView.ResizeMode.Interactive)
        # Widths from the font, never from the rows (thousands of them): a time, a name, a field's label.
        metrics, pad = self.fontMetrics(), 3 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 12
        for column, sample in enumerate((local_time_text(datetime(2026, 12, 28, 22, 58)), "M" * 14,
                                         field_label("resolution_notes"))):
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + pad)

    def model(self) -> HistoryModel:
        model = super().model()
        assert isinstance(model, HistoryModel)
        return model

    def set_detail(self, detail: TicketDetail, reference: ReferenceData) -> None:
        self.model().set_history(detail, reference)

    def clear(self) -> None:
        self.model().clear()

    def row_texts(self) -> list[list[str]]:
        """Every row in words, top to bottom."""
        model = self.model()
        return [model.texts(row) for row in range(model.rowCount())]
