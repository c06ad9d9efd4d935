"""Shows one desktop notification: the system tray's balloon where the desktop has a tray."""
# org.freedesktop.Notifications over QtDBus was tried first: PySide6's QDBusArgument cannot marshal the
# uint32 `replaces_id` of Notify (it picks a 16-bit type), so every call fails with UnknownMethod on a
# real daemon. Qt's own tray icon uses that service (or the StatusNotifier protocol) on Linux desktops.

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

SHOWN_MS = 10_000


class DesktopNotice(QObject):
    """One tray icon for the app's notices, made on first use. GUI thread only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray: QSystemTrayIcon | None = None

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def show(self, title: str, text: str) -> bool:
        """Show the notice on the desktop; False where the platform has no tray (offscreen, some
        desktops): the caller still has the status bar."""
        if not self.available():
            return False
        if self._tray is None:
            self._tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
            self._tray.setToolTip("Deskside")
            self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)
        return True
