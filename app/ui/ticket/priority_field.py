"""Priority input: follows the impact x urgency matrix live unless the user explicitly overrides it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from app.ui.ticket.labels import priority_label
from app.ui.widgets.choice_combo import ChoiceCombo
from core.tickets.priority import PRIORITY_LABELS


class PriorityField(QWidget):
    """`value()` is None while the priority follows the matrix, else the chosen override (1..5)."""


    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._computed = 3
        self.combo = ChoiceCombo(None, self)
        self.combo.set_choices((p, priority_label(p)) for p in PRIORITY_LABELS)
        self.combo.setAccessibleName(self.tr("Priority"))
        self.override = QCheckBox(self.tr("O&verride"), self)
        self.override.setAccessibleName(self.tr("Override the priority from the matrix"))
        self.override.setToolTip(self.tr("Set the priority by hand instead of from impact and urgency"))
        self._hint = QLabel(self)
        self._hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.override)
        layout.addWidget(self._hint, 1)
        self.setFocusProxy(self.combo)
        self.override.toggled.connect(self._on_override_toggled)
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self._show()

    def set_matrix_value(self, priority: int) -> None:
        """The matrix value for the current impact and urgency; shown unless overridden."""
        self._computed = priority
        self._show()

    def set_value(self, priority: int | None) -> None:
        """None follows the matrix; a number different from the matrix value is an override."""
        overridden = priority is not None and priority != self._computed
        self.override.blockSignals(True)
        self.override.setChecked(overridden)
        self.override.blockSignals(False)
        if overridden:
            self.combo.set_current_id(priority)
        self._show()

    def value(self) -> int | None:
        # An override equal to the matrix value is no override (the service treats it the same way).
        chosen = self.combo.current_id() if self.override.isChecked() else None
        return chosen if chosen != self._computed else None

    def effective(self) -> int:
        return self.value() or self._computed

    def _show(self) -> None:
        overridden = self.override.isChecked()
        if not overridden:
            self.combo.set_current_id(self._computed)
        self.combo.setEnabled(overridden)
        self._hint.setText(self.tr("Matrix: {}").format(priority_label(self._computed)) if overridden
                           else self.tr("From impact × urgency"))

    def _on_override_toggled(self, _checked: bool) -> None:
        self._show()
        if self.override.isChecked():
            self.combo.setFocus()
        self.edited.emit()

    def _on_combo_changed(self, _index: int) -> None:
        self._show()
        self.edited.emit()
