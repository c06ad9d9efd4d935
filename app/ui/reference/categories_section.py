"""The Categories tree: add, rename, move under another category, retire (a category is never deleted)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit

from app.people import reference_ops, reference_queries, reference_transfer
from app.people.reference_queries import CategoryRow
from app.ui.reference.section import RecordSection
from app.ui.widgets.choice_combo import ChoiceCombo


class CategoriesSection(RecordSection):
    entity = "category"
    list_query = staticmethod(reference_queries.category_rows)
    widths = (360,)

    def headings(self) -> tuple[str, ...]:
        return self.tr("Category"), self.tr("Path")

    def new_label(self) -> str:
        return self.tr("&New category")

    def cells(self, row: CategoryRow) -> tuple[str, ...]:
        name = row.name if row.active else self.tr("{0} (retired)").format(row.name)
        return "      " * row.depth + ("└ " if row.depth else "") + name, row.path

    def matches(self, row: CategoryRow, text: str) -> bool:
        return text in row.path.lower()

    def row_name(self, row: CategoryRow) -> str:
        return row.path

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.parent_combo = ChoiceCombo(self.tr("(Top level)"), self)
        for label, widget in ((self.tr("&Name"), self.name), (self.tr("&Under"), self.parent_combo)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.name.textEdited.connect(self._update_buttons)
        self.parent_combo.currentIndexChanged.connect(self._update_buttons)

    def _below(self, row_id: str) -> set[str]:
        """The row and every category under it: places it cannot move to."""
        out, frontier = {row_id}, {row_id}
        while frontier:
            frontier = {r.id for r in self.rows() if r.parent_id in frontier} - out
            out |= frontier
        return out

    def fill_form(self, row: CategoryRow | None) -> None:
        excluded = self._below(row.id) if row else set()
        choices = [(r.id, r.path) for r in self.rows() if r.id not in excluded and (r.active or r.id ==
                                                                                     (row.parent_id if row else None))]
        self.parent_combo.set_choices(choices, keep=row.parent_id if row else None)
        self.name.setText(row.name if row else "")
        self._update_buttons()

    def new_record(self) -> None:
        parent = self.row_by_id(self._selected)  # a new category goes under the one chosen, as people expect
        super().new_record()
        if parent is not None and parent.active:
            self.parent_combo.set_current_id(parent.id)

    def form_values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "parent_id": self.parent_combo.current_id()}

    def row_values(self, row: CategoryRow) -> dict[str, Any]:
        return {"name": row.name, "parent_id": row.parent_id}

    def create_call(self):
        return reference_ops.create_category, {"values": self.form_values()}

    def update_call(self, row_id: str, changes: dict[str, Any]):
        return reference_ops.update_category, {"category_id": row_id, "changes": changes}

    def export(self, path: str):
        return reference_transfer.export_categories, {}

    def usage_text(self, row: CategoryRow, usage: reference_queries.Usage) -> str:
        return self.tr("{0} tickets are filed here. A category is retired, never deleted: its tickets keep it and "
                       "new tickets no longer offer it.").format(usage.tickets)
