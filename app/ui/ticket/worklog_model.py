"""The worklog as a list model: the original request and every entry, display text made once per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.tickets.records import WorklogItem
from app.ui.ticket.labels import minutes_text
from app.ui.widgets.safe_text import clean_text, safe_links
from app.ui.widgets.time_text import local_time_text

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # request | reply | note
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # "Public reply"
META_ROLE = Qt.ItemDataRole.UserRole + 3  # "Ann Agent · 2026-05-01 10:00 · 15 min spent"
BODY_ROLE = Qt.ItemDataRole.UserRole + 4  # the body as plain text fit to show

REQUEST_ID = ""  # the original request is not a worklog entry; its row has no entry id


def _t(text: str) -> str:
    return QCoreApplication.translate("WorklogView", text)


@dataclass(frozen=True)
class Card:
    """What one row shows: made from its entry once, when it is first painted, measured or read."""

    label: str
    meta: str
    body: str
    links: tuple[tuple[int, int, str], ...]
    text: str


def request_item(author: str, created_at: datetime, description: str | None) -> WorklogItem:
    """The original request, shown as the first card (it is not a worklog entry: its id is empty)."""
    return WorklogItem(id=REQUEST_ID, kind="request", author=author, body=description or _t("(No description)"),
                       time_spent_minutes=0, created_at=created_at)


class WorklogModel(QAbstractListModel):
    """Rows of plain data; `data()` answers from memory and makes a row's text only when it is first asked.

    Only the newest rows are exposed at first (`window`); the view asks for earlier ones as the user
    scrolls up (`show_earlier`), so a ticket with thousands of entries lays out a screenful, not all.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WorklogItem] = []
        self._shown: list[Card | None] = []
        self._first = 0  # index in _rows of the first exposed row
        self._generation = 0  # bumped on every reset: cached heights of an older ticket never match

    # ----- filling

    def set_rows(self, rows: Sequence[WorklogItem], window: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [None] * len(self._rows)
        self._first = max(0, len(self._rows) - window)
        self._generation += 1
        self.endResetModel()

    def append_rows(self, rows: Sequence[WorklogItem]) -> None:
        if not rows:
            return
        first = len(self._rows) - self._first
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._shown.extend([None] * len(rows))
        self.endInsertRows()

    def held(self) -> int:
        """How many rows the model holds, exposed or not."""
        return len(self._rows)

    def earlier(self) -> int:
        """How many rows are not exposed yet (older than the first one shown)."""
        return self._first

    def show_earlier(self, count: int) -> int:
        """Expose up to `count` earlier rows above the shown ones; returns how many were added."""
        count = min(count, self._first)
        if count > 0:
            self.beginInsertRows(QModelIndex(), 0, count - 1)
            self._first -= count
            self.endInsertRows()
        return count

    def is_prefix_of(self, rows: Sequence[WorklogItem]) -> bool:
        """Whether `rows` starts with what is held now, so that only a tail is new (entries are appended,
        never edited; the first and last rows held are compared whole, the rest by id)."""
        mine = self._rows
        return (len(rows) >= len(mine) > 0 and rows[0] == mine[0] and rows[len(mine) - 1] == mine[-1]
                and all(a.id == b.id for a, b in zip(rows, mine, strict=False)))

    def card(self, row: int) -> tuple[tuple[int, int], str, Card]:
        """(key, kind, card) of an exposed row, for the delegate: the key names the row's content
        for as long as the model holds it (heights and layouts are cached by it)."""
        row += self._first
        shown = self._shown[row]
        if shown is None:
            shown = self._shown[row] = self._make(self._rows[row])
        return (self._generation, row), self._rows[row].kind, shown

    # ----- Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows) - self._first

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # "Editable" only so that a read-only text box can open over a card to select part of its text.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt override
        return False  # the worklog is appended to, never edited

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row() + self._first
        if not self._first <= row < len(self._rows):
            return None
        if role == KIND_ROLE:
            return self._rows[row].kind
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole,
                        LABEL_ROLE, META_ROLE, BODY_ROLE):
            return None
        shown = self.card(index.row())[2]
        if role == LABEL_ROLE:
            return shown.label
        if role == META_ROLE:
            return shown.meta
        if role == BODY_ROLE:
            return shown.body
        return shown.text

    @staticmethod
    def _make(row: WorklogItem) -> Card:
        label = {"request": _t("Original request"), "reply": _t("Public reply")}.get(row.kind, _t("Internal note"))
        meta = [clean_text(row.author, 200), local_time_text(row.created_at)]
        if row.time_spent_minutes:
            meta.append(_t("{} spent").format(minutes_text(row.time_spent_minutes)))
        meta_text = " · ".join(m for m in meta if m)
        body = clean_text(row.body)
        return Card(label, meta_text, body, safe_links(body), f"{label}  {meta_text}\n{body}")
