"""The UI tests' guard against a modal dialog nobody answers: it is closed and named, never a hang."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from tests.ui.dialog_watchdog import DialogWatchdog


def test_a_dialog_left_open_is_closed_and_named(qtbot):
    watchdog = DialogWatchdog(seconds=0, interval_ms=10)
    try:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", "The disk is full.")
        box.exec()  # returns only because the watchdog rejects it
    finally:
        watchdog.stop()
    assert watchdog.stuck == ["QMessageBox 'Export failed' 'The disk is full.'"]


def test_a_dialog_answered_in_time_is_left_alone(qtbot):
    watchdog = DialogWatchdog(seconds=60, interval_ms=10)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "Keep it?", "Keep the draft?")
        QTimer.singleShot(50, box.accept)
        box.exec()
    finally:
        watchdog.stop()
    assert watchdog.stuck == []
