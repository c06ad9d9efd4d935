"""The row of workflow moves a ticket allows now, one button per target state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.labels import label_text
from app.ui.widgets.inline_error import InlineError


class StateBar(QWidget):
    """Offers exactly the moves it is given; a refused move's message shows under the buttons."""

    move_requested = Signal(str)  # target state key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption = QLabel(self.tr("Move to:"), self)
        self._buttons: list[QPushButton] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self._caption)
        self._row.addStretch(1)
        self.error = InlineError(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(self._row)
        column.addWidget(self.error)

    def set_moves(self, moves: tuple[tuple[str, str], ...]) -> None:
        """(state key, label) pairs, in the workflow's order."""
        for button in self._buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for position, (key, label) in enumerate(moves, start=1):
            button = QPushButton(label_text(label), self)
            button.setAccessibleName(self.tr("Move to {}").format(label_text(label)))
            button.setToolTip(self.tr("Save your changes and move the ticket to {}").format(label_text(label)))
            button.setProperty("state_key", key)
            button.clicked.connect(self._on_button_clicked)
            self._row.insertWidget(position, button)
            self._buttons.append(button)
        self._caption.setText(self.tr("Move to:") if moves else self.tr("No further moves: this ticket is final."))

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def button_for(self, state: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.property("state_key") == state), None)

    def set_busy(self, busy: bool) -> None:
        for button in self._buttons:
            button.setEnabled(not busy)

    def _on_button_clicked(self) -> None:
        self.error.clear_message()
        self.move_requested.emit(self.sender().property("state_key"))
