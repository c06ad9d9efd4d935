"""The GUI thread's longest gap in interactions beyond the other benches' set, driven as a user would, with keys and
clicks on the real widgets: typing in each page's search field and clearing it, moving down each page's list, the
queue's keyboard moves and scroll bar, its headers and views, the Dashboard's periods, the Calendar's views and
months, and a note typed in a ticket (knowledge suggested as it is typed). Never asserts. Example:
    python -m bench.interaction_sweep --store demo.sqlite3 [--sched]
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from bench.editor_probe import CpuProbe, probe_session, start_probe
from bench.measure import load_average, load_text, pump, wait_until
from bench.page_switch import name_page_turns
from bench.stall_split import SchedProbe, split_text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGES = ("dashboard", "calendar", "knowledge", "people", "cmdb", "problems", "changes", "macros", "reference")
KEY_GAP_S = 0.09  # between two typed keys: a fast typist
MOVE_GAP_S = 0.05  # between two held-down arrow keys (auto-repeat is ~30/s)
SPLIT_OVER_MS = 9.0  # with --sched, the gaps longer than this are split into on a core / waiting / blocked


class Sweep:
    def __init__(self, probe: CpuProbe, sched: bool) -> None:
        self.probe, self.sched = probe, sched
        self.results: list[tuple[float, str]] = []

    def run(self, name: str, action: Callable[[], object], settle_s: float = 1.0) -> None:
        """The longest gap from `action` until `settle_s` after it, with the named turns in it."""
        self.probe.reset()
        action()
        pump(settle_s)
        self.probe.reset()
        cpu, wall, turns = self.probe.worst_wall
        named = ", ".join(f"{turn} {ms:.1f}" for turn, ms in turns) or "unnamed"
        self.results.append((wall, name))
        print(f"{name[:52]:52s}: longest gap {wall:5.1f} ms (GUI CPU {cpu:5.1f}) in: {named[:140]}", flush=True)
        if self.sched and wall > SPLIT_OVER_MS and isinstance(self.probe, SchedProbe):
            print("    " + split_text(self.probe.last_gap), flush=True)


def type_text(widget, text: str) -> None:
    from PySide6.QtTest import QTest

    for ch in text:
        QTest.keyClicks(widget, ch)
        pump(KEY_GAP_S)


def press(widget, key, times: int, gap_s: float = MOVE_GAP_S) -> None:
    from PySide6.QtTest import QTest

    for _ in range(times):
        QTest.keyClick(widget, key)
        pump(gap_s)


def clear(edit) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Delete)


def sweep_queue(sw: Sweep, window) -> None:
    from PySide6.QtCore import Qt

    queue = window.queue
    view, search = queue.view, queue.filter_bar.search
    for text in ("password reset", "1234"):
        sw.run(f"queue: type “{text}” in the search", lambda t=text: type_text(search, t), 2.0)
        sw.run("queue: clear the search", lambda: clear(search), 2.0)
    view.setFocus()
    pump(0.3)
    sw.run("queue: Down ×30", lambda: press(view, Qt.Key.Key_Down, 30))
    sw.run("queue: Page Down ×30", lambda: press(view, Qt.Key.Key_PageDown, 30))
    sw.run("queue: End", lambda: press(view, Qt.Key.Key_End, 1), 2.0)
    sw.run("queue: Page Up ×30", lambda: press(view, Qt.Key.Key_PageUp, 30))
    sw.run("queue: Home", lambda: press(view, Qt.Key.Key_Home, 1), 2.0)
    bar = view.verticalScrollBar()

    def drag_bar() -> None:
        for i in range(1, 21):
            bar.setValue(bar.maximum() * i // 20)
            pump(0.03)
    sw.run("queue: scroll bar dragged top to bottom", drag_bar, 2.0)
    header = view.horizontalHeader()

    def click_headers() -> None:
        for visual in range(min(6, header.count())):
            header.sectionClicked.emit(header.logicalIndex(visual))
            pump(0.4)
    sw.run("queue: six column headers clicked in turn", click_headers, 2.0)
    views = queue.views_panel

    def choose_views() -> None:
        for row in range(min(8, views.count())):
            views.setCurrentRow(row)
            pump(0.4)
    sw.run("queue: eight views chosen in turn", choose_views, 2.0)


def sweep_page(sw: Sweep, window, key: str) -> None:
    """The page shown, its first search field typed in and cleared, its largest list moved down."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    sw.run(f"{key}: shown", lambda: window.go_to_page(key), 2.5)
    page = window.pages[key]
    edits = [e for e in page.findChildren(QLineEdit) if e.isVisible() and e.isEnabled() and not e.isReadOnly()]
    if edits:
        edit = edits[0]
        edit.setFocus()
        sw.run(f"{key}: type “printer” in its search", lambda: type_text(edit, "printer"), 1.5)
        sw.run(f"{key}: clear it", lambda: clear(edit), 1.5)
    lists = [v for v in page.findChildren(QAbstractItemView)
             if v.isVisible() and v.model() is not None and v.model().rowCount() > 3]
    if lists:
        view = max(lists, key=lambda v: v.width() * v.height())
        view.setFocus()
        view.setCurrentIndex(view.model().index(0, 0))
        pump(1.0)
        sw.run(f"{key}: Down ×15 in its list", lambda: press(view, Qt.Key.Key_Down, 15, 0.15), 1.5)
    if key == "dashboard":
        sweep_dashboard(sw, page)
    elif key == "calendar":
        sweep_calendar(sw, page)


