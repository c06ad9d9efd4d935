"""Dashboard on a large store: the first show and every filter at periods up to two years, with raw SQL beside."""
# Each case: a filter change on the page (cache cleared, so every request goes to the read pool) to its
# data_shown signal and the repaint, with a stall probe on the GUI thread; then, headless, the worker's
# dashboard() beside the very statements it ran replayed on a plain sqlite3 connection (the ratio).
# Cases: every period length with no filter at four ends; the two years with each filter of the bar alone
# (group, service, priority, type) and all four together; custom periods cut across the weeks and months of
# each grain; and the first show (a new page to every chart on screen, its daily-figures check included).
# --agg measures a read-only store whose KPI tables were built into another file (--build-agg builds
# them there), attached beside it: a store made by an older schema, which must not be written.

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.measure import busy, load_average, pct
from bench.report import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GOAL_MS = 300
PERIODS = ((7, "7 days"), (30, "30 days"), (365, "1 year"), (730, "2 years"))
# Days between a period's end and the store's last day: the last day itself, and ends in the past (the
# backlog, aging and workload at a past end once walked every ticket resolved since).
ENDS = (0, 90, 200, 400)
FIRST_SHOW = "first show: a new page (90-day preset) to every chart on screen, daily figures checked first"


def load() -> str:
    return " / ".join(f"{v:.1f}" for v in os.getloadavg())


def cases(session, last: date, ends: tuple[int, ...] = ENDS) -> list[tuple[str, date, date, dict]]:
    """(name, first, last, dimension filters): every period with no filter, ending `ends` days before the
    store's last day; the two years with each filter alone and combined (the busiest group and service);
    and periods cut across weeks and months (45 days from a Wednesday: the longest by day; 46 days from a
    Thursday: weeks cut at both ends; 211 days and 729 days from the 15th: months cut at both ends)."""
    from sqlalchemy import func, select

    from app.models import Ticket

    def busiest(column):
        return session.scalar(select(column).where(column.is_not(None)).group_by(column)
                              .order_by(func.count().desc()).limit(1))

    group, service = busiest(Ticket.group_id), busiest(Ticket.service_id)
    every = {"group_ids": (group,), "service_ids": (service,), "priorities": (1, 2, 3),
             "types": ("incident", "service_request")}
    alone = (("group", {"group_ids": (group,)}), ("service", {"service_ids": (service,)}),
             ("priority", {"priorities": (2, 3)}), ("type", {"types": ("incident",)}),
             ("group + type", {"group_ids": (group,), "types": ("incident",)}),
             ("service + priority + type", {k: every[k] for k in ("service_ids", "priorities", "types")}),
             ("all four", every))
    out = []
    for back in ends:
        to = last - timedelta(days=back)
        when = "ends on the last day" if not back else f"ends {back} d before"
        out += [(f"{label}, no filter, {when}", to - timedelta(days=days - 1), to, {}) for days, label in PERIODS]
    out += [(f"2 years, {fname}, ends on the last day", last - timedelta(days=729), last, dims)
            for fname, dims in alone]
    wednesday = last - timedelta(days=(last.weekday() - 2) % 7 + 56)
    for days, first, what in ((45, wednesday, "by day"), (46, wednesday + timedelta(days=1), "weeks cut"),
                              (211, (last - timedelta(days=240)).replace(day=15), "months cut"),
                              (729, (last - timedelta(days=760)).replace(day=15), "months cut")):
        to = first + timedelta(days=days - 1)
        for fname, dims in (("no filter", {}), ("all four", every)):
            out.append((f"{days} days {first.isoformat()} – {to.isoformat()} ({what}), {fname}", first, to, dims))
    return out


def last_day(session) -> date:
    """The store's last local day with tickets (a demo store ends before today)."""
    from sqlalchemy import func, select

    from app.kpi.daily import reporting_calendar
    from app.kpi.filters import LocalDays
    from app.models import Ticket

    return LocalDays(reporting_calendar(session).tz).day(session.scalar(select(func.max(Ticket.created_at))))


