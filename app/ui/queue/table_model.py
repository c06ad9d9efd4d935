"""The queue's Qt model: an ordered id array plus a bounded page cache; `data()` answers from memory only."""
# Loading runs in steps so nothing waits for the heavy reads on a million rows: (1) the first page of ids
# and its rows, shown at once; (2) the exact count and the full id array, side by side on the read pool,
# the rows growing to the count when it arrives. Each read has a slot of its own, and a new query cancels
# every read of the one before (a running statement is interrupted), so the newest filter never queues.
# Missing rows are asked for by page; the newest scroll position wins. Display values are built once per
# row (RowDisplay) and answered through multiData: one Python call per painted cell, not one per role.

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from app.tickets import queue as queue_service
from app.tickets import title_places
from app.tickets.records import QueueRow
from app.ui.context import UiContext
from app.ui.queue.columns import Column, all_columns
from app.ui.queue.row_display import SLA_KEYS, DisplayBuilder, RowDisplay
from app.ui.task_pool import Task
from app.ui.theme import is_dark
from app.ui.widgets.prepared_rows import PreparedRows
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.time_text import local_time_text

# The first read covers a tall window's screen; the rest follows with the id list. A search walks the sort
# index until it has this many rows, so a smaller first page finds a common word's page twice as fast.
FIRST_PAGE = 100
PAGE = 100
TAIL = 200  # rows at the end read ahead of the full id list
# The reads that follow a first page (the exact count, the full id list; their refresh): on the runner's background
# thread, one after the other. The first page and the pages scrolled to are read on the others.
BACKGROUND_READS = frozenset({"count", "ids"})
CACHE_ROWS = 3_000  # rows kept in memory (a screen shows ~40): bounded whatever the store holds
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: a table's rows hang off it
SLA_TICK_MS = 60_000  # time left and SLA state move with the clock: repaint them once a minute
PLACEHOLDER = "…"
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ROW_ID, _TICKET_ID = int(ROW_ID_ROLE), int(TICKET_ID_ROLE)
_NEAR = 64  # a kept id is looked for this far around its old position before the whole array is searched


