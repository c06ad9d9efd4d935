"""The sync part of the status bar: state, progress of a long pull, pending edits, conflicts, last sync."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.people.account import SyncSummary
from app.ui.sync import controller as c
from app.ui.sync.messages import relative_time
from app.ui.theme import is_dark
from app.ui.widgets.time_text import local_time_text

# (text, dot colour) per state; the colour is a hint, the word says it. Translated by the widget (self.tr);
# the markers let lupdate collect the words.
_LOOK = {
    c.SIGNED_OUT: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Not signed in"), "#80868b"),
    c.WORK_OFFLINE: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Working offline"), "#80868b"),
    c.CONNECTING: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Connecting…"), "#1a73e8"),
    c.SYNCING: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Syncing…"), "#1a73e8"),
    c.ONLINE: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Online"), "#1e8e3e"),
    c.OFFLINE: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Offline"), "#e37400"),
    c.ERROR: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Sync error"), "#d93025"),
    c.AUTH_EXPIRED: (QT_TRANSLATE_NOOP("SyncStatusWidget", "Sign in to sync"), "#d93025"),
}


class SyncStatusWidget(QWidget):
    """Shows what the controller reports; the buttons are the Sync menu's actions. GUI thread only."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncStatus")
        self.dot = QLabel(self)
        self.state_label = QLabel(self)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setObjectName("SyncStateLabel")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(150)
        self.progress.setMaximumHeight(16)
        self.progress.hide()
        self.cancel_button = self._button(actions["sync.cancel"])
        self.cancel_button.hide()
        self.pending_label = QLabel(self)
        self.pending_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pending_label.setObjectName("SyncPendingLabel")
        self.conflicts_button = self._button(actions["sync.conflicts"])
        colour = "#f28b82" if is_dark() else "#d93025"
        self.conflicts_button.setStyleSheet(f"QToolButton {{ color: {colour}; font-weight: bold; }}")
        self.conflicts_button.hide()
        self.last_label = QLabel(self)
        self.last_label.setTextFormat(Qt.TextFormat.PlainText)
        self.last_label.setObjectName("SyncLastLabel")
        self.sync_button = self._button(actions["sync.now"])
        self.offline_button = self._button(actions["sync.offline"])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        for w in (self.dot, self.state_label, self.progress, self.cancel_button, self.pending_label,
                  self.conflicts_button, self.last_label, self.sync_button, self.offline_button):
            layout.addWidget(w)
        self._summary = SyncSummary(pending=0, conflicts=0, last_synced=None)
        self._state = c.SIGNED_OUT
        self._clock = QTimer(self, interval=30_000)  # "2 min ago" keeps moving
        self._clock.timeout.connect(self._show_last)
        self._clock.start()
        self._retry_at: float | None = None  # monotonic time of the next retry while offline
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._show_countdown)
        self.show_status(c.SyncStatus(c.SIGNED_OUT))

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        return button

    def show_status(self, status: c.SyncStatus) -> None:
        self._state = status.state
        text, colour = _LOOK.get(status.state, (status.state, "#80868b"))
        self.dot.setText(f"<span style='color:{colour}'>●</span>")
        label = self.tr(str(text))
        self._retry_at = None
        self._countdown.stop()
        if status.state == c.OFFLINE and status.retry_in is not None:
            self._retry_at = time.monotonic() + status.retry_in
            self._countdown.start()
            label = self._retry_text()
        self.state_label.setText(label)
        tip = [status.account] if status.account else []
        if status.message:
            tip.append(status.message)
        self.state_label.setToolTip("\n".join(tip) or label)
        self.setAccessibleName(self.tr("Sync: {0}").format(label))
        syncing = status.state in (c.SYNCING, c.CONNECTING)
        self.cancel_button.setVisible(syncing)
        if not syncing:
            self.progress.hide()

    def _retry_text(self) -> str:
        left = max(1, round((self._retry_at or 0) - time.monotonic()))
        return self.tr("Offline, retrying in {0} s").format(left) if left < 120 else \
            self.tr("Offline, retrying in {0} min").format(round(left / 60))

    def _show_countdown(self) -> None:
        if self._retry_at is None or time.monotonic() >= self._retry_at:
            self._countdown.stop()
            return
        self.state_label.setText(self._retry_text())

    def show_progress(self, phase: str, done: int, total: int) -> None:
        if self._state not in (c.SYNCING, c.CONNECTING):
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            formats = {"push": self.tr("Sending {0} of {1}"), "upload": self.tr("Uploading {0} of {1}"),
                       "download": self.tr("Downloading {0} of {1}"),
                       "derive": self.tr("Updating SLA and KPI figures: {0} of {1}")}
            self.progress.setFormat(formats.get(phase, self.tr("{0} of {1}")).format(done, total))
        else:
            self.progress.setRange(0, 0)  # a pull does not know its end; the count still moves
            self.progress.setFormat("")
            if phase == "pull":
                self.state_label.setText(self.tr("Syncing… {0} changes received").format(QLocale().toString(done)))
        self.progress.setTextVisible(total > 0)
        self.progress.setVisible(phase == "pull" or total > 1)

    def show_summary(self, summary: SyncSummary) -> None:
        self._summary = summary
        self.pending_label.setVisible(summary.pending > 0)
        self.pending_label.setText(self.tr("{0} pending").format(summary.pending))
        self.pending_label.setToolTip(self.tr("{0} saved edits wait to be sent to the server.").format(
            summary.pending))
        self.conflicts_button.setVisible(summary.conflicts > 0)
        self._show_last()

    def _show_last(self) -> None:
        when = self._summary.last_synced
        self.last_label.setVisible(when is not None)
        if when is not None:
            self.last_label.setText(self.tr("Synced {0}").format(relative_time(when)))
            self.last_label.setToolTip(self.tr("Last synced at {0}").format(local_time_text(when)))
