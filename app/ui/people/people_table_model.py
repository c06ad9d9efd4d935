"""The people list's rows: a read-only table model over one PeopleList (at most a few hundred rows)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from app.people.directory import PersonRow
from app.ui.widgets.text_table_model import TextTableModel

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("name", "email", "phone", "department", "site", "kind", "vip", "active")


class PeopleTableModel(TextTableModel):
    """Display values are made once when the rows arrive (`set_rows`), never in `data()`. GUI thread only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((self.tr("Name"), self.tr("E-mail"), self.tr("Phone"), self.tr("Department"),
                          self.tr("Site"), self.tr("Role"), self.tr("VIP"), self.tr("Status")), parent)
        self._rows: tuple[PersonRow, ...] = ()

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self._rows = tuple(rows)
        agent, requester, vip = self.tr("Agent"), self.tr("Requester"), self.tr("VIP")
        active, inactive = self.tr("Active"), self.tr("Inactive")
        self.set_cells([(r.name, r.email or "", r.phone or "", r.department or "", r.site or "",
                         agent if r.is_agent else requester, vip if r.vip else "",
                         active if r.active else inactive) for r in self._rows])

    def row_of(self, person_id: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == person_id), -1)

    def person_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == ID_ROLE and index.isValid() and 0 <= index.row() < len(self._rows):
            return self._rows[index.row()].id
        return super().data(index, role)
