"""Change management figures at the demo's cap of 10,000 changes: the change queue query, the calendar's
range load, one change's detail and conflicts, a save, the .ics export, and the Changes page to its first
rows. Prints a table and records it in docs/PERFORMANCE.md; never asserts."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.report import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNTIL = date(2026, 11, 1)


def build(path: Path, changes: int) -> None:
    """A 20,000-ticket demo desk whose change generator is told to make `changes` changes (the demo's
    own mix: past and next 8 weeks, windows, freezes, deliberate conflicts)."""
    import app.demo.changes as demo_changes
    from app.demo.generator import generate

    demo_changes.MIN_CHANGES = changes
    generate(path, tickets=20_000, seed=7, until=UNTIL)


def timed(store, fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        with store.session() as s:
            t = time.perf_counter()
            fn(s)
            out.append((time.perf_counter() - t) * 1000)
    return out


def page_first_rows(store_path: Path, runs: int) -> list[float]:
    """The Changes page from construction to its data_shown signal (rows query on the DB worker, model,
    view); the conflict counts arrive after it."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.config import Settings
    from app.people import reference
    from app.store import open_store
    from app.ui.changes.changes_page import ChangesPage
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    store = open_store(store_path)
    runner = TaskRunner(store)
    with store.session() as s:
        ref = reference.reference_data(s)
    ctx = UiContext(runner=runner, events=AppEvents(), settings=Settings(Path(tempfile.mkdtemp()) / "s.json"),
                    reference=ref)
    out = []
    for _ in range(runs):
        loop = QEventLoop()
        t = time.perf_counter()
        page = ChangesPage(ctx, None)
        page.data_shown.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        page.resize(1400, 800)
        page.show()
        loop.exec()
        out.append((time.perf_counter() - t) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    runner.shutdown()
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from app.changes.detail import change_detail
    from app.changes.ical import export_ics
    from app.changes.planning import build_conflict_index, change_conflicts, planning_data
    from app.changes.queue import ChangeFilter, list_changes
    from app.changes.writes import update_change
    from app.people.reference import current_user
    from app.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "changes.sqlite3"
        t = time.perf_counter()
        build(path, args.changes)
        built = time.perf_counter() - t
        store = open_store(path)
        now = datetime(UNTIL.year, UNTIL.month, UNTIL.day, tzinfo=UTC)
        with store.session() as s:
            total = list_changes(s).total
            sample = [r for r in list_changes(s, flt=ChangeFilter(open_only=True)).rows if r.planned_start][:args.runs]
            me = current_user(s)
            month = planning_data(s, start=now, end=now + timedelta(days=35))
        ids = iter([r.id for r in sample] * 3)
        measures = [
            ("Change queue: open changes, by planned start, with conflict counts",
             timed(store, lambda s: list_changes(s, flt=ChangeFilter(open_only=True)), args.runs)),
            ("Change queue: open changes, rows only (the page's first step; counts follow)",
             timed(store, lambda s: list_changes(s, flt=ChangeFilter(open_only=True), with_conflicts=False),
                   args.runs)),
            ("Change queue: all changes", timed(store, lambda s: list_changes(s), args.runs)),
            ("Change queue: text search (title, number or CI name)",
             timed(store, lambda s: list_changes(s, flt=ChangeFilter(text="patch")), args.runs)),
            ("Calendar range load: planning_data for 5 weeks",
             timed(store, lambda s: planning_data(s, start=now, end=now + timedelta(days=35)), args.runs)),
            ("Conflict index over that range", timed(store, lambda s: build_conflict_index(month), args.runs)),
            ("Change editor load: change_detail",
             timed(store, lambda s: change_detail(s, change_id=next(ids)), args.runs)),
            ("Editor conflicts tab: change_conflicts with next free slot",
             timed(store, lambda s: change_conflicts(s, change_id=next(ids)), args.runs)),
            ("Save: title edit (audit + outbox)", timed(store, lambda s: update_change(
                s, change_id=sample[0].id, changes={"title": f"Bench edit {time.perf_counter()}"},
                actor_id=me), args.runs)),
            (".ics export of the 5-week range", timed(store, lambda s: export_ics(month), args.runs)),
        ]
        store.close()
        measures.append(("Changes page: construction to first rows on screen (data_shown)",
                         page_first_rows(path, min(3, args.runs))))
    lines = ["| Measure | median ms | max ms | runs |", "|---|---|---|---|"]
    for label, values in measures:
        lines.append(f"| {label} | {statistics.median(values):.1f} | {max(values):.1f} | {len(values)} |")
    print("\n".join(lines))
    record("changes", f"Change management ({total:,} changes)", lines,
           f"`python -m bench.changes_bench`: a 20,000-ticket demo desk with the demo's change mix raised to "
           f"{args.changes:,} changes (built in {built:.0f} s); {len(month.changes):,} changes in the 5-week "
           "range. Queue and range loads run on the DB worker.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
