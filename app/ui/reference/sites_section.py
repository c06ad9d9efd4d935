"""The Sites list: where people work, with an address and a time zone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QLineEdit, QPlainTextEdit

from app.people import reference_ops, reference_queries, reference_transfer
from app.people.reference_queries import SiteRow
from app.ui.reference.section import RecordSection
from app.ui.widgets.time_zones import zone_names


def timezone_completer(parent) -> QCompleter:
    completer = QCompleter(list(zone_names()), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


class SitesSection(RecordSection):
    entity = "site"
    list_query = staticmethod(reference_queries.sites)
    widths = (200, 160)

    def headings(self) -> tuple[str, ...]:
        return self.tr("Site"), self.tr("Time zone"), self.tr("Address")

    def new_label(self) -> str:
        return self.tr("&New site")

    def cells(self, row: SiteRow) -> tuple[str, ...]:
        name = row.name if row.active else self.tr("{0} (retired)").format(row.name)
        return name, row.timezone or "", " · ".join((row.address or "").splitlines())

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.timezone = QLineEdit(self)
        self.timezone.setPlaceholderText(self.tr("Europe/London"))
        self.timezone.setCompleter(timezone_completer(self.timezone))
        self.address = QPlainTextEdit(self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().height() * 5)
        for label, widget in ((self.tr("&Name"), self.name), (self.tr("&Time zone"), self.timezone),
                              (self.tr("&Address"), self.address)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.name.textEdited.connect(self._update_buttons)
        self.timezone.textEdited.connect(self._update_buttons)
        self.address.textChanged.connect(self._update_buttons)

    def fill_form(self, row: SiteRow | None) -> None:
        self.name.setText(row.name if row else "")
        self.timezone.setText((row.timezone or "") if row else "")
        self.address.blockSignals(True)
        self.address.setPlainText((row.address or "") if row else "")
        self.address.blockSignals(False)
        self._update_buttons()

    def form_values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "timezone": self.timezone.text().strip() or None,
                "address": self.address.toPlainText().strip() or None}

    def row_values(self, row: SiteRow) -> dict[str, Any]:
        return {"name": row.name, "timezone": row.timezone, "address": row.address}

    def create_call(self):
        return reference_ops.create_site, {"values": self.form_values()}

    def update_call(self, row_id: str, changes: dict[str, Any]):
        return reference_ops.update_site, {"site_id": row_id, "changes": changes}

    def export(self, path: str):
        return reference_transfer.export_sites, {}

    def usage_text(self, row: SiteRow, usage: reference_queries.Usage) -> str:
        return self.tr("{0} people work here. Renaming the site renames it on them; a site is retired, never "
                       "deleted.").format(usage.people)
