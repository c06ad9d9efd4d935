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
        self._buttons: list[QPushButton] = []  # those shown, in order: the first of _pool
        self._pool: list[QPushButton] = []
        self._moves: tuple[tuple[str, str], ...] | None = None
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
        """(state key, label) pairs, in the workflow's order. The buttons are made once and reused (hidden when
        not needed): a reused editor opening the next ticket makes no widget here, and none is shown or hidden
        when it offers the same moves as the ticket before (showing a button lays the whole window out at once:
        a few of them were ~2 ms of the turn that fills the editor)."""
        if moves == self._moves:
            if not self._buttons:  # offered again after clear(): the same buttons, usable again
                self._buttons = self._pool[:len(moves)]
                for button in self._buttons:
                    button.setEnabled(True)
            return
        self._moves = moves
        for position, (key, label) in enumerate(moves):
            if position == len(self._pool):
                button = QPushButton(self)
                button.clicked.connect(self._on_button_clicked)
                self._row.insertWidget(position + 1, button)
                self._pool.append(button)
            button = self._pool[position]
            button.setText(label_text(label))
            button.setAccessibleName(self.tr("Move to {}").format(label_text(label)))
            button.setToolTip(self.tr("Save your changes and move the ticket to {}").format(label_text(label)))
            button.setProperty("state_key", key)
            button.setEnabled(True)
            button.setVisible(True)
        for button in self._pool[len(moves):]:
            button.setVisible(False)
        self._buttons = self._pool[:len(moves)]
        self._caption.setText(self.tr("Move to:") if moves else self.tr("No further moves: this ticket is final."))

    def clear(self) -> None:
        """Offer no move until the next set_moves(): the buttons stay where they are, disabled (a reused editor
        between two tickets, under its loading cover), so that a ticket with the same moves changes no layout."""
        for button in self._buttons:
            button.setEnabled(False)
        self._buttons = []

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
