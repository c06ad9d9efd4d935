"""`deskside demo`: fill a store with a deterministic demo desk, and seed a new store on first start."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from app.config import default_store_path
from app.demo.generator import DemoSummary, generate, repair_interrupted
from app.store import StoreError, open_store


class ProgressPrinter:
    """A `progress` callback that writes "phase done/total" lines, at most a few per second."""

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.3) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self._last = 0.0
        self._phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        # Always show a phase's start and end; in between, only when enough time has passed.
        if phase == self._phase and done < total and now - self._last < self.interval:
            return
        self._phase, self._last = phase, now
        percent = f" ({100 * done // total} %)" if total > 1 else ""
        print(f"{phase}: {done:,}/{total:,}{percent}", file=self.stream, flush=True)


def summary_line(summary: DemoSummary, path: Path) -> str:
    return (f"Demo desk in {path}: {summary.tickets:,} tickets ({summary.open_tickets:,} open), "
            f"{summary.worklogs:,} worklog entries, {summary.audit_events:,} audit events, {summary.links:,} links, "
            f"{summary.agents:,} agents in {summary.groups} groups, {summary.requesters:,} requesters, "
            f"{summary.services} services, {summary.configuration_items:,} CIs, {summary.categories} categories "
            f"in {summary.seconds:.1f} s")


def ticket_count(path: Path) -> int:
    """Tickets in the store at `path` without changing it: 0 when there is no file or no ticket table.

    Raises sqlite3.DatabaseError when the file is not a database.
    """
    if not path.exists():
        return 0
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM ticket").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0
        raise
    finally:
        con.close()


def remove_store(path: Path) -> None:
    """Delete the store file with its WAL and shared-memory files (attachment files stay)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _count(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="deskside demo",
        description="Fill a store with a deterministic demo desk: the same seed and --until give the same "
                    "rows, ids included.")
    parser.add_argument("--tickets", type=_count, default=5000, metavar="N", help="tickets to make (default 5000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--store", type=Path, metavar="PATH", help="store file (default: the app's store)")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD",
                        help="tickets span the two years before this day (default: today, UTC)")
    parser.add_argument("--force", action="store_true",
                        help="replace a store that already has tickets (close the app first)")
    args = parser.parse_args(argv)
    path = (args.store or default_store_path()).expanduser()
    try:
        existing = ticket_count(path)
    except sqlite3.DatabaseError as exc:  # never removed, even with --force: it may be anybody's file
        print(f"{path} is not a Deskside store ({exc}); choose another --store.", file=sys.stderr)
        return 2
    if existing:
        if not args.force:
            print(f"The store {path} already has {existing:,} tickets; use --force to replace it with a demo desk.",
                  file=sys.stderr)
            return 2
        remove_store(path)
    try:
        summary = generate(path, tickets=args.tickets, seed=args.seed, until=args.until,
                           progress=ProgressPrinter())
    except StoreError as exc:  # DemoError is one
        print(str(exc), file=sys.stderr)
        return 1
    print(summary_line(summary, path))
    return 0


def seed_if_new(path: Path | str, *, tickets: int = 5000, seed: int = 1) -> bool:
    """Fill the store with a demo desk when it has no tickets yet; True when it did.

    For the app's first start: call it on the database worker, before anything else writes the
    store. It also repairs the search triggers of an earlier seeding that was killed half-way.
    Takes about a second per 10,000 tickets. Raises StoreError when the store cannot be opened.
    """
    store = open_store(path)
    try:
        with store.engine.connect() as conn:
            has_tickets = conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM ticket)").scalar()
    finally:
        store.close()
    repair_interrupted(path)
    if has_tickets:
        return False
    generate(path, tickets=tickets, seed=seed)
    return True


if __name__ == "__main__":
    sys.exit(main())
