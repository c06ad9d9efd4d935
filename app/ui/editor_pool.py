"""Ticket editors built ahead, in idle time and in slices, and reused: opening a ticket only fills a ready editor."""
# Building an editor is ~50 ms of the GUI thread (widgets, styles, connections) and its modules take as long
# again to import, so neither may happen while the user waits for a ticket: after the queue's first painted
# page a thread imports the modules (app.ui.imports_ahead), then the window's idle time prepares the pickers and
# builds one spare editor part by part (TicketEditor.build_step, each part at most ~15 ms), every step on an
# event-loop turn of its own so input and paints go between. A closed ticket's editor is parked and kept; an
# editor taken for a ticket is replaced the same way once the window has been idle a moment.

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from app.ui.context import UiContext
from app.ui.imports_ahead import ImportsAhead
from app.ui.widgets.after_paint import AfterPaint

if TYPE_CHECKING:
    from app.ui.ticket.editor import TicketEditor

EDITOR_MODULE = "app.ui.ticket.editor"
# The editor's modules, heaviest leaves first, imported one per event-loop turn after the first page is painted.
EDITOR_IMPORTS = ("app.ui.ticket.worklog_model", "app.ui.ticket.worklog_view", "app.ui.ticket.fields_form",
                  "app.ui.ticket.attachments_view", "app.ui.ticket.history_view", "app.ui.ticket.editor_ui",
                  EDITOR_MODULE)
SPARE_EDITORS = 2  # closed ticket editors kept to be reused
REFILL_AFTER_MS = 400  # a spare taken for a ticket is rebuilt once its ticket has loaded and painted
# A step waits while the task runner has work under way: its threads run Python beside the step and take the
# interpreter lock from it at every switch, so a part built in 9 ms of CPU held the GUI thread 26-52 ms (the first
# ticket opened after the warm-up, its late parts read meanwhile; bench.stall_split). Once the runner has been busy
# BUSY_WAIT_MAX_S on end, the steps go on regardless (a desk whose sync keeps it busy still gets its spare).
BUSY_RETRY_MS = 25
BUSY_WAIT_MAX_S = 1.5


_DONE = object()  # what next() answers for a finished generator of parts


def editor_class() -> type[TicketEditor]:
    """The ticket editor's class, imported when first needed: its module (and the dialogs') are not needed to
    paint the queue, so start-up does not pay for them; the spare editor built after the first page does."""
    from app.ui.ticket.editor import TicketEditor

    return TicketEditor


def is_editor(widget: QWidget | None) -> bool:
    """Whether `widget` is a ticket editor, without importing the editor: none exists before its module is in."""
    module = sys.modules.get(EDITOR_MODULE)
    return module is not None and isinstance(widget, module.TicketEditor)


