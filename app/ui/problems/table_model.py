"""The rows of one problem view (at most app.problems.queries.LIST_LIMIT), display text made on load."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.problems.records import ProblemRow
from app.ui.labels import label_text
from app.ui.widgets.prepared_rows import LooksFromData
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.time_text import local_time_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
# (key, header); the Linked column counts incidents (problems) or child incidents (majors).
# The headers are translated by headerData (self.tr: the class's context); the markers let lupdate collect them.
COLUMNS = (("number", QT_TRANSLATE_NOOP("ProblemTableModel", "Number")),
           ("title", QT_TRANSLATE_NOOP("ProblemTableModel", "Title")),
           ("state", QT_TRANSLATE_NOOP("ProblemTableModel", "State")),
           ("priority", QT_TRANSLATE_NOOP("ProblemTableModel", "Priority")),
           ("service", QT_TRANSLATE_NOOP("ProblemTableModel", "Service")),
           ("ci", QT_TRANSLATE_NOOP("ProblemTableModel", "CIs")),
           ("linked", QT_TRANSLATE_NOOP("ProblemTableModel", "Incidents")),
           ("since", QT_TRANSLATE_NOOP("ProblemTableModel", "Known error since")))


class ProblemTableModel(LooksFromData, QAbstractTableModel):
    """`set_rows` replaces the rows (a reset; the list is bounded); `data()` answers from strings made
    then. GUI thread only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ProblemRow, ...] = ()
        self._cells: list[tuple[str, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: tuple[ProblemRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._cells = [(r.number, one_line(r.title), label_text(r.state_label), f"P{r.priority}", r.service, r.ci,
                        self.tr("{0} ({1} open)").format(r.linked, r.open_linked) if r.linked else "0",
                        local_time_text(r.known_error_at) if r.known_error_at else "") for r in rows]
        self.endResetModel()

    def row_at(self, row: int) -> ProblemRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, ticket_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == ticket_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if COLUMNS[index.column()][0] == "title" and row.workaround:
                return self.tr("Workaround: {0}").format(one_line(row.workaround, 300))
            return self._cells[index.row()][index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.FontRole and row.priority <= 2 and row.is_open:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_open:
            return QColor("#6b7280")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return self.tr(str(COLUMNS[section][1]))
        return None
