"""Where the sync's database work runs: a Writer (the app's single writer, or the store itself when headless)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from app.store import IMMEDIATE, REDOABLE, Store
from core.feed import SYNC, ChangeRecord, collected, started_by

Published = Callable[[ChangeRecord], None]  # a committed sync transaction's change record, on the sync's thread


class Writer(Protocol):
    """Runs `fn(session, **kwargs)` in one transaction and returns its result (`write`), or on a
    read-only connection (`read`). In the app it is the runner's JobControl: the write runs on the
    single writer thread while the sync's own thread waits."""

    def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any: ...

    def read(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any: ...


class StoreWriter:
    """The headless writer (tests, the command line, the benchmarks): transactions on the calling
    thread. Its writes begin IMMEDIATE (SyncDb begins each one so), waiting for another connection's write
    instead of being refused."""

    def __init__(self, store: Store, published: Published | None = None) -> None:
        self.store, self.published = store, published

    def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        with self.store.session() as session:
            result = fn(session, **kwargs)
            record = collected(session, operation=getattr(fn, "__name__", "sync"))
        if record is not None and self.published is not None:
            self.published(record)  # only once committed: a rollback publishes nothing
        return result

    def read(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        with self.store.read_session() as session:
            return fn(session, **kwargs)


class SyncDb:
    """The store as the sync sees it: its plain facts (client id, blob folder) and a Writer for every
    transaction. The sync never opens a session itself."""

    def __init__(self, store: Store, writer: Writer | None = None, published: Published | None = None) -> None:
        self.store = store
        self.writer: Writer = writer if writer is not None else StoreWriter(store, published)

    @property
    def client_id(self) -> str:
        return self.store.client_id

    @property
    def blob_dir(self) -> Path:
        return self.store.blob_dir

    @property
    def has_fts(self) -> bool:
        return self.store.has_fts

    def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """fn in one transaction of the writer; its change record says the sync started it."""
        return self.writer.write(partial(_as_sync, fn, redoable=False), **kwargs)

    def write_redoable(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """As `write`, for a transaction that can be done again from the server's data (a pulled page with
        its cursor): its commit does not wait for the disk (app.store.REDOABLE). A power cut may undo it
        whole; the cursor goes back with the rows, and the next pull fetches them again."""
        return self.writer.write(partial(_as_sync, fn, redoable=True), **kwargs)

    def read(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        return self.writer.read(fn, **kwargs)


def sync_db(store: Store | SyncDb, published: Published | None = None) -> SyncDb:
    """`store` as a SyncDb: a bare Store gets the headless writer (publishing to `published`)."""
    return store if isinstance(store, SyncDb) else SyncDb(store, published=published)


def _as_sync(fn: Callable[..., Any], session: Any, *, redoable: bool, **kwargs: Any) -> Any:
    # The first use of the session begins its transaction: IMMEDIATE (a sync write never waits to
    # upgrade a read), and, for a redoable one, committed without waiting for the disk.
    session.connection(execution_options={IMMEDIATE: True, REDOABLE: redoable})
    started_by(session, SYNC)
    return fn(session, **kwargs)
