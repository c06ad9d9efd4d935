"""The Templates tab of the Macros page: reply and note templates with their variables, the user's and the team's."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from app.macros import ops as macro_ops
from app.macros import queries as macro_queries
from app.macros.records import TemplateRecord
from app.ui.macros.manager_tab import ManagerTab, variable_button
from core.macros.rules import NAME_MAX, TEMPLATE_KINDS


class TemplatesTab(ManagerTab):
    """Reads with list_templates, writes with save_template / delete_template on the runner. GUI thread."""

    entity = "reply_template"

    def build_form(self, form: QVBoxLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_MAX)
        self.kind = QComboBox(self)
        for key, label in TEMPLATE_KINDS.items():
            self.kind.addItem(self.tr(label), key)
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(self.tr("Template text"))
        self.body.setPlaceholderText(self.tr("Hello {{requester.first_name}}, …"))
        fields = QFormLayout()
        fields.addRow(self.tr("&Name"), self.name)
        fields.addRow(self.tr("&For"), self.kind)
        form.addLayout(fields)
        form.addWidget(variable_button(self, self.body))
        form.addWidget(self.body, 1)
        hint = QLabel(self.tr("Variables such as {{ticket.number}} are filled in for the ticket when the template "
                              "is inserted (Ctrl+Shift+T in a ticket's composer)."), self)
        hint.setWordWrap(True)
        form.addWidget(hint)

    def list_query(self):
        return macro_queries.list_templates

    def item_text(self, record: TemplateRecord) -> str:
        scope = self.tr("shared") if record.shared else self.tr("mine")
        return f"{record.name}  ·  {scope}"

    def item_tip(self, record: TemplateRecord) -> str:
        return f"{record.name} ({self.tr(TEMPLATE_KINDS[record.kind])})\n\n{record.body[:300]}"

    def show_record(self, record: TemplateRecord | None) -> None:
        self.name.setText(record.name if record else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind if record else "any")))
        self.body.setPlainText(record.body if record else "")

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "kind": self.kind.currentData(), "body": self.body.toPlainText()}

    def run_save(self, record_id: str | None, values: dict[str, Any], shared: bool) -> None:
        self.ctx.runner.op(macro_ops.save_template, template_id=record_id, values=values, shared=shared,
                           actor_id=self.ctx.me, on_done=self.on_saved, on_error=self.on_failed, owner=self,
                           label="save template")

    def run_delete(self, record_id: str) -> None:
        self.ctx.runner.op(macro_ops.delete_template, template_id=record_id, actor_id=self.ctx.me,
                           on_done=self.on_deleted, on_error=self.on_failed, owner=self, label="delete template")
