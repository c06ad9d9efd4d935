"""The Macros page (`--view macros`, `--view templates`): the team's and the user's reply templates and macros."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.context import UiContext
from app.ui.macros.macros_tab import MacrosTab
from app.ui.macros.templates_tab import TemplatesTab
from app.ui.widgets.built_in_steps import BuiltInSteps


def reserved_keys(window) -> list[str]:
    """The window's own shortcuts (portable text) a macro key may not take; the macros' own are left out."""
    if window is None:
        return []
    out: list[str] = []
    for act in window.actions():
        if act.objectName().startswith("macro."):
            continue
        out += [k.toString(QKeySequence.SequenceFormat.PortableText) for k in act.shortcuts() if not k.isEmpty()]
    return out + ["Ctrl+Shift+T", "Ctrl+Return", "Ctrl+Enter"]  # the composer's own


class MacrosPage(QWidget, BuiltInSteps):
    """Two tabs, Templates and Macros; `activate("templates" | "macros")` picks one. GUI thread only."""

    data_shown = Signal()

    def __init__(self, ctx: UiContext, window=None, parent: QWidget | None = None, *, later: bool = False) -> None:
        """`later`: the Templates tab now, the Macros tab (~10 ms of the GUI thread) at `build_step()`."""
        super().__init__(parent)
        self.setObjectName("MacrosPage")
        self.tabs = QTabWidget(self)
        self.templates = TemplatesTab(ctx, self)
        self.tabs.addTab(self.templates, self.tr("&Templates"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self._shown = {"templates": False, "macros": False}
        self.templates.listed.connect(lambda _n: self._on_listed("templates"))
        self._steps = self._parts(ctx, window)
        if not later:
            self.build_rest()

    def _parts(self, ctx: UiContext, window) -> Iterator[None]:
        yield
        self.macros = MacrosTab(ctx, lambda: reserved_keys(window), self)
        self.tabs.addTab(self.macros, self.tr("&Macros"))
        self.macros.listed.connect(lambda _n: self._on_listed("macros"))

    def activate(self, arg: str) -> None:
        self.tabs.setCurrentWidget(self.macros if arg == "macros" else self.templates)

    def _on_listed(self, which: str) -> None:
        first = not all(self._shown.values())
        self._shown[which] = True
        if first and all(self._shown.values()):
            self.data_shown.emit()
