"""'New change…': choose the type (a standard change from the template catalogue) and a title."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.changes.detail import TemplateItem, list_templates
from app.changes.ops import new_change
from app.ui.changes.labels import TYPE_KEYS, risk_label, type_label
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError


class NewChangeDialog(QDialog):
    created = Signal(str)  # change id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewChangeDialog")
        self.setWindowTitle(self.tr("New change"))
        self.ctx = ctx
        self._templates: tuple[TemplateItem, ...] = ()
        self.types = QButtonGroup(self)
        row = QHBoxLayout()
        hints = {"standard": self.tr("Pre-approved, from the catalogue"), "normal": self.tr("Assessed and approved by "
                 "the CAB"), "emergency": self.tr("Urgent: straight to authorization")}
        for key in TYPE_KEYS:
            button = QRadioButton(type_label(key), self)
            button.setObjectName("type_" + key)
            button.setToolTip(hints[key])
            button.setProperty("key", key)
            self.types.addButton(button)
            row.addWidget(button)
        self.types.buttons()[1].setChecked(True)
        self.template = QComboBox(self)
        self.template.setObjectName("TemplateCombo")
        self.template_info = QLabel(self)
        self.template_info.setTextFormat(Qt.TextFormat.PlainText)
        self.template_info.setWordWrap(True)
        self.title = QLineEdit(self)
        self.title.setObjectName("TitleEdit")
        self.title.setPlaceholderText(self.tr("What will change, on what"))
        self.title.setMaxLength(300)
        self.error = InlineError(self)
        form = QFormLayout()
        form.addRow(self.tr("Type"), row)
        form.addRow(self.tr("Template"), self.template)
        form.addRow("", self.template_info)
        form.addRow(self.tr("Title"), self.title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("CreateButton")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create)
        self.types.buttonToggled.connect(lambda *_: self._update())
        self.template.currentIndexChanged.connect(lambda *_: self._update())
        self._update()
        ctx.runner.query(list_templates, on_done=self._on_templates_loaded, owner=self, label="templates")

    def change_type(self) -> str:
        return self.types.checkedButton().property("key")

    def select_type(self, key: str) -> None:
        for b in self.types.buttons():
            if b.property("key") == key:
                b.setChecked(True)

    def _on_templates_loaded(self, templates: tuple[TemplateItem, ...]) -> None:
        self._templates = templates
        self.template.clear()
        for t in templates:
            self.template.addItem(t.name, t.id)
        self._update()

    def _current_template(self) -> TemplateItem | None:
        ident = self.template.currentData()
        return next((t for t in self._templates if t.id == ident), None)

    def _update(self) -> None:
        standard = self.change_type() == "standard"
        self.template.setEnabled(standard)
        tpl = self._current_template() if standard else None
        if tpl is not None:
            self.template_info.setText(self.tr("{0} Usual duration {1} min, risk {2}.").format(
                tpl.description, tpl.duration_minutes, risk_label(tpl.risk).lower()))
        elif standard and not self._templates:
            self.template_info.setText(self.tr("The catalogue has no active templates."))
        else:
            self.template_info.setText("")
        self.template_info.setVisible(bool(self.template_info.text()))
        # An empty title takes the template's name.
        self.title.setPlaceholderText(tpl.name if tpl is not None else self.tr("What will change, on what"))
        self.resize(self.width(), self.sizeHint().height())

    def create(self) -> None:
        change_type = self.change_type()
        tpl = self._current_template() if change_type == "standard" else None
        title = self.title.text().strip() or (tpl.name if tpl else "")
        if not title:
            self.error.show_message(self.tr("Give the change a title."))
            self.title.setFocus()
            return
        if change_type == "standard" and tpl is None:
            self.error.show_message(self.tr("Choose a template for a standard change."))
            return
        self.create_button.setEnabled(False)
        self.ctx.runner.op(new_change, change_type=change_type, title=title, actor_id=self.ctx.me,
                           template_id=tpl.id if tpl else None, on_done=self._on_created,
                           on_error=self._on_create_failed, owner=self, label="create change")

    def _on_created(self, change_id: str) -> None:
        self.created.emit(change_id)
        self.accept()

    def _on_create_failed(self, exc: Exception) -> None:
        self.create_button.setEnabled(True)
        self.error.show_message(describe_error(exc))
