"""The queue's Qt model: an ordered id array plus a page cache; `data()` answers from memory only."""
# Loading is two-step so the first page paints fast on a million rows: (1) count + first page of ids and
# rows, (2) the full id array in the background. Missing rows are requested in batches through the task
# runner and arrive by signal; until then the row shows a placeholder.

from __future__ import annotations

from array import array
from collections import OrderedDict
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.sla.tracking import live_state
from app.tickets import queue as queue_service
from app.tickets.records import QueueRow
from app.ui.context import UiContext
from app.ui.queue.columns import Column, all_columns
from app.ui.theme import is_dark
from app.ui.widgets.colours import priority_text
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.sla_text import display_state, state_colour, state_text, time_left_text
from app.ui.widgets.time_text import local_time_text
from core.tickets.priority import PRIORITY_LABELS
from core.tickets.workflow import TYPE_LABELS

FIRST_PAGE = 200
PAGE = 100
CACHE_ROWS = 20_000
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()  # the invalid index: a table's rows hang off it
SLA_TICK_MS = 60_000  # time left and SLA state move with the clock: repaint them once a minute
SLA_KEYS = ("sla", "sla_left")


class TicketTableModel(QAbstractTableModel):
    """Rows of the current query. Owned by the GUI thread; all SQL runs in runner tasks."""

    query_loaded = Signal(int)  # exact count, after the first page arrived
    ids_loaded = Signal()  # the full id array is known
    rows_loaded = Signal()  # some missing rows arrived

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.columns: tuple[Column, ...] = all_columns()
        self.flt = queue_service.QueueFilter()
        self.sort_spec = queue_service.QueueSort()
        self._count = 0
        self._ids = array("q")
        self._ids_complete = True
        self._rows: OrderedDict[int, QueueRow] = OrderedDict()
        # After a refresh the previous rows are shown until fresh ones arrive, so nothing flashes.
        self._stale: dict[int, QueueRow] = {}
        self._wanted: set[int] = set()
        self._in_flight: set[int] = set()
        self._generation = 0
        self.keeps_place = False  # True while a reset is a refresh of the same query
        self._fetch_timer = QTimer(self, singleShot=True, interval=0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)
        self._bold = QFont()
        self._bold.setBold(True)
        self.now = datetime.now(UTC)
        self._sla_timer = QTimer(self, interval=SLA_TICK_MS)
        self._sla_timer.timeout.connect(self.tick)
        self._sla_timer.start()

    # ---- queries -------------------------------------------------------------------------------
    @property
    def _query_key(self) -> tuple:
        """One key for this model's id reads: each supersedes the one before."""
        return ("queue-ids", id(self))

    def set_query(self, flt: queue_service.QueueFilter, sort: queue_service.QueueSort) -> None:
        """Show a new filter/sort: first page first, then the full id list."""
        self.flt, self.sort_spec = flt, sort
        self._generation += 1
        gen = self._generation
        # One slot: a newer filter interrupts the older one's reads (a count over a million rows included).
        self.ctx.runner.query(queue_service.first_page, flt=flt, sort=sort, me=self.ctx.me, has_fts=self.ctx.has_fts,
                              limit=FIRST_PAGE, slot=self._query_key,
                              on_done=lambda page: self._on_first_page(gen, page), owner=self,
                              label="queue first page")

    def refresh(self) -> None:
        """Re-run the current query after data changed, as one reset (the view restores its place)."""
        self._generation += 1
        gen = self._generation
        self.ctx.runner.query(queue_service.ticket_ids, flt=self.flt, sort=self.sort_spec, me=self.ctx.me,
                              has_fts=self.ctx.has_fts, slot=self._query_key,
                              on_done=lambda ids: self._on_refreshed(gen, ids), owner=self, label="queue refresh")

    def _on_first_page(self, gen: int, page: queue_service.FirstPage) -> None:
        if gen != self._generation:
            return
        count, ids, rows = page.count, page.ids, page.rows
        self.keeps_place = False
        self.beginResetModel()
        self._count = count
        self._ids = ids
        self._ids_complete = len(ids) >= count
        self._rows = OrderedDict(rows)
        self._stale = {}
        self._wanted.clear()
        self._in_flight.clear()
        self.endResetModel()
        self.query_loaded.emit(count)
        if self._ids_complete:
            self.ids_loaded.emit()
            return
        flt, sort, me, has_fts = self.flt, self.sort_spec, self.ctx.me, self.ctx.has_fts
        self.ctx.runner.query(queue_service.ticket_ids, flt=flt, sort=sort, me=me, has_fts=has_fts,
                              slot=self._query_key, on_done=lambda all_ids: self._on_all_ids(gen, all_ids),
                              owner=self, label="queue ids")

    def _on_all_ids(self, gen: int, ids: array) -> None:
        if gen != self._generation:
            return
        if len(ids) != self._count:
            # The data moved between the two reads; show the newer truth.
            self._on_refreshed(gen, ids)
            return
        self._ids = ids
        self._ids_complete = True
        if self._count > FIRST_PAGE:
            self.dataChanged.emit(self.index(FIRST_PAGE, 0), self.index(self._count - 1, len(self.columns) - 1))
        self.ids_loaded.emit()

    def _on_refreshed(self, gen: int, ids: array) -> None:
        if gen != self._generation:
            return
        self.keeps_place = True
        self.beginResetModel()
        self._count = len(ids)
        self._ids = ids
        self._ids_complete = True
        self._wanted.clear()
        self._in_flight.clear()
        self._stale = dict(self._rows)  # values may have changed: shown until re-read
        self._rows = OrderedDict()
        self.endResetModel()
        self.query_loaded.emit(self._count)
        self.ids_loaded.emit()

    def _fetch_wanted(self) -> None:
        wanted = [r for r in self._wanted if r not in self._in_flight]
        self._wanted.clear()
        if not wanted:
            return
        self._in_flight.update(wanted)
        gen = self._generation
        self.ctx.runner.query(queue_service.queue_rows, row_ids=wanted,
                              on_done=lambda rows: self._on_rows(gen, rows, wanted), owner=self, label="queue page")

    def _on_rows(self, gen: int, rows: dict[int, QueueRow], asked: list[int] | None = None) -> None:
        if asked:
            self._in_flight.difference_update(asked)
        if gen != self._generation:
            return
        self._rows.update(rows)
        for rid in rows:
            self._stale.pop(rid, None)
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)
        positions = self.positions_of(rows.keys())
        if positions:
            self.dataChanged.emit(self.index(min(positions), 0),
                                  self.index(max(positions), len(self.columns) - 1))
        self.rows_loaded.emit()

    def tick(self, now: datetime | None = None) -> None:
        """Move the SLA columns to `now` (default: the current time) from the rows in memory: due times are
        fixed while a clock runs, so nothing is read again."""
        self.now = now or datetime.now(UTC)
        if not self._count:
            return
        for c, column in enumerate(self.columns):
            if column.key in SLA_KEYS:
                self.dataChanged.emit(self.index(0, c), self.index(self._count - 1, c),
                                      [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def sla_display(self, row: QueueRow) -> str:
        state, warning = live_state(row.sla_state, row.sla_due_at, row.sla_warn_at, row.sla_warning, self.now)
        return display_state(state, warning)

    # ---- lookups -------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    def row_id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_at(self, row: int) -> QueueRow | None:
        rid = self.row_id_at(row)
        return self._rows.get(rid) if rid is not None else None

    def positions_of(self, row_ids) -> list[int]:
        """Display positions of these row ids among the loaded ids (linear in the id array)."""
        wanted = set(row_ids)
        if not wanted:
            return []
        if len(wanted) == 1:
            rid = next(iter(wanted))
            try:
                return [self._ids.index(rid)]
            except ValueError:
                return []
        return [i for i, rid in enumerate(self._ids) if rid in wanted]

    def _want(self, row: int) -> None:
        rid = self._ids[row]
        if rid in self._wanted or rid in self._in_flight:
            return  # data() asks once per role and column; the page is already on its way
        start = (row // PAGE) * PAGE
        for r in range(start, min(start + PAGE, len(self._ids))):
            rid = self._ids[r]
            if rid not in self._rows:
                self._wanted.add(rid)
        if self._wanted and not self._fetch_timer.isActive():
            self._fetch_timer.start()

    # ---- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.columns[section].header
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.row_at(index.row())
        if row is None:
            rid = self.row_id_at(index.row())
            if rid is not None:
                self._want(index.row())
                row = self._stale.get(rid)
            if row is None:
                if role == Qt.ItemDataRole.DisplayRole:
                    return "…" if index.column() == 0 else ""
                return None
        key = self.columns[index.column()].key
        if key in SLA_KEYS:
            return self._sla_data(row, key, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(row, key)
        if row.refused and key == "number":
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("The server refused work of this ticket. It is kept here as you made it: open "
                               "the ticket to send it again or discard it.")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(state_colour("breached", is_dark())))
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return plain_tooltip(row.title)
        if role == Qt.ItemDataRole.ForegroundRole and key == "priority":
            return QBrush(QColor(priority_text(row.priority, is_dark())))
        if role == Qt.ItemDataRole.FontRole and key == "priority" and row.priority <= 2:
            return self._bold
        if role == ROW_ID_ROLE:
            return row.row_id
        if role == TICKET_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return display_value(row, key)
        return None

    def _sla_data(self, row: QueueRow, key: str, role):
        display = self.sla_display(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return state_text(display) if key == "sla" else time_left_text(display, row.sla_due_at, self.now)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(state_colour(display, is_dark())))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "sla_left":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.sla_due_at is not None and display != "paused":
            return self.tr("Due {0}").format(local_time_text(row.sla_due_at))
        if role == ROW_ID_ROLE:
            return row.row_id
        if role == TICKET_ID_ROLE:
            return row.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        sort = queue_service.QueueSort(key, order == Qt.SortOrder.DescendingOrder)
        if sort != self.sort_spec:
            self.set_query(self.flt, sort)


def display_value(row: QueueRow, key: str) -> str:
    if key == "number" and row.refused:
        return QCoreApplication.translate("QueueTableModel", "{0} · refused").format(row.number)
    if key == "priority":
        return PRIORITY_LABELS.get(row.priority, str(row.priority))
    if key == "state":
        return row.state_label
    if key == "type":
        return TYPE_LABELS.get(row.type, row.type)
    if key in ("created_at", "updated_at"):
        return local_time_text(getattr(row, key))
    if key == "channel":
        return row.channel.replace("_", " ").capitalize()
    return str(getattr(row, key) or "")