class TicketTableModel(PreparedRows, QAbstractTableModel):
    """Rows of the current query. Owned by the GUI thread; all SQL runs in runner queries."""

    first_page_loaded = Signal()  # the first page's rows are in (the count may still be coming)
    query_loaded = Signal(int)  # the exact count is known (after, or with, the first page)
    ids_loaded = Signal()  # the full id array is known
    rows_loaded = Signal()  # some missing rows arrived

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.columns: tuple[Column, ...] = all_columns()
        self.flt = queue_service.QueueFilter()
        self.sort_spec = queue_service.QueueSort()
        self._count = 0
        self._counted = True  # False while the exact count is on its way
        self._ids = array("q")
        self._ids_complete = True
        # The ids of the last rows, read in reverse order before the full list is in (Ctrl+End at once).
        self._tail = array("q")
        self._tail_asked = False
        self._rows: OrderedDict[int, QueueRow] = OrderedDict()
        self._shown: dict[int, RowDisplay] = {}
        # After a refresh the previous rows are shown until fresh ones arrive, so nothing flashes.
        self._stale: dict[int, QueueRow] = {}
        self._wanted: dict[int, int] = {}  # row id -> display position, to ask for at the next turn
        self._in_flight: dict[int, int] = {}  # what the one page read under way asked for
        self._tasks: list[Task] = []  # this generation's reads: a new query cancels them all
        self._generation = 0
        self._places_task: Task | None = None  # the titles' places asked for (app.tickets.title_places)
        self.keeps_place = False  # True while a reset is a refresh of the same query
        # Whether a view will paint the first page soon (set by the view that shows the model): then its count and
        # id list wait for that paint (page_painted), so their reads do not take the interpreter lock and a core from
        # the GUI thread while it lays the page out and paints it (a probe on the 1M store saw gaps of 13 ms holding
        # 7 ms of the GUI thread's work and 7 of theirs). Otherwise they start at once.
        self.will_paint: Callable[[], bool] = lambda: False
        self._after_paint: threading.Event | None = None
        self._fetch_timer = QTimer(self, singleShot=True, interval=0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)
        self.now = datetime.now(UTC)
        self._minute = 0
        self._display = DisplayBuilder(self.columns, is_dark())
        self._sla_timer = QTimer(self, interval=SLA_TICK_MS)
        self._sla_timer.timeout.connect(self.tick)
        self._sla_timer.start()

    # ---- queries -------------------------------------------------------------------------------
    def _slot(self, read: str) -> tuple:
        """One slot per kind of read: each supersedes the one before it."""
        return ("queue", read, id(self))

    def _read(self, fn, read: str, on_done, **kwargs) -> Task:
        task = self.ctx.runner.query(fn, slot=self._slot(read), on_done=on_done, owner=self, label=f"queue {read}",
                                     background=read in BACKGROUND_READS, **kwargs)
        self._tasks = [t for t in self._tasks if not t.done.is_set()]
        self._tasks.append(task)
        return task

    def _next_generation(self) -> int:
        for task in self._tasks:
            task.cancel()  # an older filter's count or id list must not hold a read connection
        self._tasks = []
        self._in_flight = {}
        self._wanted.clear()
        self._generation += 1
        return self._generation

    def _filter_args(self) -> dict:
        return {"flt": self.flt, "sort": self.sort_spec, "me": self.ctx.me, "has_fts": self.ctx.has_fts}

    def set_query(self, flt: queue_service.QueueFilter, sort: queue_service.QueueSort) -> None:
        """Show a new filter/sort: its first page first, then its count and full id list."""
        self.flt, self.sort_spec = flt, sort
        gen = self._next_generation()
        # The ids and their rows in one read: a second read asked for from here waited for a turn of this thread.
        self._read(queue_service.first_rows, "first", lambda found: self._on_first_page(gen, *found),
                   limit=FIRST_PAGE, **self._filter_args())

    def refresh(self) -> None:
        """Re-run the current query after data changed, as one reset (the view restores its place)."""
        gen = self._next_generation()
        self._read(queue_service.ticket_ids, "ids", lambda ids: self._on_refreshed(gen, ids), **self._filter_args())

    def _on_first_page(self, gen: int, ids: array, rows: dict[int, QueueRow]) -> None:
        if gen != self._generation:
            return
        complete = len(ids) < FIRST_PAGE
        self.keeps_place = False
        self.beginResetModel()
        self._count = len(ids)
        self._counted = complete
        self._ids = ids
        self._ids_complete = complete
        self._tail, self._tail_asked = array("q"), False
        self._rows = OrderedDict(rows)
        self._shown = {}
        self._stale = {}
        self._wanted.clear()  # positions asked for in the old layout
        self._in_flight = {}
        self.endResetModel()
        if not complete:  # asked for before anyone hears of the page, who might start a newer query
            self._read_count_and_ids()
        self.first_page_loaded.emit()
        if complete and gen == self._generation:
            self.query_loaded.emit(self._count)
            self.ids_loaded.emit()

    def _read_count_and_ids(self) -> None:
        gen = self._generation
        args = self._filter_args()
        gate = self._after_paint = threading.Event() if self.will_paint() else None
        self._read(queue_service.count_tickets, "count", lambda n: self._on_count(gen, n), gate=gate,
                   flt=args["flt"], me=args["me"], has_fts=args["has_fts"])
        self._read(queue_service.ticket_ids, "ids", lambda all_ids: self._on_all_ids(gen, all_ids), gate=gate,
                   **args)
        if self.sort_spec.key == queue_service.TITLE_SORT and self.ctx.has_fts and (
                self._places_task is None or self._places_task.done.is_set()):
            # A search sorted by title takes its first page from the titles' places once they are read (after the
            # count and the ids, on the same background thread; read again only when stale): app.tickets.title_places.
            self._places_task = self.ctx.runner.query(title_places.prepare, owner=self, label="title places",
                                                      background=True)

    def page_painted(self) -> None:
        """The view painted (GUI thread): the count and id list held for the first page start on the next turn, after
        the rest of the window's paint."""
        gate, self._after_paint = self._after_paint, None
        if gate is not None:
            QTimer.singleShot(0, gate.set)

    def _on_count(self, gen: int, count: int) -> None:
        if gen != self._generation or self._counted:
            return
        if count < self._count:
            self.refresh()  # rows went away between the two reads: read the ids again
            return
        self._grow_to(count)
        self._counted = True
        self.query_loaded.emit(count)

    def _grow_to(self, count: int) -> None:
        if count > self._count:
            self.beginInsertRows(_ROOT, self._count, count - 1)
            self._count = count
            self.endInsertRows()

    def _on_all_ids(self, gen: int, ids: array) -> None:
        if gen != self._generation:
            return
        if len(ids) < self._count or (self._counted and len(ids) != self._count):
            # The data moved between the reads; show the newer truth.
            self._on_refreshed(gen, ids)
            return
        self._ids = ids  # handed over, not copied: 8 bytes a row
        self._ids_complete = True
        self._tail = array("q")
        counted_now = not self._counted
        if counted_now:
            for task in self._tasks:
                if task.slot == self._slot("count"):
                    task.cancel()
            self._grow_to(len(ids))
            self._counted = True
        if self._count > FIRST_PAGE:
            # Rows past the first page had no id until now: one repaint of what is on screen.
            self.dataChanged.emit(self.index(FIRST_PAGE, 0), self.index(self._count - 1, len(self.columns) - 1))
        if counted_now:
            self.query_loaded.emit(self._count)
        self.ids_loaded.emit()

    def _on_refreshed(self, gen: int, ids: array) -> None:
        if gen != self._generation:
            return
        self.keeps_place = True
        self.beginResetModel()
        self._count = len(ids)
        self._counted = True
        self._ids = ids
        self._ids_complete = True
        self._tail, self._tail_asked = array("q"), False
        self._wanted.clear()
        self._in_flight = {}
        self._stale = dict(self._rows)  # values may have changed: shown until re-read
        self._shown = {}  # a stale row is rebuilt from _stale, which asks for its fresh values
        self._rows = OrderedDict()
        self.endResetModel()
        self.query_loaded.emit(self._count)
        self.ids_loaded.emit()

    def _fetch_wanted(self) -> None:
        wanted = {rid: pos for rid, pos in self._wanted.items() if rid not in self._rows}
        self._wanted.clear()
        if not wanted or wanted.keys() <= self._in_flight.keys():
            return
        # The newest scroll position wins: this read replaces the one under way (its slot interrupts it);
        # rows of the older one still on screen are asked for again at the next repaint.
        self._in_flight = wanted
        gen = self._generation
        self._read(queue_service.queue_rows, "page", lambda rows: self._on_rows(gen, rows, wanted),
                   row_ids=list(wanted))

    def _on_rows(self, gen: int, rows: dict[int, QueueRow], asked: dict[int, int]) -> None:
        if self._in_flight is asked:
            self._in_flight = {}
        if gen != self._generation:
            return
        self._rows.update(rows)
        for rid in rows:
            self._stale.pop(rid, None)
            self._shown.pop(rid, None)
        while len(self._rows) > CACHE_ROWS:
            rid, _row = self._rows.popitem(last=False)
            self._shown.pop(rid, None)
        # A page asked for before a reset may land after it: only positions that still hold their id count.
        positions = [pos for rid in rows if (pos := asked.get(rid, -1)) >= 0 and self.row_id_at(pos) == rid]
        if positions:
            self.dataChanged.emit(self.index(min(positions), 0),
                                  self.index(max(positions), len(self.columns) - 1))
        self.rows_loaded.emit()

    def tick(self, now: datetime | None = None) -> None:
        """Move the SLA columns to `now` (default: the current time) from the rows in memory: due times are
        fixed while a clock runs, so nothing is read again. Each row's SLA cells are rebuilt when next
        painted, so a tick costs only the rows on screen."""
        self.now = now or datetime.now(UTC)
        self._minute += 1
        if not self._count:
            return
        for c, column in enumerate(self.columns):
            if column.key in SLA_KEYS:
                self.dataChanged.emit(self.index(0, c), self.index(self._count - 1, c),
                                      [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def restyle(self, dark: bool) -> None:
        """The palette changed (light/dark): rebuild colours as rows are next painted."""
        if dark == self._display.dark:
            return
        self._display = DisplayBuilder(self.columns, dark)
        self._shown = {}
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1))

    # ---- lookups -------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    @property
    def counted(self) -> bool:
        """Whether `count` is exact (False: the first page is shown, the count is on its way)."""
        return self._counted

    def row_id_at(self, row: int) -> int | None:
        if 0 <= row < len(self._ids):
            return self._ids[row]
        first_of_tail = self._count - len(self._tail)
        return self._tail[row - first_of_tail] if first_of_tail <= row < self._count else None

    def row_at(self, row: int) -> QueueRow | None:
        rid = self.row_id_at(row)
        return self._rows.get(rid) if rid is not None else None

    def positions_of(self, row_ids: Iterable[int], near: Iterable[int] = ()) -> list[int]:
        """Display positions of these row ids among the loaded ids, sorted. `near`: where they were (a
        refresh rarely moves a row far), looked at first; the rest are found by C-speed array scans."""
        wanted = set(row_ids)
        found = []
        ids, n = self._ids, len(self._ids)
        for old in near:
            if not wanted:
                break
            for pos in range(max(0, old - _NEAR), min(n, old + _NEAR + 1)):
                if ids[pos] in wanted:
                    wanted.discard(ids[pos])
                    found.append(pos)
        for rid in wanted:
            try:
                found.append(ids.index(rid))
            except ValueError:
                continue
        return sorted(found)

    def display_at(self, row: int) -> RowDisplay | None:
        """The prepared display of a row (the queue's delegate paints it); None while on its way."""
        return self._display_at(row) if 0 <= row < self._count else None

    def missing_text(self, column: int) -> str:
        return PLACEHOLDER if column == 0 else ""

    def _display_at(self, row: int) -> RowDisplay | None:
        """The prepared display of a row; None while its values are on their way (asked for here)."""
        rid = self._ids[row] if row < len(self._ids) else self.row_id_at(row)
        if rid is None:
            self._want_tail(row)
            return None
        shown = self._shown.get(rid)
        if shown is None:
            found = self._rows.get(rid)
            if found is None:
                self._want(row, rid)
                found = self._stale.get(rid)
                if found is None:
                    return None
            shown = self._shown[rid] = self._display.build(found, self.now, self._minute)
        elif shown.minute != self._minute:
            self._display.move_sla(shown, self.now, self._minute)
        return shown

    def _want(self, row: int, rid: int) -> None:
        if rid in self._wanted or rid in self._in_flight:
            return  # the page is already asked for
        start = (row // PAGE) * PAGE
        for r in range(start, min(start + PAGE, self._count)):
            other = self.row_id_at(r)
            if other is not None and other not in self._rows:
                self._wanted[other] = r
        if self._wanted and not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _want_tail(self, row: int) -> None:
        """A row near the end is on screen before the full id list: read the last ids in reverse order
        (the sort's first page backwards: an index walk, not the whole list)."""
        if self._tail_asked or not self._counted or row < self._count - TAIL:
            return
        self._tail_asked = True
        gen, want = self._generation, min(TAIL, self._count)
        backwards = queue_service.QueueSort(self.sort_spec.key, not self.sort_spec.descending)
        args = {**self._filter_args(), "sort": backwards}
        self._read(queue_service.ticket_ids, "tail", lambda ids: self._on_tail(gen, ids), limit=want, **args)

    def _on_tail(self, gen: int, ids: array) -> None:
        if gen != self._generation or self._ids_complete or len(ids) > self._count:
            return  # the full list came first, or the data moved (the full list will tell)
        ids.reverse()
        self._tail = ids
        first = self._count - len(ids)
        self.dataChanged.emit(self.index(first, 0), self.index(self._count - 1, len(self.columns) - 1))

    # ---- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.columns[section].header
        return None

    def multiData(self, index: Index, span) -> None:  # noqa: N802
        """What the delegate asks per painted cell (~7 roles at once), from the prepared row."""
        row = index.row()
        shown = self._display_at(row) if index.isValid() and 0 <= row < self._count else None
        c = index.column()
        if shown is None:
            for item in span:
                if item.role() == _DISPLAY and index.isValid():
                    item.setData(PLACEHOLDER if c == 0 else "")
                else:
                    item.clearData()
            return
        text = shown.texts[c]
        extra = shown.extras.get(c)
        for item in span:
            role = item.role()
            if role in (_DISPLAY, _ACCESSIBLE):
                item.setData(text)
            elif extra is not None and role in extra:
                item.setData(extra[role])
            elif role in (_TOOLTIP, _ROW_ID, _TICKET_ID):
                item.setData(self._rare(shown, c, role))
            else:
                item.clearData()

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        role = int(getattr(role, "value", role))
        shown = self._display_at(index.row())
        if shown is None:
            if role == _DISPLAY:
                return PLACEHOLDER if index.column() == 0 else ""
            return None
        c = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return shown.texts[c]
        extra = shown.extras.get(c)
        if extra is not None and role in extra:
            return extra[role]
        return self._rare(shown, c, role)

    def _rare(self, shown: RowDisplay, c: int, role: int):
        """Roles nobody paints (tooltips on hover, ids for actions): built when asked."""
        row, key = shown.row, self.columns[c].key
        if role == _ROW_ID:
            return row.row_id
        if role == _TICKET_ID:
            return row.id
        if role != _TOOLTIP:
            return None
        if key == "number" and row.refused:
            return self.tr("The server refused work of this ticket. It is kept here as you made it: open "
                           "the ticket to send it again or discard it.")
        if key == "title":
            return plain_tooltip(row.title)
        if key in SLA_KEYS and row.sla_due_at is not None and shown.sla != "paused":
            return self.tr("Due {0}").format(local_time_text(row.sla_due_at))
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

