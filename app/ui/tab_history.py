"""The order in which the window's tabs were shown, so closing a tab returns to where the user came from."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QTabWidget, QWidget

HISTORY_DEPTH = 20


class TabHistory:
    """Remembers the last tabs shown (newest last) and closes tabs so that the one shown before comes back,
    not whichever neighbour Qt would pick. GUI thread only; owned by the main window."""

    def __init__(self, tabs: QTabWidget, home: QWidget) -> None:
        self._tabs = tabs
        self._home = home  # shown when nothing visited before is still open
        self._trail: list[QWidget] = []
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_tabs_current_changed(tabs.currentIndex())

    def remove(self, widget: QWidget) -> None:
        """Take `widget`'s tab away; when it was the current one, show the tab visited before it first, so
        no other page flashes up (or gets built) on the way."""
        index = self._tabs.indexOf(widget)
        if index < 0:
            return
        self._forget(widget)
        if self._tabs.currentWidget() is widget:
            self._tabs.setCurrentWidget(self.back())
        self._tabs.removeTab(self._tabs.indexOf(widget))

    def replace(self, old: QWidget, new: QWidget) -> None:
        """`new` took `old`'s tab (a resting ticket tab and its editor): it keeps `old`'s place in the trail."""
        self._trail = [new if w is old else w for w in self._trail]

    def back(self) -> QWidget:
        """The most recently shown tab that is still open, the home tab by default."""
        for widget in reversed(self._trail):
            if widget is not self._tabs.currentWidget() and self._is_open(widget):
                return widget
        return self._home

    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self._tabs.widget(index)
        if widget is None:
            return
        self._forget(widget)
        self._trail.append(widget)
        # Closed tabs drop out here too: a tab closed while in the background leaves no stale entry.
        self._trail = [w for w in self._trail if self._is_open(w)][-HISTORY_DEPTH:]

    def _forget(self, widget: QWidget) -> None:
        self._trail = [w for w in self._trail if w is not widget]

    def _is_open(self, widget: QWidget) -> bool:
        return shiboken6.isValid(widget) and self._tabs.indexOf(widget) >= 0
