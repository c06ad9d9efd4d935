"""Look and feel: Fusion style with a light palette and a small stylesheet for our own widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
STYLESHEET = RESOURCES / "deskside.qss"
APP_ICON = RESOURCES / "deskside.svg"


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    if STYLESHEET.exists():
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
