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
LINKS_ROLE = Qt.ItemDataRole.UserRole + 5  # ((start, end, url), ...) of the safe links in the body
KEY_ROLE = Qt.ItemDataRole.UserRole + 6  # a key that names the row's content (the delegate caches heights by it)

REQUEST_ID = ""  # the original request is not a worklog entry; its row has no entry id


def _t(text: str) -> str:
    return QCoreApplication.translate("WorklogView", text)


@dataclass(frozen=True)
class _Shown:
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
    """Rows of plain data; `data()` answers from memory and makes a row's text only when it is first asked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WorklogItem] = []
        self._shown: list[_Shown | None] = []
        self._generation = 0  # bumped on every reset: cached heights of an older ticket never match

    # ----- filling

    def set_rows(self, rows: Sequence[WorklogItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [None] * len(self._rows)
        self._generation += 1
        self.endResetModel()

    def append_rows(self, rows: Sequence[WorklogItem]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._shown.extend([None] * len(rows))
        self.endInsertRows()

    def retranslate(self) -> None:
        """Names or the language changed: every row's text is made again when next shown."""
        self._shown = [None] * len(self._rows)
        self._generation += 1
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rows(self) -> list[WorklogItem]:
        return list(self._rows)

    def is_prefix_of(self, rows: Sequence[WorklogItem]) -> bool:
        """Whether `rows` starts with what is shown now, so that only a tail is new (entries are appended,
        never edited; the first and last shown rows are compared whole, the rest by id)."""
        mine = self._rows
        return (len(rows) >= len(mine) > 0 and rows[0] == mine[0] and rows[len(mine) - 1] == mine[-1]
                and all(a.id == b.id for a, b in zip(rows, mine, strict=False)))

    # ----- Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # "Editable" only so that a read-only text box can open over a card to select part of its text.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt override
        return False  # the worklog is appended to, never edited

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        if role == KIND_ROLE:
            return self._rows[row].kind
        if role == KEY_ROLE:
            return (self._generation, row)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole,
                        LABEL_ROLE, META_ROLE, BODY_ROLE, LINKS_ROLE):
            return None
        shown = self._shown[row]
        if shown is None:
            shown = self._shown[row] = self._make(self._rows[row])
        if role == LABEL_ROLE:
            return shown.label
        if role == META_ROLE:
            return shown.meta
        if role == BODY_ROLE:
            return shown.body
        if role == LINKS_ROLE:
            return shown.links
        return shown.text

    @staticmethod
    def _make(row: WorklogItem) -> _Shown:
        label = {"request": _t("Original request"), "reply": _t("Public reply")}.get(row.kind, _t("Internal note"))
        meta = [clean_text(row.author, 200), local_time_text(row.created_at)]
        if row.time_spent_minutes:
            meta.append(_t("{} spent").format(minutes_text(row.time_spent_minutes)))
        meta_text = " · ".join(m for m in meta if m)
        body = clean_text(row.body)
        return _Shown(label, meta_text, body, safe_links(body), f"{label}  {meta_text}\n{body}")
