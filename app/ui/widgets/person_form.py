"""A person's directory fields as a form: the New caller dialog and the people screen's detail share it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QCompleter, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.people.directory import PersonRecord
from app.ui.widgets.inline_error import InlineError
from core.people.rules import TEXT_FIELDS


class PersonForm(QWidget):
    """Name, e-mail, phone, site, department, language, VIP (and Active when `with_active`). `values()`
    holds every field as typed; `changes()` only those that differ from the record last set. GUI thread only."""

    edited = Signal()

    def __init__(self, *, with_active: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline: dict[str, Any] = {}
        self._texts: dict[str, QLineEdit] = {}
        self._errors: dict[str, InlineError] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = {"name": self.tr("&Name"), "email": self.tr("&E-mail"), "phone": self.tr("&Phone"),
                  "site": self.tr("&Site"), "department": self.tr("&Department"), "language": self.tr("&Language")}
        hints = {"email": self.tr("name@example.com"), "phone": self.tr("+44 20 7946 0123"),
                 "language": self.tr("en, de, fr-CA")}
        for field, label_text in labels.items():
            edit = QLineEdit(self)
            edit.setObjectName(f"person_{field}")
            edit.setMaxLength(TEXT_FIELDS[field])
            edit.setPlaceholderText(hints.get(field, ""))
            edit.setAccessibleName(label_text.replace("&", ""))
            edit.textEdited.connect(self._on_input_edited)
            self._texts[field] = edit
            self._add_row(layout, field, label_text, edit)
        self.vip = QCheckBox(self.tr("&VIP"), self)
        self.vip.setToolTip(self.tr("Their calls get priority attention"))
        self.vip.toggled.connect(self._on_input_edited)
        self._add_row(layout, "vip", "", self.vip)
        self.active: QCheckBox | None = None
        if with_active:
            self.active = QCheckBox(self.tr("A&ctive"), self)
            self.active.setToolTip(self.tr("Offered by the caller lookup and the pickers"))
            self.active.setChecked(True)
            self.active.toggled.connect(self._on_input_edited)
            self._add_row(layout, "active", "", self.active)

    def set_site_names(self, names: tuple[str, ...] | list[str]) -> None:
        """Offer these sites as the Site field is typed (a new name is still accepted: it becomes a site)."""
        completer = QCompleter(list(names), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._texts["site"].setCompleter(completer)

    def _add_row(self, layout: QFormLayout, field: str, label_text: str, widget: QWidget) -> None:
        row = QWidget(self)
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = InlineError(row)
        column.addWidget(error)
        self._errors[field] = error
        label = QLabel(label_text, self)
        label.setBuddy(widget)
        layout.addRow(label, row)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {f: e.text().strip() or None for f, e in self._texts.items()}
        out["vip"] = self.vip.isChecked()
        if self.active is not None:
            out["active"] = self.active.isChecked()
        return out

    def changes(self) -> dict[str, Any]:
        return {f: v for f, v in self.values().items() if v != self._baseline.get(f)}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the form; what it then shows is the baseline `changes()` compares with."""
        for field, edit in self._texts.items():
            edit.setText(values.get(field) or "")
        self.vip.setChecked(bool(values.get("vip")))
        if self.active is not None:
            self.active.setChecked(bool(values.get("active", True)))
        self.clear_errors()
        self._baseline = self.values()

    def revert(self) -> None:
        """Back to the values last set."""
        self.set_values(dict(self._baseline))

    def set_record(self, record: PersonRecord) -> None:
        self.set_values({"name": record.name, "email": record.email, "phone": record.phone, "site": record.site,
                         "department": record.department, "language": record.language, "vip": record.vip,
                         "active": record.active})

    def show_error(self, field: str | None, message: str) -> bool:
        """Show `message` under `field` and focus it; False when the form has no such field."""
        if field not in self._errors:
            return False
        self._errors[field].show_message(message)
        widget = self._texts.get(field) or (self.vip if field == "vip" else self.active)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def text_input(self, field: str) -> QLineEdit:
        return self._texts[field]

    def error_text(self, field: str) -> str:
        """The error shown under `field` (empty when none)."""
        return self._errors[field].text()

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear_message()

    def focus_name(self) -> None:
        self._texts["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_input_edited(self, *_args) -> None:
        self.edited.emit()
