"""The CI list's Qt model: the ids of the current filter and sort, and their rows read a page at a time."""
# A desk may hold tens of thousands of CIs. The filter and the sort run in SQL (`list_ci_ids`); the rows the
# view asks for are read in pages of PAGE_SIZE (`ci_rows`) on the read pool; data() answers from memory only.

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import CiRow
from app.ui.cmdb.map_style import class_text, criticality_colour, criticality_label, status_label
from app.ui.context import UiContext
from app.ui.widgets.prepared_rows import LooksFromData

PAGE_SIZE = 200
# Rows read and kept by CI id: past this many, a new list drops those it no longer holds (a set of 50,000 ids was
# most of the 9-16 ms the first list's answer took on the GUI thread).
ROWS_KEPT = 20 * PAGE_SIZE
CI_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
# (key, the sort list_ci_ids knows for it, or None when the column does not sort)
COLUMNS = (("name", "name"), ("ci_class", "ci_class"), ("status", "status"), ("criticality", "criticality"),
           ("service", None), ("group", None), ("site", None), ("open_incidents", None))


@dataclass(frozen=True)
class CiFilter:
    text: str = ""
    ci_class: str | None = None
    status: str | None = None
    service_id: str | None = None


class CiTableModel(LooksFromData, QAbstractTableModel):
    """Rows of `flt` sorted by `sort`. A refresh keeps showing the rows read before until their new values
    arrive, so selection and scroll never jump. GUI thread only. Its flags are Qt's own (enabled, selectable): a
    Python flags() was a call per cell at each paint."""

    ids_loaded = Signal(int)  # how many CIs the filter selects, after every load
    load_failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.flt = CiFilter()
        self.sort_key, self.descending = "name", False
        self._ids: list[str] = []
        self._rows: dict[str, CiRow] = {}
        self._texts: dict[str, tuple[str, ...]] = {}
        self._fresh: set[int] = set()  # pages read since the last list of ids
        self._asked: set[int] = set()
        self._generation = 0

    # ----- loading

    def set_filter(self, flt: CiFilter) -> None:
        if flt != self.flt:
            self.flt = flt
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        gen, flt = self._generation, self.flt
        self._ctx.runner.query(cmdb_queries.list_ci_ids, text=flt.text, ci_class=flt.ci_class, status=flt.status,
                               service_id=flt.service_id, sort=self.sort_key, descending=self.descending,
                               slot=("ci-ids", id(self)), on_done=lambda ids: self._on_ids(gen, ids),
                               on_error=lambda exc: self.load_failed.emit(str(exc)), owner=self, label="CI list")

    def _on_ids(self, gen: int, ids: list[str]) -> None:
        if gen != self._generation:
            return
        self._fresh, self._asked = set(), set()
        if ids == self._ids:
            if ids:  # same rows: re-read the pages in view as data() asks, painting the old values meanwhile
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._ids = ids  # the read's own list, shared with nobody
            if len(self._rows) > ROWS_KEPT:  # below that, rows of CIs no longer listed cost nothing to keep
                keep = set(ids)
                self._rows = {k: v for k, v in self._rows.items() if k in keep}
                self._texts = {k: v for k, v in self._texts.items() if k in keep}
            self.endResetModel()
        self.ids_loaded.emit(len(ids))

    def _want(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        gen = self._generation
        ids = self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        self._ctx.runner.query(cmdb_queries.ci_rows, ids=ids, on_done=lambda rows: self._on_rows(gen, page, rows),
                               on_error=lambda exc: self.load_failed.emit(str(exc)), owner=self, label="CI rows")

    def _on_rows(self, gen: int, page: int, rows: list[CiRow]) -> None:
        if gen != self._generation:
            return
        self._fresh.add(page)
        for row in rows:
            self._rows[row.id] = row
            self._texts[row.id] = self._cells(row)
        first, last = page * PAGE_SIZE, min((page + 1) * PAGE_SIZE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _cells(self, r: CiRow) -> tuple[str, ...]:
        return (r.name, class_text(r.ci_class, r.class_label), status_label(r.status),
                criticality_label(r.criticality), r.service_name or "", r.support_group_name or "", r.site or "",
                str(r.open_incidents) if r.open_incidents else "")

    # ----- reading

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def ci_id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, ci_id: str | None) -> int:
        try:
            return self._ids.index(ci_id) if ci_id else -1
        except ValueError:
            return -1

    def row_values(self, ci_id: str) -> CiRow | None:
        return self._rows.get(ci_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt name
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Class"), self.tr("Status"), self.tr("Criticality"), self.tr("Service"),
                    self.tr("Support group"), self.tr("Site"), self.tr("Open incidents"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][1] is None:
            return self.tr("This column does not sort")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids) or not 0 <= index.column() < len(COLUMNS):
            return None
        ci_id = self._ids[index.row()]
        if role == CI_ID_ROLE:
            return ci_id
        page = index.row() // PAGE_SIZE
        if page not in self._fresh:
            self._want(page)
        texts = self._texts.get(ci_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if texts is None:
                return "…" if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole else None
            return texts[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and texts is not None:
            key = COLUMNS[index.column()][0]
            row = self._rows[ci_id]
            if key == "criticality":
                return QColor(criticality_colour(row.criticality))
            if key == "open_incidents" and row.open_incidents:
                return QColor(criticality_colour(1))
            if row.status == "retired":  # on record, out of service: muted
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][0] == "open_incidents":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.refresh()
