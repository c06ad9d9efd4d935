"""The ticket editor's SLA strip: per clock (response, resolution) its state, target used, due time and time left."""
# Per clock: its state, how much of the target is used, the due time and time left, elapsed and paused business
# time, and the warning level reached.

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from app.ui.theme import is_dark
from app.ui.widgets.selectable_label import SelectableLabel
from app.ui.widgets.sla_text import display_state, duration_text, state_colour, state_text, time_left_text
from app.ui.widgets.style_sheet import set_style_sheet
from app.ui.widgets.time_text import local_time_text
from core.sla.clocks import ClockStatus, SlaStatus

REFRESH_MS = 60_000


class UsedBar(QWidget):
    """How much of a clock's target is used, in the clock's colour: painted here, not a style-sheeted
    QProgressBar, whose setValue repainted at once (~1.5 ms a clock, in the turn that fills the editor) and whose
    colour needed a new style sheet (a re-polish) for every ticket."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self._colour = QColor()
        self.setFixedSize(120, 12)

    def value(self) -> int:
        return self._value

    def colour(self) -> QColor:
        return QColor(self._colour)

    def set_value(self, value: int, colour: str) -> None:
        """`value` in percent (0-100), drawn on the next paint."""
        value, wanted = max(0, min(100, value)), QColor(colour)
        if value != self._value or wanted != self._colour:
            self._value, self._colour = value, wanted
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 12)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 3, 3)
        if self._value:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._colour)
            chunk = frame.adjusted(1, 1, -1, -1)
            chunk.setWidth(chunk.width() * self._value / 100)
            painter.drawRoundedRect(chunk, 2, 2)
        painter.end()


class SlaStrip(QFrame):
    """Shows a SlaStatus as read with the ticket; the time left moves on once a minute without a reload.
    Hidden when no SLA policy applies to the ticket."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SlaStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Service level"))
        # Two rows, one a clock, with what they are beside them ("Service level" over the policy's name): a heading
        # row of its own cost the editor the height that squeezed the worklog's composer at 1280×720.
        heading = QLabel(self.tr("Service level"), self)
        heading.setStyleSheet("font-weight: 600;")
        self.title = QLabel(self)  # the policy's name
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 5, 10, 5)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(3)
        self._grid.addWidget(heading, 0, 0)
        self._grid.addWidget(self.title, 1, 0)
        self.rows: dict[str, tuple[QLabel, QLabel, UsedBar, QLabel]] = {}
        for i, clock in enumerate(("response", "resolution")):
            name = QLabel(self.tr("Response") if clock == "response" else self.tr("Resolution"), self)
            state = QLabel(self)
            state.setTextFormat(Qt.TextFormat.PlainText)
            state.setMinimumWidth(70)
            bar = UsedBar(self)
            details = SelectableLabel(self)
            for col, widget in enumerate((name, state, bar, details)):
                self._grid.addWidget(widget, i, col + 1)
            self.rows[clock] = (name, state, bar, details)
        self._grid.setColumnStretch(4, 1)
        self._status: SlaStatus | None = None
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self._render)
        self.hide()

    def set_status(self, status: SlaStatus | None) -> None:
        self._status = status
        if status is None or (status.response is None and status.resolution is None):
            self._timer.stop()
            self.hide()
            return
        self.title.setText(status.policy)
        self._render()
        self._timer.start()
        self.show()

    def clear(self) -> None:
        """Show nothing of the ticket shown before, keeping the strip's place (a reused editor's next ticket
        most likely has an SLA too: `set_status` hides it if not)."""
        self._status = None
        self._timer.stop()
        self.title.clear()
        for _name, state, bar, details in self.rows.values():
            state.clear()
            bar.set_value(0, "")
            details.clear()

    def clock_text(self, clock: str) -> str:
        """The details line of one clock as shown (for tests and accessibility)."""
        return self.rows[clock][3].text()

    def _render(self) -> None:
        if self._status is None:
            return
        now = datetime.now(UTC)
        for clock, status in (("response", self._status.response), ("resolution", self._status.resolution)):
            name, state, bar, details = self.rows[clock]
            for widget in (name, state, bar, details):
                widget.setVisible(status is not None)
            if status is not None:
                self._render_clock(status, now, state, bar, details)

    def _render_clock(self, c: ClockStatus, now: datetime, state: QLabel, bar: UsedBar, details: QLabel) -> None:
        live = c.state if not (c.state == "running" and c.due_at <= now) else "breached"
        warning = 100 if live == "breached" and c.stopped_at is None else c.warning
        display = display_state(live, warning)
        colour = state_colour(display, is_dark())
        state.setText(state_text(display))
        set_style_sheet(state, f"color: {colour}; font-weight: 600;")
        bar.set_value(int(c.percent_used), colour)
        parts = [self.tr("target {0}").format(duration_text(c.target_seconds, days=False))]
        if c.stopped_at is not None:
            if c.state == "canceled":
                stop = self.tr("canceled {0}")
            else:
                stop = self.tr("answered {0}") if c.clock == "response" else self.tr("resolved {0}")
            parts.append(self.tr("due {0}").format(local_time_text(c.due_at)))
            parts.append(stop.format(local_time_text(c.stopped_at)))
        elif live == "paused":
            parts.append(self.tr("{0} left when it resumes").format(
                duration_text(max(0, c.remaining_seconds), days=False)))
        else:
            parts.append(self.tr("due {0} ({1})").format(local_time_text(c.due_at),
                                                        time_left_text(display, c.due_at, now)))
        parts.append(self.tr("elapsed {0} ({1} %)").format(duration_text(c.elapsed_seconds, days=False),
                                                            int(c.percent_used)))
        if c.paused_seconds:
            parts.append(self.tr("paused {0}").format(duration_text(c.paused_seconds, days=False)))
        if warning and c.stopped_at is None:
            parts.append(self.tr("warning {0} %").format(warning))
        details.setText(" · ".join(parts))
        bar.setAccessibleName(self.tr("{0} % of the target used").format(int(c.percent_used)))
