"""A queue row's display values (texts, colours, fonts), built once per row and again once a minute for the SLA."""
# A repaint asks ~7 roles of ~250 cells; answering them from these prepared values keeps it to a lookup.
# Brushes and fonts are shared by every row with the same look, so a cached row costs its texts only.

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.sla.live import live_state
from app.tickets.records import QueueRow
from app.ui import labels
from app.ui.queue.columns import Column
from app.ui.widgets.colours import priority_text
from app.ui.widgets.prepared_rows import ALIGNMENT, FONT, FOREGROUND, RowLook
from app.ui.widgets.sla_text import display_state, state_colour, state_text, time_left_text
from app.ui.widgets.time_text import local_time_text

SLA_KEYS = ("sla", "sla_left")
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class RowDisplay(RowLook):
    """What one queue row paints (RowLook), with the row it shows; `minute` is the SLA tick its SLA cells show."""

    __slots__ = ("minute", "row", "sla")

    def __init__(self, row: QueueRow, texts: list[str], extras: dict[int, dict[int, object]]) -> None:
        self.row, self.texts, self.extras = row, texts, extras
        self.minute = -1
        self.sla = "none"  # the display state the SLA cells were built for


class DisplayBuilder:
    """Builds RowDisplay for one palette (light or dark). GUI thread; one per model."""

    def __init__(self, columns: tuple[Column, ...], dark: bool) -> None:
        self.dark = dark
        self._keys = [c.key for c in columns]
        self._sla_cols = [(i, k) for i, k in enumerate(self._keys) if k in SLA_KEYS]
        self._bold = QFont()
        self._bold.setBold(True)
        self._looks: dict[tuple, dict[int, object]] = {}  # (kind, value) -> shared roles of a cell

    def _look(self, kind: str, value: object) -> dict[int, object]:
        look = self._looks.get((kind, value))
        if look is None:
            look = {}
            if kind == "priority":
                look[FOREGROUND] = QBrush(QColor(priority_text(int(value), self.dark)))  # type: ignore[call-overload]
                if int(value) <= 2:  # type: ignore[call-overload]
                    look[FONT] = self._bold
            elif kind in ("sla", "refused"):
                look[FOREGROUND] = QBrush(QColor(state_colour(str(value), self.dark)))
            elif kind == "sla_left":
                look[FOREGROUND] = QBrush(QColor(state_colour(str(value), self.dark)))
                look[ALIGNMENT] = _RIGHT
            self._looks[(kind, value)] = look
        return look

    def build(self, row: QueueRow, now: datetime, minute: int) -> RowDisplay:
        extras: dict[int, dict[int, object]] = {}
        texts = []
        for c, key in enumerate(self._keys):
            texts.append("" if key in SLA_KEYS else display_value(row, key))
            if key == "priority":
                extras[c] = self._look("priority", row.priority)
            elif key == "number" and row.refused:
                extras[c] = self._look("refused", "breached")
        shown = RowDisplay(row, texts, extras)
        self.move_sla(shown, now, minute)
        return shown

    def move_sla(self, shown: RowDisplay, now: datetime, minute: int) -> None:
        """Bring the SLA cells of `shown` to `now` (the model calls it once per row and minute)."""
        row = shown.row
        state, warning = live_state(row.sla_state, row.sla_due_at, row.sla_warn_at, row.sla_warning, now)
        display = display_state(state, warning)
        for c, key in self._sla_cols:
            if key == "sla":
                shown.texts[c] = state_text(display)
            else:
                shown.texts[c] = time_left_text(display, row.sla_due_at, now)
            shown.extras[c] = self._look(key, display)
        shown.sla, shown.minute = display, minute


def display_value(row: QueueRow, key: str) -> str:
    if key == "number" and row.refused:
        return QCoreApplication.translate("QueueTableModel", "{0} · refused").format(row.number)
    if key == "priority":
        return labels.priority(row.priority) or str(row.priority)
    if key == "state":
        return labels.label_text(row.state_label)
    if key == "type":
        return labels.ticket_type(row.type)
    if key in ("created_at", "updated_at"):
        return local_time_text(getattr(row, key))
    if key == "channel":
        return row.channel.replace("_", " ").capitalize()
    return str(getattr(row, key) or "")
