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
from core.tickets.children import REQUESTER_KIND, SENT_VIA

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # request | reply | note
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # "Public reply"
META_ROLE = Qt.ItemDataRole.UserRole + 3  # "Ann Agent · 2026-05-01 10:00 · 15 min spent"
BODY_ROLE = Qt.ItemDataRole.UserRole + 4  # the body as plain text fit to show
DELIVERY_ROLE = Qt.ItemDataRole.UserRole + 5  # "Mailed at 10:02" / "Mail failed: 550 ...": a reply's mail
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 6  # attachment id of a received mail's original .eml, or None

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
    delivery: str = ""  # one line under the body: the mail's state ("" for notes and the request)
    delivery_state: str = "none"  # queued | sent | failed | bounced | received | none: its colour
    tooltip: str = ""


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
        self._versions: list[int] = []  # per row, bumped when the server changes its mail state

    # ----- filling

    def set_rows(self, rows: Sequence[WorklogItem], window: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [None] * len(self._rows)
        self._versions = [0] * len(self._rows)
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
        self._versions.extend([0] * len(rows))
        self.endInsertRows()

    def prepend_held(self, rows: Sequence[WorklogItem]) -> None:
        """Hold `rows` before the held ones, not exposed (the older entries a first read left out): what is on
        screen stays as it is; scrolling up exposes them as any earlier row. The rows' cache keys change (a new
        generation): a cached height never stands for another row's."""
        if not rows:
            return
        self._rows[:0] = rows
        self._shown[:0] = [None] * len(rows)
        self._versions[:0] = [0] * len(rows)
        self._first += len(rows)
        self._generation += 1

    def held_rows(self) -> Sequence[WorklogItem]:
        return self._rows

    def update_rows(self, rows: Sequence[WorklogItem]) -> int:
        """Take the held rows' newer versions (same ids, in order: the team server changed a reply's mail
        state, or the request's text changed); repaint only those. Returns how many changed."""
        changed = 0
        for row, (new, old) in enumerate(zip(rows, self._rows, strict=False)):
            # A refresh hands back the very entries it had (app.tickets.detail): the identity check spares
            # comparing thousands of dataclasses field by field on every added note.
            if new is not old and new != old:
                self._rows[row], self._shown[row] = new, None
                self._versions[row] += 1
                changed += 1
                if row >= self._first:
                    index = self.index(row - self._first)
                    self.dataChanged.emit(index, index)
        return changed

    def held(self) -> int:
        """How many rows the model holds, exposed or not."""
        return len(self._rows)

    def cards_made(self) -> int:
        """How many rows' display text has been made so far (only rows painted, measured or read make it)."""
        return sum(card is not None for card in self._shown)

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
        """Whether `rows` starts with the entries held now, by id, so that only a tail is new (entries are
        appended, never removed; only their mail state changes: see update_rows)."""
        mine = self._rows
        return len(rows) >= len(mine) > 0 and all(a is b or a.id == b.id for a, b in zip(rows, mine, strict=False))

    def card(self, row: int) -> tuple[tuple[int, int, int], str, Card]:
        """(key, kind, card) of an exposed row, for the delegate: the key names the row's content
        for as long as the model holds it (heights and layouts are cached by it)."""
        row += self._first
        shown = self._shown[row]
        if shown is None:
            shown = self._shown[row] = self._make(self._rows[row])
        return (self._generation, row, self._versions[row]), self._rows[row].kind, shown

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
        if role == ORIGINAL_ROLE:
            return self._rows[row].original_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole,
                        LABEL_ROLE, META_ROLE, BODY_ROLE, DELIVERY_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        shown = self.card(index.row())[2]
        if role == DELIVERY_ROLE:
            return shown.delivery
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown.tooltip or None
        if role == LABEL_ROLE:
            return shown.label
        if role == META_ROLE:
            return shown.meta
        if role == BODY_ROLE:
            return shown.body
        return shown.text

    @staticmethod
    def _make(row: WorklogItem) -> Card:
        author = clean_text(row.author, 200)
        if row.kind == REQUESTER_KIND:
            label = _t("{} wrote by mail").format(author or _t("The requester"))
        else:
            label = {"request": _t("Original request"), "reply": _t("Public reply"),
                     "comms": _t("Communication update")}.get(row.kind, _t("Internal note"))
        meta = [author if row.kind != REQUESTER_KIND else "", local_time_text(row.created_at)]
        if row.time_spent_minutes:
            meta.append(_t("{} spent").format(minutes_text(row.time_spent_minutes)))
        meta_text = " · ".join(m for m in meta if m)
        body = clean_text(row.body)
        delivery, state, tip = delivery_line(row)
        text = f"{label}  {meta_text}\n{body}" + (f"\n{delivery}" if delivery else "")
        return Card(label, meta_text, body, safe_links(body), text, delivery, state, tip)


def delivery_line(row: WorklogItem) -> tuple[str, str, str]:
    """(line, state for its colour, tooltip) of a reply's mail or a received mail; empty for the rest.
    Reasons come from mail servers: shown as plain text, on one line, bounded."""
    error = clean_text(" ".join((row.mail_error or "").split()), 300)
    if row.kind == REQUESTER_KIND:
        tip = _t("The requester's mail, received by the team server.")
        if row.original_id:
            return (_t("Received by mail · right-click: View original"), "received",
                    tip + " " + _t("View original opens the mail as it arrived (.eml)."))
        return _t("Received by mail"), "received", tip
    if row.kind != "reply":
        return "", "none", ""
    if row.sent_via:
        channel = _t(SENT_VIA.get(row.sent_via, row.sent_via)).lower()
        return (_t("Given by {}, not mailed").format(channel), "sent",
                _t("Recorded as given through another channel: the team server does not mail it."))
    if row.mail_state == "sent":
        when = local_time_text(row.mail_at) if row.mail_at else ""
        tip = _t("The requester's mail server accepted this reply at {}.").format(when)
        return _t("Mailed at {}").format(when), "sent", f"{tip} {error}".strip()
    if row.mail_state == "queued":
        return (_t("Mail queued"), "queued",
                _t("The team server will send it; last try: {}").format(error) if error
                else _t("The team server has it and will send it shortly."))
    if row.mail_state == "failed":
        return (_t("Mail failed: {}").format(error or _t("no reason given")), "failed",
                _t("Not delivered: the requester did not get this reply by mail. {}").format(error))
    if row.mail_state == "bounced":
        return (_t("Mail bounced: {}").format(error or _t("no reason given")), "bounced",
                _t("Sent, then returned undelivered by the requester's mail system. {}").format(error))
    return (_t("Not mailed yet"), "none",
            _t("A team server with mail set up sends it once this reply reaches it; a desk without a team "
               "server mails nothing."))
