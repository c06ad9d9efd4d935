"""The owner of one ticket's runner tasks: renewed when a reused editor moves on, so late answers are dropped."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


class TicketTasks:
    """Pass `owner` as the runner's `owner=`. `renew()` destroys it at once: the runner delivers no answer
    to a destroyed owner, so nothing asked about the previous ticket reaches the widgets showing the next."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self.owner = QObject(parent)

    def renew(self) -> None:
        shiboken6.delete(self.owner)
        self.owner = QObject(self._parent)