def sweep_dashboard(sw: Sweep, page) -> None:
    from app.ui.dashboard.filter_bar import DashboardFilterBar

    bar = page.findChild(DashboardFilterBar)
    for i in range(bar.preset.count() - 1):  # the last, a custom range, opens a dialog
        sw.run(f"dashboard: period “{bar.preset.itemText(i)}”", lambda i=i: bar.preset.setCurrentIndex(i), 2.0)


def sweep_calendar(sw: Sweep, page) -> None:
    from PySide6.QtCore import Qt

    from app.ui.calendar.toolbar import CalendarToolbar

    bar = page.findChild(CalendarToolbar)
    for name in ("week", "day", "timeline", "month"):
        sw.run(f"calendar: {name} view", lambda n=name: bar.view_buttons[n].click(), 1.5)
        canvas = page.focusWidget() or page
        sw.run(f"calendar: {name}, next ×3 then previous ×3 (keys)",
               lambda c=canvas: (press(c, Qt.Key.Key_Right, 3, 0.3), press(c, Qt.Key.Key_Left, 3, 0.3)), 1.5)


def sweep_ticket(sw: Sweep, window) -> None:
    """A ticket opened; a sentence typed into each of its text boxes (its description, where knowledge is suggested as
    it is typed, and its note composer)."""
    from PySide6.QtWidgets import QPlainTextEdit

    row = window.queue.model.row_at(0)
    sw.run("ticket: opened", lambda: window.open_ticket(row.id), 2.0)
    editor = window.current_editor()
    for box in [b for b in editor.findChildren(QPlainTextEdit) if b.isVisible() and not b.isReadOnly()]:
        box.setFocus()
        sw.run(f"ticket: a sentence typed in {box.objectName() or 'a text box'}",
               lambda b=box: type_text(b, " printer on floor 3 jams"), 2.0)
    window.remove_tab(editor)  # closed without the question about the unsaved text (a working copy of the store)
    pump(1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a demo store (a working copy is used)")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated pinned pages to sweep")
    parser.add_argument("--sched", action="store_true",
                        help=f"split each gap over {SPLIT_OVER_MS:.0f} ms into on a core / waiting for one / blocked")
    args = parser.parse_args(argv)
    before = load_average()
    with probe_session(args.store) as s:
        probe = SchedProbe() if args.sched else CpuProbe()
        start_probe(probe, s)
        name_page_turns(probe)
        pump(3.0)
        wait_until(lambda: s.window.warmed_up, 60)
        pump(1.0)
        sw = Sweep(probe, args.sched)
        sweep_queue(sw, s.window)
        sweep_ticket(sw, s.window)
        for key in [k for k in args.pages.split(",") if k]:
            sweep_page(sw, s.window, key)
        s.window.go_to_page("queue")
        pump(1.0)
        worst = sorted(sw.results, reverse=True)[:5]
        print("longest gaps: " + "; ".join(f"{name} {ms:.1f} ms" for ms, name in worst))
        print(f"Load average before {load_text(before)}; after {load_text(load_average())}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
