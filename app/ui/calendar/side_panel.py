"""The calendar's side panel: the selected change, its conflicts, its next free slot, and a legend."""
# Its conflicts come with reasons, its next free slot with a button to move it there; the legend is of the colours and
# marks.

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QByteArray, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.changes.calendar import CalendarItem
from app.ui import labels
from app.ui.calendar.day_text import day_text
from app.ui.calendar.external_drop import CHANGE_MIME
from app.ui.calendar.palette import RISK_LABELS, colours_for
from app.ui.labels import label_text


def span_text(start: datetime, end: datetime, tz: tzinfo) -> str:
    """'Thu 19 Nov 2026, 14:45–18:45', or both dates when the span crosses midnight."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    if a.date() == b.date():
        return "{}, {}–{}".format(day_text(a, "%a %d %b %Y"), a.strftime("%H:%M"), b.strftime("%H:%M"))
    return "{} – {}".format(day_text(a, "%a %d %b %H:%M"), day_text(b, "%a %d %b %Y %H:%M"))


class SidePanel(QFrame):
    move_requested = Signal(str, object, object)  # change id, start, end
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar-side-panel")
        self.setMinimumWidth(260)
        self.setMaximumWidth(420)
        self._item: CalendarItem | None = None
        self._slot: tuple[datetime, datetime] | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        self.heading = QLabel(self)
        self.heading.setObjectName("calendar-selected-title")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        box.addWidget(self.heading)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLabel] = {}
        for key, label in (("when", self.tr("When")), ("risk", self.tr("Risk")), ("type", self.tr("Type")),
                           ("state", self.tr("State")), ("group", self.tr("Group")), ("assignee", self.tr("Assignee")),
                           ("cis", self.tr("CIs"))):
            value = QLabel(self.details)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.fields[key] = value
        box.addWidget(self.details)
        self.conflict_title = QLabel(self)
        self.conflict_title.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_title.setObjectName("calendar-conflict-title")
        box.addWidget(self.conflict_title)
        self.conflicts = QListWidget(self)
        self.conflicts.setObjectName("calendar-conflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setMinimumHeight(80)
        box.addWidget(self.conflicts, 1)
        self.spacer = QWidget(self)  # takes the list's room while nothing is selected
        box.addWidget(self.spacer, 1)
        self.slot_label = QLabel(self)
        self.slot_label.setTextFormat(Qt.TextFormat.PlainText)
        self.slot_label.setObjectName("calendar-next-slot")
        box.addWidget(self.slot_label)
        buttons = QHBoxLayout()
        self.move_button = QPushButton(self.tr("Move there"), self)
        self.move_button.setObjectName("calendar-move-there")
        self.move_button.clicked.connect(self._on_move_button_clicked)
        self.open_button = QPushButton(self.tr("Open change"), self)
        self.open_button.clicked.connect(lambda: self._item and self.open_requested.emit(self._item.id))
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.open_button)
        box.addLayout(buttons)
        self.unscheduled_title = QLabel(self)
        self.unscheduled_title.setTextFormat(Qt.TextFormat.PlainText)
        self.unscheduled_title.setWordWrap(True)
        box.addWidget(self.unscheduled_title)
        self.unscheduled = UnscheduledList(self)
        self._unscheduled_shown: tuple | None = None  # the changes the list holds
        self.unscheduled.setObjectName("calendar-unscheduled")
        self.unscheduled.itemDoubleClicked.connect(
            lambda entry: self.open_requested.emit(entry.data(Qt.ItemDataRole.UserRole)))
        box.addWidget(self.unscheduled)
        box.addWidget(self._legend())
        self.show_item(None, (), None, None)

    def _legend(self) -> QWidget:
        legend = QWidget(self)
        grid = QVBoxLayout(legend)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setSpacing(2)
        c = colours_for(self)
        entries = [(c.risk(k), None, self.tr("{0} risk").format(label_text(v))) for k, v in RISK_LABELS.items()]
        entries.append((c.risk("moderate"), c.stripes(), self.tr("Emergency change (striped)")))
        entries.append((None, "conflict", self.tr("In conflict (red outline and !)")))
        entries.append((c.maintenance, None, self.tr("Maintenance window")))
        entries.append((c.blackout, c.hatch(), self.tr("Blackout / freeze")))
        for colour, extra, text in entries:
            row = QLabel(legend)
            row.setText(text)
            icon = QPixmap(QSize(14, 14))
            icon.fill(Qt.GlobalColor.transparent)
            p = QPainter(icon)
            if extra == "conflict":
                p.setPen(c.conflict)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(1, 1, 12, 12), 2, 2)
            else:
                p.fillRect(QRectF(0, 0, 14, 14), colour)
                if isinstance(extra, QBrush):
                    p.fillRect(QRectF(0, 0, 14, 14), extra)
            p.end()
            line = QHBoxLayout()
            swatch = QLabel(legend)
            swatch.setPixmap(icon)
            line.addWidget(swatch)
            line.addWidget(row, 1)
            grid.addLayout(line)
        return legend

    def show_unscheduled(self, changes) -> None:
        """The open changes without planned times (change_planning.PlanningChange), to drag on. The same changes
        again (every range the calendar moves to reads them) leave the list as it is: its scroll and selection stay,
        and its entries are not made again (218 on the 1M demo store, ~3 ms of the load's turn)."""
        changes = tuple(changes)
        if changes == self._unscheduled_shown:
            return
        self._unscheduled_shown = changes
        self.unscheduled.clear()
        for c in changes:
            entry = QListWidgetItem(f"{c.number} {c.title}")
            entry.setData(Qt.ItemDataRole.UserRole, c.id)
            entry.setToolTip(self.tr("{0} risk, {1}; drag it onto the calendar to plan it").format(
                labels.change_risk(c.risk), label_text(c.state_label)))
            self.unscheduled.addItem(entry)
        self.unscheduled_title.setText(self.tr("Unscheduled ({0}): drag onto the calendar").format(len(changes)))
        self.unscheduled_title.setVisible(bool(changes))
        self.unscheduled.setVisible(bool(changes))
        if changes:  # as tall as its entries, up to five, so the panel keeps its room
            rows = min(5, len(changes))
            self.unscheduled.setFixedHeight(rows * self.unscheduled.sizeHintForRow(0)
                                            + 2 * self.unscheduled.frameWidth() + 2)

    def show_item(self, item: CalendarItem | None, conflicts: tuple, slot: tuple[datetime, datetime] | None,
                  tz: tzinfo | None, *, searching: bool = False) -> None:
        """Show a change (None: the empty state), its conflicts (ConflictItem) and its next free slot."""
        self._item, self._slot = item, slot
        self.details.setVisible(item is not None)
        self.conflicts.clear()
        self.open_button.setEnabled(item is not None)
        if item is None:
            self.heading.setText(self.tr("No change selected"))
            self.conflict_title.setText(self.tr("Click a change to see its conflicts and its next free slot; "
                                                "drag it to move it, drag an edge to change its length."))
            self.conflict_title.setWordWrap(True)
            self.conflicts.hide()
            self.spacer.show()
            self.slot_label.clear()
            self.move_button.setEnabled(False)
            self.move_button.hide()
            self.open_button.hide()
            return
        self.conflicts.show()
        self.spacer.hide()
        self.move_button.show()
        self.open_button.show()
        self.heading.setText(f"{item.number} {item.title}")
        self.fields["when"].setText(span_text(item.start, item.end, tz))
        self.fields["risk"].setText(labels.change_risk(item.risk))
        self.fields["type"].setText(labels.change_type(item.change_type))
        self.fields["state"].setText(labels.change_state(item.state))
        self.fields["group"].setText(item.group_name or "—")
        self.fields["assignee"].setText(item.assignee_name or "—")
        self.fields["cis"].setText(", ".join(item.ci_names) or "—")
        if conflicts:
            self.conflict_title.setText(self.tr("%Ln conflict(s)", "", len(conflicts)))
        else:
            self.conflict_title.setText(self.tr("No conflicts at these times"))
        colour = colours_for(self).conflict
        for c in conflicts:
            entry = QListWidgetItem(c.text)
            if c.severity == "blocking":
                entry.setText(self.tr("Freeze: {0}").format(c.text))
                entry.setForeground(colour)
            icon = QPixmap(10, 10)
            icon.fill(colour if c.severity == "blocking" else QColor("#e6a100"))
            entry.setIcon(QIcon(icon))
            self.conflicts.addItem(entry)
        inactive = item.state in ("closed", "canceled")
        if searching:
            self.slot_label.setText(self.tr("Looking for the next free slot…"))
            self.move_button.setEnabled(False)
        elif not conflicts:
            self.slot_label.setText(self.tr("This slot is free."))
            self.move_button.setEnabled(False)
        elif slot is None:
            self.slot_label.setText(self.tr("No free slot within the next 90 days."))
            self.move_button.setEnabled(False)
        else:
            self.slot_label.setText(self.tr("Next free slot:\n{0}").format(span_text(slot[0], slot[1], tz)))
            self.move_button.setEnabled(not inactive)

    def _on_move_button_clicked(self) -> None:
        if self._item is not None and self._slot is not None:
            self.move_requested.emit(self._item.id, self._slot[0], self._slot[1])


class UnscheduledList(QListWidget):
    """Open changes without planned times; dragging one carries its id (CHANGE_MIME) to a calendar view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CHANGE_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if items:
            data.setData(CHANGE_MIME, QByteArray(items[0].data(Qt.ItemDataRole.UserRole).encode("utf-8")))
        return data
