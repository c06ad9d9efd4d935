"""Look and feel: the Fusion style with a light or dark palette, the app icon, and the queue page's stylesheet."""
# The palette follows the system or the user's choice; the queue page's small stylesheet comes in a light and a dark
# variant.

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
QUEUE_STYLESHEET = RESOURCES / "queue.qss"
APP_ICON = RESOURCES / "deskside.svg"

# Later rules win over the light sheet's rules of the same selector.
DARK_QUEUE_OVERRIDES = """
QTableView { gridline-color: #3a3d41; selection-background-color: #2f6fcf; selection-color: white; }
QListWidget::item:selected { background: #2f6fcf; color: white; }
"""

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e3e3e3",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f41",
    QPalette.ColorRole.ToolTipText: "#e3e3e3",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#e3e3e3",
    QPalette.ColorRole.Button: "#35373b",
    QPalette.ColorRole.ButtonText: "#e3e3e3",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#3e4145",
    QPalette.ColorRole.Mid: "#303236",
    QPalette.ColorRole.Dark: "#1b1c1f",
    QPalette.ColorRole.Shadow: "#101113",
    QPalette.ColorRole.Highlight: "#2f6fcf",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8fe",
    QPalette.ColorRole.LinkVisited: "#b99cf0",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8086",
    QPalette.ColorRole.Text: "#7d8086",
    QPalette.ColorRole.ButtonText: "#7d8086",
    QPalette.ColorRole.Base: "#242528",
    QPalette.ColorRole.Button: "#2e3033",
    QPalette.ColorRole.Highlight: "#4a4d52",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(app: QApplication | None = None) -> bool:
    """Whether the application's current palette is a dark one (light text on a dark window)."""
    app = app or QApplication.instance()
    return app is not None and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, choice: str = "system") -> bool:
    """Set the Fusion style and the palette for `choice` (system, light, dark). Returns True when dark.

    Widgets with a style sheet of their own keep it: call queue_stylesheet() again after a change.
    """
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    hints = app.styleHints()
    # Tell the platform too (window title bars follow it); "system" hands the choice back to it.
    if choice in ("light", "dark"):
        wanted = Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light
        if hints.colorScheme() != wanted:
            hints.setColorScheme(wanted)
    else:
        hints.unsetColorScheme()
    dark = choice == "dark" or (choice != "light" and system_is_dark(app))
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark


def queue_stylesheet(dark: bool | None = None) -> str:
    """The queue page's own sheet (kept off the application so other widgets polish fast), in the
    variant for the current palette unless `dark` says which."""
    try:
        sheet = QUEUE_STYLESHEET.read_text(encoding="utf-8")
    except OSError:
        sheet = ""
    if dark is None:
        dark = is_dark()
    return sheet + DARK_QUEUE_OVERRIDES if dark else sheet


class ThemeController(QObject):
    """Keeps the palette in step with the user's choice and, for "system", with the desktop's scheme.

    Lives on the GUI thread, one per application; made by the composition root.
    """

    theme_changed = Signal(bool)  # dark

    def __init__(self, app: QApplication, choice: str = "system", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.choice = choice
        self.dark = apply_theme(app, choice)
        app.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    def set_choice(self, choice: str) -> None:
        self.choice = choice
        self._apply()

    def _on_style_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self._apply()

    def _apply(self) -> None:
        dark = apply_theme(self._app, self.choice)
        if dark != self.dark:
            self.dark = dark
            self.theme_changed.emit(dark)
