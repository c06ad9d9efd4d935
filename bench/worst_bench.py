"""Issue 12's worst cases as the user sees them, each beside the same SQL through plain sqlite3; never asserts."""
# In one process on a working copy of a demo store: the real window, offscreen. Each figure runs from the
# user's action to real rows painted (or the exact count shown, or the editor filled), while a 1 ms timer on
# the GUI thread records the longest stall. Every SELECT the app sent for the action is replayed through
# plain sqlite3 on the same file right after, so each row of the table carries app / raw.

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from bench.measure import (
    TABLE_HEAD,
    Figure,
    RawSql,
    SqlRecorder,
    StallProbe,
    current_rss_mib,
    load_average,
    load_text,
    peak_rss_mib,
    pump,
    wait_until,
)
from bench.report import record
from bench.ui_bench import measure_startup

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SORT_KEYS = ("number", "priority", "title", "state", "sla_due", "type", "group", "assignee", "requester",
             "channel", "created_at", "updated_at")
BIG_TICKET_ENTRIES = 5000
ALL_PARTS = ("startup", "rss", "queue", "editor")


def page_sql(sql: str) -> bool:
    """The statements behind a first page: not the full id list (its subquery named ALL_IDS, read in the background
    after the page is painted) and not the exact count (it may follow the page); the app's time waits for neither."""
    from app.tickets.queue import ALL_IDS

    flat = " ".join(sql.split()).lower()
    if flat.startswith("select count("):
        return False
    return not flat.endswith(f" as {ALL_IDS}")  # the full id list (app.tickets.queue.ticket_ids)


def count_sql(sql: str) -> bool:
    return page_sql(sql) or " ".join(sql.split()).lower().startswith("select count(")


def working_copy(store: Path, into: Path) -> Path:
    """A copy the bench may write to (notes added, the large ticket): the cached store stays as generated."""
    target = into / store.name
    shutil.copyfile(store, target)
    # Written out before anything is measured: the kernel's writeback of 5 GB of dirty pages took a core for a
    # minute or more, and the figures taken meanwhile waited for it (bench.stall_split: "waiting for a core").
    os.sync()
    return target


