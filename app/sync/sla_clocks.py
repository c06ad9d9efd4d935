"""A first sync's SLA clocks measured in a second interpreter while the writer writes the page's rows."""
# Measuring the clocks of a pulled page's tickets is pure Python (app.sla.tracking.sla_rows): profiled on this
# 2-core machine it was about 40 % of the writer thread's CPU in a first sync of 20,000 tickets, and, holding the
# interpreter lock, it competed with the GUI thread. Into an empty store (the first sync, app.sync.fts_pause) a
# pulled ticket's clocks depend only on its wire row (no state history here, no pending edit), so the writer
# sends the page's clock inputs to a second interpreter (`python -m app.sync.sla_clocks`, pickles over its
# stdin and stdout, as app.demo.sla_clocks does for the demo), writes the rows meanwhile, and takes the answer
# back in the same transaction: the page, its clocks and its cursor still commit together. Tickets that do
# have a local history or pending edits by then (edited on this desk during the sync) are measured in the
# writer as before, from their stored rows. Any failure of the second interpreter falls back to that too.

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any, BinaryIO

from app.sla.policies import LoadedPolicy
from app.sla.tracking import INSERT_SLA, sla_rows

log = logging.getLogger(__name__)
# sla_rows' ticket tuple: row_id id type priority service_id created_at first_response_at resolved_at state closed_at
FIELDS = ("id", "type", "priority", "service_id", "created_at", "first_response_at", "resolved_at", "state",
          "closed_at")
UPSERT_SLA = INSERT_SLA.replace("INSERT INTO", "INSERT OR REPLACE INTO", 1)
# Pages with fewer tickets are measured in the writer: a second interpreter costs about a second to start.
PROCESS_FROM = 500


def inputs(rows: Iterable[dict[str, Any]]) -> list[tuple]:
    """sla_rows' ticket tuples from wire rows (times as the server sends them; sla_rows parses them)."""
    return [(None, *(r.get(f) for f in FIELDS)) for r in rows]


class PageClocks:
    """The second interpreter, started on the first page big enough; `send` a page's tickets, `take` their rows.
    Used by one thread at a time (the writer's). `close` when the pull ends."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.failed = getattr(sys, "frozen", False)  # a frozen build has no interpreter to start: in the writer
        self._policies: tuple[LoadedPolicy, ...] | None = None
        self._waiting = False  # a page was sent whose answer nobody took (its transaction failed)

    def send(self, policies: tuple[LoadedPolicy, ...], now: datetime, tickets: list[tuple]) -> bool:
        """Start measuring; False when the caller must measure them itself (too few, or no second process)."""
        if self.failed or len(tickets) < PROCESS_FROM:
            return False
        if self._waiting and self.take() is None:  # the answer to a page that was rolled back: dropped
            return False
        try:
            if self.proc is None:
                env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
                self.proc = subprocess.Popen([sys.executable, "-m", "app.sync.sla_clocks"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, env=env)
            same = policies == self._policies
            self._policies = policies
            assert self.proc.stdin is not None
            pickle.dump((None if same else policies, now, tickets), self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
            self._waiting = True
            return True
        except (OSError, pickle.PicklingError):
            log.warning("SLA clocks of the first sync: no second process, measured in the writer", exc_info=True)
            self._fail()
            return False

    def take(self) -> list[tuple] | None:
        """The rows of the page sent last (ticket_sla columns, INSERT_SLA order); None when the second process
        failed (the caller measures them itself)."""
        self._waiting = False
        try:
            assert self.proc is not None and self.proc.stdout is not None
            return pickle.load(self.proc.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            log.warning("SLA clocks of the first sync: the second process stopped, measured in the writer",
                        exc_info=True)
            self._fail()
            return None

    def _fail(self) -> None:
        self.failed = True
        self.close()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The second interpreter: (policies or None for the same as before, now, tickets) after another until
    the input ends; answers each with its rows."""
    policies: tuple[LoadedPolicy, ...] = ()
    while True:
        try:
            sent, now, tickets = pickle.load(stdin)
        except EOFError:
            return
        policies = policies if sent is None else sent
        pickle.dump(sla_rows(policies, tickets, {}, now=now), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
