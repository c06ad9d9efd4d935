"""The ticket editor's header: number and type, title, state and priority badges, key times."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.people.reference import ReferenceData
from app.tickets.records import TicketDetail
from app.ui.labels import label_text
from app.ui.ticket.labels import (
    priority_label,
    state_kind,
    type_label,
)
from app.ui.widgets.colours import PRIORITY_BADGE, STATE_BADGE
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.selectable_label import SelectableLabel
from app.ui.widgets.style_sheet import set_style_sheet
from app.ui.widgets.time_text import local_time_text

_BADGE = "QLabel {{ background: {}; color: white; border-radius: 10px; padding: 2px 10px; font-weight: 600; }}"


class TicketHeader(QWidget):
    """Shows the saved ticket (not the unsaved form), so it always tells the truth about the store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = SelectableLabel(self)
        self.number.setStyleSheet("color: palette(placeholder-text); font-weight: 600;")
        self.title = SelectableLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state = QLabel(self)
        self.priority = QLabel(self)
        for badge in (self.state, self.priority):
            badge.setTextFormat(Qt.TextFormat.PlainText)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.times = SelectableLabel(self)
        self.times.setStyleSheet("color: palette(placeholder-text);")
        self.times.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.number, 0, 0, 1, 3)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.state, 1, 1)
        grid.addWidget(self.priority, 1, 2)
        grid.addWidget(self.times, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)

    def set_detail(self, detail: TicketDetail, reference: ReferenceData) -> None:
        self.number.setText(f"{detail.number} · {type_label(detail.type)}")
        self.title.setText(one_line(detail.title, 160))
        self.title.setToolTip("")
        self.state.setText(label_text(detail.state_label))
        set_style_sheet(self.state, _BADGE.format(STATE_BADGE[state_kind(detail.type, detail.state)]))
        self.state.setAccessibleName(self.tr("State: {}").format(label_text(detail.state_label)))
        self.priority.setText(priority_label(detail.priority))
        set_style_sheet(self.priority, _BADGE.format(PRIORITY_BADGE.get(detail.priority, "#5f6368")))
        self.priority.setAccessibleName(self.tr("Priority: {}").format(priority_label(detail.priority)))
        parts = [self.tr("Opened {}").format(local_time_text(detail.created_at)),
                 self.tr("updated {}").format(local_time_text(detail.updated_at))]
        requester = reference.name_of("requesters", detail.requester_id)
        if requester:
            parts.insert(0, self.tr("Requested by {}").format(requester))
        if detail.first_response_at:
            parts.append(self.tr("first response {}").format(local_time_text(detail.first_response_at)))
        if detail.resolved_at:
            parts.append(self.tr("resolved {}").format(local_time_text(detail.resolved_at)))
        if detail.reopen_count:
            parts.append(self.tr("reopened {} times").format(detail.reopen_count))
        self.times.setText(" · ".join(parts))
