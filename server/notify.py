"""Wake waiting pulls when any process commits a change."""
# Within a process the writer wakes the waiting pulls directly after its commit (the embedded SQLite
# server is one process). With PostgreSQL every process also LISTENs on one channel in a daemon
# thread; a writer sends NOTIFY inside its transaction, and PostgreSQL delivers it to every listener
# only when that transaction commits.

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.orm import Session

CHANNEL = "deskside_changes"
log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, database_url: str | None = None) -> None:
        self._lock = threading.Lock()
        self._version = 0
        self._waiters: set[Callable[[], None]] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pg_url = database_url if database_url and database_url.startswith("postgresql") else None

    @property
    def version(self) -> int:
        with self._lock:
            return self._version

    def wake(self) -> None:
        with self._lock:
            self._version += 1
            waiters = list(self._waiters)
        for waiter in waiters:
            waiter()

    async def wait(self, seen_version: int, timeout: float) -> None:
        """Until wake() has been called since `seen_version` was read, or the timeout passes.

        Awaited on the event loop, so a thousand waiting pulls hold no worker threads (the thread
        pool is kept for pushes and queries).
        """
        loop = asyncio.get_running_loop()
        woken = asyncio.Event()

        def waker() -> None:  # called from any thread
            with contextlib.suppress(RuntimeError):  # the loop closed at shutdown; nobody is waiting any more
                loop.call_soon_threadsafe(woken.set)

        with self._lock:
            if self._version != seen_version or self._stop.is_set():
                return
            self._waiters.add(waker)
        try:
            await asyncio.wait_for(woken.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            with self._lock:
                self._waiters.discard(waker)

    def send(self, session: Session, seq: int) -> None:
        """Call inside the writing transaction; other processes hear it at commit."""
        if self._pg_url:
            session.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": str(seq)})

    # --- PostgreSQL listener thread ---------------------------------------------------------------

    def start(self) -> None:
        if self._pg_url and self._thread is None:
            self._thread = threading.Thread(target=self._listen_forever, args=(self._pg_url,),
                                            name="deskside-listen", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.wake()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _listen_forever(self, pg_url: str) -> None:
        import psycopg

        dsn = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    # A change may have landed while (re)connecting: wake waiters to re-check.
                    self.wake()
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0, stop_after=1):
                            self.wake()
            except Exception as exc:  # the database went away: retry, waiting pulls still time out
                log.warning("change listener lost its connection: %s", exc)
                self._stop.wait(1.0)