def add_large_ticket(path: Path, entries: int) -> str:
    """Give one open ticket `entries` worklog entries, by plain SQL INSERTs (so the store's own triggers index
    them as any write would), and return its id: the largest ticket a user may open."""
    con = sqlite3.connect(path)
    try:
        ticket_id, created = con.execute(
            "SELECT id, created_at FROM ticket WHERE is_open ORDER BY row_id DESC LIMIT 1").fetchone()
        bodies = [b for (b,) in con.execute("SELECT body FROM worklog_entry LIMIT 200")]
        authors = [a for (a,) in con.execute("SELECT author_id FROM worklog_entry WHERE author_id IS NOT NULL "
                                             "LIMIT 50")]
        start = datetime.fromisoformat(str(created))
        rows = [(ticket_id, "reply" if i % 3 == 0 else "note", authors[i % len(authors)],
                 f"{bodies[i % len(bodies)]} (entry {i + 1})", 5 if i % 4 == 0 else 0,
                 (start + timedelta(minutes=7 * i)).isoformat(sep=" "), str(uuid.uuid4()))
                for i in range(entries)]
        with con:
            con.executemany("INSERT INTO worklog_entry (ticket_id, kind, author_id, body, time_spent_minutes, "
                            "created_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        con.close()
    return ticket_id


def paint_counter(session: Session):
    """An event filter that counts the viewport's Paint events that come with every visible row real."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and session.rows_real():
                session.paints += 1  # before the paint itself: done() is seen after processEvents returned
            return False

    return PaintCounter()


class Session:
    """The window on a store, with the helpers each measurement needs."""

    def __init__(self, store: Path, config_dir: Path, only: tuple[str, ...] = ()) -> None:
        from app.config import Settings
        from app.main import build_app

        self.recorder = SqlRecorder()
        self.recorder.install()
        settings = Settings(config_dir / "settings.json")
        self.app, self.window, self.runner, self.store = build_app(settings, store)
        self.raw = RawSql(store)
        self.raw_path = store
        self.window.resize(1280, 720)
        self.window.show()
        gc.freeze()  # as app.main does right after showing the window: start-up objects leave the collector
        self.page = self.window.queue
        self.model, self.view = self.page.model, self.page.view
        self.resets = self._resets_before = 0
        self.paints = self._paints_mark = 0  # viewport paints with real rows, and the count at the mark
        self.model.modelReset.connect(self._on_reset)
        self._paint_counter = paint_counter(self)
        self.view.viewport().installEventFilter(self._paint_counter)
        self.probe = StallProbe()
        self.probe.start()
        self.stall_by: dict[str, float] = {}  # figure name: its longest GUI stall
        self.worst_stall = (0.0, 0.0, "")  # the longest GUI stall of the run: ms, the GUI thread's CPU in it, figure
        wait_until(lambda: self.model.rowCount() > 0 and self.model.row_at(0) is not None, 120)
        wait_until(lambda: bool(self.window.ctx.reference.groups), 60)
        # The start-up's idle-time warm-up (a spare editor built in steps) is not a queue interaction.
        wait_until(lambda: self.window.warmed_up, 60)
        self.idle()
        self.only = only

    def wants(self, name: str) -> bool:
        """Whether the figure `name` is measured in this run (`--only`: any of its words in the name)."""
        return not self.only or any(word in name for word in self.only)

    def idle(self) -> None:
        wait_until(self.runner.is_idle, 300)

    def visible_rows(self) -> range:
        top = self.view.rowAt(0)
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        if top < 0:
            return range(0)
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        return range(top, bottom + 1)

    def rows_real(self) -> bool:
        """Every visible row holds real data (not the placeholder)."""
        rows = self.visible_rows()
        if self.model.rowCount() and not rows:
            return False
        return not any(self.model.row_at(r) is None for r in rows)

    def mark(self) -> None:
        """What painted() waits for from now on: a paint after this (before an action that repaints)."""
        self._paints_mark = self.paints

    def painted(self) -> bool:
        """The viewport was painted by the app itself with every visible row real, since the action or the last
        model reset. (The bench once repainted the viewport itself here: its stall figures then held that extra
        paint, in the same turn as the app's own.)"""
        return self.paints > self._paints_mark and self.rows_real()

    def _on_reset(self) -> None:
        self.resets += 1
        self._paints_mark = self.paints

    def new_page(self) -> bool:
        """The model was reset since the action (the new query's first page is in) and its rows are painted."""
        return self.resets > self._resets_before and self.painted()

    def timed(self, figure: Figure, action, done, timeout_s: float = 120, keep=page_sql, settle: bool = False) -> None:
        """Run action(), wait for done(), add the wall time and the raw twin of the SQL it sent. `settle`: the
        GUI stall of the figure also covers what follows done() until the runner is idle and a change-feed
        refresh had its chance (an editor's later parts: problem strip, CI hint, suggestions)."""
        if not self.wants(figure.name):
            return
        self._resets_before = self.resets
        self.mark()
        self.probe.reset()
        with self.recorder.recording() as statements:
            t0 = time.perf_counter()
            action()
            ok = wait_until(done, timeout_s)
            ms = (time.perf_counter() - t0) * 1000
            sent = list(statements)
        if settle:
            self.idle()
            pump(0.3)
            self.idle()
        self._note_stall(figure.name)
        if ok:
            figure.add(ms, self.raw.time_ms(sent, keep) if sent else None)
        self.idle()

    def close_tab(self) -> None:
        """Close the current tab (a ticket's editor) and let the window settle: its stall is a figure of its own
        ("close a ticket's tab"), not the start of the next opening's (a user's next click comes on a later turn).
        """
        name = "close a ticket's tab: the queue shown again"
        self.probe.reset()
        self.window.close_current_tab()
        self.idle()
        pump(0.1)
        self.idle()
        self._note_stall(name)

    def _note_stall(self, name: str) -> None:
        """The probe's longest stall since its last reset, as figure `name`'s."""
        stall = self.probe.reset()
        self.stall_by[name] = max(stall, self.stall_by.get(name, 0.0))
        if stall > self.worst_stall[0]:
            self.worst_stall = (stall, self.probe.last_cpu, name)

    def count_shown(self) -> bool:
        """The exact count is in (the label no longer says "Counting…")."""
        return self.model.counted

    def close(self) -> None:
        self.probe.stop()
        self.runner.shutdown()
        self.store.close()
        self.raw.close()


def queue_figures(s: Session, repeats: int) -> list[Figure]:
    from app.tickets.queue import QueueFilter, QueueSort

    out: list[Figure] = []
    all_tickets = QueueFilter()
    wanted = s.wants  # --only: the figures named by one of its words

    for key in SORT_KEYS:
        for desc in (False, True):
            fig = Figure(f"All tickets sorted by {key} {'desc' if desc else 'asc'}: first page painted", 100)
            for _ in range(max(1, repeats // 4) if wanted(fig.name) else 0):
                s.timed(fig, lambda k=key, d=desc: s.model.set_query(all_tickets, QueueSort(k, d)), s.new_page)
            out.append(fig)
    texts = ["1234", "12345", "INC00012", "INC0001234", "the", "user", "printer", "vpn", "password reset",
             '"cannot connect"', "printer OR scanner", "-the", "zzzqqq"]
    count_fig = Figure("search: exact count shown", 1000)
    for text in texts:
        fig = Figure(f"search “{text}” (All tickets, by updated): first page painted", 100)
        for _ in range(max(1, repeats // 4) if wanted(fig.name) else 0):
            s.timed(fig, lambda t=text: s.model.set_query(QueueFilter(text=t), QueueSort()), s.new_page)
            s.timed(count_fig, lambda t=text: s.model.set_query(QueueFilter(text=t), QueueSort("title", False)),
                    lambda: s.new_page() and s.count_shown(), keep=count_sql)
        out.append(fig)
    out.append(count_fig)
    group_ids = tuple(c.id for c in s.window.ctx.reference.groups[:1])
    for key in ("title", "sla_due", "requester", "updated_at"):
        fig = Figure(f"group + open + priority 1–3 + “the”, sorted by {key}: first page painted", 100)
        flt = QueueFilter(group_ids=group_ids, open_only=True, priorities=(1, 2, 3), text="the")
        for _ in range(max(1, repeats // 4) if wanted(fig.name) else 0):
            s.timed(fig, lambda k=key, f=flt: s.model.set_query(f, QueueSort(k, False)), s.new_page)
        out.append(fig)
    nxt = Figure("next filter right after opening All tickets: its first page painted", 100)
    for _ in range(max(1, repeats // 2) if wanted(nxt.name) else 0):
        def both() -> None:
            s.model.set_query(all_tickets, QueueSort())
            s.app.processEvents()
            s.model.set_query(QueueFilter(open_only=True, priorities=(1, 2)), QueueSort("title", False))
        s.timed(nxt, both, lambda: s.model.sort_spec.key == "title" and s.new_page())
    out.append(nxt)
    end = Figure("jump to the end of All tickets: real rows painted", 100)
    for _ in range(max(1, repeats // 4) if wanted(end.name) else 0):
        s.model.set_query(all_tickets, QueueSort())
        wait_until(s.painted, 60)
        bar = s.view.verticalScrollBar()
        s.timed(end, lambda b=bar: b.setValue(b.maximum()), s.painted)
    out.append(end)
    repaint = Figure("one queue repaint (a full page, CPU)", 4)
    s.mark()
    s.view.verticalScrollBar().setValue(0)
    s.view.viewport().update()  # a paint after the mark even when the view was at the top already (no scroll)
    wait_until(s.painted, 60)
    for _ in range(repeats * 2 if s.wants(repaint.name) else 0):
        t0 = time.perf_counter()
        s.view.viewport().repaint()
        repaint.add((time.perf_counter() - t0) * 1000)
    out.append(repaint)
    return out


def editor_painted():
    """An event filter whose `painted` names the last ticket whose editor was painted with its data: both the
    header (itself or one of its labels: a new text repaints the label alone) and the worklog of an editor it
    watches (`watch`) got a Paint event once the editor held the ticket's detail (the editor may paint its parts
    on successive turns). It watches those widgets only:
    an application-wide filter would hand every event's receiver to Python, and the first sight of Qt's private
    classes (a few dozen lazily made enum types) would be timed as the app's."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    class EditorPainted(QObject):
        painted = ""

        def __init__(self) -> None:
            super().__init__()
            self._editor = None
            self._seen: set[str] = set()

        def watch(self, editor) -> None:
            if editor is None:
                return
            self._editor, self._seen = editor, set()
            header = editor.ui.header
            parts = [("worklog", editor.ui.worklog.thread.viewport()), ("header", header),
                     *(("header", child) for child in header.findChildren(QWidget))]
            for name, widget in parts:
                widget.setProperty("bench_part", name)
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
            editor = self._editor
            if event.type() == QEvent.Type.Paint and editor is not None and editor.detail() is not None:
                self._seen.add(obj.property("bench_part"))
                if self._seen >= {"header", "worklog"}:
                    self.painted = editor.ticket_id
            return False

    return EditorPainted()


def editor_figures(s: Session, repeats: int, big_ticket: str) -> list[Figure]:
    """Opening a ticket: from the request to the editor painted with the ticket's data (not only filled)."""
    spy = editor_painted()

    def open_watched(ticket_id: str) -> None:
        s.window.open_ticket(ticket_id)
        spy.watch(s.window.current_editor())

    out = []
    ordinary = Figure("open an ordinary ticket: editor filled and painted", 50)
    for r in range(repeats if s.wants(ordinary.name) else 0):
        row = s.model.row_at(r)
        if row is None:
            continue
        spy.painted = ""
        s.timed(ordinary, lambda i=row.id: open_watched(i), lambda i=row.id: spy.painted == i, settle=True)
        s.close_tab()
    out.append(ordinary)
    big = Figure(f"open the ticket with {BIG_TICKET_ENTRIES:,} worklog entries: painted", 100)
    for _ in range(max(3, repeats // 4) if s.wants(big.name) else 0):
        spy.painted = ""
        s.timed(big, lambda: open_watched(big_ticket), lambda: spy.painted == big_ticket, settle=True)
        s.close_tab()
    out.append(big)
    out += note_figures(s, repeats, big_ticket)
    return out


def note_figures(s: Session, repeats: int, big_ticket: str) -> list[Figure]:
    """Adding an internal note (the write, its search indexing and the change feed) to a ticket with few
    entries and to the largest one: the same cost is the goal."""
    from app.tickets import ops

    con = sqlite3.connect(f"{s.raw_path.as_uri()}?mode=ro", uri=True)
    try:
        small, entries = con.execute(
            "SELECT ticket_id, count(*) FROM worklog_entry GROUP BY ticket_id HAVING count(*) BETWEEN 3 AND 6 "
            "LIMIT 1").fetchone()
    finally:
        con.close()
    out = []
    for ticket_id, label in ((small, f"{entries} entries"), (big_ticket, f"{BIG_TICKET_ENTRIES:,} entries")):
        fig = Figure(f"add a note to a ticket with {label}: committed")
        for i in range(repeats):
            done = {"ok": False}
            s.timed(fig, lambda t=ticket_id, n=i, box=done: s.runner.op(
                ops.add_entry, ticket_id=t, kind="note", body=f"Bench note {n}: checked the printer queue again.",
                actor_id=None, on_done=lambda _r, b=box: b.__setitem__("ok", True), label="bench note"),
                lambda box=done: box["ok"])
        out.append(fig)
    return out


def own_peak_rss_mib() -> float:
    """This process's own peak RSS (VmHWM of its memory map). Not ru_maxrss: Linux carries the parent's RSS
    high-water mark into it across the fork/exec that started this child, so it said the bench's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mib()


def rss_session(store: Path) -> None:
    """Child process: the issue's scripted session (All tickets, jump to the end, open 20 tickets, the
    dashboard), then prints the peak RSS as JSON."""
    from app.tickets.queue import QueueFilter, QueueSort

    s = Session(store, Path(os.environ["DESKSIDE_CONFIG_DIR"]))
    s.model.set_query(QueueFilter(), QueueSort())
    wait_until(s.painted, 120)
    s.idle()
    bar = s.view.verticalScrollBar()
    s.mark()
    bar.setValue(bar.maximum())
    wait_until(s.painted, 120)
    s.idle()
    opened = 0
    for r in range(s.visible_rows().start, s.model.rowCount()):
        row = s.model.row_at(r)
        if row is None or opened == 20:
            break
        shown = {"id": None}
        s.window.ticket_shown.connect(lambda tid, box=shown: box.__setitem__("id", tid))
        s.window.open_ticket(row.id)
        wait_until(lambda box=shown, i=row.id: box["id"] == i, 60)
        opened += 1
    s.window.show_page("dashboard")
    pump(5)  # the dashboard computes and paints; its figures stay in memory
    s.idle()
    print(json.dumps({"peak_mib": own_peak_rss_mib(), "maxrss_mib": peak_rss_mib(), "opened": opened,
                      "built": len(s.window.editors())}), flush=True)
    s.close()


def rss_figures(store: Path) -> None:
    """Child process: bring the dashboard's daily figures up to date (a no-op on a store whose figures are
    current; a rebuild after an upgrade that changed them), then print its peak RSS and time as JSON."""
    from app.kpi.dashboard import update_daily_figures
    from app.store import open_store

    t0 = time.perf_counter()
    db = open_store(store)
    with db.session() as session:
        update_daily_figures(session)
        session.commit()
    db.close()
    print(json.dumps({"peak_mib": own_peak_rss_mib(), "seconds": time.perf_counter() - t0}), flush=True)


def measure_figures(store: Path) -> dict:
    """The figures brought current in a process of their own before the scripted session, so that the session
    measures the same thing at every size (a user's store whose figures exist) and the one-time rebuild an
    upgrade may cost is reported on its own instead of inflating one size's session."""
    proc = subprocess.run([sys.executable, "-m", "bench.worst_bench", "--rss-figures", str(store)],
                          capture_output=True, text=True, timeout=1800, env=os.environ.copy())
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        print(proc.stderr[-3000:], file=sys.stderr)
        return {}
    return json.loads(lines[-1])


def measure_rss(store: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.worst_bench", "--rss-session", str(store)],
                          capture_output=True, text=True, timeout=900, env=os.environ.copy())
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        print(proc.stderr[-3000:], file=sys.stderr)
        return {}
    return json.loads(lines[-1])


def store_facts(path: Path) -> dict:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tickets = con.execute("SELECT count(*) FROM ticket").fetchone()[0]
        entries = con.execute("SELECT count(*) FROM worklog_entry").fetchone()[0]
    finally:
        con.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {"tickets": tickets, "entries": entries, "bytes": size, "per_ticket": size / max(1, tickets)}


def _load(load) -> str:
    """A load average without parentheses (it goes inside one); `*` when above the core count."""
    return "{:.2f} / {:.2f} / {:.2f}".format(*load) + ("*" if load[0] > (os.cpu_count() or 1) else "")


def record_rss(n: int, rss: dict, figures_rss: dict, before, after) -> None:
    """An RSS-only run (`--parts rss`) rewrites the scripted session's sentence in its size's recorded section,
    dated, and leaves the rest of the section (the timings of another run) as it was."""
    import re

    from bench.report import DOC

    start, end = f"<!-- bench:worst-{n}:start -->", f"<!-- bench:worst-{n}:end -->"
    text = DOC.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return
    head, rest = text.split(start, 1)
    body, tail = rest.split(end, 1)
    sentence = (f"Peak RSS of the scripted session (All tickets, jump to the end, open {rss.get('opened', 0)} "
                f"tickets, {rss.get('built', 0)} of them still built at the end, the others resting "
                f"(app.ui.resting_tabs), "
                f"dashboard): {rss.get('peak_mib', 0):.0f} MiB (goal ≤ 300 MiB; re-measured "
                f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `--parts rss`, load average {_load(before)} "
                f"before, {_load(after)} after; the dashboard's daily figures brought current first in a "
                f"process of their own: {figures_rss.get('peak_mib', 0):.0f} MiB peak, "
                f"{figures_rss.get('seconds', 0):.0f} s)")
    body = re.sub(r"Peak RSS of the scripted session \(.*?\(goal ≤ 300 MiB[^)]*\)", lambda _m: sentence, body, count=1)
    DOC.write_text(head + start + body + end + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--store", type=lambda p: Path(p).resolve(),
                        help="an existing store instead of the cached demo store")
    parser.add_argument("--parts", default=",".join(ALL_PARTS),
                        help="comma-separated parts to run (default: all): " + ", ".join(ALL_PARTS))
    parser.add_argument("--startup-runs", type=int, default=5, help="new processes timed to the first page")
    parser.add_argument("--work-dir", help="folder for the working copy of the store (default: the temp folder)")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="measure only the figures whose name holds WORDS (repeatable or comma-separated; e.g. "
                             "--only sorted,repaint); a partial run does not rewrite docs/PERFORMANCE.md")
    parser.add_argument("--rss-session", help=argparse.SUPPRESS)
    parser.add_argument("--rss-figures", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_session:
        rss_session(Path(args.rss_session))
        return 0
    if args.rss_figures:
        rss_figures(Path(args.rss_figures))
        return 0
    from bench.cache import cached_store

    parts = set(args.parts.split(","))
    source = Path(args.store) if args.store else cached_store(tickets=args.tickets, seed=args.seed)
    facts = store_facts(source)
    before = load_average()
    work = Path(tempfile.mkdtemp(prefix="deskside-worst-", dir=args.work_dir))
    os.environ["DESKSIDE_CONFIG_DIR"] = str(work / "config")
    figures: list[Figure] = []
    rss: dict = {}
    figures_rss: dict = {}
    stall, rss_now, stall_by = (0.0, 0.0, ""), 0.0, {}
    try:
        store = working_copy(source, work)
        big = add_large_ticket(store, BIG_TICKET_ENTRIES)
        startup = Figure("start to first painted queue page (new process)", 1000)
        startup_cpu = Figure("start to first painted queue page: its CPU (all threads)", 1000)
        if "startup" in parts:
            cpu_ms: list[float] = []
            for ms in measure_startup(store, args.startup_runs, cpu_ms):
                startup.add(ms)
            for ms in cpu_ms:
                startup_cpu.add(ms)
        if "rss" in parts:
            figures_rss = measure_figures(store)
            rss = measure_rss(store)
        if parts & {"queue", "editor"}:
            s = Session(store, work / "config", tuple(w for o in args.only for w in o.split(",") if w))
            figures = (queue_figures(s, args.repeats) if "queue" in parts else []) + (
                editor_figures(s, args.repeats, big) if "editor" in parts else [])
            rss_now = current_rss_mib()
            stall = s.worst_stall
            stall_by = s.stall_by
            s.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    after = load_average()
    n = facts["tickets"]
    if startup.samples:
        figures[:0] = [startup, startup_cpu]
    worst = sorted(stall_by.items(), key=lambda kv: -kv[1])[:5]
    lines = TABLE_HEAD + [f.row() for f in figures if f.samples or not args.only]
    lines += ["", f"Longest GUI-thread stall over the whole run: {stall[0]:.0f} ms (goal ≤ 16 ms; in “{stall[2]}”, "
              f"the GUI thread on a core {stall[1]:.0f} ms of it). "
              f"Peak RSS of the scripted session (All tickets, jump to the end, open {rss.get('opened', 0)} tickets, "
              f"{rss.get('built', 0)} of them still built at the end, dashboard): {rss.get('peak_mib', 0):.0f} MiB "
              f"(goal ≤ 300 MiB; the dashboard's daily figures brought "
              f"current first in a process of their own: {figures_rss.get('peak_mib', 0):.0f} MiB peak, "
              f"{figures_rss.get('seconds', 0):.0f} s); of this whole run "
              f"{peak_rss_mib():.0f} MiB (now {rss_now:.0f} MiB). Store: {n:,} tickets, "
              f"{facts['entries']:,} worklog entries, {facts['bytes'] / 2**20:,.0f} MiB, "
              f"{facts['per_ticket'] / 1024:.2f} KiB per ticket.",
              "Longest stalls by figure: " + "; ".join(f"{name}: {ms:.0f} ms" for name, ms in worst) + ".",
              f"Load average before {load_text(before)}; after {load_text(after)}; {os.cpu_count()} cores."]
    print("\n".join(lines))
    if parts == {"rss"} and rss:
        record_rss(n, rss, figures_rss, before, after)
    if parts != set(ALL_PARTS) or args.only:
        return 0  # a partial run does not replace the recorded tables
    record(f"worst-{n}", f"Worst cases on {n:,} tickets (`python -m bench.worst_bench --tickets {n}`)", lines)
    out = Path(__file__).parent / ".cache" / f"worst-{n}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({f.name: {"p50": f.p50, "p95": f.p95, "max": f.max, "raw": f.raw_p50}
                               for f in figures}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
