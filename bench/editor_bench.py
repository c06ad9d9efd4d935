"""Ticket editor figures: open an ordinary and a 5,000-entry ticket, add a note to each; GUI CPU and stalls."""
# Runs on a copy of a demo store (never the source file): it adds one ticket with 5,000 worklog entries and
# one with 5 (each entry audited, as the app does), then, in one process offscreen, times request to first
# paint with data, the GUI thread's CPU time and the longest gap of a 1 ms QTimer on the GUI thread during
# each operation. Prints a table; never asserts.

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.measure import load_average, load_text, pct

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SOURCE = Path("/work/stores/demo-100k.sqlite3")
BIG, SMALL = 5000, 5


def prepare(source: Path, work: Path) -> tuple[Path, dict[str, str]]:
    """Copy `source` into `work` and add the two tickets; returns the copy and {"big": id, "small": id}."""
    from app.store import open_store
    from app.tickets import ops

    work.mkdir(parents=True, exist_ok=True)
    path = work / "editor-bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, path)
    store = open_store(path)
    made = {}
    with store.session() as session:
        for name, count in (("big", BIG), ("small", SMALL)):
            made[name] = ops.create(session, ticket_type="incident", title=f"Editor bench: {count} entries",
                                    fields={"description": f"A ticket with {count} worklog entries."},
                                    actor_id=None).id
    store.close()
    with sqlite3.connect(path) as db:
        agents = [row[0] for row in db.execute("SELECT id FROM person WHERE is_agent LIMIT 20")]
        # The store's worklog triggers (search) run once per ticket afterwards, not 5,000 times over.
        triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name = 'worklog_entry'").fetchall()
        for trigger, _sql in triggers:
            db.execute(f'DROP TRIGGER "{trigger}"')
        start = datetime(2026, 3, 1, tzinfo=UTC)
        for name, count in (("big", BIG), ("small", SMALL)):
            db.executemany(
                "INSERT INTO worklog_entry (id, ticket_id, kind, author_id, body, time_spent_minutes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(str(uuid.uuid4()), made[name], "reply" if i % 3 == 0 else "note", agents[i % len(agents)],
                  _body(i), (i % 4) * 5, (start + timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S.%f"))
                 for i in range(count)])
            # What add_worklog audits with each entry: the History tab of such a ticket is as long.
            db.executemany(
                "INSERT INTO audit_event (id, entity, entity_id, field, new_value, actor_id, at) "
                "VALUES (?, 'ticket', ?, ?, ?, ?, ?)",
                [(str(uuid.uuid4()), made[name], "reply" if i % 3 == 0 else "note", _body(i).splitlines()[0],
                  agents[i % len(agents)], (start + timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S.%f"))
                 for i in range(count)])
        for _name, sql in triggers:
            db.execute(sql)
        columns = {row[1] for row in db.execute("PRAGMA table_info(ticket_fts)")}
        if "worklog" in columns:
            db.execute("UPDATE ticket_fts SET worklog = (SELECT group_concat(body, ' ') FROM worklog_entry w "
                       "JOIN ticket t ON t.id = w.ticket_id WHERE t.row_id = ticket_fts.rowid) "
                       "WHERE rowid IN (SELECT row_id FROM ticket WHERE id IN (?, ?))", (made["big"], made["small"]))
    return path, made


def _body(i: int) -> str:
    lines = ["Checked the VPN client logs on the laptop; the tunnel drops after the idle timeout.",
             f"Step {i}: asked the user to retry, see https://wiki.example.com/vpn/{i} for the runbook.",
             "No change after reinstalling the client. <b>Escalating</b> to the network team."]
    return "\n".join(lines[: 1 + i % 3])


def measure(path: Path, made: dict[str, str], repeats: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from app.config import Settings
    from app.main import build_app

    settings = Settings(Path(os.environ["DESKSIDE_CONFIG_DIR"]) / "settings.json")
    app, window, runner, store = build_app(settings, path)
    window.resize(1400, 900)
    window.show()

    stall = {"last": 0, "max": 0}
    clock = QElapsedTimer()
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        stall["max"] = max(stall["max"], now - stall["last"])
        stall["last"] = now

    probe = QTimer()
    probe.setInterval(1)
    probe.timeout.connect(tick)
    probe.start()

    def reset_stall() -> None:
        stall["last"], stall["max"] = clock.elapsed(), 0

    def spin_until(done, timeout_ms: int = 60_000) -> bool:
        deadline = time.perf_counter() + timeout_ms / 1000
        while not done():
            if time.perf_counter() > deadline:
                return False
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        return True

    loaded = {"reference": False}
    window.reference_loaded.connect(lambda: loaded.__setitem__("reference", True))
    spin_until(lambda: loaded["reference"])
    spin_until(runner.is_idle)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        ordinary = [row[0] for row in db.execute(
            "SELECT id FROM ticket WHERE id NOT IN (?, ?) ORDER BY row_id LIMIT ? OFFSET 5000",
            (made["big"], made["small"], repeats))]

    figures: dict[str, list[float]] = {}

    def note(name: str, ms: float, cpu0: float) -> None:
        figures.setdefault(name, []).append(ms)
        figures.setdefault(name + " (GUI CPU)", []).append((time.thread_time() - cpu0) * 1000)
        figures.setdefault(name + " (stall)", []).append(float(stall["max"]))

    def open_one(ticket_id: str, name: str):
        shown: list[str] = []
        window.ticket_shown.connect(shown.append)
        spin_until(lambda: True)
        reset_stall()
        cpu0, t0 = time.thread_time(), time.perf_counter()
        window.open_ticket(ticket_id)
        spin_until(lambda: ticket_id in shown)
        editor = window.current_editor()
        editor.repaint()
        note(name, (time.perf_counter() - t0) * 1000, cpu0)
        window.ticket_shown.disconnect(shown.append)
        spin_until(runner.is_idle)
        return editor

    def add_note(editor, name: str) -> None:
        worklog = editor.ui.worklog
        entries = len(editor.detail().worklog)
        worklog.body.setPlainText(f"Bench note at {datetime.now(UTC):%H:%M:%S.%f}")
        spin_until(runner.is_idle)
        reset_stall()
        cpu0, t0 = time.thread_time(), time.perf_counter()
        worklog.add_entry()
        spin_until(lambda: len(editor.detail().worklog) > entries)
        editor.repaint()
        note(name, (time.perf_counter() - t0) * 1000, cpu0)
        spin_until(runner.is_idle)

    for i, ticket_id in enumerate(ordinary):
        open_one(ticket_id, "open the first ticket of the session" if i == 0 else "open an ordinary ticket")
        window.close_current_tab()
    for _ in range(max(3, repeats // 4)):
        editor = open_one(made["big"], f"open the {BIG:,}-entry ticket")
        add_note(editor, f"add a note at {BIG:,} entries")
        window.close_current_tab()
        editor = open_one(made["small"], f"open the {SMALL}-entry ticket")
        add_note(editor, f"add a note at {SMALL} entries")
        window.close_current_tab()
    probe.stop()
    runner.shutdown()
    store.close()
    app.processEvents()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=SOURCE, help="demo store to copy (never written)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "editor")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ["DESKSIDE_CONFIG_DIR"] = tempfile.mkdtemp(prefix="deskside-editor-bench-")
    print(f"load before: {load_text(load_average())}  ({os.cpu_count()} cores)")
    path, made = prepare(args.source, args.work)
    figures = measure(path, made, args.repeats)
    print("wall: request to first paint with data; GUI CPU: the GUI thread's CPU time in it; stall: the longest gap"
          " of a 1 ms timer on the GUI thread in it")
    print(f"{'figure':46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'runs':>5}")
    for name, values in figures.items():
        print(f"{name:46} {statistics.median(values):8.1f} {pct(values, 0.95):8.1f} {max(values):8.1f} "
              f"{len(values):5d}")
    print(f"load after: {load_text(load_average())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