def measure_page(store, runs: int, ends: tuple[int, ...] = ENDS) -> dict[str, dict[str, list[float]]]:
    """Request (the bar's changed signal) to charts painted, and the longest GUI-thread stall meanwhile."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSignalBlocker, QTimer

    from app.config import Settings
    from app.kpi import daily as kpi_daily
    from app.main import make_qapplication
    from app.people import reference
    from app.ui import gui_gc
    from app.ui.context import UiContext
    from app.ui.dashboard.dashboard_page import DashboardPage
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner

    # The desk's own QApplication (app.main): cyclic garbage collected on the GUI thread by its collector (passes
    # deferred while a request is answered), the interpreter lock's short switch interval, Qt's fills on the GUI
    # thread. Without the collector a full pass started in whichever thread allocated past the threshold (one case
    # stalled the GUI thread 80-85 ms, in every run).
    app = make_qapplication()  # installs gui_gc's collector too
    runner = TaskRunner(store)
    with store.session() as s:
        kpi_daily.ensure_current(s)  # a store of an older schema builds its figures once
    with store.session() as s:
        ref = reference.reference_data(s)
        todo = cases(s, last_day(s), ends)
    config = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    ctx = UiContext(runner=runner, events=AppEvents(), settings=Settings(config / "settings.json"), reference=ref)
    page = DashboardPage(ctx)
    page.resize(1500, 1100)
    page.show()
    loop = QEventLoop()
    page.data_shown.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()  # the first figures (a 90-day preset) on screen
    gc.freeze()  # as app.main does once its window is up: the start-up's objects leave the collector
    bar = page.filter_bar
    out: dict[str, dict[str, list[float]]] = {}
    probe = QTimer()
    probe.setInterval(1)
    ticks: list[float] = []
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def select(button, values) -> None:
        for action in button._actions:  # noqa: SLF001 - the bench drives the bar as a user would
            with QSignalBlocker(action):
                action.setChecked(action.data() in values)
        button._refresh_text()  # noqa: SLF001

    for _ in range(runs):
        for name, first, last, dims in todo:
            with QSignalBlocker(bar.preset), QSignalBlocker(bar.date_from), QSignalBlocker(bar.date_to):
                bar.preset.setCurrentIndex(bar.preset.findData("custom"))
                bar.date_from.setDate(first)
                bar.date_to.setDate(last)
            select(bar.groups, dims.get("group_ids", ()))
            select(bar.services, dims.get("service_ids", ()))
            select(bar.priorities, dims.get("priorities", ()))
            select(bar.types, dims.get("types", ()))
            page._shown.clear()  # noqa: SLF001 - every request goes to the worker
            loop = QEventLoop()
            page.data_shown.connect(loop.quit)
            QTimer.singleShot(120_000, loop.quit)
            ticks.clear()
            t0, c0 = time.perf_counter(), time.thread_time()
            ticks.append(t0)
            probe.start()
            bar.changed.emit()
            loop.exec()
            app.processEvents()  # the repaint of the new charts
            wall = (time.perf_counter() - t0) * 1000
            cpu = (time.thread_time() - c0) * 1000
            probe.stop()
            page.data_shown.disconnect(loop.quit)
            ticks.append(time.perf_counter())
            stall = max((b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False))
            got = out.setdefault(name, {"wall": [], "stall": [], "worker": [], "cpu": [], "busy": False})
            got["busy"] = got["busy"] or busy(load_average())
            got["wall"].append(wall)
            got["cpu"].append(cpu)
            got["stall"].append(stall)
            got["worker"].append(page.dashboard.computed_ms)
    page.close()
    for _ in range(runs):  # the first show: a new page, its figures checked on the writer, then read and painted
        ticks.clear()
        t0, c0 = time.perf_counter(), time.thread_time()
        ticks.append(t0)
        probe.start()
        fresh = DashboardPage(ctx)
        fresh.resize(1500, 1100)
        fresh.show()
        loop = QEventLoop()
        fresh.data_shown.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        app.processEvents()
        wall = (time.perf_counter() - t0) * 1000
        cpu = (time.thread_time() - c0) * 1000
        probe.stop()
        ticks.append(time.perf_counter())
        got = out.setdefault(FIRST_SHOW, {"wall": [], "stall": [], "worker": [], "cpu": [], "busy": False})
        got["busy"] = got["busy"] or busy(load_average())
        got["wall"].append(wall)
        got["cpu"].append(cpu)
        got["stall"].append(max((b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)))
        got["worker"].append(fresh.dashboard.computed_ms if fresh.dashboard else float("nan"))
        fresh.close()
        fresh.deleteLater()
        # Deleted here, not in the next run's timed loop (processEvents() leaves deferred deletes to the loop above
        # it): a user's first show deletes no other page (~18 ms of GUI CPU and the first turn's stall before).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    runner.shutdown()
    gui_gc.uninstall()
    shutil.rmtree(config, ignore_errors=True)
    return out


def measure_sql(engine, raw_connect, runs: int, ends: tuple[int, ...] = ENDS) -> dict[str, dict[str, list[float]]]:
    """What the page runs on the read pool (load_dashboard), and the statements it ran replayed on plain sqlite3."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.kpi import dashboard as kd

    out: dict[str, dict[str, list[float]]] = {}
    raw = raw_connect()
    with Session(engine) as s:
        todo = cases(s, last_day(s), ends)
        statements: list[tuple[str, tuple]] = []

        def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
            statements.append((statement, parameters))

        conn = s.connection()
        first_show = (FIRST_SHOW, None, None, None)  # the page's first request: the check, then the 90-day preset
        for _ in range(runs):
            for name, first, last, dims in (*todo, first_show):
                statements.clear()
                event.listen(conn, "before_cursor_execute", capture)
                t0 = time.perf_counter()
                if first is None:
                    kd.load_dashboard(s, preset="90d", refresh=True)
                else:
                    kd.load_dashboard(s, preset="custom", custom=(first, last), refresh=False, **dims)
                app_ms = (time.perf_counter() - t0) * 1000
                event.remove(conn, "before_cursor_execute", capture)
                s.rollback()  # the check's bookkeeping (a watermark) is not kept: every run checks the same
                conn = s.connection()
                t0 = time.perf_counter()
                for statement, parameters in statements:
                    if statement.lstrip().upper().startswith("SELECT"):
                        raw.execute(statement, parameters).fetchall()
                sql_ms = (time.perf_counter() - t0) * 1000
                got = out.setdefault(name, {"app": [], "sql": [], "statements": [], "busy": False})
                got["busy"] = got["busy"] or busy(load_average())
                got["app"].append(app_ms)
                got["sql"].append(sql_ms)
                got["statements"].append(len(statements))
    raw.close()
    return out