class EditorPool(QObject):
    """Spare ticket editors for `window` (their parent, hidden), and the idle-time warm-up that makes them.
    `wire(editor)` connects a finished editor to the window, once. GUI thread only.

    The warm-up runs `steps` one per event-loop turn; a step that answers False is run again on the next turn
    (an editor built part by part), anything else moves on."""

    def __init__(self, ctx: UiContext, window: QMainWindow, wire: Callable[[TicketEditor], None]) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._wire = wire
        self._spares: list[TicketEditor] = []  # ready: built, wired, empty (or given back, to be emptied)
        self._unparked: list[TicketEditor] = []  # given back, not emptied yet (`_park`)
        self._building: TicketEditor | None = None  # a spare half built, by build steps
        self._steps: list[Callable[[], object]] = []
        self._started = False
        self._sample_ticket: Callable[[], str | None] = lambda: None
        self._pickers_ready = False
        self._picker_parts: Iterator[None] | None = None  # the pickers being prepared, part by part
        self._font_parts: Iterator[None] | None = None  # the scripts' fallback fonts being found, one by one
        self._warming: Iterator[None] | None = None  # the spare's first layout and paint, done part by part
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._busy_retry = QTimer(self, singleShot=True, interval=BUSY_RETRY_MS)
        self._busy_retry.timeout.connect(self._on_timer_timeout)
        self._busy_since: float | None = None  # when the next step first found the runner busy
        self._refill = QTimer(self, singleShot=True, interval=REFILL_AFTER_MS)
        self._refill.timeout.connect(self._on_refill_timeout)

    # ---- the warm-up ------------------------------------------------------------------------------
    def start_warm_up(self, sample_ticket: Callable[[], str | None] = lambda: None,
                      then: Callable[[], object] | None = None) -> None:
        """After the first painted page: the editor's modules (imported on a thread of their own, app.ui.imports_ahead),
        then the fallback fonts of the common scripts (app.ui.font_warm_up), the pickers and a spare editor part by
        part, so the user looking at the queue never meets one long pause, then one ticket read as an editor reads it
        (`sample_ticket`: the id of one, e.g. the queue's first row); what the warm-up made is then frozen out of the
        collector's full passes (it lives as long). `then`: one more step, last (the window's own idle work)."""
        self._sample_ticket = sample_ticket
        self._steps = [self._warm_fonts, self._prepare_pickers, self._build_spare, self._lay_out_spare,
                       self._read_ahead, gc.freeze]
        if then is not None:
            self._steps.append(then)
        self._started = True
        ImportsAhead([name for name in EDITOR_IMPORTS if name not in sys.modules], self._timer.start, self)

    @property
    def warmed_up(self) -> bool:
        """The warm-up (editor modules, pickers, a spare editor) is done and no spare is being built."""
        return self._started and not self._steps

    def ready(self) -> int:
        """How many spare editors wait, built and empty."""
        return len(self._spares)

    def reference_reloaded(self) -> None:
        """The pickers follow the new reference data (prepared again in idle time, once warmed up)."""
        self._pickers_ready = False
        self._picker_parts = None  # a preparation under way was for the old lists
        if self._started and self._prepare_pickers not in self._steps:
            # Then frozen out of the collector, as the warm-up is: the long lists (20,000 requesters on the demo
            # store) and their pickers' indexes, ~70,000 objects, made a young pass of 20-28 ms of the GUI thread.
            self._steps += [self._prepare_pickers, gc.freeze]
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        if not self._steps or self._wait_for_runner():
            return
        self._busy_retry.stop()  # one chain of steps, whichever timer started it
        if self._steps[0]() is not False:
            self._steps.pop(0)
        if self._steps:
            self._timer.start()  # the next step on a turn of its own: input and paints go between
        else:
            self._busy_since = None  # the next chain (a refill) waits for an idle runner afresh

    def _wait_for_runner(self) -> bool:
        """Whether the next step waits (BUSY_RETRY_MS, then asks again): the runner has work under way, and has not
        been busy for BUSY_WAIT_MAX_S on end (then the steps go on as if it were idle, until it is once)."""
        if self._ctx.runner.is_idle():
            self._busy_since = None
            return False
        now = time.monotonic()
        if self._busy_since is None:
            self._busy_since = now
        if now - self._busy_since >= BUSY_WAIT_MAX_S:
            return False
        self._busy_retry.start()
        return True

    def _warm_fonts(self) -> bool:
        """The fallback fonts of one more script found (False: more to do): app.ui.font_warm_up."""
        if self._font_parts is None:
            from PySide6.QtWidgets import QApplication

            from app.ui.font_warm_up import warm_parts

            bold = QFont(QApplication.font())
            bold.setBold(True)
            self._font_parts = warm_parts((QApplication.font(), bold))
        if next(self._font_parts, _DONE) is _DONE:
            self._font_parts = None
            return True
        return False

    def _prepare_pickers(self) -> bool:
        """One part of preparing the pickers (False: more to do)."""
        if self._picker_parts is None:
            if self._pickers_ready or not self._ctx.reference.me:
                return True
            self._pickers_ready = True
            from app.ui.ticket.fields_form import prepare_pickers

            self._picker_parts = prepare_pickers(self._ctx)
        if next(self._picker_parts, _DONE) is _DONE:
            self._picker_parts = None
            return True
        return False

    def _read_ahead(self) -> None:
        """Read one ticket as an editor does, on a read connection, and drop the answer: the first ticket the user
        opens then finds the read's statements compiled and cached (the first read of the 1M store took 16-25 ms of
        the read thread, the later ones 3-6, and held the GIL against the GUI thread meanwhile)."""
        ticket_id = self._sample_ticket()
        if ticket_id:
            from app.tickets.queries import editor_ticket

            self._ctx.runner.query(editor_ticket, ticket_id=ticket_id, with_draft=True, owner=self,
                                   on_error=lambda _exc: None,  # nobody asked for it: a failure is nobody's news
                                   label="read a ticket ahead")

    def _build_spare(self) -> bool:
        """One part of a spare editor (False: more to build); none while spares wait."""
        if self._building is None:
            if self._spares:
                return True
            self._building = editor_class()(self._ctx, parent=self._window, later=True)
            self._building.hide()
            return False
        if not self._building.build_step():
            return False
        self._finish_building()
        return True

    def _finish_building(self) -> TicketEditor:
        editor, self._building = self._building, None
        assert editor is not None
        editor.build_rest()
        self._wire(editor)
        self._spares.append(editor)
        return editor

    def _lay_out_spare(self) -> bool:
        """One part of the spare's first layout and paint, done ahead (False: more to do)."""
        if not self._spares:
            self._warming = None
            return True
        if self._warming is None:
            self._park(self._spares[-1])
            self._warming = self._warm_parts(self._spares[-1])
        if next(self._warming, _DONE) is _DONE:
            self._warming = None
            return True
        return False

    def _warm_parts(self, editor: TicketEditor) -> Iterator[None]:
        """What a spare's first show and paint would do in the turns that open a ticket, done ahead in parts while
        it is hidden (a widget rendered while hidden is polished and laid out first, children and all). Measured
        with bench.editor_probe on a 100k store: a new spare's opening held the GUI thread 30-71 ms in one stretch
        before and 16-39 after in early runs at load 1-2.5, but a later alternating A/B at load ~2 showed no clear
        difference (25-62 against 27-61 ms): the fill and the window's paint in one turn are the rest. Nothing is
        shown, so no shortcut, focus chain or window sees the spare."""
        editor.ui.set_ticket("")  # as a parked editor is; the first use of its text documents' types
        editor.ensurePolished()
        tabs = self._window.centralWidget()
        page, layout = tabs.currentWidget() if isinstance(tabs, QTabWidget) else tabs, editor.layout()
        if page is not None and layout is not None:
            editor.resize(page.size())
            layout.activate()
        yield
        editor.grab(QRect(0, 0, 1, 1))  # every layout activated and every pending resize sent, one pixel painted
        for part in (editor.ui.header, editor.ui.form_scroll, editor.ui.tabs, editor.ui.knowledge):
            yield
            part.grab()  # its first paint: fonts, text layouts, style pixmaps

    # ---- taking and giving back -------------------------------------------------------------------
    def take(self) -> TicketEditor:
        """A ready editor for a ticket about to open: a spare, the one being built (finished now), or a new
        one. Once warmed up, a new spare is built in idle time after a short while."""
        self._warming = None  # for the spare taken now, or one given back (shown before)
        self._steps = [step for step in self._steps if step != self._lay_out_spare]
        if self._spares:
            editor = self._spares.pop()
            self._park(editor)  # given back so recently that it waits to be emptied: now
        elif self._building is not None:
            self._steps = [step for step in self._steps if step != self._build_spare]
            self._finish_building()
            editor = self._spares.pop()
        else:
            editor = editor_class()(self._ctx, parent=self._window)
            editor.hide()
            self._wire(editor)
        if self._started:
            self._refill.start()  # (again): after this ticket has loaded and painted
        return editor

    def give_back(self, editor: TicketEditor) -> bool:
        """Keep a closed tab's editor (already asked) for the next ticket; False: not wanted, the caller deletes it.
        It is emptied (`park`) once the window has painted the page shown instead, on a later event-loop turn, or
        at once when it is taken before: emptied in the turn that closed its tab, its ~4 ms joined the page's paint
        in one stretch of the GUI thread (10-14 ms)."""
        if len(self._spares) >= SPARE_EDITORS:
            return False
        self._unparked.append(editor)
        self._spares.append(editor)
        AfterPaint(self._window, lambda: self._park(editor), editor)
        return True

    def _park(self, editor: TicketEditor) -> None:
        if editor in self._unparked:
            self._unparked.remove(editor)
            editor.park()

    def _on_refill_timeout(self) -> None:
        if not self._spares and self._building is None and self._build_spare not in self._steps:
            self._steps += [self._build_spare, self._lay_out_spare]
            self._timer.start()
