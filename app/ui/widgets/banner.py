"""A non-blocking strip across the top of a view: a message and a few action buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

_STYLES = {
    "info": "background: #e8f0fe; color: #174ea6; border: 1px solid #aecbfa;",
    "warning": "background: #fef7e0; color: #7a4f01; border: 1px solid #fdd663;",
}


class Banner(QFrame):
    """Hidden until `show_message`; every action button hides the banner before running its handler."""

    def __init__(self, kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        # Selected by a property of its own, not by its name: a view may name its banner (for tests and
        # accessibility), and a name-selected look was lost with it (the known-error banner showed plain).
        self.setProperty("banner", kind)
        self.setStyleSheet(f'QFrame[banner="{kind}"] {{ {_STYLES[kind]} border-radius: 4px; }} '
                           "QLabel { border: none; background: transparent; }")
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.addWidget(self._label, 1)
        self._buttons: list[QPushButton] = []
        self.hide()

    def show_message(self, message: str, actions: list[tuple[str, Callable[[], None]]]) -> None:
        """Replace the message and the buttons; `actions` are (text, handler) pairs."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self._label.setText(message)
        self.setAccessibleName(message)
        for text, handler in actions:
            button = QPushButton(text, self)
            button.clicked.connect(self.hide)
            button.clicked.connect(handler)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.show()

    def message(self) -> str:
        return self._label.text() if self.isVisible() else ""

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)
