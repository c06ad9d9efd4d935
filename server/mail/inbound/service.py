"""Start and stop the collectors of the configured mailboxes (called from the app's lifespan)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from server.config import Settings
from server.db import Database
from server.mail.inbound.collector import Collector, run_forever
from server.mail.inbound.ingest import Ingest
from server.notify import Notifier

log = logging.getLogger(__name__)


class Collectors:
    def __init__(self, db: Database, settings: Settings, notifier: Notifier) -> None:
        ingest = Ingest(db, settings, notifier)
        boxes = settings.mail.inbound if settings.mail is not None else ()
        self.collectors = [Collector(box, ingest) for box in boxes]
        self.tasks: list[asyncio.Task] = []

    def start(self) -> None:
        self.tasks = [asyncio.create_task(run_forever(c)) for c in self.collectors]

    async def stop(self) -> None:
        """Ask every collector to stop (a wait ends within half a second), then wait for the rounds
        under way to finish their mail; the connections are logged out."""
        if not self.collectors:
            return
        log.info("stopping %d mail collector(s)", len(self.collectors))
        for c in self.collectors:
            c.stop()
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(asyncio.gather(*self.tasks, return_exceptions=True), 10)
        for c in self.collectors:  # a round under way ends within half a second and logs out itself
            await asyncio.to_thread(c.finish, 10.0)
        log.info("mail collectors stopped")