def attached(agg: Path, store: Path, mode: str = "ro"):
    """An engine on the KPI tables built into `agg` (read-only, or "rw"), with the store's tables beside
    them (read-only), and its connect function."""
    from sqlalchemy import create_engine

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(f"file:{agg}?mode={mode}", uri=True, check_same_thread=False)
        con.execute("ATTACH ? AS store", (f"file:{store}?mode=ro",))
        con.execute("PRAGMA cache_size=-65536")  # as the app's connections
        return con

    return create_engine("sqlite://", creator=connect), connect


def attached_store(agg: Path, store: Path):
    """A Store for the page on `agg` beside a read-only store: its writer writes only to `agg`."""
    from sqlalchemy.orm import sessionmaker

    from app.store import Store

    engine, _ = attached(agg, store, "rw")
    out = Store(path=agg, engine=engine, session_factory=sessionmaker(engine, expire_on_commit=False),
                client_id="dashboard-bench", has_fts=False)
    out.read_engine.dispose()
    out.read_engine = attached(agg, store)[0]
    return out


def build_agg(agg: Path, store: Path) -> tuple[float, float]:
    """app.kpi.daily.rebuild of a read-only store's figures into `agg`: (wall s, CPU s)."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.kpi import daily as kpi_daily
    from app.models import KpiCategory, KpiDaily, KpiProblemLink, KpiProblemRun, KpiRollup, StoreMeta

    agg.unlink(missing_ok=True)

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(agg, check_same_thread=False)
        con.execute("ATTACH ? AS store", (f"file:{store}?mode=ro",))
        return con

    engine = create_engine("sqlite://", creator=connect)
    for model in (KpiDaily, KpiRollup, KpiCategory, KpiProblemLink, KpiProblemRun, StoreMeta):
        model.__table__.create(engine)
    with engine.begin() as conn:  # as migration 0015 makes it (and fills it, below)
        conn.exec_driver_sql("CREATE VIRTUAL TABLE main.kpi_backlog USING rtree(id, opened, closed)")
    t0, c0 = time.perf_counter(), time.process_time()
    with Session(engine) as s:
        kpi_daily.rebuild(s)
        if hasattr(kpi_daily, "rebuild_backlog"):  # a checkout before migration 0014 has none
            kpi_daily.rebuild_backlog(s)
        s.commit()
    engine.dispose()
    return time.perf_counter() - t0, time.process_time() - c0


def measure_edit_hook(store_path: Path, samples: int) -> list[float]:
    """Resolving an open ticket with the figures refreshed in its transaction, then rolled back."""
    from sqlalchemy import select

    from app.kpi import daily as kpi_daily
    from app.models import Ticket
    from app.store import open_store
    from app.tickets import writes as tickets

    store = open_store(store_path)
    out = []
    with store.session() as s:
        ids = s.scalars(select(Ticket.id).where(Ticket.is_open.is_(True), Ticket.state == "in_progress",
                                                Ticket.type == "incident").limit(samples)).all()
    for tid in ids:
        session = store.session_factory()
        try:
            t0 = time.perf_counter()
            tickets.update_ticket(session, ticket_id=tid, actor_id=None, changes={
                "state": "resolved", "resolution_code": "solved_permanently", "resolution_notes": "bench"})
            kpi_daily._refresh_pending(session)  # what the commit would run; the edit is then rolled back
            out.append((time.perf_counter() - t0) * 1000)
        finally:
            session.rollback()
            session.close()
    store.close()
    return out


def table(page: dict | None, sql: dict) -> list[str]:
    """One row per case; `*` marks a case with a sample taken while the load average exceeded the core count.
    The goal (≤ GOAL_MS) is judged on the charts painted p95, or on the worker's p95 without the page."""
    lines = ["| Period, filters, end | charts painted p50 | p95 | max | GUI stall max | GUI CPU p50 | worker p50 | "
             f"worker p95 | raw SQL p50 | ratio | ≤ {GOAL_MS} ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    for name, got in sql.items():
        app_p50, sql_p50 = statistics.median(got["app"]), statistics.median(got["sql"])
        ratio = f"{app_p50 / sql_p50:.1f}×" if sql_p50 else "–"
        mark = "*" if got.get("busy") else ""
        judged = pct(got["app"], 0.95)
        if page is not None and name in page:
            wall, stall = page[name]["wall"], page[name]["stall"]
            mark = "*" if got.get("busy") or page[name].get("busy") else ""
            judged = pct(wall, 0.95)
            shown = (f"{statistics.median(wall):.0f} ms{mark} | {pct(wall, 0.95):.0f} ms{mark} | {max(wall):.0f} ms | "
                     f"{max(stall):.0f} ms | {statistics.median(page[name]['cpu']):.0f} ms")
        else:
            shown = "– | – | – | – | –"
        lines.append(f"| {name} | {shown} | {app_p50:.0f} ms{mark} | {pct(got['app'], 0.95):.0f} ms{mark} | "
                     f"{sql_p50:.0f} ms | {ratio} | {'yes' if judged <= GOAL_MS else 'no'} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path, help="an existing store (it is upgraded) instead of the cached demo")
    parser.add_argument("--agg", type=Path, help="the KPI tables of a read-only --store, in this file")
    parser.add_argument("--build-agg", action="store_true", help="first build --agg from --store")
    parser.add_argument("--ends", default=",".join(map(str, ENDS)),
                        help="days between the periods' ends and the store's last day, comma-separated")
    parser.add_argument("--no-page", action="store_true", help="the worker and raw SQL only, not the page")
    parser.add_argument("--no-record", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    parser.add_argument("--edits", type=int, default=20,
                        help="ticket resolutions timed with the figures' refresh (0: none; on 1M each took seconds)")
    args = parser.parse_args()
    ends = tuple(int(n) for n in args.ends.split(","))
    if args.store is None:
        from bench.cache import cached_store
        path = cached_store(args.tickets)
    else:
        path = args.store
    before = load()
    note = ""
    if args.agg is not None:
        if args.build_agg:
            note += "KPI tables built into {} in {:.0f} s ({:.0f} s CPU). ".format(args.agg.name,
                                                                                 *build_agg(args.agg, path))
        page = None
        if not args.no_page:
            store = attached_store(args.agg, path)
            page = measure_page(store, args.runs, ends)
            store.close()
        engine, connect = attached(args.agg, path, "rw")[0], attached(args.agg, path)[1]
        sql = measure_sql(engine, connect, args.runs, ends)
        edits: list[float] = []
    else:
        from app.store import open_store
        store = open_store(path)
        page = None if args.no_page else measure_page(store, args.runs, ends)
        sql = measure_sql(store.engine, lambda: sqlite3.connect(path), args.runs, ends)
        store.close()
        edits = measure_edit_hook(path, args.edits) if args.edits else []
    lines = table(page, sql)
    note += ("{} ({}), {} runs per case; periods end on the store's last day and {} days before it. Charts "
             "painted: the filter bar's change to the page's data_shown and the repaint (cache cleared), the GUI "
             "thread's longest gap between 1 ms probe ticks meanwhile and its CPU time (thread_time: what load does "
             "not inflate much). Worker: load_dashboard() alone, as the read "
             "pool runs it; raw SQL: the SELECTs it ran, replayed on plain sqlite3 (the first show's check included). "
             "`*`: a sample taken while the 1-minute load average exceeded the core count. Load average (1/5/15 "
             "min) before: {}; after: {}; {} cores.").format(
        path.name, f"KPI tables in {args.agg.name}" if args.agg else "upgraded in place", args.runs,
        ", ".join(str(n) for n in ends if n), before, load(),
        os.cpu_count())
    worst = max(sql, key=lambda n: pct(sql[n]["app"], 0.95))
    note += f" Worst worker p95: {pct(sql[worst]['app'], 0.95):.0f} ms ({worst})."
    if page:
        worst = max(page, key=lambda n: pct(page[n]["wall"], 0.95))
        note += f" Worst charts-painted p95: {pct(page[worst]['wall'], 0.95):.0f} ms ({worst})."
    if edits:
        note += (f" Resolving a ticket with its figures refreshed in the transaction: p50 "
                 f"{statistics.median(edits):.0f} ms, max {max(edits):.0f} ms.")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        note += " Measured while the load average exceeded the core count."
    print("\n".join(lines))
    print(note)
    if not args.no_record:
        record("dashboard", "Dashboard (issue 12)", lines, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
