"""The CI list's filters: text (name, serial, asset tag), class, status and business service."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.cmdb.records import CiClassInfo
from app.ui.cmdb.ci_table_model import CiFilter
from app.ui.cmdb.map_style import status_label
from core.cmdb.classes import STATUSES


class CiFilterBar(QWidget):
    """Emits `changed` when a filter changes (typing, after a short pause). The class and service lists are
    filled from reads (`set_classes`, `set_services`), keeping what is chosen. GUI thread only."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("CiSearch")
        self.search.setPlaceholderText(self.tr("Search name, serial number or asset tag"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.changed)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.ci_class = self._combo(self.tr("All classes"), self.tr("Class"))
        self.status = self._combo(self.tr("All statuses"), self.tr("Status"))
        for key in STATUSES:
            self.status.addItem(status_label(key), key)
        self.service = self._combo(self.tr("All services"), self.tr("Service"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for widget in (self.ci_class, self.status, self.service):
            layout.addWidget(widget, 1)

    def _combo(self, everything: str, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def current_filter(self) -> CiFilter:
        return CiFilter(text=self.search.text().strip(), ci_class=self.ci_class.currentData(),
                        status=self.status.currentData(), service_id=self.service.currentData())

    def set_classes(self, classes: tuple[CiClassInfo, ...]) -> None:
        """Classes that have CIs, with their counts (and the chosen one, even with none left)."""
        self._refill(self.ci_class, [(c.key, self.tr("{0} ({1})").format(c.label, c.ci_count))
                                     for c in classes if c.ci_count or c.key == self.ci_class.currentData()])

    def set_services(self, services: list[tuple[str, str]]) -> None:
        self._refill(self.service, services)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for key, text in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)
