"""The ticket editor's "Macro" button: the user's and the team's macros in a menu, read when it opens."""
# The editor does not run macros itself: it says which one was chosen (`macro_requested`) and the window's
# macro controller applies it to this ticket, so the run lands on the window's one undo stack like any other.

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.macros import queries as macro_queries
from app.macros.records import MacroRecord
from app.ui.context import UiContext


class MacroButton(QToolButton):
    macro_requested = Signal(str)  # macro id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setText(self.tr("&Macro"))
        self.setToolTip(self.tr("Apply a macro to this ticket: field changes and a reply or note in one step"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._on_menu_about_to_show)

    def _on_menu_about_to_show(self) -> None:
        menu = self.menu()
        if not menu.actions():
            menu.addAction(self.tr("Loading…")).setEnabled(False)
        self._ctx.runner.query(macro_queries.list_macros, slot=("macro button", id(self)), me=self._ctx.me,
                               on_done=self._on_listed, owner=self, label="macros")

    def _on_listed(self, macros: tuple[MacroRecord, ...]) -> None:
        menu = self.menu()
        menu.clear()
        for m in macros:
            act = menu.addAction(m.name)
            act.setToolTip(m.description or m.name)
            act.triggered.connect(lambda _c=False, macro_id=m.id: self.macro_requested.emit(macro_id))
        if not macros:
            menu.addAction(self.tr("No macros yet: make them on the Macros page (View menu)")).setEnabled(False)
