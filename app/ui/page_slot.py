"""A pinned tab that builds its page the first time it is shown, on turns of its own."""
# Built in the turn of the tab switch, a page cost that turn its modules' import (7-76 ms on the 1M demo store), its
# widgets (3-16 ms) and, in the same stretch, its layout and first paint (5-15 ms): 27-93 ms without an answer to
# input (bench/page_switch.py). Chosen by the user, the page is now built in steps: its modules imported on a thread
# (app.ui.imports_ahead) once the tab switch has painted, its widgets on a turn of their own (a page made in parts,
# app.ui.widgets.built_in_steps: a part per turn), then its layout and its paint on turns of their own
# (app.ui.widgets.after_paint). The tab strip answers at once; the page follows within a few frames.

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.imports_ahead import ImportsAhead
from app.ui.pages import PageSpec
from app.ui.widgets.after_paint import PAINT_HELD_MS, AfterPaint, paint_shown_on_a_later_turn
from app.ui.widgets.built_in_steps import BuiltInSteps

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class PageSlot(QWidget):
    """Holds `spec`'s page once built: `ensure()` builds it at once (a caller that needs the page now), and
    `build_soon()` on later turns (the user chose the tab)."""

    def __init__(self, spec: PageSpec, window: MainWindow) -> None:
        super().__init__(window)
        self.spec = spec
        self.page: QWidget | None = None
        self._window = window
        self._importing: AfterPaint | ImportsAhead | None = None
        self.setObjectName("page-" + spec.key)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        """The page, built whole now if it was not (or the parts still to build of one built in parts)."""
        if self.page is None:
            self._make(later=False)
        elif isinstance(self.page, BuiltInSteps):
            self.page.build_rest()
        assert self.page is not None
        return self.page

    def _make(self, *, later: bool) -> None:
        self.page = self.spec.factory(self._window.ctx, self._window, later=later)
        self._layout.addWidget(self.page)

    def build_soon(self) -> None:
        """Build the page on later turns: its modules on a thread, then its widgets on turns of their own, held from
        painting until they are laid out, its first reads held until it painted. Nothing when built or under way."""
        if self.page is not None or self._importing is not None:
            return
        # The imports wait for the tab switch's paint: a thread importing beside it took the interpreter lock in turns
        # with it (every return from Qt to Python waits for it), and that turn's 5 ms of CPU took 18-22 ms.
        self._importing = AfterPaint(self, self._import, self)

    def _import(self) -> None:
        if self.page is not None:
            self._importing = None
            return  # a caller needed it meanwhile (ensure)
        missing = [name for name in self.spec.modules if name not in sys.modules]
        self._importing = ImportsAhead(missing, self._build_now, self)

    def _build_now(self) -> None:
        self._importing = None
        if self.page is not None:
            return  # a caller needed it meanwhile (ensure)
        # What the import made lives as long as the app: out of the collector's passes, or the next young one walks
        # it on the GUI thread (a first pass after a page's import: 17 ms).
        gc.freeze()
        self.setUpdatesEnabled(False)  # painted once built and laid out (a slot is never a window)
        # Its first reads wait for its first paint (TaskRunner.hold_reads).
        gate = self._window.ctx.runner.hold_reads()
        AfterPaint(self, gate.set, self)
        self._make(later=True)
        QTimer.singleShot(PAINT_HELD_MS, self, self._build_part)

    def _build_part(self) -> None:
        """The page's next part on this turn and the one after on a later turn; once all are built, its layout and
        its paint on the turns after (paint_shown_on_a_later_turn)."""
        if isinstance(self.page, BuiltInSteps) and not self.page.build_step():
            QTimer.singleShot(PAINT_HELD_MS, self, self._build_part)
            return
        self._window.ctx.runner.end_hold()
        paint_shown_on_a_later_turn(self, then=self.painted_later())

    def painted_later(self) -> Sequence[QWidget]:
        """The parts of the page painted a turn after the rest when it is shown (a list, then the record beside
        it: whole, a page's paint took 10-16 ms of the GUI thread); none for a page that names none."""
        parts = getattr(self.page, "painted_later", None)
        return parts() if parts is not None else ()
