"""The change queue's filter bar: state, type, risk, 'mine' and a text search, as one ChangeFilter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.changes.queue import ChangeFilter
from app.records.queue_sql import ME
from app.ui.changes.labels import RISK_KEYS, STATE_KEYS, TYPE_KEYS, risk_label, state_label, type_label

TEXT_DELAY_MS = 250  # type a few characters before the query runs


class ChangeFilterBar(QWidget):
    filter_changed = Signal(object)  # ChangeFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QComboBox(self)
        self.state.setObjectName("ChangeStateFilter")
        self.state.addItem(self.tr("Open changes"), "open")
        self.state.addItem(self.tr("All changes"), "all")
        for key in STATE_KEYS:
            self.state.addItem(state_label(key), key)
        self.type = QComboBox(self)
        self.type.setObjectName("ChangeTypeFilter")
        self.type.addItem(self.tr("All types"), None)
        for key in TYPE_KEYS:
            self.type.addItem(type_label(key), key)
        self.risk = QComboBox(self)
        self.risk.setObjectName("ChangeRiskFilter")
        self.risk.addItem(self.tr("Any risk"), None)
        for key in RISK_KEYS:
            self.risk.addItem(risk_label(key), key)
        self.mine = QCheckBox(self.tr("Assigned to me"), self)
        self.mine.setObjectName("ChangeMineFilter")
        self.text = QLineEdit(self)
        self.text.setObjectName("ChangeSearch")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("Search number, title or CI"))
        self.text.setMinimumWidth(220)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.state, self.type, self.risk, self.mine):
            layout.addWidget(w)
        layout.addWidget(self.text, 1)
        self._timer = QTimer(self, singleShot=True, interval=TEXT_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        for combo in (self.state, self.type, self.risk):
            combo.currentIndexChanged.connect(self._emit)
        self.mine.toggled.connect(self._emit)
        self.text.textChanged.connect(self._timer.start)

    def current_filter(self) -> ChangeFilter:
        state = self.state.currentData()
        kind = self.type.currentData()
        risk = self.risk.currentData()
        return ChangeFilter(
            states=() if state in ("open", "all") else (state,),
            open_only=True if state == "open" else None,
            types=(kind,) if kind else (), risks=(risk,) if risk else (),
            assignee_ids=(ME,) if self.mine.isChecked() else (), text=self.text.text().strip())

    def _emit(self, *_args) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.current_filter())
