"""Look and feel: the Fusion style, the app icon, and the queue page's small stylesheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
QUEUE_STYLESHEET = RESOURCES / "queue.qss"
APP_ICON = RESOURCES / "deskside.svg"


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")


def queue_stylesheet() -> str:
    """The queue page's own sheet (kept off the application so other widgets polish fast)."""
    try:
        return QUEUE_STYLESHEET.read_text(encoding="utf-8")
    except OSError:
        return ""
