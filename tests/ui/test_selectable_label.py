"""SelectableLabel: text the mouse can select, painted once per new text (no text control until the user reaches for
the text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from app.ui.widgets.selectable_label import SelectableLabel

WAIT = 5_000
_windows: list[QMainWindow] = []  # held until the test session ends (pytest-qt closes them)


class Events(QObject):
    """Notes the paints of a widget and the updates it asks for from inside its own paint (Qt posts those)."""

    def __init__(self, widget: QLabel) -> None:
        super().__init__()
        self.paints = 0
        self.asked_in_paint = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        elif event.type() == QEvent.Type.UpdateLater:
            self.asked_in_paint += 1
        return False


def shown(qtbot, label: QLabel) -> QLabel:
    """`label` in a shown window."""
    window = QMainWindow()
    _windows.append(window)
    window.setCentralWidget(label)
    window.resize(400, 80)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return label


def painted_anew(qtbot, label: QLabel, text: str) -> Events:
    events = Events(label)
    label.setText(text)
    qtbot.waitUntil(lambda: events.paints > 0, timeout=WAIT)
    qtbot.wait(30)  # what the paint asked for has come
    return events


def test_a_new_text_is_painted_without_a_text_control_to_lay_it_out_again(qtbot):
    label = shown(qtbot, SelectableLabel())
    events = painted_anew(qtbot, label, "INC0001234 · Printer on fire")
    assert not label.is_selectable() and events.asked_in_paint == 0


def test_the_text_is_selected_with_the_mouse_and_a_new_text_drops_the_control(qtbot):
    label = shown(qtbot, SelectableLabel())
    label.setText("Printer on fire")
    assert not label.is_selectable()
    assert label.cursor().shape() == Qt.CursorShape.IBeamCursor
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton, pos=QPoint(label.fontMetrics().horizontalAdvance("Pr"),
                                                                    label.height() // 2))
    assert label.is_selectable()
    assert label.selectedText() == "Printer"
    label.setText("Printer on fire")  # the same text: the selection stays
    assert label.selectedText() == "Printer"
    label.setText("Mail bounces")
    assert not label.is_selectable()
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_user_text_is_shown_literally(qtbot):
    label = shown(qtbot, SelectableLabel())
    label.setText("<b>Eve</b>")
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert label.is_selectable() and label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Eve</b>"
