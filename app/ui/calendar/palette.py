"""Colours and brushes of the change calendar, in a light and a dark variant so both palettes read well."""
# Risk fills, type marks, conflict marker, window bands.

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.theme import is_dark

# Fill of a change bar by risk; white text is readable on all of them in both themes.
_RISK = {False: {"low": "#2e7d32", "moderate": "#b7600b", "high": "#b3261e"},
         True: {"low": "#2f7d46", "moderate": "#a5630f", "high": "#b3362d"}}
_CONFLICT = {False: "#ff1744", True: "#ff5c7a"}
_MAINTENANCE = {False: QColor(46, 160, 67, 38), True: QColor(80, 200, 120, 40)}
_BLACKOUT = {False: QColor(211, 47, 47, 34), True: QColor(255, 90, 90, 36)}
_BLACKOUT_HATCH = {False: QColor(198, 40, 40, 90), True: QColor(255, 110, 110, 90)}


@dataclass(frozen=True)
class CalendarColours:
    """Everything a view paints with, resolved once per theme."""

    dark: bool
    base: QColor
    alt: QColor  # weekend / off-month cells
    grid: QColor
    text: QColor
    muted: QColor
    today: QColor
    selection: QColor
    conflict: QColor
    maintenance: QColor
    blackout: QColor
    blackout_hatch: QColor

    def risk(self, risk: str) -> QColor:
        return QColor(_RISK[self.dark].get(risk, "#546e7a"))

    def fill(self, risk: str, state: str) -> QColor:
        colour = self.risk(risk)
        if state in ("closed", "canceled"):
            colour = QColor(colour)
            colour.setAlpha(110)
        return colour

    def stripes(self) -> QBrush:
        """The mark of an emergency change: light diagonal stripes over its fill."""
        return QBrush(QColor(255, 255, 255, 70), Qt.BrushStyle.BDiagPattern)

    def hatch(self) -> QBrush:
        return QBrush(self.blackout_hatch, Qt.BrushStyle.FDiagPattern)


def colours_for(widget: QWidget) -> CalendarColours:
    dark = is_dark()
    pal = widget.palette()
    base = pal.color(QPalette.ColorRole.Base)
    alt = base.darker(106) if not dark else base.lighter(118)
    grid = pal.color(QPalette.ColorRole.Mid) if dark else QColor("#d7dae0")
    today = QColor("#1a73e8") if not dark else QColor("#8ab4f8")
    return CalendarColours(
        dark=dark, base=base, alt=alt, grid=grid, text=pal.color(QPalette.ColorRole.Text),
        muted=pal.color(QPalette.ColorRole.PlaceholderText), today=today,
        selection=pal.color(QPalette.ColorRole.Highlight), conflict=QColor(_CONFLICT[dark]),
        maintenance=_MAINTENANCE[dark], blackout=_BLACKOUT[dark], blackout_hatch=_BLACKOUT_HATCH[dark])


RISK_LABELS = {"low": "Low", "moderate": "Moderate", "high": "High"}
TYPE_LABELS = {"standard": "Standard", "normal": "Normal", "emergency": "Emergency"}
