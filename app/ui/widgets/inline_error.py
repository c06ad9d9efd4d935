"""A red plain-text message shown under an input when the input is refused; hidden while empty."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.widgets.selectable_label import SelectableLabel


class InlineError(SelectableLabel):
    """Shows a user-facing error next to the field it is about.

    Always plain text: messages may quote user input, which must never be read as rich text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setAccessibleName(self.tr("Error"))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")
