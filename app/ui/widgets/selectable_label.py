"""A plain-text label whose text the mouse can select, without a second paint each time its text changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


class SelectableLabel(QLabel):
    """Like a QLabel with TextSelectableByMouse (drag or double-click to select, Copy in its context menu), but
    its text control is made when the mouse first presses on it and dropped when the text changes.

    Why: a label with a text control lays its text out again as a document in the first paint after each new text,
    and that layout asks for the label to be painted again from inside the paint. Qt posts those requests, so the
    paint was followed at once by a second one (and by a new layout of whatever holds the label) before the event
    loop took anything else: in the ticket editor, whose header and service-level strip hold five such labels, the
    paint of each ticket opened ran 1-4 ms longer in one stretch. Without the control, a new text is painted once;
    the control, when the user reaches for the text, costs one repaint of the label then."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # user text (names, titles) is never read as markup
        self.setCursor(Qt.CursorShape.IBeamCursor)  # it shows that the text can be selected before it is

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        if text != self.text():
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        super().setText(text)

    def is_selectable(self) -> bool:
        """Whether the text control is there now (after a press, until the text changes)."""
        return bool(self.textInteractionFlags() & _SELECTABLE)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._selectable()
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        self._selectable()  # a menu opened from the keyboard comes without a press
        super().contextMenuEvent(event)

    def _selectable(self) -> None:
        if not self.is_selectable():
            self.setTextInteractionFlags(_SELECTABLE)
