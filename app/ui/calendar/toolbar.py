"""The calendar's toolbar: view switch, Today / previous / next, range title, zoom, swimlanes, filter, .ics export."""
# It only reports what the user chose; the page decides what to load.

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from app.changes.calendar import VIEWS, CalendarFilter
from app.ui.calendar.palette import RISK_LABELS, TYPE_LABELS
from app.ui.labels import label_text

_STATES = (("new", "New"), ("assess", "Assess"), ("authorize", "Authorize"), ("scheduled", "Scheduled"),
           ("implement", "Implement"), ("review", "Review"), ("closed", "Closed"), ("canceled", "Canceled"))


class CalendarToolbar(QWidget):
    view_chosen = Signal(str)
    command = Signal(str)  # today | previous | next | zoom_in | zoom_out | export
    lane_kind_chosen = Signal(str)
    filter_changed = Signal(object)  # CalendarFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(6)
        self.view_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        labels = {"month": self.tr("Month"), "week": self.tr("Week"), "day": self.tr("Day"),
                  "timeline": self.tr("Timeline")}
        for name in VIEWS:
            b = QToolButton(self)
            b.setText(labels[name])
            b.setCheckable(True)
            b.setObjectName("calendar-view-" + name)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, n=name: self.view_chosen.emit(n))
            group.addButton(b)
            row.addWidget(b)
            self.view_buttons[name] = b
        row.addSpacing(10)
        self.today_button = self._button(self.tr("Today"), "today", self.tr("Go to today (T or Home)"))
        row.addWidget(self.today_button)
        row.addWidget(self._button("‹", "previous", self.tr("Previous (Left or Page Up)")))
        row.addWidget(self._button("›", "next", self.tr("Next (Right or Page Down)")))
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("calendar-range-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title)
        self.zoom_out = self._button("−", "zoom_out", self.tr("Zoom out (- or Ctrl+wheel)"))
        self.zoom_in = self._button("+", "zoom_in", self.tr("Zoom in (+ or Ctrl+wheel)"))
        row.addWidget(self.zoom_out)
        row.addWidget(self.zoom_in)
        self.busy = QLabel(self.tr("Loading…"), self)
        self.busy.setObjectName("calendar-loading")
        self.busy.setEnabled(False)  # greyed: a hint, not a message
        self.busy.hide()
        row.addWidget(self.busy)
        row.addStretch(1)
        self.lane_label = QLabel(self.tr("Lanes:"), self)
        row.addWidget(self.lane_label)
        self.lanes = QComboBox(self)
        self.lanes.setObjectName("calendar-lanes")
        for key, text in (("ci", self.tr("Configuration item")), ("group", self.tr("Group")),
                          ("assignee", self.tr("Assignee"))):
            self.lanes.addItem(text, key)
        self.lanes.currentIndexChanged.connect(lambda _i: self.lane_kind_chosen.emit(self.lanes.currentData()))
        row.addWidget(self.lanes)
        self.filter_button = QToolButton(self)
        self.filter_button.setText(self.tr("Filter"))
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self)
        self._checks: dict[tuple[str, str], QAction] = {}
        self._add_section(self.tr("Risk"), "risk", RISK_LABELS.items())
        self._add_section(self.tr("Type"), "type", TYPE_LABELS.items())
        self._add_section(self.tr("State"), "state", _STATES)
        self.filter_menu.addSeparator()
        clear = self.filter_menu.addAction(self.tr("Show all"))
        clear.triggered.connect(self.clear_filter)
        self.filter_button.setMenu(self.filter_menu)
        row.addWidget(self.filter_button)
        self.search = QLineEdit(self)
        self.search.setObjectName("calendar-search")
        self.search.setPlaceholderText(self.tr("Filter by number, title, CI, person"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._emit_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        row.addWidget(self.search)
        self.export_button = self._button(self.tr("Export .ics…"), "export",
                                          self.tr("Save the changes and windows shown as an iCalendar file"))
        self.export_button.setObjectName("calendar-export")
        row.addWidget(self.export_button)

    def _button(self, text: str, name: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys keep going to the calendar
        b.clicked.connect(lambda _=False: self.command.emit(name))
        return b

    def _add_section(self, title: str, kind: str, entries) -> None:
        self.filter_menu.addSection(title)
        for key, label in entries:
            act = self.filter_menu.addAction(label_text(label))
            act.setCheckable(True)
            act.toggled.connect(lambda _on: self._emit_filter())
            self._checks[(kind, key)] = act

    def set_view(self, name: str, zoomable: bool) -> None:
        self.view_buttons[name].setChecked(True)
        for w in (self.zoom_in, self.zoom_out, self.lane_label, self.lanes):
            w.setVisible(zoomable)

    def current_filter(self) -> CalendarFilter:
        def chosen(kind: str) -> frozenset[str]:
            return frozenset(key for (k, key), act in self._checks.items() if k == kind and act.isChecked())

        return CalendarFilter(risks=chosen("risk"), types=chosen("type"), states=chosen("state"),
                              text=self.search.text())

    def clear_filter(self) -> None:
        for act in self._checks.values():
            act.blockSignals(True)
            act.setChecked(False)
            act.blockSignals(False)
        self.search.clear()
        self._emit_filter()

    def _emit_filter(self) -> None:
        flt = self.current_filter()
        active = len([a for a in self._checks.values() if a.isChecked()])
        self.filter_button.setText(self.tr("Filter ({0})").format(active) if active else self.tr("Filter"))
        self.filter_changed.emit(flt)
