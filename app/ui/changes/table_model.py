"""The change queue's Qt model: the rows of one query, held in memory; `data()` answers from them only."""
# A desk has at most ~10,000 changes. Loading and sorting run in SQL on the task runner.

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from app.changes.queue import (
    UNKNOWN,
    ChangeFilter,
    ChangeQueue,
    ChangeRow,
    ChangeSort,
    conflict_counts,
    list_changes,
)
from app.ui.changes.labels import risk_colour, risk_label, state_label, tr, type_label
from app.ui.context import UiContext
from app.ui.theme import is_dark
from app.ui.widgets.after_paint import AfterPaint
from app.ui.widgets.prepared_rows import LooksFromData
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.time_text import local_time_text

CHANGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, CHANGE_ID_ROLE, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole))
_ROOT = QModelIndex()  # the invalid index: a table's rows hang off it
# (key, header, sort key in SQL or None when the column does not sort)
COLUMNS = (
    ("number", "Number", "number"), ("title", "Title", "title"), ("type", "Type", "type"),
    ("state", "State", "state"), ("risk", "Risk", "risk"), ("planned_start", "Planned start", "planned_start"),
    ("planned_end", "Planned end", "planned_end"), ("cis", "CIs", None), ("group", "Group", "group"),
    ("assignee", "Assignee", "assignee"), ("conflicts", "Conflicts", None),
)


def _header(key: str) -> str:
    # Literal tr() calls, so the translation tools find every header.
    return {"number": tr("Number"), "title": tr("Title"), "type": tr("Type"), "state": tr("State"),
            "risk": tr("Risk"), "planned_start": tr("Planned start"), "planned_end": tr("Planned end"),
            "cis": tr("CIs"), "group": tr("Group"), "assignee": tr("Assignee"), "conflicts": tr("Conflicts")}[key]


