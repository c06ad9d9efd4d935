"""A demo store for benchmarks, generated once per (tickets, seed) and reused from bench/.cache."""

from __future__ import annotations

import fcntl
import json
import sqlite3
from datetime import date
from pathlib import Path

from app.demo.cli import ProgressPrinter, remove_store
from app.demo.generator import VERSION, generate
from app.store import open_store

CACHE = Path(__file__).resolve().parent / ".cache"
# Fixed, so the cached file stays valid: the same rows whatever day the benchmark runs.
UNTIL = date(2026, 11, 1)


def _is_complete(path: Path, *, tickets: int, seed: int) -> bool:
    """The generator writes store_meta "demo" last, so its presence with our inputs means a finished load."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM store_meta WHERE key = 'demo'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    wanted = {"version": VERSION, "tickets": tickets, "seed": seed, "until": UNTIL.isoformat()}
    return row is not None and json.loads(row[0]) == wanted


def cached_store(tickets: int = 1_000_000, seed: int = 7) -> Path:
    """Path of a demo store with `tickets` tickets, generating it first when missing or stale.

    Generating 1,000,000 tickets takes a few minutes and about 5 GB of disk; progress goes to
    stderr. Benchmarks that write should copy the file first, or the next run reuses their edits.
    """
    path = CACHE / f"demo-{tickets}-{seed}.sqlite3"
    if _is_complete(path, tickets=tickets, seed=seed):
        return _migrated(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    # Benchmarks run side by side (make bench, a developer's run) must not build the same file twice.
    with open(CACHE / f"demo-{tickets}-{seed}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_complete(path, tickets=tickets, seed=seed):
            return _migrated(path)
        _build(path, tickets=tickets, seed=seed)
    return path


def _migrated(path: Path) -> Path:
    """The store at the app's schema: a store made before a migration gets it as a user's would (the
    benches open stores read-only and cannot migrate them)."""
    open_store(path).close()
    return path


def _build(path: Path, *, tickets: int, seed: int) -> None:
    remove_store(path)
    # Built under another name and renamed when done, so an interrupted run never looks finished.
    partial = CACHE / f"demo-{tickets}-{seed}.partial.sqlite3"
    remove_store(partial)
    generate(partial, tickets=tickets, seed=seed, until=UNTIL, progress=ProgressPrinter())
    partial.replace(path)  # generate checkpoints and closes, so no WAL file is left to carry along


if __name__ == "__main__":
    print(cached_store())
