"""The desk a first start makes, a demo desk or an empty one: runner jobs that run before any store is open."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class Progress(Protocol):
    """What the jobs need of their control (app.ui.task_pool.JobControl): a place to report progress."""

    def progress(self, done: int, total: int, text: str = "") -> None: ...


def make_demo_desk(ctl: Progress, *, path: Path, tickets: int) -> None:
    """Fill a new store at `path` with a demo desk, reporting progress. A runner job's thread."""
    from app.demo.generator import generate

    generate(path, tickets=tickets, seed=1, progress=lambda phase, done, total: ctl.progress(done, total, phase))


def make_empty_desk(_ctl: Any, *, path: Path, name: str) -> None:
    """Create and migrate a store at `path` whose local agent is `name`. A runner job's thread."""
    from app.people.reference import ensure_local_user
    from app.store import open_store

    store = open_store(path)
    try:
        with store.session() as session:
            ensure_local_user(session, name=name)
    finally:
        store.close()
