"""The Services list: owner, criticality, SLA policy, support group and hours of each service; CSV import and export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFileDialog, QFormLayout, QLineEdit, QPushButton, QWidget

from app.people import reference_ops, reference_queries, reference_transfer
from app.people.reference_queries import ServiceRow
from app.records.csv_transfer import ImportPreview
from app.ui.reference.section import RecordSection
from app.ui.tasks import describe_error
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.csv_import_dialog import CsvImportDialog, ImportWords
from app.ui.widgets.time_zones import zone_names
from core.errors import ValidationError
from core.people.reference_rules import CRITICALITY, describe_hours, parse_hours


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServicesSection", text)


def criticality_label(level: int) -> str:
    words = {1: _tr("Mission critical"), 2: _tr("High"), 3: _tr("Medium"), 4: _tr("Low")}
    return f"{level} · {words.get(level, CRITICALITY.get(level, ''))}"


class ServicesSection(RecordSection):
    entity = "service"
    watched = ("person", "group")
    list_query = staticmethod(reference_queries.services)
    widths = (170, 114, 128, 108, 112)

    _policies: tuple[str, ...] = ()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.import_dialog: CsvImportDialog | None = None
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.import_button.setToolTip(self.tr("Add and update services from a CSV file, after a preview"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.below.insertWidget(1, self.import_button)
        self._load_policies()

    def headings(self) -> tuple[str, ...]:
        return (self.tr("Service"), self.tr("Criticality"), self.tr("Owner"), self.tr("Support group"),
                self.tr("SLA policy"), self.tr("Hours"))

    def new_label(self) -> str:
        return self.tr("&New service")

    def cells(self, row: ServiceRow) -> tuple[str, ...]:
        hours = row.hours_text  # the zone is in the form beside (and in the export)
        name = row.name if row.active else self.tr("{0} (retired)").format(row.name)
        return (name, criticality_label(row.criticality), row.owner_name or "", row.support_group_name or "",
                row.sla_policy or "", hours)

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.description = QLineEdit(self)
        self.description.setMaxLength(1000)
        self.owner = ChoiceCombo(self.tr("(None)"), self)
        self.criticality = QComboBox(self)
        for level in CRITICALITY:
            self.criticality.addItem(criticality_label(level), level)
        self.policy = QComboBox(self)
        self.policy.setEditable(True)
        line = self.policy.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("This desk's SLA policy for its tickets"))
        self.group = ChoiceCombo(self.tr("(None)"), self)
        self.hours = QLineEdit(self)
        self.hours.setPlaceholderText(self.tr("Mon-Fri 08:00-18:00; Sat 09:00-12:00, or 24x7"))
        self.hours_tz = QLineEdit(self)
        self.hours_tz.setPlaceholderText(self.tr("Europe/London"))

        completer = QCompleter(list(zone_names()), self.hours_tz)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.hours_tz.setCompleter(completer)
        for label, widget in ((self.tr("&Name"), self.name), (self.tr("&Description"), self.description),
                              (self.tr("&Owner"), self.owner), (self.tr("&Criticality"), self.criticality),
                              (self.tr("SLA &policy"), self.policy), (self.tr("Support &group"), self.group),
                              (self.tr("&Hours"), self.hours), (self.tr("&Time zone"), self.hours_tz)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        for edit in (self.name, self.description, self.hours, self.hours_tz):
            edit.textEdited.connect(self._update_buttons)
        for combo in (self.owner, self.criticality, self.group):
            combo.currentIndexChanged.connect(self._update_buttons)
        self.policy.currentTextChanged.connect(self._update_buttons)

    def _load_policies(self) -> None:
        self._ctx.runner.query(reference_queries.sla_policy_names, on_done=self._on_policies, owner=self,
                               label="SLA policy names")

    def _on_policies(self, names: tuple[str, ...]) -> None:
        text = self.policy.currentText()
        self.policy.blockSignals(True)
        self.policy.clear()
        self.policy.addItem("")
        self.policy.addItems(list(names))
        self.policy.setCurrentText(text)
        self.policy.blockSignals(False)
        self._policies = names

    def _fill_people_and_groups(self, row: ServiceRow | None) -> None:
        ref = self._ctx.reference
        self.owner.set_choices([(c.id, c.name) for c in ref.agents],
                               keep=row.owner_id if row else None,
                               missing_label=(row.owner_name or "") if row else "")
        self.group.set_choices([(c.id, c.name) for c in ref.groups],
                               keep=row.support_group_id if row else None,
                               missing_label=(row.support_group_name or "") if row else "")

    def fill_form(self, row: ServiceRow | None) -> None:
        self._fill_people_and_groups(row)
        self.name.setText(row.name if row else "")
        self.description.setText((row.description or "") if row else "")
        self.criticality.setCurrentIndex(max(self.criticality.findData(row.criticality if row else 3), 0))
        self.policy.setCurrentText((row.sla_policy or "") if row else "")
        self.hours.setText(row.hours_text if row else "")
        self.hours_tz.setText(row.hours_tz if row else "")
        self._update_buttons()

    def form_values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "description": self.description.text().strip() or None,
                "owner_id": self.owner.current_id(), "owner_group_id": self.group.current_id(),
                "criticality": self.criticality.currentData(), "sla_policy": self.policy.currentText().strip() or None,
                "hours_text": " ".join(self.hours.text().split()), "hours_tz": self.hours_tz.text().strip()}

    def row_values(self, row: ServiceRow) -> dict[str, Any]:
        return {"name": row.name, "description": row.description, "owner_id": row.owner_id,
                "owner_group_id": row.support_group_id, "criticality": row.criticality, "sla_policy": row.sla_policy,
                "hours_text": row.hours_text, "hours_tz": row.hours_tz}

    def _op_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """The form's values as the operation takes them: the typed hours parsed (an error shown under Hours)."""
        out = {k: v for k, v in values.items() if k not in ("hours_text", "hours_tz")}
        if "hours_text" in values or "hours_tz" in values:
            typed, tz = self.form_values()["hours_text"], self.form_values()["hours_tz"]
            out["hours"] = parse_hours(typed, tz or None)
        return out

    def create_call(self):
        return reference_ops.create_service, {"values": self._op_values(self.form_values())}

    def update_call(self, row_id: str, changes: dict[str, Any]):
        return reference_ops.update_service, {"service_id": row_id, "changes": self._op_values(changes)}

    def save(self) -> None:
        try:
            self._op_values(self.changes())
        except ValidationError as exc:
            self.error.show_message(str(exc))
            (self.hours_tz if exc.field == "hours_tz" else self.hours).setFocus()
            return
        super().save()

    def export(self, path: str):
        return reference_transfer.export_services, {}

    def usage_text(self, row: ServiceRow, usage: reference_queries.Usage) -> str:
        policies = self._policies
        lines = [self.tr("Named on {0} tickets.").format(usage.tickets)]
        if row.sla_policy and row.sla_policy.lower() not in {p.lower() for p in policies}:
            lines.append(self.tr("The SLA policy {0} is not on this desk: its tickets are measured by this desk's "
                                 "own policies.").format(row.sla_policy))
        if row.hours_text:
            text, tz = describe_hours(parse_hours(row.hours_text, row.hours_tz))
            lines.append(self.tr("Supported {0} ({1}).").format(text, tz))
        lines.append(self.tr("A service is retired, never deleted: its tickets keep naming it."))
        return "\n".join(lines)

    # ----- import

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import services"), "", self.tr("CSV (*.csv *.txt)"))
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        self.error.clear_message()
        self._ctx.runner.query(reference_transfer.preview_services, path=path, on_done=self._on_preview_loaded,
                               on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                               label="read services file")

    def _on_preview_loaded(self, preview: ImportPreview) -> None:
        words = ImportWords(
            title=self.tr("Import services"), read=self.tr("{0}: {1} services read as {2}."),
            plan=self.tr("{0} new services, {1} already here (matched by name) updated."),
            button=self.tr("&Import {0} services"), done=self.tr("{0} services added, {1} updated, {2} unchanged"),
            label="import services")
        columns = [(self.tr("Service"), "name"), (self.tr("Criticality"), "criticality"),
                   (self.tr("SLA policy"), "sla_policy"), (self.tr("Description"), "description")]
        dialog = CsvImportDialog(self._ctx, preview, words=words, columns=columns,
                                 run=reference_transfer.import_services, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()