class ChangeTableModel(LooksFromData, QAbstractTableModel):
    """Rows of the current filter and sort. GUI thread only; queries run through ctx.runner. Its flags are Qt's own
    (enabled, selectable): a Python flags() was a call per cell at each paint."""

    loaded = Signal(object)  # ChangeQueue, after every load (conflict counts may still be UNKNOWN)
    conflicts_loaded = Signal()  # the counts of the last load are in
    load_failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flt = ChangeFilter(open_only=True)
        self.sort_spec = ChangeSort()
        self._rows: tuple[ChangeRow, ...] = ()
        # Each row's texts, made at its first paint and kept until the rows change: the view asks data() for every
        # cell and role at each paint, and made anew each time they were ~12 ms of a 20-row page's paint.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._counts: dict[str, tuple[int, bool]] | None = None  # the conflicts of the UNKNOWN rows, once counted
        self.painted_in: QWidget | None = None  # the view's viewport: the counts are read once the rows painted there
        self._generation = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading -------------------------------------------------------------------------------
    def set_query(self, flt: ChangeFilter, sort: ChangeSort | None = None) -> None:
        self.flt = flt
        if sort is not None:
            self.sort_spec = sort
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again; a newer query's answer wins over an older one's."""
        self._generation += 1
        gen = self._generation
        flt, sort, me = self.flt, self.sort_spec, self.ctx.me
        # Two steps: the rows paint first, their conflict counts (the costly part) follow.
        self.ctx.runner.query(list_changes, flt=flt, sort=sort, me=me, with_conflicts=False,
                              on_done=lambda result: self._on_loaded(gen, result),
                              on_error=lambda exc: self.load_failed.emit(str(exc)), owner=self, label="change queue")

    def _on_loaded(self, gen: int, result: ChangeQueue) -> None:
        if gen != self._generation:
            return
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in result.rows]
        if old_ids == new_ids and new_ids:
            # Same rows in the same order: repaint in place, so selection and scroll stay put.
            self._set_rows(result.rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(new_ids) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._set_rows(result.rows)
            self.endResetModel()
        self.loaded.emit(result)
        ids = [r.id for r in result.rows if r.conflicts == UNKNOWN]
        if not ids:
            self.conflicts_loaded.emit()
            return
        # The count (Python over every CI on the reading thread) starts once the rows have painted: run beside their
        # paint, it took the interpreter lock from the GUI thread at each of its calls into Python (the Changes page's
        # first paint: 31-48 ms of wall time for 12-24 ms of its own CPU on the 1M store).
        gate = None
        if self.painted_in is not None and self.painted_in.isVisible():
            gate = threading.Event()
            AfterPaint(self.painted_in, gate.set, self)
        self.ctx.runner.query(conflict_counts, change_ids=ids, gate=gate,
                              on_done=lambda counts: self._on_counts(gen, counts),
                              on_error=lambda exc: self.load_failed.emit(str(exc)), owner=self,
                              label="change conflicts")

    def _set_rows(self, rows: tuple[ChangeRow, ...]) -> None:
        self._rows = rows
        self._counts = None
        self._texts.clear()

    def _on_counts(self, gen: int, counts: dict[str, tuple[int, bool]]) -> None:
        # Kept beside the rows, read through _count: a new tuple of rows with the counts in them was 17-37 ms of the
        # GUI thread for 3,300 rows (dataclasses.replace), and made on the reading thread it held the interpreter
        # lock against the page's paint.
        if gen != self._generation or not self._rows:
            return
        self._counts = counts
        self._texts.clear()
        column = next(i for i, c in enumerate(COLUMNS) if c[0] == "conflicts")
        self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
        self.conflicts_loaded.emit()

    def conflicted_rows(self) -> int | None:
        """Rows with conflicts; None while the counts are still coming."""
        if self._counts is None and any(r.conflicts == UNKNOWN for r in self._rows):
            return None
        return sum(1 for r in self._rows if self._count(r)[0])

    def _count(self, r: ChangeRow) -> tuple[int, bool]:
        """(conflicts, whether one is a blocking freeze) of `r`; UNKNOWN while being counted. A change the count
        does not name cannot conflict (closed or unplanned)."""
        if r.conflicts != UNKNOWN:
            return r.conflicts, r.blocking
        if self._counts is None:
            return UNKNOWN, False
        return self._counts.get(r.id, (0, False))

    # ---- reading -------------------------------------------------------------------------------
    def row_at(self, row: int) -> ChangeRow | None:
        """The row with its conflicts as counted so far (UNKNOWN until then)."""
        if not 0 <= row < len(self._rows):
            return None
        r = self._rows[row]
        if r.conflicts != UNKNOWN or self._counts is None:
            return r
        conflicts, blocking = self._count(r)
        return replace(r, conflicts=conflicts, blocking=blocking)

    def row_of(self, change_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == change_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _header(COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:  # most of what a paint asks (size hints, decorations, check states...): nothing
            return None
        row = index.row()
        if not index.isValid() or not (0 <= row < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        r = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(row)
            if texts is None:
                count = self._count(r)[0]
                texts = self._texts[row] = tuple(self._text(r, column[0], count) for column in COLUMNS)
            return texts[index.column()]
        key = COLUMNS[index.column()][0]
        if role == CHANGE_ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, key, *self._count(r))
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "risk":
                return QColor(risk_colour(r.risk, is_dark()))
            if key == "conflicts" and self._count(r)[0] > 0:
                return QColor(risk_colour("high" if self._count(r)[1] else "moderate", is_dark()))
        if role == Qt.ItemDataRole.FontRole and key in ("risk", "conflicts") \
                and (key == "risk" or self._count(r)[0] > 0):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "conflicts":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(r: ChangeRow, key: str, conflicts: int) -> str:
        if key == "number":
            return r.number
        if key == "title":
            return r.title
        if key == "type":
            return type_label(r.change_type)
        if key == "state":
            return state_label(r.state)
        if key == "risk":
            return risk_label(r.risk) + (" *" if r.risk_overridden else "")
        if key == "planned_start":
            return local_time_text(r.planned_start)
        if key == "planned_end":
            return local_time_text(r.planned_end)
        if key == "cis":
            return r.ci_names
        if key == "group":
            return r.group
        if key == "assignee":
            return r.assignee
        if key == "conflicts":
            return "…" if conflicts == UNKNOWN else str(conflicts) if conflicts else ""
        return ""

    @staticmethod
    def _tooltip(r: ChangeRow, key: str, conflicts: int, blocking: bool) -> str | None:
        if key == "risk" and r.risk_overridden:
            return tr("Risk set by hand (overrides the calculated risk)")
        if key == "conflicts" and conflicts == UNKNOWN:
            return tr("Checking for conflicts…")
        if key == "conflicts" and conflicts:
            text = tr("{0} conflicts at the planned times").format(conflicts)
            return text + ("\n" + tr("Inside a blocking freeze") if blocking else "")
        if key in ("title", "cis"):
            return plain_tooltip(ChangeTableModel._text(r, key, conflicts)) or None
        return None
