"""The small dialog a workflow move opens when it needs more: an on-hold reason, or a resolution."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import label_text
from app.ui.widgets.choice_combo import ChoiceCombo
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES


class TransitionDialog(QDialog):
    """Asks for the on-hold reason (`needs == "hold"`) or resolution code and notes (`"resolve"`),
    prefilled from `values`. OK is enabled once everything required is filled in."""

    def __init__(self, needs: str, target_label: str, values: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needs = needs
        self.setWindowTitle(self.tr("Move to {}").format(target_label))
        form = QFormLayout()
        self._reason = self._code = self._notes = None
        if needs == "hold":
            intro = self.tr("Why is the ticket on hold?")
            self._reason = self._choices(ON_HOLD_REASONS, values.get("on_hold_reason"))
            form.addRow(self._label(self.tr("&Reason"), self._reason), self._reason)
        else:
            intro = self.tr("How was the ticket resolved?")
            self._code = self._choices(RESOLUTION_CODES, values.get("resolution_code"))
            self._notes = QPlainTextEdit(self)
            self._notes.setTabChangesFocus(True)
            self._notes.setPlainText(values.get("resolution_notes") or "")
            self._notes.setMinimumSize(420, 140)
            self._notes.setAccessibleName(self.tr("Resolution notes"))
            self._notes.textChanged.connect(self._update_ok)
            form.addRow(self._label(self.tr("Resolution &code"), self._code), self._code)
            form.addRow(self._label(self.tr("Resolution &notes"), self._notes), self._notes)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel, self)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Move to {}").format(target_label))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = QLabel(intro, self)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(420)
        self._update_ok()

    def _choices(self, items: dict[str, str], current: str | None) -> ChoiceCombo:
        combo = ChoiceCombo(self.tr("(Choose…)"), self)
        combo.set_choices((key, label_text(label)) for key, label in items.items())
        combo.set_current_id(current if current in items else None)
        combo.currentIndexChanged.connect(self._update_ok)
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        buddy.setAccessibleName(text.replace("&", ""))
        return label

    def values(self) -> dict:
        if self._needs == "hold":
            return {"on_hold_reason": self._reason.current_id()}
        return {"resolution_code": self._code.current_id(), "resolution_notes": self._notes.toPlainText()}

    def _update_ok(self, *_args) -> None:
        values = self.values()
        ready = all(v is not None and str(v).strip() for v in values.values())
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


def ask_transition_fields(parent: QWidget, needs: str, target_label: str, values: dict) -> dict | None:
    """Run the dialog modally; the fields to send with the move, or None when cancelled."""
    dialog = TransitionDialog(needs, target_label, values, parent)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
